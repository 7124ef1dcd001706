/**
 * Civil dates as day numbers (days since 1970-01-01, UTC) and their text, without Date objects
 * (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"). Formatting covers years 0000–9999
 * and throws a RangeError outside; the conversions themselves work for any year.
 *
 *   daysFromCivil(2024, 2, 29)     // 19782
 *   formatDate(19782)              // "2024-02-29"
 *   formatTimestamp(1709164800123) // "2024-02-29T00:00:00.123Z"
 */

/** Days since 1970-01-01 of year y, month m (1–12), day d (1–31), proleptic Gregorian. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year of era (0..399) of a day-of-era (0..146096). */
function yoeOf(doe: number): number {
  return Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
}

/** Day of the year counted from March 1 (0..365) of a day number. */
function marchDay(days: number): number {
  const z = Math.floor(days) + 719468;
  const doe = z - Math.floor(z / 146097) * 146097;
  const yoe = yoeOf(doe);
  return doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
}

/** { year, month (1–12), day (1–31) } of a day number. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = Math.floor(days) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = yoeOf(doe);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The calendar year of a day number. */
export function yearOf(days: number): number {
  const z = Math.floor(days) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = yoeOf(doe);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  return yoe + era * 400 + (doy >= 306 ? 1 : 0);
}

/** The month (1–12) of a day number. */
export function monthOf(days: number): number {
  const mp = Math.floor((5 * marchDay(days) + 2) / 153);
  return mp < 10 ? mp + 3 : mp - 9;
}

/** The day of the month (1–31) of a day number. */
export function dayOf(days: number): number {
  const doy = marchDay(days);
  const mp = Math.floor((5 * doy + 2) / 153);
  return doy - Math.floor((153 * mp + 2) / 5) + 1;
}

/** The weekday of a day number, 0 = Sunday … 6 = Saturday (as Date#getUTCDay). */
export function weekdayOf(days: number): number {
  return (((Math.floor(days) + 4) % 7) + 7) % 7;
}

const PAD2: string[] = [];
for (let i = 0; i < 100; i++) PAD2.push(i < 10 ? "0" + i : String(i));
const PAD3: string[] = [];
for (let i = 0; i < 1000; i++) PAD3.push(String(i).padStart(3, "0"));

const MIN_DAY = -719528; // 0000-01-01
const MAX_DAY = 2932896; // 9999-12-31

/** `YYYY-MM-DD` of a day number in 0000-01-01 … 9999-12-31 (RangeError outside). */
export function formatDate(days: number): string {
  days = Math.floor(days);
  if (!(days >= MIN_DAY && days <= MAX_DAY)) throw new RangeError(`Date out of range 0000–9999: day ${days}.`);
  const { year: y, month: m, day: d } = civilFromDays(days);
  const c = Math.floor(y / 100);
  return PAD2[c] + PAD2[y - c * 100] + "-" + PAD2[m] + "-" + PAD2[d];
}

const MS_PER_DAY = 86400000;

/**
 * `YYYY-MM-DDTHH:MM:SSZ` of milliseconds since the epoch (fractional ms are floored), with `.sss`
 * before the Z only when the milliseconds are not 0. Years 0000–9999 (RangeError outside).
 */
export function formatTimestamp(ms: number): string {
  ms = Math.floor(ms);
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const mi = Math.floor(rest / 60000);
  rest -= mi * 60000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const time = "T" + PAD2[h] + ":" + PAD2[mi] + ":" + PAD2[s];
  return formatDate(days) + (milli === 0 ? time + "Z" : time + "." + PAD3[milli] + "Z");
}
