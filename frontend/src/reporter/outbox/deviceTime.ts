/** The phone's clock as ISO 8601 local time with its UTC offset ("2026-11-25T15:04:05.123+05:00"). */

function two(value: number): string {
  return String(value).padStart(2, "0");
}

/** `date` in local time with the offset, so reviewers see both the wall clock and the zone. */
export function isoWithOffset(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  const ms = String(date.getMilliseconds()).padStart(3, "0");
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${ms}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}
