/**
 * Triage: the status buttons the state machine allows from here (triage/transitions.ts), the
 * report this one duplicates, priority, assignee and labels. The server has the last word
 * (`409 transition_refused`), and its answer replaces what the console shows.
 */
import { useEffect, useState } from "preact/hooks";

import { PRIORITIES, type Priority, type ReportMeta, type Status } from "../apiTypes";
import { useConsole } from "../context";
import { fmtInstant, t } from "../i18n";
import { allowedTransitions, cleanLabels, needsDuplicateOf } from "../triage/transitions";
import { Field, Select } from "./Field";
import { Problem } from "./Problem";

export function TriagePanel({ meta, onMeta }: { meta: ReportMeta; onMeta: (meta: ReportMeta) => void }) {
  const { api, queue, reviewers } = useConsole();
  const [duplicateOf, setDuplicateOf] = useState("");
  const [labels, setLabels] = useState(meta.labels.join(", "));
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  // The server's labels show unless the reviewer is typing new ones.
  useEffect(() => {
    if (!editing) setLabels(meta.labels.join(", "));
  }, [meta.labels.join(","), editing]);

  const run = async (change: () => Promise<ReportMeta>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      onMeta(await change());
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const move = (status: Status): Promise<void> =>
    run(() => api.setStatus(meta.report_id, status, needsDuplicateOf(status) ? duplicateOf : null));
  const cleaned = cleanLabels(labels);
  const others = queue
    .view()
    .entries.filter((entry) => entry.meta.report_id !== meta.report_id)
    .map((entry) => ({
      value: entry.meta.report_id,
      label: `${fmtInstant(entry.meta.received_at)} · ${entry.meta.report_id.slice(0, 8)}`,
    }));

  return (
    <section class="card triage" aria-labelledby="triage-title">
      <h2 id="triage-title">{t("triage.title")}</h2>
      <p>
        {t("triage.status")}:{" "}
        <strong class={`status status-${meta.status}`} data-testid="triage-status" data-status={meta.status}>
          {t(`statuses.${meta.status}`)}
        </strong>
        {meta.duplicate_of && (
          <span class="muted">
            {" "}
            ({t("triage.duplicateOfShort")} {meta.duplicate_of.slice(0, 8)})
          </span>
        )}
      </p>
      {allowedTransitions(meta.status).includes("duplicate") && (
        <Select
          label={t("triage.duplicateOf")}
          value={duplicateOf}
          options={[{ value: "", label: t("common.choose") }, ...others]}
          onChange={setDuplicateOf}
          testid="duplicate-of"
        />
      )}
      <div class="row status-buttons">
        {allowedTransitions(meta.status).map((status) => (
          <button
            key={status}
            type="button"
            class={status === "rejected" || status === "duplicate" ? "secondary" : "primary"}
            disabled={busy || (needsDuplicateOf(status) && duplicateOf === "")}
            data-testid={`status-${status}`}
            onClick={() => void move(status)}
          >
            {t(`triage.to.${status}`)}
          </button>
        ))}
      </div>
      <Select<Priority>
        label={t("triage.priority")}
        value={meta.priority}
        options={PRIORITIES.map((priority) => ({ value: priority, label: t(`priorities.${priority}`) }))}
        onChange={(priority) => void run(() => api.updateTriage(meta.report_id, { priority }))}
        disabled={busy}
        testid="triage-priority"
      />
      <Select
        label={t("triage.assignee")}
        value={meta.assignee_id ?? ""}
        options={[
          { value: "", label: t("triage.nobody") },
          ...[...reviewers.values()]
            .filter((r) => r.state !== "disabled" || r.id === meta.assignee_id)
            .map((r) => ({ value: r.id, label: r.name })),
        ]}
        onChange={(id) => void run(() => api.updateTriage(meta.report_id, { assignee_id: id === "" ? null : id }))}
        disabled={busy}
        testid="triage-assignee"
      />
      <Field
        label={t("triage.labels")}
        hint={t("triage.labelsHint")}
        value={labels}
        onInput={(text) => {
          setEditing(true);
          setLabels(text);
        }}
        invalid={cleaned === null}
        testid="triage-labels"
      />
      <button
        type="button"
        class="secondary"
        disabled={busy || cleaned === null || cleaned.join(",") === meta.labels.join(",")}
        data-testid="triage-labels-save"
        onClick={() =>
          void run(() => api.updateTriage(meta.report_id, { labels: cleaned ?? [] })).then(() => setEditing(false))
        }
      >
        {t("triage.labelsSave")}
      </button>
      <Problem error={problem} testid="triage-problem" />
    </section>
  );
}
