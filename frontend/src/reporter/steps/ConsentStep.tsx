/**
 * Consent, asked early and in plain words (issue 17): the reporter's consent to record, to use photos,
 * to give the report to the prosecutor and to the UN; the victim's own consent; whether names may
 * reach the Government (the UN sends them when it asks for an explanation). Only recording is needed to send.
 */
import { t } from "../i18n";
import type { Consent } from "../../shared/report/v2";
import { AnswerField } from "../components/AnswerField";
import { CheckField, Group } from "../components/fields";
import type { StepPropsV2 } from "./typesV2";

type Ticked = "record" | "photograph" | "shareWithProsecutor" | "shareWithUn";
const TICKS: { key: Ticked; label: string; hint?: string; testid: string }[] = [
  { key: "record", label: "core.consent.record", hint: "core.consent.recordHint", testid: "consent-record" },
  { key: "photograph", label: "core.consent.photograph", testid: "consent-photograph" },
  { key: "shareWithProsecutor", label: "core.consent.prosecutor", testid: "consent-prosecutor" },
  { key: "shareWithUn", label: "core.consent.un", testid: "consent-un" },
];

/** The consent to record alone, as the short path's send screen asks it. */
export function RecordConsent({ draft, update }: Pick<StepPropsV2, "draft" | "update">) {
  return (
    <CheckField
      label={t("core.consent.record")}
      hint={t("core.consent.recordHint")}
      checked={draft.consent.record}
      onChange={(on) => update((d) => ({ ...d, consent: { ...d.consent, record: on } }))}
      testid="consent-record"
    />
  );
}

export function ConsentStep({ draft, update }: StepPropsV2) {
  const set = <K extends keyof Consent>(key: K, value: Consent[K]): void =>
    update((d) => ({ ...d, consent: { ...d.consent, [key]: value } }));
  return (
    <>
      <p>{t("core.consent.intro")}</p>
      <Group legend={t("core.consent.yours")}>
        {TICKS.map(({ key, label, hint, testid }) => (
          <CheckField
            key={key}
            label={t(label)}
            hint={hint ? t(hint) : undefined}
            checked={draft.consent[key]}
            onChange={(on) => set(key, on)}
            testid={testid}
          />
        ))}
      </Group>
      <AnswerField
        legend={t("core.consent.victim")}
        value={draft.consent.victimConsents}
        onChange={(v) => set("victimConsents", v)}
        testid="consent-victim"
      />
      <p class="hint">{t("core.consent.namesHint")}</p>
      <AnswerField
        legend={t("core.consent.names")}
        value={draft.consent.namesToGovernment}
        onChange={(v) => set("namesToGovernment", v)}
        testid="consent-names"
      />
    </>
  );
}
