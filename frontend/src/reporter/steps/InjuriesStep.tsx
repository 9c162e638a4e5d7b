/**
 * Injuries on the body diagram (front and back), each belonging to a person and, when the reporter
 * says so, to the act that caused it. A tap adds an injury and opens its editor; the list below
 * offers the same without tapping (for keyboards and screen readers).
 */
import { useEffect, useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import { t, tp } from "../i18n";
import { blank } from "../../shared/report/blank";
import type { Injury } from "../../shared/report/v2";
import { BodyDiagram } from "../components/BodyDiagram";
import { HEIGHT, regions, WIDTH } from "../../shared/body/bodyRegions";
import { SelectField } from "../components/fields";
import { useEngine } from "../engine/context";
import { forgetThumbnail } from "../photos/thumbnails";
import { InjuryEditor, regionLabel } from "./InjuryEditor";
import { defaultPersonIds, personLabel } from "../acts/linking";
import type { StepPropsV2 } from "./typesV2";

type BodySide = Injury["side"];

const SIDES: BodySide[] = ["front", "back"];

/** Every region of both views for the list, as "side:region". */
const ALL_REGIONS = SIDES.flatMap((side) => regions(side).map((r) => ({ side, region: r })));

export function InjuriesStep({ draft, update }: StepPropsV2) {
  const engine = useEngine();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [listChoice, setListChoice] = useState<string | null>(null);
  const numbered = draft.injuries.map((injury, index) => ({ injury, number: index + 1 }));
  const selected = numbered.find(({ injury }) => injury.id === selectedId);

  useEffect(() => {
    if (selectedId) document.querySelector<HTMLElement>(".injury-editor h2")?.focus();
  }, [selectedId]);

  const add = (side: BodySide, region: string, x: number, y: number): void => {
    const injury = blank.injury(uuidv7(), defaultPersonIds(draft.people)[0] ?? null, { side, region, x, y });
    update((d) => ({ ...d, injuries: [...d.injuries, injury] }));
    setSelectedId(injury.id);
  };
  const addFromList = (): void => {
    const choice = ALL_REGIONS.find(({ side, region }) => `${side}:${region.id}` === listChoice);
    if (choice) add(choice.side, choice.region.id, choice.region.centre[0] / WIDTH, choice.region.centre[1] / HEIGHT);
  };
  const change = (id: string) => (f: (injury: Injury) => Injury) =>
    update((d) => ({ ...d, injuries: d.injuries.map((injury) => (injury.id === id ? f(injury) : injury)) }));
  const remove = (injury: Injury): void => {
    for (const photo of injury.photos) {
      void engine.removePhoto(photo.attachmentId).catch(() => undefined);
      forgetThumbnail(photo.attachmentId);
    }
    update((d) => ({ ...d, injuries: d.injuries.filter((i) => i.id !== injury.id) }));
    setSelectedId(null);
  };

  return (
    <>
      <p>{t("injuries.intro")}</p>
      <div class="body-diagrams">
        {SIDES.map((side) => (
          <BodyDiagram
            key={side}
            side={side}
            markers={numbered.filter(({ injury }) => injury.side === side)}
            selectedId={selectedId}
            onTap={add}
            onSelect={setSelectedId}
          />
        ))}
      </div>
      <p class="hint">{t("injuries.lettersHint")}</p>
      <div class="from-list">
        <SelectField
          label={t("injuries.orList")}
          value={listChoice}
          placeholder={t("common.choose")}
          options={ALL_REGIONS.map(({ side, region }) => ({
            value: `${side}:${region.id}`,
            label: regionLabel({ side, region: region.id }),
          }))}
          onChange={setListChoice}
          testid="injuries-region"
        />
        <button type="button" class="secondary" onClick={addFromList} disabled={!listChoice} data-testid="injuries-add">
          + {t("injuries.addFromList")}
        </button>
      </div>
      {selected && (
        <InjuryEditor
          key={selected.injury.id}
          injury={selected.injury}
          number={selected.number}
          draft={draft}
          onChange={change(selected.injury.id)}
          onRemove={() => remove(selected.injury)}
          onClose={() => setSelectedId(null)}
        />
      )}
      <section aria-labelledby="injury-list-title">
        <h2 id="injury-list-title">{t("injuries.listTitle")}</h2>
        {numbered.length === 0 ? (
          <p class="hint">{t("injuries.none")}</p>
        ) : (
          <ul class="injury-list">
            {numbered.map(({ injury, number }) => (
              <li key={injury.id}>
                <button
                  type="button"
                  class={injury.id === selectedId ? "secondary current" : "secondary"}
                  onClick={() => setSelectedId(injury.id)}
                  data-testid={`injuries-item-${number}`}
                >
                  {t("injuries.item", { n: number, region: regionLabel(injury) })}
                  {injury.type && ` — ${t(`injuryTypes.${injury.type}`)}`}
                  {injury.personId && ` · ${personLabel(draft.people, injury.personId, t)}`}
                  {injury.photos.length > 0 && ` · ${tp("photos.count", injury.photos.length)}`}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
