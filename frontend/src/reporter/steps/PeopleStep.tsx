/**
 * The people of the report (repeatable; every field optional): victims, witnesses, relatives harmed.
 * An empty list shows one blank person, stored at its first answer. Removing a person also removes
 * every reference to them (`removePerson`), so the report never names a missing id.
 */
import { useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import { t } from "../i18n";
import { blank, removePerson } from "../../shared/report/draftV2";
import type { Person } from "../../shared/report/v2";
import { PersonCard } from "./PersonCard";
import type { StepPropsV2 } from "./typesV2";

export function PeopleStep({ draft, update }: StepPropsV2) {
  // Until the first answer, the blank person exists only on screen.
  const [blankId] = useState(() => uuidv7());
  const shown = draft.people.length > 0 ? draft.people : [blank.person(blankId)];
  const put = (person: Person): void =>
    update((d) => ({
      ...d,
      people: d.people.some((p) => p.id === person.id)
        ? d.people.map((p) => (p.id === person.id ? person : p))
        : [...d.people, person],
    }));
  return (
    <>
      <p>{t("core.people.intro")}</p>
      {shown.map((person, index) => (
        <PersonCard
          key={person.id}
          person={person}
          number={index + 1}
          onChange={put}
          onRemove={
            draft.people.some((p) => p.id === person.id) ? () => update((d) => removePerson(d, person.id)) : undefined
          }
        />
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() =>
          update((d) => ({
            ...d,
            people: [...(d.people.length ? d.people : [blank.person(blankId)]), blank.person(uuidv7())],
          }))
        }
        data-testid="person-add"
      >
        + {t("victims.add")}
      </button>
    </>
  );
}
