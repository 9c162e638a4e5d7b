/**
 * Documents: the papers that come with any incident (a detention record, a summons, a complaint and
 * its answer), added one at a time, each its type, a caption, and its pages photographed in order
 * or a PDF. Skippable: walking past it adds nothing.
 */
import { t } from "../i18n";
import type { DocumentRef } from "../../shared/report/media";
import { Group, SelectField, TextField } from "../components/fields";
import {
  addPage,
  blankDocument,
  changeDocument,
  documentAttachmentIds,
  movePage,
  removePage,
  setPdf,
} from "../documents/documents";
import { PagePicker } from "../documents/PagePicker";
import { documentTypeOptions } from "../documents/typeOptions";
import { PdfPicker } from "../documents/PdfPicker";
import { useEngine } from "../engine/context";
import type { StepPropsV2 } from "./typesV2";

export function DocumentsStep({ draft, update }: StepPropsV2) {
  const engine = useEngine();
  const add = (): void => update((d) => ({ ...d, documents: [...d.documents, blankDocument()] }));
  const remove = async (document: DocumentRef): Promise<void> => {
    await Promise.all(documentAttachmentIds(document).map((id) => engine.removePhoto(id).catch(() => undefined)));
    update((d) => ({ ...d, documents: d.documents.filter((other) => other.id !== document.id) }));
  };
  return (
    <>
      <p>{t("documents.intro")}</p>
      {draft.documents.map((document, index) => {
        const change = (how: (document: DocumentRef) => DocumentRef): void =>
          update((d) => changeDocument(d, document.id, how));
        return (
          <div key={document.id} data-testid="doc-item">
            <Group legend={t("documents.item", { n: index + 1 })}>
              <SelectField
                label={t("documents.type")}
                value={document.type}
                options={documentTypeOptions()}
                placeholder={t("documents.typePlaceholder")}
                onChange={(type) => change((d) => ({ ...d, type }))}
                testid="doc-type"
              />
              <TextField
                label={t("documents.caption")}
                hint={t("documents.captionHint")}
                value={document.caption}
                onChange={(caption) => change((d) => ({ ...d, caption: caption?.slice(0, 500) ?? null }))}
                testid="doc-caption"
              />
              <PagePicker
                draftId={draft.draftId}
                pages={document.pages}
                onAdd={(page) => change((d) => addPage(d, page))}
                onRemove={(attachmentId) => change((d) => removePage(d, attachmentId))}
                onMove={(at, by) => change((d) => movePage(d, at, by))}
              />
              <PdfPicker draftId={draft.draftId} pdf={document.pdf} onChange={(pdf) => change((d) => setPdf(d, pdf))} />
              <button type="button" class="link" onClick={() => void remove(document)} data-testid="doc-remove">
                {t("documents.remove")}
              </button>
            </Group>
          </div>
        );
      })}
      <button type="button" class="secondary" onClick={add} data-testid="doc-add">
        {draft.documents.length === 0 ? t("documents.add") : t("documents.addAnother")}
      </button>
    </>
  );
}
