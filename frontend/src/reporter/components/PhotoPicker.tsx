/**
 * Photos: one input opens the camera, one the gallery. Each file is handed to the engine, which
 * hashes, seals the original as it is (or a smaller copy, when ticked), signs it and stores only
 * ciphertext. Thumbnails live in memory. A photo over the size limit is refused, saying the limit,
 * with a button to send a smaller copy of that same photo instead.
 */
import { useId, useState } from "preact/hooks";

import { t } from "../i18n";
import { MEDIA_LIMITS, photoAttachments } from "../../shared/report/media";
import type { PhotoRef } from "../../shared/report/v2";
import type { PhotoOptions } from "../engine/engine";
import { shownErrorCode } from "../outbox/errors";
import { useEngine } from "../engine/context";
import { forgetThumbnail, rememberThumbnail, thumbnailUrl } from "../photos/thumbnails";
import { CameraOrGallery } from "./CameraOrGallery";
import { CheckField } from "./fields";

interface Props {
  draftId: string;
  title: string;
  hint?: string;
  photos: PhotoRef[];
  onAdd: (photo: PhotoRef) => void;
  onRemove: (attachmentId: string) => void;
}

export function PhotoPicker({ draftId, title, hint, photos, onAdd, onRemove }: Props) {
  const engine = useEngine();
  const id = useId();
  // Originals by default: only they keep the capture time and camera that make a photo evidence.
  const [downscale, setDownscale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<"failed" | "unreadable" | "storage" | "list" | null>(null);
  // Photos refused for size, with how they were picked, to send as smaller copies on request.
  const [tooLarge, setTooLarge] = useState<{ file: File; options: PhotoOptions }[]>([]);

  const attach = async (picked: { file: File; options: PhotoOptions }[]): Promise<void> => {
    setBusy(true);
    setFailed(null);
    setTooLarge([]);
    const refused: typeof picked = [];
    // One photo at a time: a decoded 12 MP photo takes about 48 MB of a cheap phone's memory.
    for (const { file, options } of picked) {
      try {
        const photo = await engine.attachPhoto(draftId, file, options);
        await rememberThumbnail(photo.attachmentId, file);
        onAdd(photo);
      } catch (error) {
        const code = shownErrorCode(error);
        if (code === "too_large" && !options.downscale) refused.push({ file, options });
        else setFailed(code === "unreadable" || code === "storage" || code === "list" ? code : "failed");
      }
    }
    setTooLarge(refused);
    setBusy(false);
  };

  const onFiles = (event: Event, source: "camera" | "gallery"): void => {
    // The phone's clock when the camera or gallery handed the file back: the capture time it vouches for.
    const capturedAt = Date.now();
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = "";
    void attach(files.map((file) => ({ file, options: { downscale, source, capturedAt } })));
  };

  const remove = async (photo: PhotoRef): Promise<void> => {
    for (const attachmentId of photoAttachments(photo)) {
      await engine.removePhoto(attachmentId).catch(() => undefined);
    }
    forgetThumbnail(photo.attachmentId);
    onRemove(photo.attachmentId);
  };

  return (
    <fieldset class="group photos" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{title}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <CameraOrGallery
        id={id}
        busy={busy}
        cameraLabel={t("photos.camera")}
        galleryLabel={t("photos.gallery")}
        testids={{ camera: "photo-camera", gallery: "photo-gallery" }}
        onFiles={onFiles}
      />
      <CheckField
        label={t("evidencePhotos.smaller")}
        hint={t("evidencePhotos.smallerHint")}
        checked={downscale}
        onChange={setDownscale}
        testid="photo-downscale"
      />
      <p class="status" role="status">
        {busy
          ? t("photos.adding")
          : failed === "unreadable"
            ? t("evidencePhotos.unreadable")
            : failed === "storage"
              ? t("storage.photoFailed")
              : failed === "list"
                ? t("noKeys.photoFailed")
                : failed
                  ? t("photos.failed")
                  : ""}
      </p>
      {tooLarge.length > 0 && !busy && (
        <div class="warning" role="alert" data-testid="photo-too-large">
          <p>{t("evidencePhotos.tooLarge", { limit: MEDIA_LIMITS.attachmentBytes / 1024 / 1024 })}</p>
          <button
            type="button"
            class="secondary"
            onClick={() =>
              void attach(tooLarge.map(({ file, options }) => ({ file, options: { ...options, downscale: true } })))
            }
            data-testid="photo-attach-smaller"
          >
            {t("evidencePhotos.attachSmaller")}
          </button>
        </div>
      )}
      {photos.length > 0 && (
        <ul class="photo-tiles">
          {photos.map((photo, index) => {
            const url = thumbnailUrl(photo.attachmentId);
            const name = t("photos.photoN", { n: index + 1 });
            return (
              <li key={photo.attachmentId} class="photo-tile" data-testid="photo-tile">
                {url ? (
                  <img src={url} alt={name} width={96} height={96} />
                ) : (
                  <span class="sealed">{t("photos.encrypted")}</span>
                )}
                <button type="button" class="link" onClick={() => void remove(photo)}>
                  {t("photos.remove")}
                  <span class="visually-hidden"> ({name})</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
