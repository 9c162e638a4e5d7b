/** A document's PDF, chosen from the phone's files: sealed and signed by the engine, refused saying why. */
import { useId, useState } from "preact/hooks";

import { t } from "../i18n";
import type { FileRef } from "../../shared/report/v2";
import { useEngine } from "../engine/context";
import { shownErrorCode } from "../outbox/errors";

interface Props {
  draftId: string;
  pdf: FileRef | null;
  onChange: (pdf: FileRef | null) => void;
}

export function PdfPicker({ draftId, pdf, onChange }: Props) {
  const engine = useEngine();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFile = async (event: Event): Promise<void> => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const attached = await engine.attachFile(draftId, file);
      if (pdf) await engine.removePhoto(pdf.attachmentId).catch(() => undefined);
      onChange(attached);
    } catch (error) {
      const code = shownErrorCode(error);
      setProblem(
        code === "not_pdf" || code === "file_too_large"
          ? t(`documents.${code}`)
          : code === "storage"
            ? t("storage.fileFailed")
            : t("documents.fileFailed"),
      );
    }
    setBusy(false);
  };

  const remove = async (): Promise<void> => {
    if (!pdf) return;
    await engine.removePhoto(pdf.attachmentId).catch(() => undefined);
    onChange(null);
  };

  return (
    <div class="field">
      {pdf && (
        <p data-testid="doc-pdf-attached">
          {pdf.name ? t("documents.pdfAttached", { name: pdf.name }) : t("documents.pdfUnnamed")}{" "}
          <button type="button" class="link" onClick={() => void remove()}>
            {t("documents.pdfRemove")}
          </button>
        </p>
      )}
      <input
        id={id}
        class="file-input"
        type="file"
        accept="application/pdf"
        onChange={(event) => void onFile(event)}
        disabled={busy}
        data-testid="doc-pdf"
      />
      <label for={id} class="button secondary">
        {t("documents.pdf")}
      </label>
      <p class="status" role="status" data-testid="doc-pdf-status">
        {busy ? t("documents.adding") : (problem ?? "")}
      </p>
    </div>
  );
}
