/**
 * A report's photos: fetched, decrypted and hash-checked in the browser (attachments/openPhoto.ts),
 * shown through an object URL (CSP img-src allows blob:) that is revoked when the photo leaves the
 * screen. Two photos are opened at a time.
 */
import { useEffect, useState } from "preact/hooks";

import type { AttachmentMeta } from "../apiTypes";
import { openPhoto, type OpenPhoto } from "../attachments/openPhoto";
import { useConsole } from "../context";
import { fmtInstant, fmtNumber, t } from "../i18n";
import { limiter } from "../queue/pool";
import type { PhotoRef } from "../../shared/report/model";

const gate = limiter(2);

type State =
  { name: "waiting" } | { name: "missing" } | { name: "failed" } | { name: "open"; photo: OpenPhoto; url: string };

function PhotoTile({ photo, received }: { photo: PhotoRef; received: boolean }) {
  const { api, keyring } = useConsole();
  const [state, setState] = useState<State>(received ? { name: "waiting" } : { name: "missing" });

  useEffect(() => {
    if (!received) return;
    let url: string | null = null;
    let gone = false;
    gate(async () => {
      if (gone) return;
      const ciphertext = await api.attachmentCiphertext(photo.attachmentId);
      const opened = await openPhoto(ciphertext, keyring.identity(), photo);
      if (gone) return;
      // Only a known image type is ever shown or opened; anything else can only be downloaded.
      url = URL.createObjectURL(new Blob([opened.bytes], { type: opened.type || "application/octet-stream" }));
      setState({ name: "open", photo: opened, url });
    }).catch(() => !gone && setState({ name: "failed" }));
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [photo.attachmentId, received]);

  const open = state.name === "open" ? state : null;
  return (
    <figure
      class="photo"
      data-testid="photo"
      data-attachment-id={photo.attachmentId}
      data-hash-ok={open ? (open.photo.hashOk ? "1" : "0") : undefined}
    >
      {open && open.photo.type !== "" ? (
        <a href={open.url} target="_blank" rel="noopener">
          <img src={open.url} alt={t("report.photo.alt")} />
        </a>
      ) : (
        <div class="photo-placeholder">{t(`report.photo.${open ? "notImage" : state.name}`)}</div>
      )}
      <figcaption>
        {open && (
          <p class={open.photo.hashOk ? "hash-ok" : "problem"}>
            {open.photo.hashOk ? t("report.photo.hashOk") : t("report.photo.hashBad")}
          </p>
        )}
        <p>
          {t("report.photo.captured")}: {photo.capturedAt ? fmtInstant(photo.capturedAt) : t("report.notGiven")}
          {photo.width && photo.height ? ` · ${fmtNumber(photo.width)}×${fmtNumber(photo.height)}` : ""}
          {photo.downscaled ? ` · ${t("report.photo.downscaled")}` : ""}
        </p>
        <p class="hash">
          {t("report.photo.originalSha256")}: <code>{photo.originalSha256}</code>
        </p>
        {photo.downscaled && (
          <p class="hash">
            {t("report.photo.sealedSha256")}: <code>{photo.sealedSha256}</code>
          </p>
        )}
        {open && (
          <a
            href={open.url}
            download={`${photo.attachmentId}${extension(open.photo.type)}`}
            data-testid="photo-download"
          >
            {t("report.photo.download")}
          </a>
        )}
      </figcaption>
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
}: {
  photos: readonly PhotoRef[];
  attachments: readonly AttachmentMeta[];
}) {
  const received = new Set(attachments.filter((a) => a.received).map((a) => a.attachment_id));
  return (
    <div class="photos">
      {photos.map((photo) => (
        <PhotoTile key={photo.attachmentId} photo={photo} received={received.has(photo.attachmentId)} />
      ))}
    </div>
  );
}
