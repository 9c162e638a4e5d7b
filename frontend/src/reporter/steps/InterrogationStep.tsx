/**
 * Interrogations, one per session: whom, by whom, when, how long, at night, lawyer, breaks, how many
 * investigators, threats, confession, and to which crime (Appeal: "at night, without an advocate,
 * for up to 14 hours at a time, without breaks"; a lawyer needs the case to file in).
 */
import { t } from "../i18n";
import { AnswerField } from "../components/AnswerField";
import { Group, NumberField, TextField } from "../components/fields";
import { ActList, type FieldsProps } from "../acts/ActList";
import type { StepPropsV2 } from "./typesV2";

function InterrogationFields({ act, set, testid }: FieldsProps<"interrogation">) {
  const setCrime = (change: Partial<typeof act.crime>): void => set((a) => ({ crime: { ...a.crime, ...change } }));
  return (
    <>
      <NumberField
        label={t("interrogationV2.hours")}
        value={act.hours}
        onChange={(hours) => set({ hours })}
        decimal
        testid={testid("hours")}
      />
      <AnswerField
        legend={t("interrogationV2.atNight")}
        value={act.atNight}
        onChange={(atNight) => set({ atNight })}
        testid={testid("atNight")}
      />
      <AnswerField
        legend={t("interrogationV2.lawyerPresent")}
        value={act.lawyerPresent}
        onChange={(lawyerPresent) => set({ lawyerPresent })}
        testid={testid("lawyerPresent")}
      />
      <AnswerField
        legend={t("interrogationV2.breaks")}
        value={act.breaks}
        onChange={(breaks) => set({ breaks })}
        testid={testid("breaks")}
      />
      <NumberField
        label={t("interrogationV2.investigators")}
        value={act.investigators}
        onChange={(investigators) => set({ investigators })}
        testid={testid("investigators")}
      />
      <TextField
        label={t("interrogationV2.threats")}
        hint={t("interrogationV2.threatsHint")}
        value={act.threats}
        onChange={(threats) => set({ threats })}
        multiline
        testid={testid("threats")}
      />
      <AnswerField
        legend={t("interrogationV2.confessionDemanded")}
        value={act.confessionDemanded}
        onChange={(confessionDemanded) => set({ confessionDemanded })}
        testid={testid("confessionDemanded")}
      />
      <AnswerField
        legend={t("interrogationV2.confessionSigned")}
        value={act.confessionSigned}
        onChange={(confessionSigned) => set({ confessionSigned })}
        testid={testid("confessionSigned")}
      />
      <Group legend={t("interrogationV2.crime")} hint={t("interrogationV2.crimeHint")}>
        <TextField
          label={t("interrogationV2.crimeDescription")}
          hint={t("interrogationV2.crimeDescriptionHint")}
          value={act.crime.description}
          onChange={(description) => setCrime({ description })}
          testid={testid("crime-description")}
        />
        <TextField
          label={t("interrogationV2.caseNumber")}
          value={act.crime.caseNumber}
          onChange={(caseNumber) => setCrime({ caseNumber })}
          testid={testid("crime-caseNumber")}
        />
        <TextField
          label={t("interrogationV2.article")}
          hint={t("interrogationV2.articleHint")}
          value={act.crime.article}
          onChange={(article) => setCrime({ article })}
          testid={testid("crime-article")}
        />
        <TextField
          label={t("interrogationV2.investigator")}
          value={act.crime.investigator}
          onChange={(investigator) => setCrime({ investigator })}
          testid={testid("crime-investigator")}
        />
      </Group>
    </>
  );
}

export function InterrogationStep(props: StepPropsV2) {
  return (
    <ActList
      {...props}
      type="interrogation"
      step="interrogation"
      intro={t("interrogationV2.intro")}
      whomLegend={t("interrogationV2.whom")}
      whenLegend={t("interrogationV2.when")}
      whereLegend={t("actsV2.where")}
      Fields={InterrogationFields}
    />
  );
}
