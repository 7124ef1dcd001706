/**
 * Values of literal tokens: numbers, durations, dates, timestamps, strings, template text, regexes.
 * Pure functions of the token's text; a problem comes back as `{ error }` (with the offset of the bad
 * part inside the text, for escapes) and `build-ast.ts` turns it into a diagnostic.
 *
 * `numberValue("5%")` → `{ value: 0.05, isInteger: false, isPercent: true }`;
 * `dateDays("1970-01-02")` → `1`; `timestampMs("1970-01-01T00:00:01.250Z")` → `1250`;
 * `durationMs("1.5h")` → `5400000`.
 */

export interface NumberValue {
  readonly value: number;
  readonly isInteger: boolean;
  readonly isPercent: boolean;
}

export function numberValue(raw: string): NumberValue | undefined {
  if (!/^\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?%?$/.test(raw)) return undefined;
  const isPercent = raw.endsWith("%");
  const digits = raw.replace(/[_%]/g, "");
  const value = Number(digits);
  if (!Number.isFinite(value)) return undefined;
  return { value: isPercent ? value / 100 : value, isInteger: !/[.eE%]/.test(raw), isPercent };
}

const unitMs: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

export function durationMs(raw: string): number | undefined {
  const m = /^(\d(?:_?\d)*(?:\.\d(?:_?\d)*)?)(ms|s|m|h|d|w|y)$/.exec(raw);
  if (!m) return undefined;
  const ms = Number(m[1]!.replace(/_/g, "")) * unitMs[m[2]!]!;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** `YYYY-MM-DD` → days since 1970-01-01, or undefined when it is not a real date. */
export function dateDays(raw: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validDate(y, mo, d) ? daysFromCivil(y, mo, d) : undefined;
}

const timestampShape =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))?$/;

/**
 * `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)` → milliseconds since the Unix epoch. Without a zone the
 * time is read as UTC (dgen never looks at the machine's time zone). Fractions round to the millisecond.
 */
export function timestampMs(raw: string): number | undefined {
  const m = timestampShape.exec(raw);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDate(y!, mo!, d!) || h! > 23 || mi! > 59 || s > 59) return undefined;
  const fraction = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const days = daysFromCivil(y!, mo!, d!);
  return days * 86_400_000 + ((h! * 60 + mi! - offsetMin) * 60 + s) * 1000 + fraction;
}

// ---------------------------------------------------------------- strings

export interface Decoded {
  readonly value: string;
  /** Bad escapes: the escape's text and its offset inside the input. */
  readonly badEscapes: readonly { readonly text: string; readonly offset: number }[];
}

const jsonEscapes: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
const templateEscapes: Record<string, string> = { ...jsonEscapes, "{": "{", "}": "}", "`": "`" };

function decode(body: string, escapes: Record<string, string>): Decoded {
  let value = "";
  const badEscapes: { text: string; offset: number }[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      value += c;
      continue;
    }
    const next = body[i + 1];
    if (next === "u" && /^[0-9A-Fa-f]{4}$/.test(body.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (next !== undefined && escapes[next] !== undefined) {
      value += escapes[next];
      i += 1;
    } else {
      const text = next === "u" ? body.slice(i, i + 6) : body.slice(i, i + 2);
      badEscapes.push({ text, offset: i });
      i += text.length - 1;
    }
  }
  return { value, badEscapes };
}

/** The body of a `"..."` token (without quotes), JSON escapes resolved. */
export function decodeString(body: string): Decoded {
  return decode(body, jsonEscapes);
}

/** Template text: JSON escapes plus `\{`, `\}` and `` \` ``. */
export function decodeTemplateText(raw: string): Decoded {
  return decode(raw, templateEscapes);
}

/** `/^a+$/i` → `{ pattern: "^a+$", flags: "i" }`; an unterminated literal has no closing `/`. */
export function splitRegex(raw: string): { pattern: string; flags: string; terminated: boolean } {
  const close = raw.lastIndexOf("/");
  if (close <= 0) return { pattern: raw.slice(1), flags: "", terminated: false };
  return { pattern: raw.slice(1, close), flags: raw.slice(close + 1), terminated: true };
}

/** Why `new RegExp` rejects the pattern, or undefined when it accepts it. */
export function regexError(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8: "Invalid regular expression: /[a-/: Unterminated character class" → "Unterminated character class".
    return message.replace(/^Invalid regular expression: (\/[\s\S]*\/[A-Za-z]*: )?/, "").replace(/\.$/, "");
  }
}
