/**
 * When something happened: exact, approximate or unknown, with a date and an optional time, and
 * quick dates beside the picker ("today", "yesterday", 2..7 days ago) for a reporter who finds a
 * date picker hard. The value is ISO 8601 local time as the reporter gave it: "2020-04-28" or
 * "2020-04-28T12:00".
 */
import { useId, useState } from "preact/hooks";

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

/** The phone's local date `days` days before today ("2026-03-06"). */
export function localDaysAgo(days: number, today: Date = new Date()): string {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
  return `${day.getFullYear()}-${pad2(day.getMonth() + 1)}-${pad2(day.getDate())}`;
}

/**
 * The quick dates. Today and yesterday are exact: people know them. "N days ago" is approximate:
 * counting back days after a frightening event is easily off by one, and a lawyer must not read a
 * count as a certain date (the reporter can still switch it to "exact").
 */
const QUICK: { days: number; precision: Precision; label: string }[] = [
  { days: 0, precision: "exact", label: "core.when.today" },
  { days: 1, precision: "exact", label: "core.when.yesterday" },
];
const DAYS_AGO = [2, 3, 4, 5, 6, 7];

interface Props {
  legend: string;
  /** Null: not answered yet. */
  value: When | null;
  onChange: (value: When) => void;
  /** `data-testid` prefix of the quick dates: `<prefix>-today`, `<prefix>-yesterday`, `<prefix>-days-3`. */
  testid?: string | undefined;
}

export function WhenField({ legend, value, onChange, testid }: Props) {
  const id = useId();
  // A new report's `when` starts as {unknown, null}: shown as not yet answered (date field open, no
  // choice ticked), not as a "don't know" nobody said. Only a tap on "don't know" here ticks it.
  const [saidUnknown, setSaidUnknown] = useState(false);
  const blank = value === null || (value.precision === "unknown" && value.value === null);
  const precision = blank && !saidUnknown ? null : (value?.precision ?? null);
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
        onChange={(p) => {
          setSaidUnknown(p === "unknown");
          onChange({ precision: p, value: p === "unknown" ? null : (value?.value ?? null) });
        }}
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
      <div class="quick-dates" role="group" aria-label={t("when.date")}>
        {QUICK.map(({ days, precision: p, label }) => (
          <button
            key={days}
            type="button"
            class="secondary"
            aria-pressed={value?.value === localDaysAgo(days) && precision === p}
            onClick={() => onChange({ precision: p, value: localDaysAgo(days) })}
            data-testid={testid ? `${testid}-${days === 0 ? "today" : "yesterday"}` : undefined}
          >
            {t(label)}
          </button>
        ))}
        <span class="quick-label">{t("core.when.daysAgo")}</span>
        {DAYS_AGO.map((days) => (
          <button
            key={days}
            type="button"
            class="secondary small"
            aria-label={t("core.when.daysAgoN", { n: days })}
            aria-pressed={value?.value === localDaysAgo(days) && precision === "approximate"}
            onClick={() => onChange({ precision: "approximate", value: localDaysAgo(days) })}
            data-testid={testid ? `${testid}-days-${days}` : undefined}
          >
            {days}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
