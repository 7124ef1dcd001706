/**
 * Validators the compiler can prove, so generation need not check them row by row (they stay in the
 * emitted `validate<Table>()`):
 *
 * - `@range(lo, hi)` over `clamp(x, a, b)` with [a, b] inside [lo, hi];
 * - `@email` over a string built from literal text, constant choices and lowered faker names when
 *   every character before the one `@` is legal in a local part, the domain is constant text that is
 *   valid for every choice, and the longest value fits 254 characters. Faker's word lists are read to
 *   know which characters a name can contain.
 *
 *   lower(`{first_name}.{last_name}@`) + one_of("example.com", "mail.net")   // proven for "en"
 */
import type { ColumnPlan, Expr, Validator } from "../ir/ir.js";
import { isEmail } from "../../runtime/validators.js";
import { pickerAlphabet } from "../../runtime/faker/lowered.js";
import type { LocaleChain } from "../../runtime/faker/faker-stream.js";

/** A piece of a string value: literal text, one of several constants, or characters from an alphabet. */
type Segment =
  | { readonly kind: "lit"; readonly text: string }
  | { readonly kind: "choice"; readonly values: readonly string[] }
  | {
      readonly kind: "chars";
      readonly chars: ReadonlySet<string>;
      readonly nonEmpty: boolean;
      readonly maxLength: number;
    };

type CaseMap = "lower" | "upper" | undefined;

interface Env {
  readonly columns: Map<string, ColumnPlan>;
  /** Columns a `when` rule may change after their value is computed. */
  readonly assigned: ReadonlySet<string>;
  readonly locale: LocaleChain | undefined;
}

const DIGITS = new Set("0123456789");

function mapCase(s: string, m: CaseMap): string {
  return m === "lower" ? s.toLowerCase() : m === "upper" ? s.toUpperCase() : s;
}

/** The segments a string expression is made of, or undefined when it cannot be known. */
function segments(e: Expr, env: Env, m: CaseMap, depth = 0): Segment[] | undefined {
  if (depth > 16) return undefined;
  switch (e.k) {
    case "const":
      if (typeof e.v === "string") return [{ kind: "lit", text: mapCase(e.v, m) }];
      if (typeof e.v === "number" && Number.isSafeInteger(e.v)) return [{ kind: "lit", text: String(e.v) }];
      return undefined;
    case "sequence":
      return [
        {
          kind: "chars",
          chars: e.start >= 0 && e.step > 0 ? DIGITS : new Set([...DIGITS, "-"]),
          nonEmpty: true,
          maxLength: 17,
        },
      ];
    case "template": {
      const out: Segment[] = [];
      for (const p of e.parts) {
        const s =
          typeof p === "string" ? [{ kind: "lit" as const, text: mapCase(p, m) }] : segments(p, env, m, depth + 1);
        if (!s) return undefined;
        out.push(...s);
      }
      return out;
    }
    case "call":
      if ((e.fn === "lower" || e.fn === "upper") && e.args[0]) return segments(e.args[0], env, e.fn, depth + 1);
      return undefined;
    case "choice":
      return e.choices.values.every((x) => typeof x === "string")
        ? [{ kind: "choice", values: e.choices.values.map((x) => mapCase(String(x), m)) }]
        : undefined;
    case "local": {
      const c = env.columns.get(e.name);
      if (!c || c.nullable || env.assigned.has(e.name)) return undefined;
      return segments(c.value, env, m, depth + 1);
    }
    case "faker": {
      if (!e.lowered || !env.locale || (e.lowered !== "firstName" && e.lowered !== "lastName")) return undefined;
      const a = pickerAlphabet(e.lowered, env.locale);
      if (!a) return undefined;
      const chars = new Set<string>();
      for (const c of a.chars) for (const x of mapCase(c, m)) chars.add(x);
      return [{ kind: "chars", chars, nonEmpty: a.nonEmpty, maxLength: a.maxLength * 3 }];
    }
    default:
      return undefined;
  }
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*$/;

function emailHolds(segs: readonly Segment[]): boolean {
  // The one '@' must sit in literal text; nothing else may contain one.
  const at = (s: Segment) =>
    s.kind === "lit"
      ? [...s.text].filter((c) => c === "@").length
      : s.kind === "choice"
        ? s.values.some((v) => v.includes("@"))
          ? 2
          : 0
        : s.chars.has("@")
          ? 2
          : 0;
  const counts = segs.map(at);
  if (counts.reduce((a, b) => a + b, 0) !== 1) return false;
  const i = counts.indexOf(1);
  const atSeg = segs[i] as Extract<Segment, { kind: "lit" }>;
  const [prefix, suffix] = atSeg.text.split("@") as [string, string];
  const local: Segment[] = [...segs.slice(0, i), { kind: "lit", text: prefix }];
  const localOk = local.every((s) =>
    s.kind === "lit"
      ? LOCAL.test(s.text)
      : s.kind === "choice"
        ? s.values.every((v) => LOCAL.test(v))
        : [...s.chars].every((c) => LOCAL.test(c)),
  );
  const localNonEmpty = local.some((s) =>
    s.kind === "lit" ? s.text.length > 0 : s.kind === "choice" ? s.values.every((v) => v.length > 0) : s.nonEmpty,
  );
  if (!localOk || !localNonEmpty) return false;
  let domains = [suffix];
  for (const s of segs.slice(i + 1)) {
    if (s.kind === "chars") return false;
    const next = s.kind === "lit" ? [s.text] : s.values;
    domains = domains.flatMap((d) => next.map((x) => d + x));
    if (domains.length > 10_000) return false;
  }
  if (!domains.every((d) => isEmail(`a@${d}`))) return false;
  const longest = segs.reduce(
    (n, s) =>
      n +
      (s.kind === "lit"
        ? s.text.length
        : s.kind === "choice"
          ? Math.max(...s.values.map((v) => v.length))
          : s.maxLength),
    0,
  );
  return longest <= 254;
}

/**
 * What is known of every value a string expression can take: all ASCII (so lower-casing it piece by
 * piece equals lower-casing it whole), and well-formed UTF-16 (no lone surrogate). Undefined when
 * the expression's pieces are not known.
 */
export function stringFacts(
  e: Expr,
  columns: readonly ColumnPlan[],
  assigned: ReadonlySet<string>,
  locale: LocaleChain | undefined,
): { ascii: boolean; wellFormed: boolean } | undefined {
  const env: Env = { columns: new Map(columns.map((c) => [c.name, c])), assigned, locale };
  const segs = segments(e, env, undefined);
  if (!segs) return undefined;
  const texts = segs.flatMap((s) =>
    s.kind === "lit" ? [s.text] : s.kind === "choice" ? s.values : [[...s.chars].join("")],
  );
  return {
    ascii: texts.every((t) => /^[\x00-\x7f]*$/.test(t)),
    wellFormed: texts.every(isWellFormed),
  };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** No lone surrogate (String.prototype.isWellFormed, which ES2022 lacks). */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

function proven(c: ColumnPlan, v: Validator, env: Env): boolean {
  if (v.kind === "range") {
    const e = c.value;
    if (e.k !== "call" || e.fn !== "clamp") return false;
    const [, lo, hi] = e.args;
    return lo?.k === "const" && hi?.k === "const" && Number(lo.v) >= v.min && Number(hi.v) <= v.max;
  }
  if (v.kind === "email" && !env.assigned.has(c.name)) {
    const segs = segments(c.value, env, undefined);
    return segs !== undefined && emailHolds(segs);
  }
  return false;
}

/** The validators of each column that generation must still check (the others are proven). */
export function proveValidators(
  columns: readonly ColumnPlan[],
  assigned: ReadonlySet<string>,
  locale: LocaleChain | undefined,
): ColumnPlan[] {
  const env: Env = { columns: new Map(columns.map((c) => [c.name, c])), assigned, locale };
  return columns.map((c) => ({ ...c, checked: c.validators.filter((v) => !proven(c, v, env)) }));
}
