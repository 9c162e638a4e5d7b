/**
 * One injury (Istanbul Protocol): whose, from which act, where, what, size, shape, colour, when,
 * who saw it, how the reporter knows, and photos (sealed by the engine as today).
 */
import { useId } from "preact/hooks";

import { t } from "../i18n";
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import type { Injury, PhotoRef } from "../../shared/report/v2";
import { HEIGHT, regions, WIDTH } from "../../shared/body/bodyRegions";
import { NumberField, RadioGroup, SelectField, TextField } from "../components/fields";
import { PhotoPicker } from "../components/PhotoPicker";
import { SourceField } from "../components/SourceField";
import { WhenField } from "../components/WhenField";
import { actLabel, actsForInjury } from "../acts/linking";
import { PersonPicker } from "../acts/PersonPicker";

type BodySide = Injury["side"];
type InjuryType = NonNullable<Injury["type"]>;

export const INJURY_TYPES: InjuryType[] = ["bruise", "abrasion", "laceration", "burn", "swelling", "fracture", "other"];

/** "Chest (front)": a region's name with the view it is on. */
export const regionLabel = (injury: Pick<Injury, "region" | "side">): string =>
  `${t(`regions.${injury.region}`)} (${t(`injuries.${injury.side}`)})`;

interface Props {
  draft: Pick<ReportDraftV2, "draftId" | "people" | "acts">;
  injury: Injury;
  number: number;
  onChange: (change: (injury: Injury) => Injury) => void;
  onRemove: () => void;
  onClose: () => void;
}

export function InjuryEditor({ draft, injury, number, onChange, onRemove, onClose }: Props) {
  const headingId = useId();
  const set = <K extends keyof Injury>(key: K, value: Injury[K]): void => onChange((i) => ({ ...i, [key]: value }));
  const setSide = (side: BodySide): void => {
    const region = regions(side).find((r) => r.id === injury.region) ?? regions(side)[0]!;
    onChange((i) => ({ ...i, side, region: region.id, x: region.centre[0] / WIDTH, y: region.centre[1] / HEIGHT }));
  };
  const setRegion = (id: string | null): void => {
    const region = regions(injury.side).find((r) => r.id === id);
    if (region)
      onChange((i) => ({ ...i, region: region.id, x: region.centre[0] / WIDTH, y: region.centre[1] / HEIGHT }));
  };
  const acts = actsForInjury(draft.acts, injury.personId);
  return (
    <section class="injury-editor card" aria-labelledby={headingId} data-testid="injury-editor">
      <h2 id={headingId} tabIndex={-1}>
        {t("injuries.edit", { n: number, region: regionLabel(injury) })}
      </h2>
      <PersonPicker
        legend={t("injuriesV2.whose")}
        people={draft.people}
        value={injury.personId ? [injury.personId] : []}
        onChange={(ids) => set("personId", ids[0] ?? null)}
        single
        testid="injury-person"
      />
      <SelectField
        label={t("injuriesV2.act")}
        hint={t("injuriesV2.actHint")}
        value={injury.actId}
        placeholder={t("injuriesV2.noAct")}
        options={acts.map((act) => ({ value: act.id, label: actLabel(draft, act, t) }))}
        onChange={(actId) => set("actId", actId)}
        testid="injury-act"
      />
      <RadioGroup
        legend={t("injuries.side")}
        value={injury.side}
        inline
        options={[
          { value: "front", label: t("injuries.front") },
          { value: "back", label: t("injuries.back") },
        ]}
        onChange={setSide}
        testid={(side) => `injury-side-${side}`}
      />
      <SelectField
        label={t("injuries.bodyPart")}
        value={injury.region}
        options={regions(injury.side).map((r) => ({ value: r.id, label: t(`regions.${r.id}`) }))}
        onChange={setRegion}
        testid="injury-region"
      />
      <SelectField
        label={t("injuries.type")}
        value={injury.type}
        placeholder={t("common.choose")}
        options={INJURY_TYPES.map((type) => ({ value: type, label: t(`injuryTypes.${type}`) }))}
        onChange={(v) => set("type", v)}
        testid="injury-type"
      />
      <NumberField
        label={t("injuries.size")}
        value={injury.sizeCm}
        onChange={(v) => set("sizeCm", v)}
        decimal
        testid="injury-size"
      />
      <TextField
        label={t("injuries.shape")}
        hint={t("injuries.shapeHint")}
        value={injury.shape}
        onChange={(v) => set("shape", v)}
        testid="injury-shape"
      />
      <TextField
        label={t("injuries.colour")}
        hint={t("injuries.colourHint")}
        value={injury.colour}
        onChange={(v) => set("colour", v)}
        testid="injury-colour"
      />
      <div data-testid="injury-happened">
        <WhenField
          legend={t("injuries.happened")}
          value={injury.happened}
          onChange={(v) => set("happened", v)}
          testid="injury-happened"
        />
      </div>
      <div data-testid="injury-firstSeen">
        <WhenField
          legend={t("injuries.firstSeen")}
          value={injury.firstSeen}
          onChange={(v) => set("firstSeen", v)}
          testid="injury-firstSeen"
        />
      </div>
      <TextField
        label={t("injuries.observedBy")}
        hint={t("injuries.observedByHint")}
        value={injury.observedBy}
        onChange={(v) => set("observedBy", v)}
        testid="injury-observedBy"
      />
      <SourceField value={injury.source} onChange={(v) => set("source", v)} testid="injury-source" />
      <PhotoPicker
        draftId={draft.draftId}
        title={t("photos.title")}
        hint={`${t("photos.rulerPrompt")} ${t("evidencePhotos.colourPrompt")}`}
        photos={injury.photos}
        onAdd={(photo: PhotoRef) => onChange((i) => ({ ...i, photos: [...i.photos, photo] }))}
        onRemove={(id) => onChange((i) => ({ ...i, photos: i.photos.filter((p) => p.attachmentId !== id) }))}
      />
      <div class="row">
        <button type="button" class="primary" onClick={onClose} data-testid="injury-close">
          {t("injuries.close")}
        </button>
        <button type="button" class="secondary danger" onClick={onRemove} data-testid="injury-remove">
          {t("injuries.remove")}
        </button>
      </div>
    </section>
  );
}
