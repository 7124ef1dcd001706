import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ColumnMeta } from "../../runtime/contract.js";
import { ByteBuffer } from "../../runtime/writers/byte-buffer.js";
import { jsonString } from "../../runtime/writers/json-sink.js";
import { createSinkFactory, type SupportedFormat } from "../../runtime/writers/sinks.js";
import { cellJson, cellText, expectedRows } from "./fixtures/toy-expected.js";
import { makeToyProgram, STRINGS } from "./fixtures/toy-program.js";

const program = makeToyProgram(600);
program.configure({ seed: 7, rows: { customers: 600 } });

/** The whole file for a table, written in chunks of 97 rows (odd, so chunk edges move around). */
function render(format: SupportedFormat, table: "customers" | "orders"): { text: string; n: number } {
  const t = program.tables.find((x) => x.name === table)!;
  const factory = createSinkFactory(format, t.columns);
  const n = program.size(table);
  const parts: Uint8Array[] = [factory.header];
  const out = new ByteBuffer(64);
  for (let from = 0; from < n; from += 97) {
    t.write(factory.create(out, from === 0), from, Math.min(n, from + 97));
    parts.push(out.take());
  }
  parts.push(factory.footer);
  return { text: Buffer.concat(parts).toString("utf8"), n };
}

const names = (columns: readonly ColumnMeta[]) => columns.map((c) => c.name);

describe.each(["customers", "orders"] as const)("writers on %s", (table) => {
  it("CSV reads back with csv-parse, null and empty string distinct", () => {
    const { text, n } = render("csv", table);
    const { columns, cells } = expectedRows(program, table, n);
    const records: unknown[][] = parse(text, {
      relax_column_count: false,
      cast: (value, context) => (value === "" && !context.quoting ? null : value),
    });
    expect(records[0]).toEqual(names(columns));
    expect(records.length).toBe(n + 1);
    records.slice(1).forEach((row, i) => expect(row).toEqual(cells[i].map((v, c) => cellText(columns[c], v))));
  });

  it("TSV escapes tab, newline, CR and backslash, null as \\N", () => {
    const { text, n } = render("tsv", table);
    const { columns, cells } = expectedRows(program, table, n);
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(names(columns).join("\t"));
    const unescape = (f: string) =>
      f.replace(/\\(.)/g, (_, ch: string) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[ch] ?? `\\${ch}`);
    lines.slice(1).forEach((line, i) => {
      const fields = line.split("\t").map((f) => (f === "\\N" ? null : unescape(f)));
      expect(fields).toEqual(cells[i].map((v, c) => cellText(columns[c], v)));
    });
  });

  it("JSON array parses with JSON.parse and keeps column order", () => {
    const { text, n } = render("json", table);
    const { columns, cells } = expectedRows(program, table, n);
    expect(text.startsWith("[\n{")).toBe(true);
    expect(text.endsWith("}\n]\n")).toBe(true);
    const rows = JSON.parse(text) as Record<string, unknown>[];
    expect(rows.length).toBe(n);
    rows.forEach((row, i) => {
      expect(Object.keys(row)).toEqual(names(columns));
      expect(Object.values(row)).toEqual(cells[i].map((v, c) => cellJson(columns[c], v)));
    });
  });

  it("JSONL parses line by line", () => {
    const { text, n } = render("jsonl", table);
    const { columns, cells } = expectedRows(program, table, n);
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.length).toBe(n);
    lines.forEach((line, i) =>
      expect(Object.values(JSON.parse(line))).toEqual(cells[i].map((v, c) => cellJson(columns[c], v))),
    );
  });
});

describe("JSON details", () => {
  it("escapes strings exactly as JSON.stringify does", () => {
    const all = [
      ...STRINGS,
      "\ud800 lone",
      "x\udc00",
      "\ud83d\ude00",
      "\u007f\u0080\u00ff",
      "\u0000\u000b",
      "</script>",
    ];
    for (const s of all) {
      const b = new ByteBuffer(4);
      jsonString(b, s);
      expect(Buffer.from(b.take()).toString("utf8")).toBe(JSON.stringify(s));
    }
  });

  it("writes decimals with their exact text and bigints in full (a string past 2^53 − 1, spec §15)", () => {
    const cols: ColumnMeta[] = [
      { name: "price", type: "decimal(6, 2)", kind: "decimal", nullable: false, scale: 2, tags: [] },
      { name: "big", type: "bigint", kind: "bigint", nullable: false, scale: 0, tags: [] },
      { name: "f", type: "float", kind: "float", nullable: false, scale: 0, tags: [] },
    ];
    const out = new ByteBuffer();
    const sink = createSinkFactory("jsonl", cols).create(out, true);
    sink.beginRow();
    sink.decimal(0, 12.3, 2);
    sink.bigint(1, 12345678901234567890n);
    sink.float(2, NaN);
    sink.endRow();
    expect(Buffer.from(out.take()).toString()).toBe('{"price":12.30,"big":"12345678901234567890","f":null}\n');
  });

  it("an empty JSON array file is valid JSON", () => {
    const f = createSinkFactory("json", []);
    expect(JSON.parse(Buffer.concat([f.header, f.footer]).toString())).toEqual([]);
  });
});
