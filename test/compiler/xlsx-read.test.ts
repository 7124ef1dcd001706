/**
 * XLSX choices through the compiler API: a workbook read through an in-memory host (no disk), the
 * synchronous `checkSource` refusing XLSX clearly, limits made small to test them without huge
 * files (rows, ZIP64 sizes), and the text of single cells.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkSchema } from "../../compiler/check/check-schema.js";
import type { CompilerHost } from "../../compiler/check/context.js";
import { preloadWorkbooks } from "../../compiler/check/workbooks.js";
import { cellText, defaultXlsxLimits, readXlsx, ref } from "../../compiler/check/xlsx-read.js";
import { checkZip, defaultZipLimits } from "../../compiler/check/zip-limits.js";
import { checkSource, checkSourceAsync, compile } from "../../compiler/compile.js";
import { parseSchema } from "../../compiler/parse.js";
import { zipArchive } from "../helpers/zip.js";

/** A folder of files in memory, as the compiler's host. */
function memoryHost(files: Record<string, Uint8Array>): CompilerHost {
  const root = "/mem/";
  const abs = (rel: string) => root + rel.replace(/^\.\//, "");
  return {
    rootDir: root,
    realPath: (rel) => (abs(rel) in files ? abs(rel) : undefined),
    readFile: (p) => files[p],
    fileSize: (p) => files[p]?.length,
  };
}

async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const source = (body: string) => ({
  path: "t.dgen",
  text: `dataset d { seed: 1 }\ntable t {\n  rows: 5\n${body}\n}\n`,
});

describe("XLSX choices through the compiler API", () => {
  it("compile() reads the workbook through the host and embeds the column", async () => {
    const host = memoryHost({ "/mem/w.xlsx": await workbook({ Fruit: [["name"], ["apple"], ["pear"]] }) });
    const r = await compile(source(`  f string = from_file("w.xlsx", column: "name")`), host, { format: false });
    expect(r.diagnostics).toEqual([]);
    const text = [...r.files.values()][0]!;
    expect(text).toContain('"apple"');
    expect(text).toContain('"pear"');
  });

  it("the synchronous checkSource answers DG5025 and points to checkSourceAsync", async () => {
    const host = memoryHost({ "/mem/w.xlsx": await workbook({ S: [["a"], ["x"]] }) });
    const file = source(`  f string = from_file("w.xlsx", column: "a")`);
    const sync = checkSource(file, host);
    expect(sync.diagnostics.map((d) => d.code)).toEqual(["DG5025"]);
    expect(sync.diagnostics[0]!.message).toContain("checkSourceAsync()");
    expect((await checkSourceAsync(file, host)).diagnostics).toEqual([]);
  });

  it("a sheet over the row limit is DG5022 with the count and the limit", async () => {
    const host = memoryHost({ "/mem/w.xlsx": await workbook({ S: [["a"], ["1"], ["2"], [], ["3"], ["4"], ["5"]] }) });
    const file = source(`  f string = from_file("w.xlsx", sheet: "S", column: "a")`);
    const ast = parseSchema(file).ast;
    const preloaded = await preloadWorkbooks(ast, host, { ...defaultXlsxLimits, maxRows: 3 });
    const { diagnostics } = checkSchema(ast, file, preloaded);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "DG5022",
        // counted from the sheet's XML before exceljs parses it (the blank row holds no cell, and is not counted)
        "File 'w.xlsx' is over a limit of choices files: the number of data rows of sheet 'S' is up to 5, and at most 3 is allowed.",
      ],
    ]);
    // at the limit it is fine
    const atLimit = await preloadWorkbooks(ast, host, { ...defaultXlsxLimits, maxRows: 5 });
    expect(checkSchema(ast, file, atLimit).diagnostics).toEqual([]);
  });

  it("an empty sheet is DG5007, saying the sheet is empty", async () => {
    const host = memoryHost({ "/mem/w.xlsx": await workbook({ Nothing: [] }) });
    const r = await checkSourceAsync(source(`  f string = from_file("w.xlsx", column: "a")`), host);
    expect(r.diagnostics.map((d) => [d.code, d.help])).toEqual([["DG5007", "sheet 'Nothing' is empty"]]);
  });

  it("each workbook is read once, however many calls name it", async () => {
    const bytes = await workbook({
      S: [
        ["a", "b"],
        ["x", "y"],
      ],
    });
    let reads = 0;
    const host = memoryHost({ "/mem/w.xlsx": bytes });
    const counting: CompilerHost = { ...host, readFile: (p) => (reads++, host.readFile(p)) };
    const file = source(
      `  a string = from_file("w.xlsx", column: "a")\n  b string = from_file("./w.xlsx", column: "b")`,
    );
    expect((await checkSourceAsync(file, counting)).diagnostics).toEqual([]);
    expect(reads).toBe(1);
  });
});

describe("readXlsx and the ZIP limits", () => {
  it("a workbook written by exceljs passes the ZIP checks", async () => {
    const bytes = await workbook({ S: [["a"], ["x"]] });
    const z = checkZip(bytes, defaultZipLimits);
    expect(z.ok).toBe(true);
    if (z.ok) expect(z.names).toContain("xl/workbook.xml");
  });

  it("a ZIP64 size in the extra field is read (5 GiB > the limit)", () => {
    const zip = zipArchive([{ name: "xl/workbook.xml", data: Buffer.from("<w/>"), declaredSize: 5 * 1024 ** 3 }]);
    expect(checkZip(zip)).toEqual({
      ok: false,
      problem: { kind: "limit", what: "its unzipped size", measured: "5 GiB", limit: "100 MiB" },
    });
  });

  it("an old .xls (or encrypted) workbook and an empty file are named for what they are", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const old = await readXlsx(ole);
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.problem).toMatchObject({ kind: "unreadable", reason: expect.stringContaining("(.xls)") });
    const empty = await readXlsx(new Uint8Array(0));
    if (!empty.ok) expect(empty.problem).toMatchObject({ reason: expect.stringContaining("not a ZIP archive") });
    expect(empty.ok).toBe(false);
  });

  it("the file size is checked before anything else", async () => {
    const r = await readXlsx(new Uint8Array(2048), { ...defaultXlsxLimits, maxFileBytes: 1024 });
    expect(r).toEqual({ ok: false, problem: { kind: "limit", what: "its size", measured: "2 KiB", limit: "1 KiB" } });
  });

  it("blank rows are skipped, the header is the first row with a value, values right of it are errors", async () => {
    const r = await readXlsx(await workbook({ S: [[], [" a ", "b"], ["1", "2"], [], ["3", "4", "stray"]] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.sheets[0]!;
    expect(s.header).toEqual(["a", "b"]);
    expect(s.rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(s.rowNumbers).toEqual([3, 5]);
    expect(s.bad).toEqual([{ column: 2, cell: "C5", reason: "it has a value, but its column has no header" }]);
  });
});

describe("the text of a cell", () => {
  it("numbers in their shortest form", () => {
    expect(cellText(-0)).toEqual({ text: "0" });
    expect(cellText(0.1 + 0.2)).toEqual({ text: "0.30000000000000004" });
    expect(cellText(1e21)).toEqual({ text: "1e+21" });
    expect(cellText(42)).toEqual({ text: "42" });
  });

  it("dates as dates, or timestamps when they have a time", () => {
    expect(cellText(new Date(Date.UTC(2000, 1, 29)))).toEqual({ text: "2000-02-29" });
    expect(cellText(new Date(Date.UTC(2000, 1, 29, 23, 59, 59, 5)))).toEqual({ text: "2000-02-29T23:59:59.005Z" });
  });

  it("formulas their cached result, or an error without one", () => {
    expect(cellText({ formula: "A1", result: true })).toEqual({ text: "true" });
    expect(cellText({ sharedFormula: "A1", result: "x" } as ExcelJS.CellValue)).toEqual({ text: "x" });
    expect(cellText({ formula: "A1" })).toHaveProperty("bad");
    expect(cellText({ formula: "1/0", result: { error: "#DIV/0!" } })).toEqual({
      bad: "it holds the error value #DIV/0!",
    });
  });

  it("cell references as a spreadsheet shows them", () => {
    expect([ref(1, 1), ref(26, 2), ref(27, 3), ref(52, 4), ref(703, 5)]).toEqual(["A1", "Z2", "AA3", "AZ4", "AAA5"]);
  });
});
