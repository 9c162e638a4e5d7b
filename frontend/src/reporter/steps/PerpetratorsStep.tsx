/**
 * Who did it, group by group (Appeal: "a group of five police officers", "groups of 5-8
 * investigators"): agency, unit, how many, clothing, cars, names or descriptions. Acts refer to a
 * group by id, so removing one uses `removePerpetrators`, which drops those references too.
 */
import { useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import { t } from "../i18n";
import { blank, removePerpetrators, type ReportDraftV2 } from "../../shared/report/draftV2";
import type { PerpetratorGroup } from "../../shared/report/v2";
import { Group, NumberField, RadioGroup, TextField } from "../components/fields";
import { AGENCIES, agencyChoice, agencyOtherText, type AgencyChoice } from "../acts/agency";
import type { StepPropsV2 } from "./typesV2";

const label = (choice: AgencyChoice): string => t(`perpetratorsV2.agencies.${choice}`);

const put = (draft: ReportDraftV2, group: PerpetratorGroup, change: Partial<PerpetratorGroup>): ReportDraftV2 => {
  const exists = draft.perpetrators.some((g) => g.id === group.id);
  return {
    ...draft,
    perpetrators: exists
      ? draft.perpetrators.map((g) => (g.id === group.id ? { ...g, ...change } : g))
      : [...draft.perpetrators, { ...group, ...change }],
  };
};

function GroupCard({
  group,
  index,
  set,
  onRemove,
}: {
  group: PerpetratorGroup;
  index: number;
  set: (change: Partial<PerpetratorGroup>) => void;
  onRemove: (() => void) | null;
}) {
  const testid = (field: string): string => `perpetrators-${index + 1}-${field}`;
  const choice = agencyChoice(group.agency, label);
  return (
    <Group legend={t("actsV2.groupN", { n: index + 1 })}>
      <RadioGroup
        legend={t("perpetratorsV2.agency")}
        value={choice}
        options={AGENCIES.map((c) => ({ value: c, label: label(c) }))}
        onChange={(c) => set({ agency: label(c) })}
        testid={(c) => `${testid("agency")}-${c}`}
      />
      {choice === "other" && (
        <TextField
          label={t("perpetratorsV2.agencyOther")}
          value={agencyOtherText(group.agency, label)}
          onChange={(text) => set({ agency: text ?? label("other") })}
          testid={testid("agencyOther")}
        />
      )}
      <TextField
        label={t("perpetratorsV2.unit")}
        hint={t("perpetratorsV2.unitHint")}
        value={group.unit}
        onChange={(unit) => set({ unit })}
        testid={testid("unit")}
      />
      <NumberField
        label={t("perpetratorsV2.count")}
        value={group.count}
        onChange={(count) => set({ count })}
        testid={testid("count")}
      />
      <RadioGroup
        legend={t("perpetratorsV2.clothing")}
        value={group.clothing}
        options={(["uniform", "plain_clothes", "both"] as const).map((c) => ({
          value: c,
          label: t(`perpetratorsV2.clothes.${c}`),
        }))}
        onChange={(clothing) => set({ clothing })}
        testid={(c) => `${testid("clothing")}-${c}`}
      />
      <TextField
        label={t("perpetratorsV2.vehicles")}
        hint={t("perpetratorsV2.vehiclesHint")}
        value={group.vehicles}
        onChange={(vehicles) => set({ vehicles })}
        testid={testid("vehicles")}
      />
      <TextField
        label={t("perpetratorsV2.names")}
        hint={t("perpetratorsV2.namesHint")}
        value={group.namesOrDescriptions}
        onChange={(namesOrDescriptions) => set({ namesOrDescriptions })}
        multiline
        testid={testid("names")}
      />
      {onRemove && (
        <button type="button" class="secondary danger" onClick={onRemove} data-testid={testid("remove")}>
          {t("perpetratorsV2.remove")}
        </button>
      )}
    </Group>
  );
}

export function PerpetratorsStep({ draft, update }: StepPropsV2) {
  const [blankId, setBlankId] = useState(() => uuidv7());
  const shown = draft.perpetrators.length > 0 ? draft.perpetrators : [blank.perpetrators(blankId)];
  const add = (): void =>
    update((d) => ({
      ...d,
      perpetrators: [...(d.perpetrators.length > 0 ? d.perpetrators : [shown[0]!]), blank.perpetrators(uuidv7())],
    }));
  const remove = (id: string): void => {
    setBlankId(uuidv7());
    update((d) => removePerpetrators(d, id));
  };
  return (
    <>
      <p>{t("perpetratorsV2.intro")}</p>
      {shown.map((group, index) => (
        <GroupCard
          key={group.id}
          group={group}
          index={index}
          set={(change) => update((d) => put(d, group, change))}
          onRemove={draft.perpetrators.some((g) => g.id === group.id) ? () => remove(group.id) : null}
        />
      ))}
      <button type="button" class="secondary" onClick={add} data-testid="perpetrators-add">
        + {t("perpetratorsV2.add")}
      </button>
    </>
  );
}
