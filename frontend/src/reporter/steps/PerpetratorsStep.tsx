/** Step 4: who did it: agency, unit, how many, uniform or plain clothes, cars, names. */
import { t } from "../i18n";
import { NumberField, RadioGroup, TextField } from "../components/fields";
import { setter } from "../wizard/draft";
import type { StepProps } from "./types";

export function PerpetratorsStep({ draft, update }: StepProps) {
  const set = setter(update, "perpetrators");
  const p = draft.perpetrators;
  return (
    <>
      <TextField
        label={t("perpetrators.agency")}
        value={p.agency}
        onChange={(v) => set("agency", v)}
        suggestions={[
          t("perpetrators.agencyPolice"),
          t("perpetrators.agencyKnb"),
          t("perpetrators.agencyProsecutor"),
          t("perpetrators.agencyFinpol"),
        ]}
      />
      <TextField
        label={t("perpetrators.unit")}
        hint={t("perpetrators.unitHint")}
        value={p.unit}
        onChange={(v) => set("unit", v)}
      />
      <NumberField label={t("perpetrators.count")} value={p.count} onChange={(v) => set("count", v)} />
      <RadioGroup
        legend={t("perpetrators.clothing")}
        value={p.clothing}
        options={[
          { value: "uniform", label: t("perpetrators.uniform") },
          { value: "plain_clothes", label: t("perpetrators.plain_clothes") },
          { value: "both", label: t("perpetrators.both") },
        ]}
        onChange={(v) => set("clothing", v)}
      />
      <TextField
        label={t("perpetrators.vehicles")}
        hint={t("perpetrators.vehiclesHint")}
        value={p.vehicles}
        onChange={(v) => set("vehicles", v)}
      />
      <TextField
        label={t("perpetrators.names")}
        value={p.namesOrDescriptions}
        onChange={(v) => set("namesOrDescriptions", v)}
        multiline
      />
    </>
  );
}
