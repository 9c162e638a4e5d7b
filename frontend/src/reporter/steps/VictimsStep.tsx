/** Step 3: the people harmed (repeatable; every field optional). An empty list shows one blank person. */
import { useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import { t } from "../i18n";
import type { Victim } from "../../shared/report/model";
import { CheckField, Group, NumberField, RadioGroup, TextField } from "../components/fields";
import type { StepProps } from "./types";

const blankVictim = (id: string): Victim => ({
  id,
  name: null,
  age: null,
  sex: null,
  relationToReporter: null,
  health: null,
});

function VictimCard({
  victim,
  number,
  onChange,
  onRemove,
}: {
  victim: Victim;
  number: number;
  onChange: (v: Victim) => void;
  onRemove?: (() => void) | undefined;
}) {
  const set = <K extends keyof Victim>(key: K, value: Victim[K]): void => onChange({ ...victim, [key]: value });
  return (
    <Group legend={t("victims.person", { n: number })}>
      <TextField
        label={t("victims.name")}
        hint={t("common.optional")}
        value={victim.name}
        onChange={(v) => set("name", v)}
        testid={number === 1 ? "victim-name" : undefined}
      />
      <CheckField
        label={t("victims.elderly")}
        checked={victim.age === "elderly"}
        onChange={(on) => set("age", on ? "elderly" : null)}
      />
      {victim.age !== "elderly" && (
        <NumberField
          label={t("victims.age")}
          value={typeof victim.age === "number" ? victim.age : null}
          onChange={(v) => set("age", v)}
        />
      )}
      <RadioGroup
        legend={t("victims.sex")}
        value={victim.sex}
        inline
        options={[
          { value: "female", label: t("victims.female") },
          { value: "male", label: t("victims.male") },
          { value: "other", label: t("victims.otherSex") },
        ]}
        onChange={(v) => set("sex", v)}
      />
      <TextField
        label={t("victims.relation")}
        hint={t("victims.relationHint")}
        value={victim.relationToReporter}
        onChange={(v) => set("relationToReporter", v)}
      />
      <TextField
        label={t("victims.health")}
        hint={t("victims.healthHint")}
        value={victim.health}
        onChange={(v) => set("health", v)}
        multiline
      />
      {onRemove && (
        <button type="button" class="secondary danger" onClick={onRemove}>
          {t("victims.remove")}
        </button>
      )}
    </Group>
  );
}

export function VictimsStep({ draft, update }: StepProps) {
  // Until the first answer, the blank person exists only on screen.
  const [blankId] = useState(() => uuidv7());
  const shown = draft.victims.length > 0 ? draft.victims : [blankVictim(blankId)];
  const put = (victim: Victim): void =>
    update((d) => ({
      ...d,
      victims: d.victims.some((v) => v.id === victim.id)
        ? d.victims.map((v) => (v.id === victim.id ? victim : v))
        : [...d.victims, victim],
    }));
  const remove = (id: string): void =>
    update((d) => ({
      ...d,
      victims: d.victims.filter((v) => v.id !== id),
      injuries: d.injuries.map((injury) => (injury.victimId === id ? { ...injury, victimId: null } : injury)),
    }));
  return (
    <>
      <p>{t("victims.intro")}</p>
      {shown.map((victim, index) => (
        <VictimCard
          key={victim.id}
          victim={victim}
          number={index + 1}
          onChange={put}
          onRemove={draft.victims.length > 1 ? () => remove(victim.id) : undefined}
        />
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() =>
          update((d) => ({
            ...d,
            victims: [...(d.victims.length ? d.victims : [blankVictim(blankId)]), blankVictim(uuidv7())],
          }))
        }
      >
        + {t("victims.add")}
      </button>
    </>
  );
}
