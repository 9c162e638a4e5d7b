/** Step 2: when (exact / approximate / unknown) and where: a Kordai village, a place type, GPS only on request. */
import { useState } from "preact/hooks";

import { fmtNumber, t } from "../i18n";
import { GAZETTEER, type PlaceType, type Village } from "../../shared/report/model";
import { CheckField, Group, RadioGroup, SelectField, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import { setter } from "../wizard/draft";
import type { StepProps } from "./types";

const VILLAGES: Village[] = [...GAZETTEER, "other"];
const PLACE_TYPES: PlaceType[] = ["home", "street", "police_station", "other"];

function Gps({ draft, update }: StepProps) {
  const [optedIn, setOptedIn] = useState(draft.where.gps !== null);
  const [state, setState] = useState<"idle" | "locating" | "failed">("idle");
  const setWhere = setter(update, "where");
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

export function WhenWhereStep(props: StepProps) {
  const { draft, update } = props;
  const setWhere = setter(update, "where");
  return (
    <>
      <WhenField
        legend={t("whereStep.whenLegend")}
        value={draft.when}
        onChange={(when) => update((d) => ({ ...d, when }))}
      />
      <Group legend={t("whereStep.whereTitle")}>
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
          />
        )}
        <RadioGroup
          legend={t("whereStep.placeType")}
          value={draft.where.placeType}
          options={PLACE_TYPES.map((type) => ({ value: type, label: t(`placeTypes.${type}`) }))}
          onChange={(type) => setWhere("placeType", type)}
        />
        <Gps {...props} />
      </Group>
    </>
  );
}
