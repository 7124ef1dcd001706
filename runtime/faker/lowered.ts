/**
 * Direct, fast equivalents of common faker methods: the same distribution as faker's own method (for
 * the locale chain [locale, en, base]), read from faker's locale data and driven by our stream, without
 * a method call. Values differ from faker's for the same randomizer; distributions do not.
 *
 * faker 10 picks a name as follows (person module, no `sex` argument): draw a sex (female or male,
 * 1/2 each); if the locale has both a gendered and a generic list, take the gendered one with weight
 * 3·√(its length) against √(generic length); then a uniform element. lastName first does the same on
 * `last_name_pattern`, picks a pattern by its weight and expands `{{person.last_name.*}}`.
 *
 *   const first = firstNamePicker("en");  first(t)   // "Aurelia"
 *   const last = lastNamePicker("de");    last(t)    // "Schmidt-Weber" (rarely hyphenated)
 */
import { below } from "../rng/stream.js";
import { WeightedTable } from "../rng/weighted.js";
import { FakerStream, newFaker, type LocaleChain } from "./faker-stream.js";

type Gendered<T> = { generic?: readonly T[]; female?: readonly T[]; male?: readonly T[] };
type Sex = "generic" | "female" | "male";
const SEXES: readonly Sex[] = ["generic", "female", "male"];

/** P(list) for faker's `selectDefinition` without a sex argument (the helper `q` in faker's source). */
function listWeights<T>(def: Gendered<T>): Record<Sex, number> {
  const w: Record<Sex, number> = { generic: 0, female: 0, male: 0 };
  const r = def.generic;
  for (const sex of ["female", "male"] as const) {
    const o = def[sex];
    if (o == null) {
      if (r != null) w.generic += 0.5;
    } else if (r == null) {
      w[sex] += 0.5;
    } else {
      const wo = 3 * Math.sqrt(o.length);
      const wr = Math.sqrt(r.length);
      w[sex] += (0.5 * wo) / (wo + wr);
      w.generic += (0.5 * wr) / (wo + wr);
    }
  }
  return w;
}

function personDefinitions(locales: LocaleChain): Record<string, unknown> | undefined {
  return newFaker(locales).rawDefinitions.person as Record<string, unknown> | undefined;
}

/** A picker over gendered word lists; null when the data is not in the expected shape. */
function wordPicker(def: unknown): ((t: number) => string) | null {
  if (def == null || typeof def !== "object" || Array.isArray(def)) return null;
  const g = def as Gendered<string>;
  const w = listWeights(g);
  const lists: (readonly string[])[] = [];
  const weights: number[] = [];
  for (const sex of SEXES) {
    const l = g[sex];
    if (w[sex] > 0) {
      if (!Array.isArray(l) || l.length === 0) return null;
      lists.push(l);
      weights.push(w[sex]);
    }
  }
  if (lists.length === 0) return null;
  if (lists.length === 1) {
    const only = lists[0];
    return (t) => only[below(t, 1, only.length)];
  }
  const table = new WeightedTable(weights);
  return (t) => {
    const l = lists[table.pick(t)];
    return l[below(t, 1, l.length)];
  };
}

/** `faker.person.firstName()` for the locale: (t) => a first name, same distribution. */
export function firstNamePicker(locale: LocaleChain): (t: number) => string {
  const direct = wordPicker(personDefinitions(locale)?.first_name);
  if (direct) return direct;
  const fs = new FakerStream(locale, 0);
  return (t) => fs.at(t).person.firstName();
}

/** One expanded pattern: literal parts and word lists, alternating, starting with a literal. */
interface Template {
  readonly lits: readonly string[];
  readonly words: readonly (readonly string[])[];
}

const PLACEHOLDER = /\{\{\s*person\.last_name\.(generic|female|male)\s*\}\}/g;

function parseTemplate(value: string, names: Gendered<string>): Template | null {
  const lits: string[] = [];
  const words: (readonly string[])[] = [];
  let last = 0;
  for (const m of value.matchAll(PLACEHOLDER)) {
    const list = names[m[1] as Sex];
    if (!Array.isArray(list) || list.length === 0) return null;
    lits.push(value.slice(last, m.index));
    words.push(list);
    last = m.index! + m[0].length;
  }
  lits.push(value.slice(last));
  if (lits.some((l) => l.includes("{{"))) return null;
  return { lits, words };
}

function patternPicker(patterns: unknown, names: unknown): ((t: number) => string) | null {
  if (patterns == null || typeof patterns !== "object" || Array.isArray(patterns)) return null;
  if (names == null || typeof names !== "object" || Array.isArray(names)) return null;
  const g = patterns as Gendered<{ value: string; weight: number }>;
  const w = listWeights(g);
  const templates: Template[] = [];
  const weights: number[] = [];
  for (const sex of SEXES) {
    if (w[sex] === 0) continue;
    const entries = g[sex];
    if (!Array.isArray(entries) || entries.length === 0) return null;
    const sum = entries.reduce((s, e) => s + e.weight, 0);
    for (const e of entries) {
      const tpl = parseTemplate(e.value, names as Gendered<string>);
      if (!tpl || !(e.weight > 0)) return null;
      templates.push(tpl);
      weights.push((w[sex] * e.weight) / sum);
    }
  }
  const table = new WeightedTable(weights);
  return (t) => {
    const tpl = templates[table.pick(t)];
    let out = tpl.lits[0];
    for (let j = 0; j < tpl.words.length; j++) {
      const l = tpl.words[j];
      out += l[below(t, 1 + j, l.length)] + tpl.lits[j + 1];
    }
    return out;
  };
}

/** `faker.person.lastName()` for the locale: (t) => a last name, same distribution (patterns expanded). */
export function lastNamePicker(locale: LocaleChain): (t: number) => string {
  const person = personDefinitions(locale);
  const direct =
    person?.last_name_pattern != null
      ? patternPicker(person.last_name_pattern, person.last_name)
      : wordPicker(person?.last_name);
  if (direct) return direct;
  const fs = new FakerStream(locale, 0);
  return (t) => fs.at(t).person.lastName();
}

/** What any output of a lowered picker is made of: its characters, whether it is never empty, its longest length. */
export interface PickerAlphabet {
  readonly chars: ReadonlySet<string>;
  readonly nonEmpty: boolean;
  readonly maxLength: number;
}

function wordsOf(def: unknown): string[] | null {
  if (def == null || typeof def !== "object" || Array.isArray(def)) return null;
  const out: string[] = [];
  for (const sex of SEXES) {
    const list = (def as Gendered<unknown>)[sex];
    if (list == null) continue;
    if (!Array.isArray(list) || list.some((w) => typeof w !== "string")) return null;
    out.push(...(list as string[]));
  }
  return out.length > 0 ? out : null;
}

function alphabetOf(words: readonly string[], extra = "", extraLength = 0): PickerAlphabet {
  const chars = new Set<string>();
  let maxLength = 0;
  for (const w of [...words, extra]) for (const c of w) chars.add(c);
  for (const w of words) maxLength = Math.max(maxLength, w.length);
  return { chars, nonEmpty: words.every((w) => w.length > 0), maxLength: maxLength + extraLength };
}

/**
 * The alphabet of `firstNamePicker` / `lastNamePicker` for a locale, read from the same data the
 * pickers use, so the compiler can prove validators (an e-mail built from names); undefined when
 * the picker falls back to faker's own method.
 */
export function pickerAlphabet(kind: "firstName" | "lastName", locale: LocaleChain): PickerAlphabet | undefined {
  const person = personDefinitions(locale);
  if (kind === "firstName") {
    const words = wordsOf(person?.first_name);
    return words ? alphabetOf(words) : undefined;
  }
  const words = wordsOf(person?.last_name);
  if (!words) return undefined;
  if (person?.last_name_pattern == null) return alphabetOf(words);
  const patterns = wordsOf(
    Object.fromEntries(
      Object.entries(person.last_name_pattern as Record<string, { value: string }[]>).map(([k, list]) => [
        k,
        Array.isArray(list) ? list.map((e) => e?.value) : list,
      ]),
    ),
  );
  if (!patterns) return undefined;
  let literal = "";
  let longest = 0;
  const longestWord = Math.max(...words.map((w) => w.length));
  for (const p of patterns) {
    const placeholders = (p.match(PLACEHOLDER) ?? []).length;
    const lits = p.replace(PLACEHOLDER, "");
    literal += lits;
    longest = Math.max(longest, lits.length + placeholders * longestWord);
  }
  const base = alphabetOf(words, literal);
  return { chars: base.chars, nonEmpty: base.nonEmpty, maxLength: longest };
}
