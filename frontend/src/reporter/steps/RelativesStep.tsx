/** Step 11: harm to relatives (repeatable): who, what, when. */
import { t } from "../i18n";
import type { HarmToRelative } from "../../shared/report/model";
import { Group, RadioGroup, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import type { StepProps } from "./types";

const HARMS: NonNullable<HarmToRelative["what"]>[] = ["health_crisis", "death", "threats", "job_loss", "other"];
const blank = (): HarmToRelative => ({ who: null, what: null, when: null, details: null });

export function RelativesStep({ draft, update }: StepProps) {
  // An empty list shows one blank card; it joins the report with the first answer.
  const shown = draft.harmToRelatives.length > 0 ? draft.harmToRelatives : [blank()];
  const put = (index: number, change: Partial<HarmToRelative>): void =>
    update((d) => {
      const list = d.harmToRelatives.length > 0 ? [...d.harmToRelatives] : [blank()];
      list[index] = { ...list[index]!, ...change };
      return { ...d, harmToRelatives: list };
    });
  return (
    <>
      <p>{t("relatives.intro")}</p>
      {shown.map((harm, index) => (
        <Group key={index} legend={t("relatives.person", { n: index + 1 })}>
          <TextField
            label={t("relatives.who")}
            hint={t("relatives.whoHint")}
            value={harm.who}
            onChange={(who) => put(index, { who })}
          />
          <RadioGroup
            legend={t("relatives.what")}
            value={harm.what}
            options={HARMS.map((what) => ({ value: what, label: t(`relatives.${what}`) }))}
            onChange={(what) => put(index, { what })}
          />
          <WhenField legend={t("relatives.when")} value={harm.when} onChange={(when) => put(index, { when })} />
          <TextField
            label={t("relatives.details")}
            value={harm.details}
            onChange={(details) => put(index, { details })}
            multiline
          />
          {draft.harmToRelatives.length > 1 && (
            <button
              type="button"
              class="secondary danger"
              onClick={() =>
                update((d) => ({ ...d, harmToRelatives: d.harmToRelatives.filter((_, i) => i !== index) }))
              }
            >
              {t("relatives.remove")}
            </button>
          )}
        </Group>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() =>
          update((d) => ({
            ...d,
            harmToRelatives: [...(d.harmToRelatives.length ? d.harmToRelatives : [blank()]), blank()],
          }))
        }
      >
        + {t("relatives.add")}
      </button>
    </>
  );
}
