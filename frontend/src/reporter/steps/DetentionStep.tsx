/**
 * Detentions, one per person taken: in what capacity first (a person held "for a chat" has no
 * procedural status, the pattern the coalition sees), where to, the papers and rights (each yes / no /
 * don't know, nothing pre-selected), whether and when the protocol was drawn up, release,
 * whereabouts. Appeal: "arrested early in the morning, with no official papers presented to him,
 * handcuffed". No "warrant" question: detaining a suspect needs none (docs/legal-basis.md,
 * `upk.detention.grounds`); the format keeps the field for old reports, and new ones send null.
 */
import { Fragment } from "preact";

import { t } from "../i18n";
import type { DetentionAct } from "../../shared/report/v2";
import { unanswered } from "../../shared/report/draftV2";
import { AnswerField } from "../components/AnswerField";
import { CheckField, Group, RadioGroup, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import { ActList, type FieldsProps } from "../acts/ActList";
import type { StepPropsV2 } from "./typesV2";

type Capacity = NonNullable<DetentionAct["capacity"]>;
type TakenTo = NonNullable<DetentionAct["takenToType"]>;
type PaperworkField =
  "policeIdShown" | "handcuffed" | "detentionRecord" | "inventory" | "familyNotified" | "chargesTold" | "lawyerAllowed";

const CAPACITIES: Capacity[] = ["for_a_chat", "witness", "suspect", "other", "dont_know"];
const TAKEN_TO: TakenTo[] = ["district_police", "temporary_detention", "car", "elsewhere", "dont_know"];
const PAPERWORK: PaperworkField[] = [
  "policeIdShown",
  "handcuffed",
  "detentionRecord",
  "inventory",
  "familyNotified",
  "chargesTold",
  "lawyerAllowed",
];

function DetentionFields({ act, set, testid }: FieldsProps<"detention">) {
  return (
    <>
      <RadioGroup
        legend={t("detentionV2.capacity")}
        hint={t("detentionV2.capacityHint")}
        value={act.capacity}
        options={CAPACITIES.map((c) => ({ value: c, label: t(`detentionV2.capacities.${c}`) }))}
        onChange={(capacity) => set({ capacity })}
        testid={(c) => `${testid("capacity")}-${c}`}
      />
      <RadioGroup
        legend={t("detentionV2.takenToType")}
        value={act.takenToType}
        options={TAKEN_TO.map((c) => ({ value: c, label: t(`detentionV2.takenToTypes.${c}`) }))}
        onChange={(takenToType) => set({ takenToType })}
        testid={(c) => `${testid("takenToType")}-${c}`}
      />
      <TextField
        label={t("detentionV2.takenTo")}
        hint={t("detentionV2.takenToHint")}
        value={act.takenTo}
        onChange={(takenTo) => set({ takenTo })}
        testid={testid("takenTo")}
      />
      <Group legend={t("detentionV2.paperworkTitle")} hint={t("detentionV2.paperworkHint")}>
        {PAPERWORK.map((field) => (
          <Fragment key={field}>
            <AnswerField
              legend={t(`detentionV2.${field}`)}
              value={act[field]}
              onChange={(answer) => set({ [field]: answer })}
              testid={testid(field)}
            />
            {field === "detentionRecord" && act.detentionRecord === "yes" && (
              <div data-testid={testid("recordDrawnAt")}>
                <WhenField
                  legend={t("detentionV2.recordDrawnAt")}
                  value={act.recordDrawnAt}
                  onChange={(recordDrawnAt) => set({ recordDrawnAt })}
                  testid={testid("recordDrawnAt")}
                />
              </div>
            )}
          </Fragment>
        ))}
      </Group>
      <CheckField
        label={t("detentionV2.released")}
        checked={act.releasedAt !== null}
        onChange={(on) => set({ releasedAt: on ? unanswered() : null })}
        testid={testid("released")}
      />
      {act.releasedAt && (
        <div data-testid={testid("releasedAt")}>
          <WhenField
            legend={t("detentionV2.releasedAt")}
            value={act.releasedAt}
            onChange={(releasedAt) => set({ releasedAt })}
            testid={testid("releasedAt")}
          />
        </div>
      )}
      <CheckField
        label={t("detentionV2.whereaboutsUnknown")}
        checked={act.whereaboutsUnknown}
        onChange={(whereaboutsUnknown) => set({ whereaboutsUnknown })}
        testid={testid("whereaboutsUnknown")}
      />
    </>
  );
}

export function DetentionStep(props: StepPropsV2) {
  return (
    <ActList
      {...props}
      type="detention"
      step="detention"
      intro={t("detentionV2.intro")}
      whomLegend={t("detentionV2.whom")}
      whenLegend={t("detentionV2.when")}
      Fields={DetentionFields}
    />
  );
}
