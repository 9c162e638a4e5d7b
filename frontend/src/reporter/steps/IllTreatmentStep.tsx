/**
 * Torture and ill-treatment, one act per episode: the methods (grouped, so an elderly reader finds
 * them), what they were beaten with, the position, how long and how often (Istanbul Protocol:
 * methods, positions, duration and frequency). Replaces v1's TortureStep.
 */
import { t } from "../i18n";
import { CheckField, Group, TextField } from "../components/fields";
import { ActList, type FieldsProps } from "../acts/ActList";
import { toggleId } from "../acts/linking";
import { METHOD_GROUPS } from "../acts/methods";
import type { StepPropsV2 } from "./typesV2";

function IllTreatmentFields({ act, set, testid }: FieldsProps<"ill_treatment">) {
  return (
    <>
      <Group legend={t("illTreatmentV2.methods")} hint={t("illTreatmentV2.methodsHint")}>
        {METHOD_GROUPS.map((group) => (
          <Group key={group.key} legend={t(`illTreatmentV2.groups.${group.key}`)}>
            {group.methods.map((method) => (
              <CheckField
                key={method}
                label={t(`methodsV2.${method}`)}
                checked={act.methods.includes(method)}
                onChange={(on) => set((a) => ({ methods: toggleId(a.methods, method, on) }))}
                testid={testid(`method-${method}`)}
              />
            ))}
          </Group>
        ))}
      </Group>
      <TextField
        label={t("illTreatmentV2.object")}
        hint={t("illTreatmentV2.objectHint")}
        value={act.object}
        onChange={(object) => set({ object })}
        testid={testid("object")}
      />
      <TextField
        label={t("illTreatmentV2.position")}
        hint={t("illTreatmentV2.positionHint")}
        value={act.position}
        onChange={(position) => set({ position })}
        testid={testid("position")}
      />
      <TextField
        label={t("illTreatmentV2.duration")}
        hint={t("illTreatmentV2.durationHint")}
        value={act.duration}
        onChange={(duration) => set({ duration })}
        testid={testid("duration")}
      />
      <TextField
        label={t("illTreatmentV2.frequency")}
        hint={t("illTreatmentV2.frequencyHint")}
        value={act.frequency}
        onChange={(frequency) => set({ frequency })}
        testid={testid("frequency")}
      />
    </>
  );
}

export function IllTreatmentStep(props: StepPropsV2) {
  return (
    <ActList
      {...props}
      type="ill_treatment"
      step="ill_treatment"
      intro={t("illTreatmentV2.intro")}
      whomLegend={t("illTreatmentV2.whom")}
      whenLegend={t("illTreatmentV2.when")}
      whereLegend={t("actsV2.where")}
      Fields={IllTreatmentFields}
    />
  );
}
