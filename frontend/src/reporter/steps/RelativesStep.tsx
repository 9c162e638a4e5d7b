/**
 * Harm to relatives, one act per relative harmed: who (one of the people, or in a few words), what
 * happened, when. Appeal: "one female resident having a sudden bout of stress and fainting",
 * "Mrs. Tsunder Khuzova who had died over the fears and concerns for her son".
 */
import { t } from "../i18n";
import type { HarmToRelativeAct } from "../../shared/report/v2";
import { RadioGroup, TextField } from "../components/fields";
import { ActList, type FieldsProps } from "../acts/ActList";
import type { StepPropsV2 } from "./typesV2";

const HARMS: NonNullable<HarmToRelativeAct["what"]>[] = ["health_crisis", "death", "threats", "job_loss", "other"];

function HarmFields({ act, set, testid }: FieldsProps<"harm_to_relative">) {
  return (
    <>
      <TextField
        label={t("relativesV2.who")}
        hint={t("relativesV2.whoHint")}
        value={act.who}
        onChange={(who) => set({ who })}
        testid={testid("who")}
      />
      <RadioGroup
        legend={t("relativesV2.what")}
        value={act.what}
        options={HARMS.map((what) => ({ value: what, label: t(`relativesV2.harms.${what}`) }))}
        onChange={(what) => set({ what })}
        testid={(what) => `${testid("what")}-${what}`}
      />
    </>
  );
}

export function RelativesStep(props: StepPropsV2) {
  return (
    <ActList
      {...props}
      type="harm_to_relative"
      step="relatives"
      intro={t("relativesV2.intro")}
      whomLegend={t("relativesV2.whom")}
      whenLegend={t("relativesV2.when")}
      Fields={HarmFields}
    />
  );
}
