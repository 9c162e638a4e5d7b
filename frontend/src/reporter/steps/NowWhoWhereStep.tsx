/**
 * The short path's first screen ("happening now"): who (one person's name) and where (the village).
 * The person is stored as the victim: the question asks whom it is happening to.
 */
import { useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import { t } from "../i18n";
import { blank } from "../../shared/report/draftV2";
import { TextField } from "../components/fields";
import type { StepPropsV2 } from "./typesV2";
import { VillageField } from "./WhenWhereStep";

export function NowWhoWhereStep({ draft, update }: StepPropsV2) {
  const [newId] = useState(() => uuidv7());
  const first = draft.people[0];
  const setName = (fullName: string | null): void =>
    update((d) => {
      const [person, ...others] = d.people;
      const named = person ? { ...person, fullName } : { ...blank.person(newId), fullName, roles: ["victim" as const] };
      return { ...d, people: [named, ...others] };
    });
  return (
    <>
      <TextField
        label={t("core.now.who")}
        hint={t("core.now.whoHint")}
        value={first?.fullName ?? null}
        onChange={setName}
        testid="now-person-name"
      />
      <VillageField draft={draft} update={update} />
    </>
  );
}
