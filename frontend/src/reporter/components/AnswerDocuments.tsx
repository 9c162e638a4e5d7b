/**
 * Papers sent with an answer to a follow-up question ("send the summons you received"): the Documents
 * step's pickers (src/reporter/documents/) over the answer's `media.documents`, captured under the
 * answer's draft id. Nothing shows but the "add" button until a document is begun.
 */
import { t } from "../i18n";
import type { DocumentRef } from "../../shared/report/media";
import { addPage, blankDocument, documentAttachmentIds, movePage, removePage, setPdf } from "../documents/documents";
import { PagePicker } from "../documents/PagePicker";
import { documentTypeOptions } from "../documents/typeOptions";
import { PdfPicker } from "../documents/PdfPicker";
import { useEngine } from "../engine/context";
import { SelectField, TextField } from "./fields";

interface Props {
  draftId: string;
  documents: readonly DocumentRef[];
  onChange: (change: (documents: DocumentRef[]) => DocumentRef[]) => void;
}

export function AnswerDocuments({ draftId, documents, onChange }: Props) {
  const engine = useEngine();
  const change = (id: string, how: (document: DocumentRef) => DocumentRef): void =>
    onChange((list) => list.map((document) => (document.id === id ? how(document) : document)));
  const remove = async (document: DocumentRef): Promise<void> => {
    await Promise.all(documentAttachmentIds(document).map((id) => engine.removePhoto(id).catch(() => undefined)));
    onChange((list) => list.filter((other) => other.id !== document.id));
  };
  return (
    <div class="answer-documents">
      {documents.map((document, index) => (
        <fieldset key={document.id} class="group" data-testid="answer-doc">
          <legend>{t("documents.item", { n: index + 1 })}</legend>
          <SelectField
            label={t("documents.type")}
            value={document.type}
            options={documentTypeOptions()}
            placeholder={t("documents.typePlaceholder")}
            onChange={(type) => change(document.id, (d) => ({ ...d, type }))}
            testid="doc-type"
          />
          <TextField
            label={t("documents.caption")}
            hint={t("documents.captionHint")}
            value={document.caption}
            onChange={(caption) => change(document.id, (d) => ({ ...d, caption: caption?.slice(0, 500) ?? null }))}
            testid="doc-caption"
          />
          <PagePicker
            draftId={draftId}
            pages={document.pages}
            onAdd={(page) => change(document.id, (d) => addPage(d, page))}
            onRemove={(attachmentId) => change(document.id, (d) => removePage(d, attachmentId))}
            onMove={(at, by) => change(document.id, (d) => movePage(d, at, by))}
          />
          <PdfPicker
            draftId={draftId}
            pdf={document.pdf}
            onChange={(pdf) => change(document.id, (d) => setPdf(d, pdf))}
          />
          <button type="button" class="link" onClick={() => void remove(document)} data-testid="doc-remove">
            {t("documents.remove")}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => onChange((list) => [...list, blankDocument()])}
        data-testid="answer-doc-add"
      >
        {documents.length === 0 ? t("documents.add") : t("documents.addAnother")}
      </button>
    </div>
  );
}
