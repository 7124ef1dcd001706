/**
 * A strict JSON parser (RFC 8259) for one row object that keeps what `JSON.parse` loses: a number's
 * exact text (`12.30` stays `12.30`, a bigint stays exact) and, for nested objects and arrays, their
 * text — parsed only if a `json` column needs the value.
 *
 *   parseRowObject('{"id":1,"price":12.30,"tags":["a"],"note":null}')
 *   // Map { id → JsonNumber("1"), price → JsonNumber("12.30"), tags → JsonNested('["a"]'), note → null }
 *
 * Errors are `JsonSyntaxError`s with the offset into the text; objects and arrays nested past
 * `MAX_DEPTH` are one too (`tooDeep`), before the recursion could exhaust the stack.
 */
import { DEPTH_LIMIT, MAX_DEPTH } from "./limits.js";

/** A JSON number as written. */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

/** A nested object or array, as written (already checked to be valid JSON). */
export class JsonNested {
  constructor(readonly text: string) {}
}

export type JsonCell = null | boolean | string | JsonNumber | JsonNested;

export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
    /** Nested past `MAX_DEPTH` (a limit, not a syntax error). */
    readonly tooDeep = false,
  ) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Parses `text` (surrounding whitespace allowed) as one JSON object; duplicate keys: the last wins. */
export function parseRowObject(text: string): Map<string, JsonCell> {
  const p = new Parser(text);
  p.ws();
  if (p.peek() !== 123) throw new JsonSyntaxError(p.pos, "a row must be a JSON object ({...})");
  const row = p.object(true) as Map<string, JsonCell>;
  p.ws();
  if (p.pos < text.length) throw new JsonSyntaxError(p.pos, "unexpected text after the object");
  return row;
}

class Parser {
  pos = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new JsonSyntaxError(this.pos, DEPTH_LIMIT[0], true);
  }

  peek(): number {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos) : -1;
  }

  ws(): void {
    const s = this.s;
    let p = this.pos;
    for (; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    }
    this.pos = p;
  }

  fail(reason: string): never {
    throw new JsonSyntaxError(this.pos, this.pos >= this.s.length ? "the text ends too early" : reason);
  }

  expect(c: number, what: string): void {
    if (this.peek() !== c) this.fail(`expected ${what}`);
    this.pos++;
  }

  /** An object: as a Map when `top`, else only checked (the caller slices its text). */
  object(top: boolean): Map<string, JsonCell> | undefined {
    const map = top ? new Map<string, JsonCell>() : undefined;
    this.enter();
    this.pos++; // {
    this.ws();
    if (this.peek() === 125) {
      this.pos++;
      this.depth--;
      return map;
    }
    for (;;) {
      this.ws();
      if (this.peek() !== 34) this.fail("expected a key in double quotes");
      const key = this.string();
      this.ws();
      this.expect(58, "':' after the key");
      this.ws();
      const v = this.value();
      map?.set(key, v);
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c === 125) {
        this.depth--;
        return map;
      }
      if (c !== 44) {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }

  array(): void {
    this.enter();
    this.pos++; // [
    this.ws();
    if (this.peek() === 93) {
      this.pos++;
      this.depth--;
      return;
    }
    for (;;) {
      this.ws();
      this.value();
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c === 93) {
        this.depth--;
        return;
      }
      if (c !== 44) {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  value(): JsonCell {
    const c = this.peek();
    const start = this.pos;
    if (c === 34) return this.string();
    if (c === 123) {
      this.object(false);
      return new JsonNested(this.s.slice(start, this.pos));
    }
    if (c === 91) {
      this.array();
      return new JsonNested(this.s.slice(start, this.pos));
    }
    if (this.s.startsWith("true", start)) return this.word(4, true);
    if (this.s.startsWith("false", start)) return this.word(5, false);
    if (this.s.startsWith("null", start)) return this.word(4, null);
    NUMBER.lastIndex = start;
    if (NUMBER.test(this.s) && NUMBER.lastIndex > start) {
      this.pos = NUMBER.lastIndex;
      return new JsonNumber(this.s.slice(start, this.pos));
    }
    return this.fail("expected a JSON value");
  }

  private word<T>(n: number, v: T): T {
    this.pos += n;
    return v;
  }

  string(): string {
    const s = this.s;
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      PLAIN_STRING.lastIndex = this.pos;
      PLAIN_STRING.test(s);
      const end = PLAIN_STRING.lastIndex;
      out += s.slice(this.pos, end);
      this.pos = end;
      const c = this.peek();
      if (c === 34) {
        this.pos++;
        return out;
      }
      if (c === 92) {
        const e = s.charAt(this.pos + 1);
        if (e === "u") {
          const hex = s.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("a \\u escape needs four hex digits");
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
        } else {
          const short = SHORT_ESCAPES[e];
          if (short === undefined) this.fail(`invalid escape '\\${e}' in a string`);
          out += short;
          this.pos += 2;
        }
      } else if (c === -1) this.fail("a string is not closed");
      else this.fail("a control character must be escaped inside a string");
    }
  }
}
