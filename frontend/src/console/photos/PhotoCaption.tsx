/**
 * What the reviewer reads under a photo: the hash check, the phone's signature, the file's own
 * EXIF (time, camera, orientation, GPS yes/no, never the position) and what the phone recorded
 * (its clock at capture, the file's time, camera or gallery, original or smaller copy).
 */
import { fmtInstant, fmtNumber, t } from "../i18n";
import type { PhotoRef } from "../../shared/report/v2";
import type { PhotoExif } from "./exif";
import type { PhotoVerdict } from "./verdict";

interface Props {
  photo: PhotoRef;
  /** The decrypted original's SHA-256 and verdict; null until the original is open. */
  checked: { sha256: string; verdict: PhotoVerdict } | null;
  /** Null while reading (or before the original is open). */
  exif: PhotoExif | null;
}

const PROVENANCE_CLASS = { valid: "hash-ok", invalid: "problem", unsigned: "muted" } as const;

function Exif({ exif }: { exif: PhotoExif }) {
  const camera = [exif.make, exif.model].filter(Boolean).join(" ");
  if (!exif.takenAt && !camera && exif.orientation === null && !exif.hasGps) {
    return <p data-testid="photo-exif-none">{t("photoEvidence.noExif")}</p>;
  }
  return (
    <>
      <p>
        {t("photoEvidence.exifTaken")}: <span data-testid="photo-exif-taken">{exif.takenAt ?? "—"}</span>
      </p>
      <p>
        {t("photoEvidence.camera")}: <span data-testid="photo-exif-camera">{camera || "—"}</span>
        {exif.orientation !== null && ` · ${t("photoEvidence.orientation")}: ${fmtNumber(exif.orientation)}`}
      </p>
      <p data-testid="photo-exif-gps" data-gps={exif.hasGps ? "1" : "0"}>
        {t("photoEvidence.gps")}: {t(exif.hasGps ? "photoEvidence.gpsYes" : "photoEvidence.gpsNo")}
      </p>
    </>
  );
}

export function PhotoCaption({ photo, checked, exif }: Props) {
  return (
    <figcaption>
      {checked && (
        <>
          <p class={checked.verdict.hashOk ? "hash-ok" : "problem"}>
            {checked.verdict.hashOk ? t("report.photo.hashOk") : t("report.photo.hashBad")}
          </p>
          <p
            class={PROVENANCE_CLASS[checked.verdict.provenance]}
            data-testid="photo-provenance"
            data-provenance={checked.verdict.provenance}
          >
            {t(`photoEvidence.provenance.${checked.verdict.provenance}`)}
          </p>
        </>
      )}
      <p>{t(photo.downscaled ? "photoEvidence.smallerCopy" : "photoEvidence.original")}</p>
      {exif && <Exif exif={exif} />}
      <p>
        {t("photoEvidence.phoneClock")}: {photo.capturedAt ? fmtInstant(photo.capturedAt) : t("report.notGiven")}
        {photo.width && photo.height ? ` · ${fmtNumber(photo.width)}×${fmtNumber(photo.height)}` : ""}
      </p>
      <p>
        {t("photoEvidence.fileTime")}: {photo.fileTime ? fmtInstant(photo.fileTime) : t("report.notGiven")}
      </p>
      <p data-testid="photo-source" data-source={photo.source ?? ""}>
        {t("photoEvidence.source")}: {t(`photoEvidence.sources.${photo.source ?? "unknown"}`)}
      </p>
      <p class="hash">
        {t("report.photo.originalSha256")}: <code>{photo.originalSha256}</code>
      </p>
      {photo.downscaled && (
        <p class="hash">
          {t("report.photo.sealedSha256")}: <code>{photo.sealedSha256}</code>
        </p>
      )}
      {checked && (
        <p class="hash">
          {t("photoEvidence.decryptedSha256")}: <code data-testid="photo-decrypted-hash">{checked.sha256}</code>
        </p>
      )}
    </figcaption>
  );
}
