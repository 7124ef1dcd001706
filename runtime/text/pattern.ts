/**
 * Character-class patterns: `[A-Z]{3}-[0-9]{4}`, `SN-[0-9A-F]{8}`, `[1-8][0-9]{2}-[0-9]{2}-[0-9]{4}`.
 *
 * Syntax (a small, regex-like subset; every string it generates matches the same text as a RegExp):
 *   x          a literal character (anything but the specials below)
 *   [...]      one character from a set: single characters, ranges `a-z`, escapes; `-` first or last is
 *              literal; negation `[^...]` is not supported
 *   \d         [0-9]          \w   [0-9A-Z_a-z]          \s   a space (only " ")
 *   \t \n      tab, newline   \X   the literal X for any X that is not a letter or digit (\[ \- \. \\ …)
 *   {n}        exactly n of the previous item;   {n,m}  n to m;   ?  0 or 1
 *   ^ and $    accepted at the very start / end and ignored (a pattern always describes a whole value)
 * Rejected with an error: `*`, `+`, `{n,}` (unbounded), `|`, `(`, `)`, `.` (any character), `[^…]`.
 *
 * A PatternSpec is plain JSON (the compiler embeds it in generated code as a literal).
 *
 *   const r = compilePattern("[A-Z]{3}-[0-9]{4}");
 *   r.ok && patternSpace(r.spec)          // 175760000
 *   r.ok && genPattern(r.spec, t)         // "QXB-0417"
 *   new UniquePattern(spec, key).at(row)  // distinct for distinct rows < patternSpace(spec)
 */
import { cell, below, mix32 } from "../rng/stream.js";
import { Permutation } from "../keys/permutation.js";

export type PatternSegment =
  | { readonly kind: "lit"; readonly text: string }
  | { readonly kind: "set"; readonly chars: string; readonly min: number; readonly max: number };

export interface PatternSpec {
  readonly segments: readonly PatternSegment[];
}

export type PatternResult = { ok: true; spec: PatternSpec } | { ok: false; error: string; offset: number };

/** Largest repeat count accepted in `{n}` / `{n,m}`. */
export const MAX_REPEAT = 10000;

const DIGITS = "0123456789";
const WORD = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

class PatternError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

interface Atom {
  chars: string; // one character for a literal
  literal: boolean;
  min: number;
  max: number;
}

/** Parses a pattern. Never throws; errors carry the UTF-16 offset of the offending character. */
export function compilePattern(src: string): PatternResult {
  try {
    return { ok: true, spec: { segments: toSegments(parseAtoms(src)) } };
  } catch (e) {
    if (e instanceof PatternError) return { ok: false, error: e.message, offset: e.offset };
    throw e;
  }
}

function parseAtoms(src: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  let end = src.length;
  if (src.startsWith("^")) i = 1;
  if (end > i && src.endsWith("$") && !src.endsWith("\\$")) end--;
  let quantifiable = false;
  while (i < end) {
    const c = src[i];
    const at = i;
    if (c === "[") {
      const r = parseSet(src, i + 1, end);
      atoms.push({ chars: r.chars, literal: false, min: 1, max: 1 });
      i = r.next;
      quantifiable = true;
    } else if (c === "\\") {
      const r = parseEscape(src, i, end);
      atoms.push({ chars: r.chars, literal: !r.isClass, min: 1, max: 1 });
      i = r.next;
      quantifiable = true;
    } else if (c === "{" || c === "?") {
      if (!quantifiable) throw new PatternError(`Nothing to repeat before '${c}'.`, at);
      const q = c === "?" ? { min: 0, max: 1, next: i + 1 } : parseQuantifier(src, i, end);
      const last = atoms[atoms.length - 1];
      last.min = q.min;
      last.max = q.max;
      i = q.next;
      quantifiable = false;
    } else if (c === "*" || c === "+") {
      throw new PatternError(`Unbounded repetition '${c}' is not supported: use a count such as {1,8}.`, at);
    } else if (c === "|" || c === "(" || c === ")") {
      throw new PatternError(
        `Groups and alternation ('${c}') are not supported in patterns: use one_of(...) or weighted(...) for alternatives.`,
        at,
      );
    } else if (c === ".") {
      throw new PatternError(
        "'.' (any character) is not supported: use a set such as [a-z0-9], or write '\\.' for a dot.",
        at,
      );
    } else if (c === "^" || c === "$") {
      throw new PatternError(
        `'${c}' is only allowed at the ${c === "^" ? "start" : "end"} of a pattern; write '\\${c}' for the character.`,
        at,
      );
    } else if (c === "]" || c === "}") {
      throw new PatternError(`Unmatched '${c}': write '\\${c}' for the character.`, at);
    } else {
      const cp = src.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      atoms.push({ chars: ch, literal: true, min: 1, max: 1 });
      i += ch.length;
      quantifiable = ch.length === 1;
    }
  }
  return atoms;
}

function parseEscape(src: string, i: number, end: number): { chars: string; isClass: boolean; next: number } {
  if (i + 1 >= end) throw new PatternError("The pattern ends with a lone '\\'.", i);
  const e = src[i + 1];
  switch (e) {
    case "d":
      return { chars: DIGITS, isClass: true, next: i + 2 };
    case "w":
      return { chars: WORD, isClass: true, next: i + 2 };
    case "s":
      return { chars: " ", isClass: true, next: i + 2 };
    case "t":
      return { chars: "\t", isClass: false, next: i + 2 };
    case "n":
      return { chars: "\n", isClass: false, next: i + 2 };
  }
  if (/[A-Za-z0-9]/.test(e)) {
    throw new PatternError(
      `Unknown escape '\\${e}': supported are \\d, \\w, \\s, \\t, \\n and \\ before punctuation.`,
      i,
    );
  }
  if (isSurrogate(e))
    throw new PatternError("Escape a character outside the Basic Multilingual Plane by writing it as is.", i);
  return { chars: e, isClass: false, next: i + 2 };
}

function isSurrogate(c: string): boolean {
  const u = c.charCodeAt(0);
  return u >= 0xd800 && u <= 0xdfff;
}

/** Reads a set after its '['; returns its sorted, distinct characters and the index after ']'. */
function parseSet(src: string, i: number, end: number): { chars: string; next: number } {
  const open = i - 1;
  if (src[i] === "^")
    throw new PatternError("Negated sets '[^...]' are not supported: list the allowed characters.", i);
  const members = new Set<number>();
  while (i < end && src[i] !== "]") {
    let lo: number;
    const at = i;
    if (src[i] === "\\") {
      const r = parseEscape(src, i, end);
      i = r.next;
      if (r.isClass) {
        for (let k = 0; k < r.chars.length; k++) members.add(r.chars.charCodeAt(k));
        continue;
      }
      lo = r.chars.charCodeAt(0);
    } else {
      if (isSurrogate(src[i]))
        throw new PatternError("Sets support only characters of the Basic Multilingual Plane.", i);
      if (src[i] === "[") throw new PatternError("Write '\\[' for a '[' inside a set.", i);
      lo = src.charCodeAt(i);
      i++;
    }
    if (src[i] === "-" && i + 1 < end && src[i + 1] !== "]") {
      let hi: number;
      if (src[i + 1] === "\\") {
        const r = parseEscape(src, i + 1, end);
        if (r.isClass) throw new PatternError("A range cannot end with a class such as \\d.", i + 1);
        hi = r.chars.charCodeAt(0);
        i = r.next;
      } else {
        if (isSurrogate(src[i + 1]))
          throw new PatternError("Sets support only characters of the Basic Multilingual Plane.", i + 1);
        hi = src.charCodeAt(i + 1);
        i += 2;
      }
      if (hi < lo) {
        throw new PatternError(`Range '${String.fromCharCode(lo)}-${String.fromCharCode(hi)}' is reversed.`, at);
      }
      for (let c = lo; c <= hi; c++) members.add(c);
    } else {
      members.add(lo);
    }
  }
  if (i >= end) throw new PatternError("Unclosed set: '[' without ']'.", open);
  if (members.size === 0) throw new PatternError("Empty set '[]'.", open);
  const sorted = [...members].sort((a, b) => a - b);
  return { chars: String.fromCharCode(...sorted), next: i + 1 };
}

function parseQuantifier(src: string, i: number, end: number): { min: number; max: number; next: number } {
  const close = src.indexOf("}", i);
  if (close < 0 || close >= end) throw new PatternError("Unclosed '{': write {n} or {n,m}.", i);
  const body = src.slice(i + 1, close);
  const m = /^(\d+)(,(\d*))?$/.exec(body);
  if (!m) throw new PatternError(`Bad repeat count '{${body}}': write {n} or {n,m}.`, i);
  if (m[2] !== undefined && m[3] === "") {
    throw new PatternError(
      `Unbounded repetition '{${body}}' is not supported: give a maximum, as in {${m[1]},${Number(m[1]) + 8}}.`,
      i,
    );
  }
  const min = Number(m[1]);
  const max = m[3] !== undefined ? Number(m[3]) : min;
  if (max < min) throw new PatternError(`Repeat count '{${body}}' has its maximum below its minimum.`, i);
  if (max > MAX_REPEAT) throw new PatternError(`Repeat count '{${body}}' is above the limit of ${MAX_REPEAT}.`, i);
  return { min, max, next: close + 1 };
}

function toSegments(atoms: Atom[]): PatternSegment[] {
  const out: PatternSegment[] = [];
  let lit = "";
  for (const a of atoms) {
    if (a.chars.length === 1 || (a.literal && a.min === 1 && a.max === 1)) {
      if (a.min === a.max) {
        lit += a.chars.repeat(a.min);
        continue;
      }
    }
    if (lit) out.push({ kind: "lit", text: lit });
    lit = "";
    out.push({ kind: "set", chars: a.chars, min: a.min, max: a.max });
  }
  if (lit) out.push({ kind: "lit", text: lit });
  return out;
}

/** The number of strings the pattern can produce, capped at Number.MAX_VALUE (exact for fixed repeats;
 * an upper bound when optional parts can produce the same text two ways, as in `a?a`). */
export function patternSpace(spec: PatternSpec): number {
  let total = 1;
  for (const s of spec.segments) {
    if (s.kind === "lit") continue;
    const n = s.chars.length;
    let sum = 0;
    let pow = n ** s.min;
    for (let r = s.min; r <= s.max && sum < Infinity; r++) {
      sum += pow;
      pow *= n;
    }
    total *= sum;
  }
  return Number.isFinite(total) ? total : Number.MAX_VALUE;
}

/** The shortest and longest length (UTF-16 units) of a generated string. */
export function patternLength(spec: PatternSpec): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const s of spec.segments) {
    if (s.kind === "lit") {
      min += s.text.length;
      max += s.text.length;
    } else {
      min += s.min;
      max += s.max;
    }
  }
  return { min, max };
}

/** A random string of the pattern: each repeat count, then each character, takes the next draw of t. */
export function genPattern(spec: PatternSpec, t: number): string {
  let out = "";
  let k = 0;
  const segs = spec.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.kind === "lit") {
      out += s.text;
      continue;
    }
    const len = s.min === s.max ? s.min : s.min + below(t, k++, s.max - s.min + 1);
    const chars = s.chars;
    const n = chars.length;
    for (let j = 0; j < len; j++) out += chars[below(t, k++, n)];
  }
  return out;
}

/** True when every part repeats a fixed number of times (a requirement of UniquePattern). */
export function isFixedPattern(spec: PatternSpec): boolean {
  return uniquePatternError(spec) === null;
}

/** Why `spec` cannot be used with UniquePattern, or null when it can. */
export function uniquePatternError(spec: PatternSpec): string | null {
  for (const s of spec.segments) {
    if (s.kind === "set" && s.min !== s.max) {
      return `A unique pattern needs fixed repeat counts such as {4}, but one part repeats ${s.min} to ${s.max} times.`;
    }
  }
  return null;
}

/** The RegExp source (anchored) matching exactly the strings of the pattern, for validators and tests. */
export function patternRegExpSource(spec: PatternSpec): string {
  let out = "^";
  for (const s of spec.segments) {
    if (s.kind === "lit") {
      out += s.text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
    } else {
      const set = s.chars
        .replace(/[\\\]^[-]/g, "\\$&")
        .replace(/\n/g, "\\n")
        .replace(/\t/g, "\\t");
      out += "[" + set + "]" + (s.min === s.max ? `{${s.min}}` : `{${s.min},${s.max}}`);
    }
  }
  return out + "$";
}

const TWO_POW_52 = 4503599627370496;

/**
 * Row → a distinct string of a fixed-repeat pattern: the row is permuted (Feistel, keyed) and decoded
 * as a mixed-radix number, last character least significant. When the space exceeds 2^52 only the
 * rightmost positions whose product stays ≤ 2^52 are permuted; the positions left of them are filled
 * from the row's own stream. Distinct rows < `capacity` give distinct strings.
 */
export class UniquePattern {
  /** Rows that can be served (the permuted space, ≤ 2^52). */
  readonly capacity: number;
  private readonly perm: Permutation;
  private readonly fillKey: number;
  /** Per position: literal text, or the characters of one set position. */
  private readonly pos: string[] = [];
  /** Per position: its radix (1 for literal text and one-character sets). */
  private readonly radix: number[] = [];
  /** Index of the first permuted position; positions before it are filled from the row's stream. */
  private readonly split: number;
  private readonly digits: Int32Array;

  /** Throws an Error for a pattern with variable repeats (see uniquePatternError). */
  constructor(spec: PatternSpec, key: number) {
    const err = uniquePatternError(spec);
    if (err) throw new Error(err);
    for (const s of spec.segments) {
      if (s.kind === "lit") {
        this.pos.push(s.text);
        this.radix.push(1);
      } else {
        for (let j = 0; j < s.min; j++) {
          this.pos.push(s.chars);
          this.radix.push(s.chars.length);
        }
      }
    }
    let size = 1;
    let split = this.pos.length;
    while (split > 0 && size * this.radix[split - 1] <= TWO_POW_52) size *= this.radix[--split];
    this.split = split;
    this.capacity = size;
    this.perm = new Permutation(size, key);
    this.fillKey = mix32((key ^ 0x2545f491) >>> 0);
    this.digits = new Int32Array(this.pos.length);
  }

  /** The string of `row` ∈ [0, capacity). */
  at(row: number): string {
    if (!(row >= 0 && row < this.capacity)) {
      throw new RangeError(`Row ${row} is outside the unique capacity ${this.capacity} of this pattern.`);
    }
    const pos = this.pos;
    const radix = this.radix;
    let out = "";
    if (this.split > 0) {
      const s = cell(this.fillKey, row, 0);
      for (let i = 0; i < this.split; i++) out += radix[i] === 1 ? pos[i] : pos[i][below(s, i, radix[i])];
    }
    const digits = this.digits;
    let idx = this.perm.at(row);
    for (let i = pos.length - 1; i >= this.split; i--) {
      const n = radix[i];
      if (n > 1) {
        const q = Math.floor(idx / n);
        digits[i] = idx - q * n;
        idx = q;
      }
    }
    for (let i = this.split; i < pos.length; i++) out += radix[i] === 1 ? pos[i] : pos[i][digits[i]];
    return out;
  }
}
