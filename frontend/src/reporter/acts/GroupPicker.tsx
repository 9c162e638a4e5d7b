/** By whom an act was done: a tick per group of perpetrators described on the "Who did it" step. */
import { t } from "../i18n";
import type { PerpetratorGroup } from "../../shared/report/v2";
import { CheckField, Group } from "../components/fields";
import { groupLabel, toggleId } from "./linking";

interface Props {
  groups: readonly PerpetratorGroup[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  /** Offered when no group is described yet: goes to the perpetrators step. */
  onAddGroup?: (() => void) | undefined;
  /** `data-testid` prefix: each group's tick is `<prefix>-<n>` (n = 1, 2…). */
  testid: string;
}

export function GroupPicker({ groups, value, onChange, onAddGroup, testid }: Props) {
  return (
    <Group legend={t("actsV2.byWhom")}>
      {groups.length === 0 ? (
        <>
          <p class="hint">{t("actsV2.noGroups")}</p>
          {onAddGroup && (
            <button type="button" class="secondary" onClick={onAddGroup} data-testid={`${testid}-add-group`}>
              {t("actsV2.addGroup")}
            </button>
          )}
        </>
      ) : (
        groups.map((group, index) => (
          <CheckField
            key={group.id}
            label={groupLabel(groups, group.id, t)}
            checked={value.includes(group.id)}
            onChange={(on) => onChange(toggleId(value, group.id, on))}
            testid={`${testid}-${index + 1}`}
          />
        ))
      )}
    </Group>
  );
}
