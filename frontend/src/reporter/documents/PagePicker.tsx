/**
 * A document's pages: photographed one after another ("Photograph page 1", then "Add page") or
 * chosen from the gallery, shown in order with their numbers. Pages are sealed as originals
 * (never downscaled: a paper must stay legible). Past the page limit it says so, never drops silently.
 */
import { useId, useState } from "preact/hooks";

import { t } from "../i18n";
import { MEDIA_LIMITS } from "../../shared/report/media";
import type { PhotoRef } from "../../shared/report/v2";
import { CameraOrGallery } from "../components/CameraOrGallery";
import { useEngine } from "../engine/context";
import { forgetThumbnail, rememberThumbnail, thumbnailUrl } from "../photos/thumbnails";

interface Props {
  draftId: string;
  pages: PhotoRef[];
  onAdd: (page: PhotoRef) => void;
  onRemove: (attachmentId: string) => void;
  onMove: (index: number, by: -1 | 1) => void;
}

const LIMIT = MEDIA_LIMITS.pagesPerDocument;

export function PagePicker({ draftId, pages, onAdd, onRemove, onMove }: Props) {
  const engine = useEngine();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const full = pages.length >= LIMIT;

  const onFiles = async (event: Event, source: "camera" | "gallery"): Promise<void> => {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = "";
    const room = LIMIT - pages.length;
    setBusy(true);
    setProblem(files.length > room ? t("documents.pagesDropped", { n: LIMIT }) : null);
    // One page at a time, in the order given: the order of the pages is the order of the paper.
    for (const file of files.slice(0, Math.max(room, 0))) {
      try {
        const capturedAt = Date.now();
        const page = await engine.attachPhoto(draftId, file, { downscale: false, source, capturedAt });
        await rememberThumbnail(page.attachmentId, file);
        onAdd(page);
      } catch {
        setProblem(t("documents.pageFailed"));
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
    <fieldset class="group photos">
      <legend>{t("documents.pagesTitle")}</legend>
      <p class="hint">{t("documents.pagesHint")}</p>
      {pages.length > 0 && (
        <ol class="photo-tiles">
          {pages.map((page, index) => {
            const url = thumbnailUrl(page.attachmentId);
            const name = t("documents.pageN", { n: index + 1 });
            return (
              <li key={page.attachmentId} class="photo-tile" data-testid="doc-page">
                {url ? <img src={url} alt={name} width={96} height={96} /> : <span class="sealed">{name}</span>}
                <span>{name}</span>
                <button type="button" class="link" disabled={index === 0} onClick={() => onMove(index, -1)}>
                  {t("documents.pageUp")}
                  <span class="visually-hidden"> ({name})</span>
                </button>
                <button
                  type="button"
                  class="link"
                  disabled={index === pages.length - 1}
                  onClick={() => onMove(index, 1)}
                >
                  {t("documents.pageDown")}
                  <span class="visually-hidden"> ({name})</span>
                </button>
                <button type="button" class="link" onClick={() => void remove(page.attachmentId)}>
                  {t("documents.removePage")}
                  <span class="visually-hidden"> ({name})</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {full ? (
        <p class="notice" data-testid="doc-pages-full">
          {t("documents.pagesLimit", { n: LIMIT })}
        </p>
      ) : (
        <CameraOrGallery
          id={id}
          busy={busy}
          cameraLabel={pages.length === 0 ? t("documents.photographPage", { n: 1 }) : t("documents.addPage")}
          galleryLabel={t("documents.galleryPages")}
          testids={{ camera: "doc-page-camera", gallery: "doc-page-gallery" }}
          onFiles={(event, source) => void onFiles(event, source)}
        />
      )}
      <p class="status" role="status">
        {busy ? t("documents.adding") : (problem ?? "")}
      </p>
    </fieldset>
  );
}
