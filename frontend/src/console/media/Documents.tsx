/**
 * A report's documents (docs/media.md, "Documents"), grouped by type in the phone's order: each
 * with its caption, its pages in order ("page 2 of 3"), and its PDF; every page and PDF decrypted
 * in the browser, its hash and the phone's signature checked.
 */
import type { AttachmentMeta } from "../apiTypes";
import { fmtInstant, t } from "../i18n";
import type { DocumentRef } from "../../shared/report/media";
import type { DeviceKey, PhotoRef, ReportV2 } from "../../shared/report/v2";
import { byType, openPage } from "./openDocument";
import { PdfView } from "./PdfView";
import { Provenance } from "./Provenance";
import { useOpened } from "./useOpened";

interface PageProps {
  page: PhotoRef;
  n: number;
  total: number;
  received: boolean;
  device: DeviceKey | null;
}

function Page({ page, n, total, received, device }: PageProps) {
  const state = useOpened(page.attachmentId, received, (ciphertext, identities) =>
    openPage(ciphertext, identities, page, device),
  );
  const open = state.name === "open" ? state : null;
  const name = t("docView.pageOf", { n, total });
  return (
    <figure
      class="photo"
      data-testid="doc-view-page"
      data-page={n}
      data-attachment-id={page.attachmentId}
      data-sha256={open?.opened.sha256}
    >
      {open && open.opened.type !== "" ? (
        <a href={open.url} target="_blank" rel="noopener">
          <img src={open.url} alt={name} />
        </a>
      ) : (
        <div class="photo-placeholder">{t(`docView.${open ? "notImage" : state.name}`)}</div>
      )}
      <figcaption>
        <p>
          <strong>{name}</strong>
          {page.capturedAt ? ` · ${fmtInstant(page.capturedAt)}` : ""}
        </p>
        {open && <Provenance opened={open.opened} />}
      </figcaption>
    </figure>
  );
}

function DocumentView({
  document,
  received,
  device,
}: {
  document: DocumentRef;
  received: Set<string>;
  device: DeviceKey | null;
}) {
  return (
    <article class="document" data-testid="doc-view" data-document-id={document.id}>
      {document.caption && <p data-testid="doc-view-caption">{document.caption}</p>}
      {document.pages.length > 0 && (
        <div class="photos">
          {document.pages.map((page, index) => (
            <Page
              key={page.attachmentId}
              page={page}
              n={index + 1}
              total={document.pages.length}
              received={received.has(page.attachmentId)}
              device={device}
            />
          ))}
        </div>
      )}
      {document.pdf && (
        <PdfView pdf={document.pdf} received={received.has(document.pdf.attachmentId)} device={device} />
      )}
      {document.pages.length === 0 && !document.pdf && <p class="muted">{t("docView.empty")}</p>}
    </article>
  );
}

export function Documents({
  report,
  attachments,
}: {
  /** A report, or a follow-up answer's media with its device key (components/AnswerMedia.tsx). */
  report: Pick<ReportV2, "documents" | "device">;
  attachments: readonly AttachmentMeta[];
}) {
  if (report.documents.length === 0) return null;
  const received = new Set(attachments.filter((a) => a.received).map((a) => a.attachment_id));
  return (
    <section class="section" data-testid="documents-section">
      <h2>{t("docView.title")}</h2>
      {byType(report.documents).map((group) => (
        <div key={group.type ?? "none"} class="document-group" data-testid="doc-group" data-type={group.type ?? "none"}>
          <h3>{group.type ? t(`documents.types.${group.type}`) : t("docView.noType")}</h3>
          {group.documents.map((document) => (
            <DocumentView key={document.id} document={document} received={received} device={report.device} />
          ))}
        </div>
      ))}
    </section>
  );
}
