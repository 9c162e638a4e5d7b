/** Step 8: torture and ill-treatment: a checklist of methods and free text. */
import { t } from "../i18n";
import type { TortureMethod } from "../../shared/report/model";
import { CheckField, Group, TextField } from "../components/fields";
import { section, setter, toggle } from "../wizard/draft";
import type { StepProps } from "./types";

const METHODS: TortureMethod[] = [
  "bag_over_head",
  "suffocation_by_hand",
  "beating",
  "beating_with_object",
  "stress_positions",
  "sexual_violence",
  "threats_to_family",
  "electric_shock",
  "other",
];

export function TortureStep({ draft, update }: StepProps) {
  const torture = section(draft, "torture");
  const set = setter(update, "torture");
  return (
    <>
      <Group legend={t("torture.methods")}>
        {METHODS.map((method) => (
          <CheckField
            key={method}
            label={t(`methods.${method}`)}
            checked={torture.methods.includes(method)}
            onChange={(on) =>
              update((d) => ({
                ...d,
                torture: { ...section(d, "torture"), methods: toggle(section(d, "torture").methods, method, on) },
              }))
            }
          />
        ))}
      </Group>
      <TextField
        label={t("torture.object")}
        hint={t("torture.objectHint")}
        value={torture.object}
        onChange={(v) => set("object", v)}
      />
      <TextField
        label={t("torture.details")}
        hint={t("torture.detailsHint")}
        value={torture.details}
        onChange={(v) => set("details", v)}
        multiline
      />
    </>
  );
}
