/**
 * Complaints already made and the answers received: to whom, when, about whom, answered, the answer
 * (SR: domestic steps taken and their results). Repeatable; one blank complaint is shown until the
 * first answer, so walking past the step adds nothing.
 */
import { useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import { t } from "../i18n";
import { blank, type ReportDraftV2 } from "../../shared/report/draftV2";
import type { Complaint } from "../../shared/report/v2";
import { AnswerField } from "../components/AnswerField";
import { Group, TextField } from "../components/fields";
import { SourceField } from "../components/SourceField";
import { WhenField } from "../components/WhenField";
import { defaultPersonIds } from "../acts/linking";
import { PersonPicker } from "../acts/PersonPicker";
import type { StepPropsV2 } from "./typesV2";

const BODIES = ["prosecutor", "police", "ombudsman", "court", "un"] as const;

const put = (draft: ReportDraftV2, complaint: Complaint, change: Partial<Complaint>): ReportDraftV2 => {
  const exists = draft.complaints.some((c) => c.id === complaint.id);
  return {
    ...draft,
    complaints: exists
      ? draft.complaints.map((c) => (c.id === complaint.id ? { ...c, ...change } : c))
      : [...draft.complaints, { ...complaint, ...change }],
  };
};

const fresh = (id: string, draft: Pick<ReportDraftV2, "people">): Complaint => ({
  ...blank.complaint(id),
  personIds: defaultPersonIds(draft.people),
});

export function ComplaintsStep({ draft, update, goTo }: StepPropsV2) {
  const [blankId, setBlankId] = useState(() => uuidv7());
  const shown = draft.complaints.length > 0 ? draft.complaints : [fresh(blankId, draft)];
  const add = (): void =>
    update((d) => ({
      ...d,
      complaints: [...(d.complaints.length > 0 ? d.complaints : [shown[0]!]), fresh(uuidv7(), d)],
    }));
  const remove = (id: string): void => {
    setBlankId(uuidv7());
    update((d) => ({ ...d, complaints: d.complaints.filter((c) => c.id !== id) }));
  };
  return (
    <>
      <p>{t("complaintsV2.intro")}</p>
      {shown.map((complaint, index) => {
        const set = (change: Partial<Complaint>): void => update((d) => put(d, complaint, change));
        const testid = (field: string): string => `complaints-${index + 1}-${field}`;
        return (
          <Group key={complaint.id} legend={t("complaintsV2.item", { n: index + 1 })}>
            <TextField
              label={t("complaintsV2.to")}
              hint={t("complaintsV2.toHint")}
              value={complaint.to}
              onChange={(to) => set({ to })}
              suggestions={BODIES.map((body) => t(`complaintsV2.bodies.${body}`))}
              testid={testid("to")}
            />
            <div data-testid={testid("when")}>
              <WhenField
                legend={t("complaintsV2.when")}
                value={complaint.when}
                onChange={(when) => set({ when })}
                testid={testid("when")}
              />
            </div>
            <PersonPicker
              legend={t("complaintsV2.whom")}
              people={draft.people}
              value={complaint.personIds}
              onChange={(personIds) => set({ personIds })}
              onAddPeople={() => goTo("people")}
              testid={testid("person")}
            />
            <AnswerField
              legend={t("complaintsV2.answered")}
              value={complaint.answered}
              onChange={(answered) => set({ answered })}
              testid={testid("answered")}
            />
            <TextField
              label={t("complaintsV2.answer")}
              hint={t("complaintsV2.answerHint")}
              value={complaint.answer}
              onChange={(answer) => set({ answer })}
              multiline
              testid={testid("answer")}
            />
            <SourceField value={complaint.source} onChange={(source) => set({ source })} testid={testid("source")} />
            {draft.complaints.some((c) => c.id === complaint.id) && (
              <button
                type="button"
                class="secondary danger"
                onClick={() => remove(complaint.id)}
                data-testid={testid("remove")}
              >
                {t("complaintsV2.remove")}
              </button>
            )}
          </Group>
        );
      })}
      <button type="button" class="secondary" onClick={add} data-testid="complaints-add">
        + {t("complaintsV2.add")}
      </button>
    </>
  );
}
