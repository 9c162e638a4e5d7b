/** Step 12: who the reporter is, consent (to record is required), a safe contact, the risk of reprisal. */
import { t } from "../i18n";
import type { Consent, ReporterRole } from "../../shared/report/model";
import { CheckField, Group, RadioGroup, TextField } from "../components/fields";
import { YesNoUnknown } from "../components/YesNoUnknown";
import { setter } from "../wizard/draft";
import type { StepProps } from "./types";

const ROLES: ReporterRole[] = ["relative", "monitor", "victim", "witness"];
const CONSENTS: { key: keyof Consent; label: string; hint?: string; testid?: string }[] = [
  { key: "record", label: "reporter.consentRecord", hint: "reporter.consentRecordHint", testid: "consent-record" },
  { key: "photograph", label: "reporter.consentPhotograph" },
  { key: "shareWithProsecutor", label: "reporter.consentProsecutor" },
  { key: "shareWithUn", label: "reporter.consentUn" },
];

export function ReporterStep({ draft, update }: StepProps) {
  const setReporter = setter(update, "reporter");
  const setConsent = setter(update, "consent");
  return (
    <>
      <RadioGroup
        legend={t("reporter.role")}
        value={draft.reporter.role}
        options={ROLES.map((role) => ({ value: role, label: t(`reporter.${role}`) }))}
        onChange={(role) => setReporter("role", role)}
      />
      {draft.reporter.role !== "victim" && (
        <TextField
          label={t("reporter.relationToVictim")}
          hint={t("victims.relationHint")}
          value={draft.reporter.relationToVictim}
          onChange={(v) => setReporter("relationToVictim", v)}
        />
      )}
      <Group legend={t("reporter.consentTitle")}>
        {CONSENTS.map(({ key, label, hint, testid }) => (
          <CheckField
            key={key}
            label={t(label)}
            hint={hint ? t(hint) : undefined}
            checked={draft.consent[key]}
            onChange={(on) => setConsent(key, on)}
            testid={testid}
          />
        ))}
      </Group>
      <TextField
        label={t("reporter.safeContact")}
        hint={t("reporter.safeContactHint")}
        value={draft.reporter.safeContact}
        onChange={(v) => setReporter("safeContact", v)}
      />
      <YesNoUnknown
        legend={t("reporter.reprisalRisk")}
        value={draft.reporter.reprisalRisk}
        onChange={(v) => setReporter("reprisalRisk", v)}
      />
    </>
  );
}
