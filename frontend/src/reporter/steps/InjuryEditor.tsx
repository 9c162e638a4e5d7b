/** One injury (Istanbul Protocol): where, what, size, shape, colour, when, who saw it, photos. */
import { useId } from "preact/hooks";

import { t } from "../i18n";
import type { BodySide, Injury, InjuryType, PhotoRef, Victim } from "../../shared/report/model";
import { HEIGHT, regions, WIDTH } from "../../shared/body/bodyRegions";
import { NumberField, RadioGroup, SelectField, TextField } from "../components/fields";
import { PhotoPicker } from "../components/PhotoPicker";
import { WhenField } from "../components/WhenField";

export const INJURY_TYPES: InjuryType[] = ["bruise", "abrasion", "laceration", "burn", "swelling", "fracture", "other"];

/** "Chest (front)": a region's name with the view it is on. */
export const regionLabel = (injury: Pick<Injury, "region" | "side">): string =>
  `${t(`regions.${injury.region}`)} (${t(`injuries.${injury.side}`)})`;

interface Props {
  draftId: string;
  injury: Injury;
  number: number;
  victims: Victim[];
  onChange: (change: (injury: Injury) => Injury) => void;
  onRemove: () => void;
  onClose: () => void;
}

export function InjuryEditor({ draftId, injury, number, victims, onChange, onRemove, onClose }: Props) {
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
  return (
    <section class="injury-editor card" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {t("injuries.edit", { n: number, region: regionLabel(injury) })}
      </h2>
      <RadioGroup
        legend={t("injuries.side")}
        value={injury.side}
        inline
        options={[
          { value: "front", label: t("injuries.front") },
          { value: "back", label: t("injuries.back") },
        ]}
        onChange={setSide}
      />
      <SelectField
        label={t("injuries.bodyPart")}
        value={injury.region}
        options={regions(injury.side).map((r) => ({ value: r.id, label: t(`regions.${r.id}`) }))}
        onChange={setRegion}
      />
      {victims.length > 1 && (
        <SelectField
          label={t("injuries.whose")}
          value={injury.victimId}
          placeholder={t("common.choose")}
          options={victims.map((v, index) => ({ value: v.id, label: v.name ?? t("victims.person", { n: index + 1 }) }))}
          onChange={(v) => set("victimId", v)}
        />
      )}
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
      />
      <TextField
        label={t("injuries.colour")}
        hint={t("injuries.colourHint")}
        value={injury.colour}
        onChange={(v) => set("colour", v)}
      />
      <WhenField legend={t("injuries.happened")} value={injury.happened} onChange={(v) => set("happened", v)} />
      <WhenField legend={t("injuries.firstSeen")} value={injury.firstSeen} onChange={(v) => set("firstSeen", v)} />
      <TextField
        label={t("injuries.observedBy")}
        hint={t("injuries.observedByHint")}
        value={injury.observedBy}
        onChange={(v) => set("observedBy", v)}
      />
      <PhotoPicker
        draftId={draftId}
        title={t("photos.title")}
        hint={t("photos.rulerPrompt")}
        photos={injury.photos}
        onAdd={(photo: PhotoRef) => onChange((i) => ({ ...i, photos: [...i.photos, photo] }))}
        onRemove={(id) => onChange((i) => ({ ...i, photos: i.photos.filter((p) => p.attachmentId !== id) }))}
      />
      <div class="row">
        <button type="button" class="primary" onClick={onClose}>
          {t("injuries.close")}
        </button>
        <button type="button" class="secondary danger" onClick={onRemove}>
          {t("injuries.remove")}
        </button>
      </div>
    </section>
  );
}
