/**
 * A repeatable list of acts of one type ("Add another interrogation"), each tied to the people it
 * was done to, the perpetrators, a time, a place and a source (docs/report-format.md, `acts[]`).
 * With no act of this type yet, one blank act is shown: it joins the draft on its first answer, so
 * walking past the step adds nothing to the report.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import { t } from "../i18n";
import { blank, removeAct } from "../../shared/report/draftV2";
import type { Act } from "../../shared/report/v2";
import { Group, TextField } from "../components/fields";
import { SourceField } from "../components/SourceField";
import { WhenField } from "../components/WhenField";
import type { StepPropsV2 } from "../steps/typesV2";
import { applyChange, type Change } from "./change";
import { GroupPicker } from "./GroupPicker";
import { actsOfType, defaultPersonIds, putAct } from "./linking";
import { PersonPicker } from "./PersonPicker";
import { PlaceFields } from "./PlaceFields";

export type ActOf<T extends Act["type"]> = Extract<Act, { type: T }>;

/** What a step gives to render one act's own fields. */
export interface FieldsProps<T extends Act["type"]> {
  act: ActOf<T>;
  /** A change, or a function of the act as it is now (for lists and nested parts: two quick taps both count). */
  set: (change: Change<ActOf<T>>) => void;
  /** `<step>-<index>-<field>`: the testid of one of this act's inputs. */
  testid: (field: string) => string;
}

interface Props<T extends Act["type"]> extends StepPropsV2 {
  type: T;
  /** The step id, also the testid prefix. */
  step: string;
  intro: string;
  /** Legend of the people picker ("Whom was questioned?"). */
  whomLegend: string;
  whenLegend: string;
  /** Without it, the act's place is not asked (a detention asks where the person was taken instead). */
  whereLegend?: string | undefined;
  Fields: (props: FieldsProps<T>) => ComponentChildren;
}

export function ActList<T extends Act["type"]>({
  draft,
  update,
  goTo,
  type,
  step,
  intro,
  whomLegend,
  whenLegend,
  whereLegend,
  Fields,
}: Props<T>) {
  const [blankId, setBlankId] = useState(() => uuidv7());
  const listed = actsOfType(draft.acts, type);
  const shown: ActOf<T>[] = listed.length > 0 ? listed : [blank.act(type, blankId, defaultPersonIds(draft.people))];
  const add = (): void => {
    const next = blank.act(type, uuidv7(), defaultPersonIds(draft.people));
    update((d) => {
      const existing = actsOfType(d.acts, type);
      return { ...d, acts: [...d.acts, ...(existing.length > 0 ? [] : [shown[0]!]), next] };
    });
  };
  const remove = (id: string): void => {
    // A fresh id for the next blank act: the removed one's id must not come back as a new act.
    setBlankId(uuidv7());
    update((d) => removeAct(d, id));
  };
  return (
    <>
      <p>{intro}</p>
      {shown.map((act, index) => {
        const set = (change: Change<ActOf<T>>): void =>
          update((d) => putAct(d, act, (a) => applyChange(a as ActOf<T>, change)));
        const testid = (field: string): string => `${step}-${index + 1}-${field}`;
        return (
          <Group key={act.id} legend={t(`actsV2.types.${type}`, { n: index + 1 })}>
            <div data-testid={testid("card")} class="act">
              <PersonPicker
                legend={whomLegend}
                people={draft.people}
                value={act.personIds}
                onChange={(personIds) => set({ personIds } as Partial<ActOf<T>>)}
                onAddPeople={() => goTo("people")}
                testid={testid("person")}
              />
              <GroupPicker
                groups={draft.perpetrators}
                value={act.perpetratorIds}
                onChange={(perpetratorIds) => set({ perpetratorIds } as Partial<ActOf<T>>)}
                onAddGroup={() => goTo("perpetrators")}
                testid={testid("by")}
              />
              <div data-testid={testid("when")}>
                <WhenField
                  legend={whenLegend}
                  value={act.when}
                  onChange={(when) => set({ when } as Partial<ActOf<T>>)}
                  testid={testid("when")}
                />
              </div>
              {whereLegend && (
                <PlaceFields
                  legend={whereLegend}
                  value={act.where}
                  onChange={(where) => set({ where } as Partial<ActOf<T>>)}
                  testid={testid("where")}
                />
              )}
              <Fields act={act} set={set} testid={testid} />
              <SourceField
                value={act.source}
                onChange={(source) => set({ source } as Partial<ActOf<T>>)}
                testid={testid("source")}
              />
              <TextField
                label={t("actsV2.details")}
                hint={t("actsV2.detailsHint")}
                value={act.details}
                onChange={(details) => set({ details } as Partial<ActOf<T>>)}
                multiline
                testid={testid("details")}
              />
              {listed.some((a) => a.id === act.id) && (
                <button
                  type="button"
                  class="secondary danger"
                  onClick={() => remove(act.id)}
                  data-testid={testid("remove")}
                >
                  {t(`actsV2.remove.${type}`)}
                </button>
              )}
            </div>
          </Group>
        );
      })}
      <button type="button" class="secondary" onClick={add} data-testid={`${step}-add`}>
        + {t(`actsV2.add.${type}`)}
      </button>
    </>
  );
}
