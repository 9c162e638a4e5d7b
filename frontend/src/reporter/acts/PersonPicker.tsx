/**
 * Whom an item concerns: a tick per person of the draft, by name or "Person N". A link made by
 * default (the only person in the draft) is shown ticked, so the reporter sees it and can untick it.
 */
import { t } from "../i18n";
import type { Person } from "../../shared/report/v2";
import { CheckField, Group } from "../components/fields";
import { personLabel, toggleId } from "./linking";

interface Props {
  legend: string;
  people: readonly Person[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  /** One person at most (an injury, a medical entry): ticking one unticks the other. */
  single?: boolean | undefined;
  /** Offered when the draft has nobody yet: goes to the people step. */
  onAddPeople?: (() => void) | undefined;
  /** `data-testid` prefix: each person's tick is `<prefix>-<n>` (n = 1, 2… as on the people step). */
  testid: string;
}

export function PersonPicker({ legend, people, value, onChange, single, onAddPeople, testid }: Props) {
  if (people.length === 0)
    return (
      <Group legend={legend}>
        <p class="hint">{t("actsV2.noPeople")}</p>
        {onAddPeople && (
          <button type="button" class="secondary" onClick={onAddPeople} data-testid={`${testid}-add-people`}>
            {t("actsV2.addPeople")}
          </button>
        )}
      </Group>
    );
  return (
    <Group legend={legend} hint={single ? undefined : t("actsV2.severalHint")}>
      {people.map((person, index) => (
        <CheckField
          key={person.id}
          label={personLabel(people, person.id, t)}
          checked={value.includes(person.id)}
          onChange={(on) => onChange(single ? (on ? [person.id] : []) : toggleId(value, person.id, on))}
          testid={`${testid}-${index + 1}`}
        />
      ))}
    </Group>
  );
}
