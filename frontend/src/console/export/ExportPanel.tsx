/**
 * "Export case" / "Export archive": the bundle is gathered, zipped and sealed in the browser
 * (make.ts), then offered as a download from a Blob URL. The server never sees the bundle; it only
 * hands over the age files the console opens, as for reading.
 */
import { useEffect, useRef, useState } from "preact/hooks";

import { problemText } from "../components/Problem";
import { useConsole } from "../context";
import { t } from "../i18n";
import { ExportProblem, type ExportProgress } from "./collect";
import { makeBundle, type MadeBundle } from "./make";
import type { ExportScope } from "./manifest";
import { MixedKeysError } from "./recipients";

interface Ready {
  url: string;
  bundle: MadeBundle;
}

/** The panel's words for a failed export: its own codes first, then the console's. */
function exportProblemText(error: unknown): string {
  if (error instanceof ExportProblem) return t(`export.problems.${error.code}`);
  if (error instanceof MixedKeysError) return t(`export.problems.${error.name}`);
  return problemText(error);
}

export function ExportPanel({ scope, caseId }: { scope: ExportScope; caseId?: string }) {
  const session = useConsole();
  const [others, setOthers] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [ready, setReady] = useState<Ready | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const mounted = useRef(true);
  const url = useRef<string | null>(null);

  const forgetUrl = (): void => {
    if (url.current !== null) URL.revokeObjectURL(url.current);
    url.current = null;
  };
  useEffect(
    () => () => {
      mounted.current = false;
      forgetUrl();
    },
    [],
  );

  const start = async (): Promise<void> => {
    forgetUrl();
    setReady(null);
    setProblem(null);
    setProgress({ phase: "reports", done: 0, total: 0 });
    try {
      const onProgress = (next: ExportProgress): void => {
        session.keyring.touch(); // an export under way is the reviewer's doing: no idle lock meanwhile
        if (mounted.current) setProgress(next);
      };
      const bundle = await makeBundle(session, { scope, others, ...(caseId ? { caseId } : {}) }, onProgress);
      if (!mounted.current) return;
      url.current = URL.createObjectURL(
        new Blob([bundle.bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }),
      );
      setReady({ url: url.current, bundle });
    } catch (error) {
      if (mounted.current) setProblem(error);
    } finally {
      if (mounted.current) setProgress(null);
    }
  };

  const busy = progress !== null;
  const manifest = ready?.bundle.manifest;
  return (
    <section class="card export" aria-labelledby={`export-title-${scope}`}>
      <h2 id={`export-title-${scope}`}>{t("export.title")}</h2>
      <p class="muted">{scope === "case" ? t("export.hintCase") : t("export.hintArchive")}</p>
      <p>
        <label>
          <input
            type="checkbox"
            data-testid="export-others"
            checked={others}
            disabled={busy}
            onChange={(event) => setOthers(event.currentTarget.checked)}
          />{" "}
          {t("export.others")}
        </label>
      </p>
      {scope === "case" ? (
        <button type="button" class="secondary" data-testid="export-case" disabled={busy} onClick={() => void start()}>
          {t("export.case")}
        </button>
      ) : (
        <button
          type="button"
          class="secondary"
          data-testid="export-archive"
          disabled={busy}
          onClick={() => void start()}
        >
          {t("export.archive")}
        </button>
      )}
      {progress && (
        <p class="muted" aria-live="polite" data-testid="export-progress" data-phase={progress.phase}>
          {t(`export.phases.${progress.phase}`, { done: progress.done, total: progress.total })}
        </p>
      )}
      {ready && manifest && (
        <>
          <p>
            {t("export.ready", {
              reports: manifest.reports.length,
              unreadable: manifest.reports.filter((report) => report.file === null).length,
              photos: manifest.attachments.length,
              flagged: manifest.attachments.filter((attachment) => attachment.problem !== null).length,
              answers: ready.bundle.counts.answers,
              drafts: ready.bundle.counts.drafts,
            })}
          </p>
          <a class="button primary" href={ready.url} download={ready.bundle.fileName} data-testid="export-download">
            {t("export.download", { name: ready.bundle.fileName })}
          </a>
        </>
      )}
      {problem !== null && (
        <p class="problem" role="alert" data-testid="export-problem">
          {exportProblemText(problem)}
        </p>
      )}
    </section>
  );
}
