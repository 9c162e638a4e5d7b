/** Step 7: the questioning: at night, how long, how many investigators, lawyer, breaks, confession, threats. */
import { t } from "../i18n";
import { NumberField, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import { YesNoUnknown } from "../components/YesNoUnknown";
import { section, setter } from "../wizard/draft";
import type { StepProps } from "./types";

export function InterrogationStep({ draft, update }: StepProps) {
  const q = section(draft, "interrogation");
  const set = setter(update, "interrogation");
  return (
    <>
      <WhenField
        legend={t("interrogation.start")}
        value={draft.interrogation ? q.start : null}
        onChange={(when) => set("start", when)}
      />
      <YesNoUnknown legend={t("interrogation.atNight")} value={q.atNight} onChange={(v) => set("atNight", v)} />
      <NumberField label={t("interrogation.hours")} value={q.hours} onChange={(v) => set("hours", v)} decimal />
      <NumberField
        label={t("interrogation.investigators")}
        value={q.investigators}
        onChange={(v) => set("investigators", v)}
      />
      <YesNoUnknown
        legend={t("interrogation.lawyerPresent")}
        value={q.lawyerPresent}
        onChange={(v) => set("lawyerPresent", v)}
      />
      <YesNoUnknown legend={t("interrogation.breaks")} value={q.breaks} onChange={(v) => set("breaks", v)} />
      <YesNoUnknown
        legend={t("interrogation.confessionDemanded")}
        value={q.confessionDemanded}
        onChange={(v) => set("confessionDemanded", v)}
      />
      <YesNoUnknown
        legend={t("interrogation.confessionSigned")}
        value={q.confessionSigned}
        onChange={(v) => set("confessionSigned", v)}
      />
      <TextField label={t("interrogation.threats")} value={q.threats} onChange={(v) => set("threats", v)} multiline />
    </>
  );
}
