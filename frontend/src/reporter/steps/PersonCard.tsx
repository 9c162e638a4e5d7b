/**
 * One person of the report: name, birth (year or full date; the age is shown computed), sex,
 * ethnicity (optional), relation to the reporter, roles, custody and whereabouts, health. "Elderly"
 * is asked only when the birth year is not known: otherwise the year says it.
 */
import { useState } from "preact/hooks";

import { t, tp } from "../i18n";
import type { Person } from "../../shared/report/v2";
import { CheckField, Group, NumberField, RadioGroup, TextField } from "../components/fields";
import { toggle } from "../wizard/toggle";
import { ageFromBirth, birthDateOf } from "./personAge";

type Role = Person["roles"][number];
type Custody = Exclude<Person["custody"], null>;
const ROLES: Role[] = ["victim", "witness", "relative_harmed"];
const CUSTODY: Custody[] = ["detained", "released", "whereabouts_unknown", "never_detained", "dont_know"];
const SEXES = ["female", "male", "other"] as const;

interface Props {
  person: Person;
  /** 1-based: the test ids end in it (`person-name-1`). */
  number: number;
  onChange: (person: Person) => void;
  onRemove?: (() => void) | undefined;
}

function Birth({ person, number, onChange }: Props) {
  const today = new Date();
  const full = /^\d{4}-\d{2}-\d{2}$/.test(person.birthDate ?? "") ? person.birthDate : null;
  const year = person.birthDate ? Number(person.birthDate.slice(0, 4)) : null;
  const [yearText, setYearText] = useState(year === null ? "" : String(year));
  const setBirth = (birthDate: string | null): void =>
    // A known birth date replaces an age given without one.
    onChange({ ...person, birthDate, age: birthDate ? null : person.age });
  const age = ageFromBirth(person.birthDate, today);
  return (
    <>
      <div class="field">
        <label for={`person-${person.id}-birth-year`}>{t("core.people.birthYear")}</label>
        <p class="hint">{t("core.people.birthYearHint")}</p>
        <input
          id={`person-${person.id}-birth-year`}
          class="number"
          type="text"
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          // What is typed stays on screen; only a whole plausible year ("1942") is stored.
          value={yearText}
          onInput={(e) => {
            const typed = e.currentTarget.value.trim();
            setYearText(typed);
            setBirth(birthDateOf(/^\d{4}$/.test(typed) ? Number(typed) : null, null, today));
          }}
          data-testid={`person-birth-year-${number}`}
        />
      </div>
      <div class="field">
        <label for={`person-${person.id}-birth-date`}>{t("core.people.birthDate")}</label>
        <input
          id={`person-${person.id}-birth-date`}
          type="date"
          value={full ?? ""}
          max={today.toISOString().slice(0, 10)}
          onInput={(e) => {
            const date = e.currentTarget.value;
            const birthDate = date ? birthDateOf(null, date, today) : birthDateOf(year, null, today);
            if (birthDate) setYearText(birthDate.slice(0, 4));
            setBirth(birthDate);
          }}
          data-testid={`person-birth-date-${number}`}
        />
      </div>
      {age !== null ? (
        <p class="computed" data-testid={`person-age-${number}`}>
          {t("core.people.ageLabel")} {tp("core.people.ageYears", age)}
        </p>
      ) : (
        <>
          <CheckField
            label={t("victims.elderly")}
            checked={person.age === "elderly"}
            onChange={(on) => onChange({ ...person, age: on ? "elderly" : null })}
            testid={`person-elderly-${number}`}
          />
          {person.age !== "elderly" && (
            <NumberField
              label={t("core.people.ageIfNoYear")}
              value={typeof person.age === "number" ? person.age : null}
              onChange={(v) => onChange({ ...person, age: v })}
              testid={`person-age-input-${number}`}
            />
          )}
        </>
      )}
    </>
  );
}

export function PersonCard(props: Props) {
  const { person, number, onChange, onRemove } = props;
  const set = <K extends keyof Person>(key: K, value: Person[K]): void => onChange({ ...person, [key]: value });
  return (
    <Group legend={t("victims.person", { n: number })}>
      <TextField
        label={t("core.people.fullName")}
        hint={t("core.people.fullNameHint")}
        value={person.fullName}
        onChange={(v) => set("fullName", v)}
        testid={`person-name-${number}`}
      />
      <Group legend={t("core.people.roles")}>
        {ROLES.map((role) => (
          <CheckField
            key={role}
            label={t(`core.people.role.${role}`)}
            checked={person.roles.includes(role)}
            onChange={(on) => set("roles", toggle(person.roles, role, on))}
            testid={`person-role-${number}-${role}`}
          />
        ))}
      </Group>
      <Birth {...props} />
      <RadioGroup
        legend={t("victims.sex")}
        value={person.sex}
        inline
        options={SEXES.map((sex) => ({
          value: sex,
          label: t(`victims.${sex === "other" ? "otherSex" : sex}`),
        }))}
        onChange={(v) => set("sex", v)}
        testid={(sex) => `person-sex-${number}-${sex}`}
      />
      <TextField
        label={t("core.people.relation")}
        hint={t("victims.relationHint")}
        value={person.relationToReporter}
        onChange={(v) => set("relationToReporter", v)}
        testid={`person-relation-${number}`}
      />
      <TextField
        label={t("core.people.ethnicity")}
        hint={t("core.people.ethnicityHint")}
        value={person.ethnicity}
        onChange={(v) => set("ethnicity", v)}
        testid={`person-ethnicity-${number}`}
      />
      <RadioGroup
        legend={t("core.people.custody")}
        value={person.custody}
        options={CUSTODY.map((c) => ({ value: c, label: t(`core.people.custodyOf.${c}`) }))}
        onChange={(v) => set("custody", v)}
        testid={(c) => `person-custody-${number}-${c}`}
      />
      <TextField
        label={t("core.people.whereabouts")}
        hint={t("core.people.whereaboutsHint")}
        value={person.whereabouts}
        onChange={(v) => set("whereabouts", v)}
        testid={`person-whereabouts-${number}`}
      />
      <TextField
        label={t("victims.health")}
        hint={t("victims.healthHint")}
        value={person.health}
        onChange={(v) => set("health", v)}
        multiline
        testid={`person-health-${number}`}
      />
      {onRemove && (
        <button type="button" class="secondary danger" onClick={onRemove} data-testid={`person-remove-${number}`}>
          {t("victims.remove")}
        </button>
      )}
    </Group>
  );
}
