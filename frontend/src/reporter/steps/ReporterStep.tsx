/** Who the reporter is, whether they are one of the people described, a safe contact, the risk of reprisal. */
import { t } from "../i18n";
import type { Reporter } from "../../shared/report/v2";
import { AnswerField } from "../components/AnswerField";
import { RadioGroup, SelectField, TextField } from "../components/fields";
import type { StepPropsV2 } from "./typesV2";

type Role = Exclude<Reporter["role"], null>;
const ROLES: Role[] = ["relative", "monitor", "victim", "witness"];

export function ReporterStep({ draft, update }: StepPropsV2) {
  const set = <K extends keyof Reporter>(key: K, value: Reporter[K]): void =>
    update((d) => ({ ...d, reporter: { ...d.reporter, [key]: value } }));
  const named = draft.people.filter((person) => person.fullName?.trim());
  return (
    <>
      <RadioGroup
        legend={t("reporter.role")}
        value={draft.reporter.role}
        options={ROLES.map((role) => ({ value: role, label: t(`reporter.${role}`) }))}
        onChange={(role) => set("role", role)}
        testid={(role) => `reporter-role-${role}`}
      />
      {draft.reporter.role !== "victim" && (
        <TextField
          label={t("reporter.relationToVictim")}
          hint={t("victims.relationHint")}
          value={draft.reporter.relationToVictim}
          onChange={(v) => set("relationToVictim", v)}
          testid="reporter-relation"
        />
      )}
      {named.length > 0 && (
        <SelectField
          label={t("core.reporter.isPerson")}
          hint={t("core.reporter.isPersonHint")}
          value={draft.reporter.personId}
          placeholder={t("core.reporter.notAmong")}
          options={named.map((person) => ({ value: person.id, label: person.fullName ?? "" }))}
          onChange={(id) => set("personId", id)}
          testid="reporter-person"
        />
      )}
      <TextField
        label={t("reporter.safeContact")}
        hint={t("reporter.safeContactHint")}
        value={draft.reporter.safeContact}
        onChange={(v) => set("safeContact", v)}
        testid="reporter-contact"
      />
      <AnswerField
        legend={t("core.reporter.reprisalRisk")}
        value={draft.reporter.reprisalRisk}
        onChange={(v) => set("reprisalRisk", v)}
        testid="reprisal-risk"
      />
    </>
  );
}
