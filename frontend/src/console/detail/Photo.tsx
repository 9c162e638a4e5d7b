/**
 * A report's photos: fetched, decrypted and hash-checked in the browser (attachments/openPhoto.ts),
 * shown through an object URL (CSP img-src allows blob:) that is revoked when the photo leaves the
 * screen. Two photos are opened at a time. While the original is still on its way, the phone's
 * preview stands in for it; the original, once here, has its signature checked and its EXIF read. An
 * original the relative chose not to send (withdrawn on the phone) is said to be so, not "on its way".
 */
import { useEffect, useState } from "preact/hooks";

import type { AttachmentMeta } from "../apiTypes";
import { openPhoto, openPreview } from "../attachments/openPhoto";
import { useConsole } from "../context";
import { t } from "../i18n";
import { limiter } from "../queue/pool";
import { readExif, type PhotoExif } from "../photos/exif";
import { PhotoCaption } from "../photos/PhotoCaption";
import { photoVerdict, type PhotoVerdict } from "../photos/verdict";
import type { DeviceKey, PhotoRef } from "../../shared/report/v2";
import { openableAttachment } from "../grants/grants";

const gate = limiter(2);

type State =
  | { name: "waiting" }
  | { name: "missing" }
  | { name: "failed" }
  | { name: "preview"; url: string; type: string }
  | { name: "original"; url: string; type: string; sha256: string; verdict: PhotoVerdict };

interface TileProps {
  photo: PhotoRef;
  device: DeviceKey | null;
  original: boolean;
  preview: boolean;
  /** The relative withdrew the original: it will never arrive. */
  withdrawn: boolean;
}

function PhotoTile({ photo, device, original, preview, withdrawn }: TileProps) {
  const { api, keyring } = useConsole();
  const [state, setState] = useState<State>(original || preview ? { name: "waiting" } : { name: "missing" });
  const [exif, setExif] = useState<PhotoExif | null>(null);

  useEffect(() => {
    const previewId = photo.previewAttachmentId;
    if (!original && !(preview && previewId)) return;
    let url: string | null = null;
    let gone = false;
    // Only a known image type is ever shown or opened; anything else can only be downloaded.
    const urlOf = (bytes: Uint8Array<ArrayBuffer>, type: string): string =>
      (url = URL.createObjectURL(new Blob([bytes], { type: type || "application/octet-stream" })));
    gate(async () => {
      if (gone) return;
      if (!original) {
        const identities = keyring.identitiesFor(previewId!);
        const opened = await openPreview(await openableAttachment(api, identities, previewId!), identities);
        if (!gone) setState({ name: "preview", url: urlOf(opened.bytes, opened.type), type: opened.type });
        return;
      }
      const identities = keyring.identitiesFor(photo.attachmentId);
      const opened = await openPhoto(await openableAttachment(api, identities, photo.attachmentId), identities, photo);
      if (gone) return;
      const verdict = photoVerdict(photo, opened.sha256, device);
      setState({
        name: "original",
        url: urlOf(opened.bytes, opened.type),
        type: opened.type,
        sha256: opened.sha256,
        verdict,
      });
      const read = await readExif(opened.bytes);
      if (!gone) setExif(read);
    }).catch(() => !gone && setState({ name: "failed" }));
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [photo.attachmentId, original, preview]);

  const shown = state.name === "original" || state.name === "preview" ? state : null;
  const checked = state.name === "original" ? { sha256: state.sha256, verdict: state.verdict } : null;
  return (
    <figure
      class="photo"
      data-testid="photo"
      data-attachment-id={photo.attachmentId}
      data-showing={shown?.name}
      data-hash-ok={checked ? (checked.verdict.hashOk ? "1" : "0") : undefined}
      data-provenance={checked?.verdict.provenance}
      data-original={withdrawn ? "withdrawn" : undefined}
    >
      {shown && shown.type !== "" ? (
        <a href={shown.url} target="_blank" rel="noopener">
          <img src={shown.url} alt={t("report.photo.alt")} />
        </a>
      ) : (
        <div class="photo-placeholder">{t(`report.photo.${shown ? "notImage" : state.name}`)}</div>
      )}
      {(state.name === "preview" || (withdrawn && state.name === "missing")) && (
        <p class="muted" data-testid="photo-preview-note">
          {t(withdrawn ? "photoEvidence.withdrawn" : "photoEvidence.preview")}
        </p>
      )}
      <PhotoCaption photo={photo} checked={checked} exif={exif} />
      {state.name === "original" && (
        <a href={state.url} download={`${photo.attachmentId}${extension(state.type)}`} data-testid="photo-download">
          {t("report.photo.download")}
        </a>
      )}
    </figure>
  );
}

const extension = (type: string): string =>
  ({ "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif", "image/heic": ".heic" })[
    type
  ] ?? "";

export function Photos({
  photos,
  attachments,
  device,
}: {
  photos: readonly PhotoRef[];
  attachments: readonly AttachmentMeta[];
  /** The report's device key, which signed its photos (null: none named). */
  device: DeviceKey | null;
}) {
  const received = new Set(attachments.filter((a) => a.received).map((a) => a.attachment_id));
  const withdrawn = new Set(attachments.filter((a) => a.withdrawn).map((a) => a.attachment_id));
  return (
    <div class="photos">
      {photos.map((photo) => (
        <PhotoTile
          key={photo.attachmentId}
          photo={photo}
          device={device}
          original={received.has(photo.attachmentId)}
          preview={photo.previewAttachmentId !== null && received.has(photo.previewAttachmentId)}
          withdrawn={withdrawn.has(photo.attachmentId)}
        />
      ))}
    </div>
  );
}
