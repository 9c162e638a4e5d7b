/**
 * Photos: one input opens the camera, one the gallery. Each file is handed to the engine, which
 * hashes, optionally downscales, seals and stores only ciphertext. Thumbnails live in memory.
 */
import { useId, useState } from "preact/hooks";

import { t } from "../i18n";
import type { PhotoRef } from "../../shared/report/v2";
import { useEngine } from "../engine/context";
import { forgetThumbnail, rememberThumbnail, thumbnailUrl } from "../photos/thumbnails";
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
  const [downscale, setDownscale] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const onFiles = async (event: Event): Promise<void> => {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = "";
    setBusy(true);
    setFailed(false);
    // One photo at a time: a decoded 12 MP photo takes about 48 MB of a cheap phone's memory.
    for (const file of files) {
      try {
        const photo = await engine.attachPhoto(draftId, file, { downscale });
        await rememberThumbnail(photo.attachmentId, file);
        onAdd(photo);
      } catch {
        setFailed(true);
      }
    }
    setBusy(false);
  };

  const remove = async (attachmentId: string): Promise<void> => {
    await engine.removePhoto(attachmentId).catch(() => undefined);
    forgetThumbnail(attachmentId);
    onRemove(attachmentId);
  };

  return (
    <fieldset class="group photos" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{title}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class="photo-buttons">
        <input
          id={`${id}-camera`}
          class="file-input"
          type="file"
          accept="image/*"
          capture="environment"
          onChange={(event) => void onFiles(event)}
          disabled={busy}
          data-testid="photo-camera"
        />
        <label for={`${id}-camera`} class="button secondary">
          {t("photos.camera")}
        </label>
        <input
          id={`${id}-gallery`}
          class="file-input"
          type="file"
          accept="image/*"
          multiple
          onChange={(event) => void onFiles(event)}
          disabled={busy}
          data-testid="photo-gallery"
        />
        <label for={`${id}-gallery`} class="button secondary">
          {t("photos.gallery")}
        </label>
      </div>
      <CheckField
        label={t("photos.downscale")}
        hint={t("photos.downscaleHint")}
        checked={downscale}
        onChange={setDownscale}
        testid="photo-downscale"
      />
      <p class="status" role="status">
        {busy ? t("photos.adding") : failed ? t("photos.failed") : ""}
      </p>
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
                <button type="button" class="link" onClick={() => void remove(photo.attachmentId)}>
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
