/** Where an act happened: a village of Kordai district or another place, and what kind of place. Null until answered. */
import { t } from "../i18n";
import { GAZETTEER } from "../../shared/report/model";
import type { Place } from "../../shared/report/v2";
import { Group, SelectField, TextField } from "../components/fields";

type Village = NonNullable<Place["village"]>;
type PlaceType = NonNullable<Place["placeType"]>;

const VILLAGES: Village[] = [...GAZETTEER, "other"];
const PLACE_TYPES: PlaceType[] = ["home", "street", "police_station", "temporary_detention", "car", "other"];

const EMPTY: Place = { village: null, other: null, placeType: null, gps: null };

interface Props {
  legend: string;
  value: Place | null;
  onChange: (place: Place | null) => void;
  /** `data-testid` prefix: `<prefix>-village`, `<prefix>-other`, `<prefix>-type`. */
  testid: string;
}

export function PlaceFields({ legend, value, onChange, testid }: Props) {
  const place = value ?? EMPTY;
  // An act's place never carries GPS: only the report's own place may, on explicit opt-in.
  const set = (change: Partial<Place>): void => {
    const next = { ...place, ...change, gps: null };
    onChange(next.village === null && next.other === null && next.placeType === null ? null : next);
  };
  return (
    <Group legend={legend}>
      <SelectField
        label={t("actsV2.village")}
        value={place.village}
        placeholder={t("common.choose")}
        options={VILLAGES.map((village) => ({ value: village, label: t(`villages.${village}`) }))}
        onChange={(village) => set({ village })}
        testid={`${testid}-village`}
      />
      <TextField
        label={t("actsV2.placeOther")}
        hint={t("actsV2.placeOtherHint")}
        value={place.other}
        onChange={(other) => set({ other })}
        testid={`${testid}-other`}
      />
      <SelectField
        label={t("actsV2.placeType")}
        value={place.placeType}
        placeholder={t("common.choose")}
        options={PLACE_TYPES.map((type) => ({ value: type, label: t(`actsV2.placeTypes.${type}`) }))}
        onChange={(placeType) => set({ placeType })}
        testid={`${testid}-type`}
      />
    </Group>
  );
}
