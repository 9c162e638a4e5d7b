/**
 * The two ways to give a picture: the camera (`capture`), or the gallery (several at once). Photos and
 * document pages both offer them; which one was used is recorded (`PhotoRef.source`).
 */
export type PictureSource = "camera" | "gallery";

interface Props {
  /** Prefix of the inputs' ids (from `useId`), so each label opens its own input. */
  id: string;
  busy: boolean;
  cameraLabel: string;
  galleryLabel: string;
  testids: Record<PictureSource, string>;
  onFiles: (event: Event, source: PictureSource) => void;
}

export function CameraOrGallery({ id, busy, cameraLabel, galleryLabel, testids, onFiles }: Props) {
  return (
    <div class="photo-buttons">
      <input
        id={`${id}-camera`}
        class="file-input"
        type="file"
        accept="image/*"
        capture="environment"
        onChange={(event) => onFiles(event, "camera")}
        disabled={busy}
        data-testid={testids.camera}
      />
      <label for={`${id}-camera`} class="button secondary">
        {cameraLabel}
      </label>
      <input
        id={`${id}-gallery`}
        class="file-input"
        type="file"
        accept="image/*"
        multiple
        onChange={(event) => onFiles(event, "gallery")}
        disabled={busy}
        data-testid={testids.gallery}
      />
      <label for={`${id}-gallery`} class="button secondary">
        {galleryLabel}
      </label>
    </div>
  );
}
