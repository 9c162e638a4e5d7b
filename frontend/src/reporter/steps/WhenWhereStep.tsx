/** When (exact / approximate / unknown, with quick dates) and where: a Kordai village, a place type, GPS only on request. */
import { useState } from "preact/hooks";

import { fmtNumber, t } from "../i18n";
import { GAZETTEER } from "../../shared/report/model";
import type { Place } from "../../shared/report/v2";
import { CheckField, Group, RadioGroup, SelectField, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import type { StepPropsV2, UpdateV2 } from "./typesV2";

type Village = Exclude<Place["village"], null>;
type PlaceType = Exclude<Place["placeType"], null>;
const VILLAGES: Village[] = [...GAZETTEER, "other"];
const PLACE_TYPES: PlaceType[] = ["home", "street", "police_station", "other"];

/** A setter for one field of the report's place. */
const whereSetter =
  (update: UpdateV2) =>
  <K extends keyof Place>(field: K, value: Place[K]): void =>
    update((d) => ({ ...d, where: { ...d.where, [field]: value } }));

/** The village (`village-select`) and, for "other", the place typed in: shared with the short path. */
export function VillageField({ draft, update }: Pick<StepPropsV2, "draft" | "update">) {
  const setWhere = whereSetter(update);
  return (
    <>
      <SelectField
        label={t("whereStep.village")}
        value={draft.where.village}
        placeholder={t("common.choose")}
        options={VILLAGES.map((village) => ({ value: village, label: t(`villages.${village}`) }))}
        onChange={(village) => setWhere("village", village)}
        testid="village-select"
      />
      {draft.where.village === "other" && (
        <TextField
          label={t("whereStep.otherPlace")}
          value={draft.where.other}
          onChange={(other) => setWhere("other", other)}
          testid="village-other"
        />
      )}
    </>
  );
}

function Gps({ draft, update }: StepPropsV2) {
  const [optedIn, setOptedIn] = useState(draft.where.gps !== null);
  const [state, setState] = useState<"idle" | "locating" | "failed">("idle");
  const setWhere = whereSetter(update);
  const locate = (): void => {
    setState("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setWhere("gps", {
          lat: position.coords.latitude,
          lon: position.coords.longitude,
          accuracyM: Math.round(position.coords.accuracy),
        });
        setState("idle");
      },
      () => setState("failed"),
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 0 },
    );
  };
  const gps = draft.where.gps;
  return (
    <details class="gps" open={gps !== null}>
      <summary>{t("whereStep.gpsTitle")}</summary>
      <p class="warning">{t("whereStep.gpsWarning")}</p>
      <CheckField
        label={t("whereStep.gpsOptIn")}
        checked={optedIn}
        onChange={(on) => {
          setOptedIn(on);
          if (!on) setWhere("gps", null);
        }}
      />
      {optedIn && !gps && (
        <button type="button" class="secondary" onClick={locate} disabled={state === "locating"}>
          {state === "locating" ? t("whereStep.gpsLocating") : t("whereStep.gpsLocate")}
        </button>
      )}
      {gps && (
        <>
          <p>{t("whereStep.gpsAdded", { meters: fmtNumber(gps.accuracyM, 0) })}</p>
          <button type="button" class="secondary" onClick={() => setWhere("gps", null)}>
            {t("whereStep.gpsRemove")}
          </button>
        </>
      )}
      <p class="status" role="status">
        {state === "failed" ? t("whereStep.gpsFailed") : ""}
      </p>
    </details>
  );
}

export function WhenWhereStep(props: StepPropsV2) {
  const { draft, update } = props;
  return (
    <>
      <WhenField
        legend={t("whereStep.whenLegend")}
        value={draft.when}
        onChange={(when) => update((d) => ({ ...d, when }))}
        testid="when"
      />
      <Group legend={t("whereStep.whereTitle")}>
        <VillageField draft={draft} update={update} />
        <RadioGroup
          legend={t("whereStep.placeType")}
          value={draft.where.placeType}
          options={PLACE_TYPES.map((type) => ({ value: type, label: t(`placeTypes.${type}`) }))}
          onChange={(type) => whereSetter(update)("placeType", type)}
          testid={(type) => `place-type-${type}`}
        />
        <Gps {...props} />
      </Group>
    </>
  );
}
