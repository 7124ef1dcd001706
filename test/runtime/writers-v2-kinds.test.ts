/**
 * The v2 value kinds through every writer (spec §15): int64 (`bigint`), `bytes` and `array` cells,
 * read back with independent parsers (csv-parse, a TSV unescaper written from the format's
 * description, JSON.parse) and with `dgen validate`'s cell readers.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ColumnMeta, RowSink, ValueKind } from "../../runtime/contract.js";
import { ColumnOut } from "../../runtime/noise/column-out.js";
import { Bad, cellReader } from "../../runtime/validate/cells.js";
import { parseRowObject } from "../../runtime/validate/json-value.js";
import { ByteBuffer } from "../../runtime/writers/byte-buffer.js";
import { createSinkFactory, type SupportedFormat } from "../../runtime/writers/sinks.js";

const col = (name: string, kind: ValueKind, type: string): ColumnMeta => ({
  name,
  type,
  kind,
  nullable: true,
  scale: 0,
  tags: [],
});
const COLUMNS = [
  col("id", "int", "int"),
  col("big", "bigint", "int64?"),
  col("blob", "bytes", "bytes?"),
  col("tags", "array", "string[]?"),
];

const SAFE = 9007199254740991n;
type Row = [number, bigint | null, Uint8Array | null, unknown[] | null];
const ROWS: Row[] = [
  [0, 1n, new Uint8Array([0, 1, 127, 128, 255]), ["sql", "go"]],
  [1, SAFE, new Uint8Array(0), []],
  [
    2,
    -SAFE,
    new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x42]),
    ['say "hi"', "a,b", "tab\there", "line\nbreak", "back\\slash"],
  ],
  [3, SAFE + 2n, new Uint8Array([7]), ["é", "日本", "😀", "\u0001", "\u2028"]],
  [4, -SAFE - 2n, new Uint8Array([1, 2]), [1, -2.5, true, null, 5n, 2n ** 63n - 1n, -(2n ** 63n)]],
  [5, 2n ** 63n - 1n, null, null],
  [6, null, new Uint8Array([9, 8, 7, 6, 5, 4]), [["nested", 1], { k: "v" }]],
];

function writeRow(sink: RowSink, [id, big, blob, tags]: Row): void {
  sink.beginRow();
  sink.int(0, id);
  if (big === null) sink.nul(1);
  else sink.bigint(1, big);
  if (blob === null) sink.nul(2);
  else sink.bytes(2, blob);
  if (tags === null) sink.nul(3);
  else sink.array(3, tags);
  sink.endRow();
}

function render(format: SupportedFormat): string {
  const factory = createSinkFactory(format, COLUMNS);
  const out = new ByteBuffer(16);
  const sink = factory.create(out, true);
  for (const row of ROWS) writeRow(sink, row);
  expect(sink.rows).toBe(ROWS.length);
  return Buffer.concat([factory.header, out.take(), factory.footer]).toString("utf8");
}

/** What a parsed JSON array holds for an element written by the sinks. */
function jsonElement(x: unknown): unknown {
  if (typeof x === "bigint") return x >= -SAFE && x <= SAFE ? Number(x) : x.toString();
  if (Array.isArray(x)) return x.map(jsonElement);
  return x;
}
const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");
const base64Of = (b: Uint8Array) => Buffer.from(b).toString("base64");

describe("CSV and TSV", () => {
  it("CSV: int64 digits, bytes as lower-case hex (empty bytes not null), arrays as JSON text", () => {
    const text = render("csv");
    const records: (string | null)[][] = parse(text, {
      cast: (value, context) => (value === "" && !context.quoting ? null : value),
    });
    expect(records[0]).toEqual(["id", "big", "blob", "tags"]);
    records.slice(1).forEach((r, i) => {
      const [id, big, blob, tags] = ROWS[i]!;
      expect(r[0]).toBe(String(id));
      expect(r[1]).toBe(big === null ? null : big.toString());
      expect(r[2]).toBe(blob === null ? null : hexOf(blob));
      expect(r[3] === null ? null : JSON.parse(r[3])).toEqual(tags === null ? null : jsonElement(tags));
    });
    expect(text).toContain(',"[""sql"",""go""]"\n');
    expect(text).toContain("9007199254740993,07,");
    expect(text.split("\n")[2]).toBe('1,9007199254740991,"",[]');
  });

  it("TSV: the same text, escaped like any string", () => {
    const text = render("tsv");
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe("id\tbig\tblob\ttags");
    const unescape = (f: string) =>
      f.replace(/\\(.)/g, (_, ch: string) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[ch] ?? `\\${ch}`);
    lines.slice(1).forEach((line, i) => {
      const [id, big, blob, tags] = ROWS[i]!;
      const f = line.split("\t").map((x) => (x === "\\N" ? null : unescape(x)));
      expect(f[0]).toBe(String(id));
      expect(f[1]).toBe(big === null ? null : big.toString());
      expect(f[2]).toBe(blob === null ? null : hexOf(blob));
      expect(f[3] === null ? null : JSON.parse(f[3])).toEqual(tags === null ? null : jsonElement(tags));
    });
    expect(lines[1]).toBe('0\t1\t00017f80ff\t["sql","go"]');
  });
});

describe.each(["json", "jsonl"] as const)("%s", (format) => {
  it("int64 as a number when safe, else a string; bytes as base64; arrays as JSON arrays", () => {
    const text = render(format);
    const rows = (
      format === "json"
        ? JSON.parse(text)
        : text
            .trimEnd()
            .split("\n")
            .map((l) => JSON.parse(l))
    ) as Record<string, unknown>[];
    expect(rows.length).toBe(ROWS.length);
    rows.forEach((r, i) => {
      const [id, big, blob, tags] = ROWS[i]!;
      expect(Object.keys(r)).toEqual(["id", "big", "blob", "tags"]);
      expect(r.id).toBe(id);
      expect(r.big).toEqual(big === null ? null : big >= -SAFE && big <= SAFE ? Number(big) : big.toString());
      expect(r.blob).toBe(blob === null ? null : base64Of(blob));
      expect(r.tags).toEqual(tags === null ? null : jsonElement(tags));
    });
    expect(text).toContain('"big":"9007199254740993"');
    expect(text).toContain('"big":-9007199254740991,');
    expect(text).toContain('"big":9007199254740991,');
    expect(text).toContain('"blob":"","tags":[]');
    expect(text).toContain('"tags":["sql","go"]');
  });
  it("escapes array strings exactly as JSON.stringify", () => {
    const text = render(format);
    expect(text).toContain(JSON.stringify(ROWS[2]![3]));
    expect(text).toContain(JSON.stringify(ROWS[3]![3]));
  });
});

describe("dgen validate reads the new kinds back", () => {
  const readers = COLUMNS.map(cellReader);

  it("from CSV text: BigInt, Uint8Array, the parsed array", () => {
    const records: (string | null)[][] = parse(render("csv"), {
      cast: (value, context) => (value === "" && !context.quoting ? null : value),
    });
    records.slice(1).forEach((r, i) => {
      const [, big, blob, tags] = ROWS[i]!;
      const got = r.map((cell, c) => (cell === null ? null : readers[c]!.text(cell)));
      expect(got[1]).toEqual(big);
      expect(got[2]).toEqual(blob);
      expect(got[3]).toEqual(tags === null ? null : jsonElement(tags));
    });
  });

  it("from JSON: BigInt from a number or a string, Uint8Array from base64", () => {
    const lines = render("jsonl").trimEnd().split("\n");
    lines.forEach((line, i) => {
      const [, big, blob, tags] = ROWS[i]!;
      const cells = parseRowObject(line);
      const got = COLUMNS.map((c, k) => {
        const v = cells.get(c.name)!;
        return v === null ? null : readers[k]!.json(v);
      });
      expect(got[1]).toEqual(big);
      expect(got[2]).toEqual(blob);
      expect(got[2] === null || got[2] instanceof Uint8Array).toBe(true);
      expect(got[3]).toEqual(tags === null ? null : jsonElement(tags));
    });
  });

  it("rejects cells that are not of the kind", () => {
    const [, , bytes, array] = readers;
    expect(bytes!.text("abc")).toBeInstanceOf(Bad);
    expect(bytes!.text("0g")).toBeInstanceOf(Bad);
    expect(bytes!.text("00FF")).toEqual(new Uint8Array([0, 255]));
    expect(bytes!.json("AP8")).toBeInstanceOf(Bad);
    expect(bytes!.json("A*8=")).toBeInstanceOf(Bad);
    expect(bytes!.json(parseRowObject('{"b":1}').get("b")!)).toBeInstanceOf(Bad);
    expect(array!.text('{"a":1}')).toBeInstanceOf(Bad);
    expect(array!.text("[1,")).toBeInstanceOf(Bad);
    expect(array!.json("[1]")).toBeInstanceOf(Bad);
    expect(array!.json(parseRowObject('{"t":{"a":1}}').get("t")!)).toBeInstanceOf(Bad);
  });
});

describe("noise and privacy wrapper (ColumnOut)", () => {
  it("writes clean bytes, array and int64 cells through the sink's own methods", () => {
    const factory = createSinkFactory("jsonl", COLUMNS);
    const out = new ByteBuffer(16);
    const sink = factory.create(out, true);
    const big = new ColumnOut("t", "big", 1, "bigint", 0, null, null, false);
    const blob = new ColumnOut("t", "blob", 2, "bytes", 0, null, null, false);
    const tags = new ColumnOut("t", "tags", 3, "array", 0, null, null, false);
    for (const c of [big, blob, tags]) c.configure(1n);
    sink.beginRow();
    sink.int(0, 1);
    big.put(sink, undefined, 0, SAFE + 2n);
    blob.put(sink, undefined, 0, new Uint8Array([0, 255]));
    tags.put(sink, undefined, 0, ["a", 2n]);
    sink.endRow();
    expect(Buffer.from(out.take()).toString("utf8")).toBe(
      '{"id":1,"big":"9007199254740993","blob":"AP8=","tags":["a",2]}\n',
    );
  });
  it("masks bytes and arrays by their written text", () => {
    const factory = createSinkFactory("csv", [COLUMNS[2]!]);
    const out = new ByteBuffer(16);
    const sink = factory.create(out, true);
    const blob = new ColumnOut("t", "blob", 0, "bytes", 0, null, "full", false);
    blob.configure(1n);
    sink.beginRow();
    blob.put(sink, undefined, 0, new Uint8Array([0xab, 0xcd]));
    sink.endRow();
    const cell = Buffer.from(out.take()).toString("utf8").trimEnd();
    expect(cell).not.toContain("abcd");
    expect(cell.length).toBeGreaterThan(0);
  });
});
