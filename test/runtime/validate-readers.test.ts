/**
 * The readers of `dgen validate` (runtime/validate/), fed text in arbitrary chunks: what they read must
 * not depend on where chunks end. Oracles are independent: csv-parse for CSV, JSON.parse for JSON, and a
 * TSV escaper written here from the format's description.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CsvRecords } from "../../runtime/validate/csv-reader.js";
import { JsonArrayRecords, JsonlRecords } from "../../runtime/validate/json-reader.js";
import { JsonNested, JsonNumber, parseRowObject, type JsonCell } from "../../runtime/validate/json-value.js";
import { DataSyntaxError, forEachChunk } from "../../runtime/validate/text-input.js";
import { TsvRecords } from "../../runtime/validate/tsv-reader.js";

const dir = mkdtempSync(join(tmpdir(), "dgen-validate-readers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `text` cut at the given (sorted, deduplicated) offsets. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

function feed(parser: { push(s: string): void; end(): void }, chunks: readonly string[]): void {
  for (const c of chunks) parser.push(c);
  parser.end();
}

/** Field text with every character the formats must escape or quote, and some non-ASCII. */
const field = fc.string({
  unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "\t", "\\", "N", "é", "😀"),
  maxLength: 8,
});
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe("CsvRecords", () => {
  it("reads what csv-stringify writes as csv-parse reads it, wherever the chunks end", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((n) =>
            fc.array(fc.array(fc.option(field, { nil: null }), { minLength: n, maxLength: n }), {
              minLength: 1,
              maxLength: 6,
            }),
          ),
        cuts,
        fc.constantFrom("\n", "\r\n"),
        (records, at, eol) => {
          // null as an empty unquoted field, "" as `""` (how dgen writes them); csv-stringify quotes the rest
          const text = records
            .map(
              (r) =>
                r
                  .map((v) =>
                    v === null ? "" : stringify([[v]], { quoted_empty: true, quoted_match: /\r/ }).replace(/\n$/, ""),
                  )
                  .join(",") + eol,
            )
            .join("");
          const expected = parse(text, {
            relax_column_count: true,
            skip_empty_lines: false,
            cast: (value: string, context: { quoting: boolean }) => (value === "" && !context.quoting ? null : value),
          }) as (string | null)[][];
          const got: (string | null)[][] = [];
          feed(new CsvRecords((f) => got.push(f)), cut(text, at));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("rejects a quote in an unquoted field, text after a closing quote and an unclosed quote, with the line", () => {
    const run = (text: string) => () => feed(new CsvRecords(() => {}), [text]);
    expect(run('a,b\n1,x"y\n')).toThrow(/quote inside an unquoted field/);
    expect(run('a,b\n1,"x"y\n')).toThrow(/after the closing quote/);
    try {
      run('a,b\n1,2\n3,"open\nstill\n')();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataSyntaxError);
      expect((e as DataSyntaxError).line).toBe(3);
    }
  });
});

/** TSV escaping as described in the PostgreSQL text format (what tsv-sink.ts writes). */
function tsvField(v: string | null): string {
  if (v === null) return "\\N";
  return v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
}

describe("TsvRecords", () => {
  it("reads back escaped TAB, LF, CR, backslash and \\N, with LF or CRLF line ends, wherever the chunks end", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((n) =>
            fc.array(fc.array(fc.option(field, { nil: null }), { minLength: n, maxLength: n }), {
              minLength: 1,
              maxLength: 6,
            }),
          ),
        cuts,
        fc.constantFrom("\n", "\r\n"),
        (records, at, eol) => {
          const text = records.map((r) => r.map(tsvField).join("\t") + eol).join("");
          const got: (string | null)[][] = [];
          feed(new TsvRecords((f) => got.push(f)), cut(text, at));
          expect(got).toEqual(records);
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** A parsed cell as the plain value JSON.parse gives. */
function plain(v: JsonCell | undefined): unknown {
  if (v instanceof JsonNumber) return Number(v.raw);
  if (v instanceof JsonNested) return JSON.parse(v.text) as unknown;
  return v;
}

const rowObject = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });

describe("JSON readers", () => {
  it("JSONL and JSON arrays give the objects JSON.parse gives, wherever the chunks end", () => {
    fc.assert(
      fc.property(fc.array(rowObject, { maxLength: 5 }), cuts, fc.boolean(), (rows, at, pretty) => {
        const expected = rows.map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
        const lines = rows.map((r) => JSON.stringify(r));
        const asObjects = (got: Map<string, JsonCell>[]) =>
          got.map((m) => Object.fromEntries([...m].map(([k, v]) => [k, plain(v)])));
        const fromLines: Map<string, JsonCell>[] = [];
        feed(new JsonlRecords((m) => fromLines.push(m)), cut(lines.map((l) => l + "\n").join(""), at));
        expect(asObjects(fromLines)).toEqual(expected);
        const array = pretty ? JSON.stringify(rows, null, 2) : `[\n${lines.join(",\n")}\n]\n`;
        const fromArray: Map<string, JsonCell>[] = [];
        feed(new JsonArrayRecords((m) => fromArray.push(m)), cut(array, at));
        expect(asObjects(fromArray)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a number's exact text", () => {
    const row = parseRowObject('{"a": 12.30, "b": 9007199254740993, "c": -0.5e-7}');
    expect([...row.values()].map((v) => (v as JsonNumber).raw)).toEqual(["12.30", "9007199254740993", "-0.5e-7"]);
  });

  it("accepts exactly the objects JSON.parse accepts", () => {
    const accepts = (s: string) => {
      try {
        parseRowObject(s);
        return true;
      } catch {
        return false;
      }
    };
    const jsonAccepts = (s: string) => {
      try {
        const v = JSON.parse(s) as unknown;
        return typeof v === "object" && v !== null && !Array.isArray(v);
      } catch {
        return false;
      }
    };
    // valid objects, then each with one character dropped, doubled or replaced
    fc.assert(
      fc.property(rowObject, fc.nat(), fc.constantFrom("", "x", ",", "}", '"', "\\", "\n", "0", ":"), (obj, at, ch) => {
        const s = JSON.stringify(obj);
        const i = at % (s.length + 1);
        for (const t of [
          s,
          s.slice(0, i) + s.slice(i + 1),
          s.slice(0, i) + ch + s.slice(i),
          s.slice(0, i) + ch + s.slice(i + 1),
        ])
          expect(accepts(t), t).toBe(jsonAccepts(t));
      }),
      { numRuns: 500 },
    );
    for (const bad of [
      '{"a":01}',
      '{"a":1.}',
      '{"a":.5}',
      '{"a":+1}',
      "{'a':1}",
      '{"a":1,}',
      '{"a":"\t"}',
      '{"a":tru}',
      "[1]",
      '{"a":1} x',
    ])
      expect(accepts(bad), bad).toBe(false);
  });

  it("a JSON array that is cut short, or holds a non-object, is a DataSyntaxError with its line", () => {
    const run = (text: string) => () => feed(new JsonArrayRecords(() => {}), [text]);
    expect(run('[\n{"a":1},\n{"a":2}\n')).toThrow(/ends inside the array/);
    expect(run("[\n1\n]")).toThrow(/must be a row object/);
    expect(run('{"a":1}')).toThrow(/one array of row objects/);
    try {
      run('[\n{"a":1},\n{"a" 2}\n]')();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataSyntaxError);
      expect([(e as DataSyntaxError).line, (e as DataSyntaxError).column]).toEqual([3, 6]);
    }
  });
});

describe("forEachChunk", () => {
  // multi-byte characters across the 64 KiB reads, plain and compressed
  const text = "id,note\n" + Array.from({ length: 30_000 }, (_, i) => `${i},é€😀 ${i}\n`).join("");
  it.each([
    ["none", (b: Buffer) => b],
    ["gzip", gzipSync],
    ["brotli", brotliCompressSync],
  ] as const)("decodes %s files into the same text", async (compression, encode) => {
    const path = join(dir, `multi.${compression}`);
    writeFileSync(path, encode(Buffer.from(text, "utf8")));
    let got = "";
    await forEachChunk(path, compression, (s) => (got += s));
    expect(got).toBe(text);
  });

  it("bad UTF-8 and corrupt gzip are DataSyntaxErrors", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, Buffer.from([0x61, 0x2c, 0xff, 0x0a]));
    await expect(forEachChunk(bad, "none", () => {})).rejects.toThrow(/not UTF-8/);
    const gz = join(dir, "bad.csv.gz");
    writeFileSync(gz, "not gzip at all");
    await expect(forEachChunk(gz, "gzip", () => {})).rejects.toBeInstanceOf(DataSyntaxError);
    const br = join(dir, "bad.csv.br");
    writeFileSync(br, "not brotli at all, either");
    await expect(forEachChunk(br, "brotli", () => {})).rejects.toBeInstanceOf(DataSyntaxError);
  });
});
