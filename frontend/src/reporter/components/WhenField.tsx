/**
 * When something happened: exact, approximate or unknown, with a date and an optional time.
 * The value is ISO 8601 local time as the reporter gave it: "2020-04-28" or "2020-04-28T12:00".
 */
import { useId } from "preact/hooks";

import { t } from "../i18n";
import type { Precision, When } from "../../shared/report/model";
import { RadioGroup } from "./fields";

const PRECISIONS: Precision[] = ["exact", "approximate", "unknown"];

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** The phone's local time now, as a When value ("2026-03-08T14:05"). */
export function localNow(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}T${pad2(now.getHours())}:${pad2(now.getMinutes())}`;
}

interface Props {
  legend: string;
  /** Null: not answered yet. */
  value: When | null;
  onChange: (value: When) => void;
}

export function WhenField({ legend, value, onChange }: Props) {
  const id = useId();
  const precision = value?.precision ?? null;
  const [date = "", time = ""] = (value?.value ?? "").split("T");
  const set = (nextDate: string, nextTime: string): void =>
    onChange({
      precision: precision === null || precision === "unknown" ? "exact" : precision,
      value: nextDate === "" ? null : nextTime === "" ? nextDate : `${nextDate}T${nextTime}`,
    });
  const inputValue = (event: Event): string => (event.currentTarget as HTMLInputElement).value;
  return (
    <fieldset class="group when">
      <legend>{legend}</legend>
      <RadioGroup
        legend={t("when.precision")}
        value={precision}
        inline
        options={PRECISIONS.map((p) => ({ value: p, label: t(`when.${p}`) }))}
        onChange={(p) => onChange({ precision: p, value: p === "unknown" ? null : (value?.value ?? null) })}
      />
      {precision !== "unknown" && (
        <div class="when-inputs">
          <div class="field">
            <label for={`${id}-date`}>{t("when.date")}</label>
            <input
              id={`${id}-date`}
              type="date"
              value={date}
              max={localNow().slice(0, 10)}
              onInput={(e) => set(inputValue(e), time)}
            />
          </div>
          <div class="field">
            <label for={`${id}-time`}>{t("when.time")}</label>
            <input
              id={`${id}-time`}
              type="time"
              value={time}
              disabled={date === ""}
              onInput={(e) => set(date, inputValue(e))}
            />
          </div>
          <button
            type="button"
            class="secondary now"
            onClick={() => onChange({ precision: "exact", value: localNow() })}
          >
            {t("when.now")}
          </button>
        </div>
      )}
    </fieldset>
  );
}
