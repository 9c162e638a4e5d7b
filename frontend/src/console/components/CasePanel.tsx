/** Which case a report belongs to: pick one (or make one) and link, or unlink. */
import { useEffect, useState } from "preact/hooks";

import type { ReportMeta } from "../apiTypes";
import type { OpenCase } from "../cases/book";
import { useConsole } from "../context";
import { t } from "../i18n";
import { CaseCreate } from "./CaseCreate";
import { Select } from "./Field";
import { Problem } from "./Problem";

interface Props {
  meta: ReportMeta;
  onMeta: (meta: ReportMeta) => void;
  onOpenCase: (caseId: string) => void;
}

export function CasePanel({ meta, onMeta, onOpenCase }: Props) {
  const { api, cases } = useConsole();
  const [list, setList] = useState<readonly OpenCase[]>(cases.list());
  const [chosen, setChosen] = useState(meta.case_id ?? "");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => cases.subscribe(setList), [cases]);
  useEffect(() => {
    void cases.load().catch(setProblem);
  }, [cases]);

  const link = async (caseId: string | null): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await api.linkCase(meta.report_id, caseId);
      cases.linked(meta.report_id, next.case_id);
      setChosen(next.case_id ?? "");
      onMeta(next);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const current = list.find((item) => item.case.case_id === meta.case_id);
  return (
    <section class="card" aria-labelledby="case-panel-title">
      <h2 id="case-panel-title">{t("cases.case")}</h2>
      {meta.case_id ? (
        <p>
          <button type="button" class="link" data-testid="case-current" onClick={() => onOpenCase(meta.case_id!)}>
            {current?.title ?? t("cases.unreadableTitle")}
          </button>
        </p>
      ) : (
        <p class="muted">{t("cases.noCase")}</p>
      )}
      <Select
        label={t("cases.choose")}
        value={chosen}
        options={[
          { value: "", label: t("common.choose") },
          ...list.map((item) => ({ value: item.case.case_id, label: item.title ?? t("cases.unreadableTitle") })),
        ]}
        onChange={setChosen}
        testid="case-select"
      />
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={busy || chosen === "" || chosen === meta.case_id}
          data-testid="case-link"
          onClick={() => void link(chosen)}
        >
          {t("cases.link")}
        </button>
        {meta.case_id && (
          <button type="button" class="link" disabled={busy} data-testid="case-unlink" onClick={() => void link(null)}>
            {t("cases.unlink")}
          </button>
        )}
      </div>
      <Problem error={problem} />
      <h3>{t("cases.createHere")}</h3>
      <CaseCreate onCreated={(created) => setChosen(created.case.case_id)} />
    </section>
  );
}
