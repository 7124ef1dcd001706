/**
 * `--format xlsx` read back by readers that are not ours: exceljs (a second library) and LibreOffice
 * headless (converted to CSV, when `soffice` is installed), both against the CSV run of the same
 * bundle; the ZIP read by a minimal reader of the test's own. Sheets continue past 1 048 576 rows;
 * a cell over 32 767 characters is refused.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../helpers/csv.js";
import { dgen, listFiles, node, repoRoot, tempDir } from "../helpers/cli.js";
import { manifestTables } from "../helpers/parquet.js";
import { unzipEntries } from "../helpers/unzip.js";

const types = join(repoRoot, "test", "fixtures", "parquet", "types.dgen");
const limits = join(repoRoot, "test", "fixtures", "xlsx", "limits.dgen");
const dir = tempDir("xlsx");
const bundle = join(dir, "types.mjs");
const limitsBundle = join(dir, "limits.mjs");
const xl = join(dir, "xl");
const csv = join(dir, "csv");
const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));

async function ok(program: string, args: string[]): Promise<void> {
  const r = await node(program, args, { timeoutMs: 180_000 });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

beforeAll(async () => {
  for (const [schema, out] of [
    [types, bundle],
    [limits, limitsBundle],
  ]) {
    const built = await dgen(["build", schema, "-o", out]);
    expect(built.code, built.stderr).toBe(0);
  }
  await Promise.all([ok(bundle, ["--out", xl, "--format", "xlsx"]), ok(bundle, ["--out", csv, "--format", "csv"])]);
}, 180_000);

/** A CSV cell in the form a spreadsheet shows it, by the column's dgen type. */
function fromCsv(v: string | null, type: string): unknown {
  // exceljs reads an empty inline string as no value.
  if (v === null || v === "") return null;
  const t = type.replace(/\?$/, "");
  if (t === "bool") return v === "true";
  if (t === "date") return v;
  if (t === "timestamp") return Date.parse(v);
  if (/^(int|int16|int32|int64|float)$/.test(t) || t.startsWith("decimal")) {
    return Math.abs(Number(v)) > 999_999_999_999_999 ? v : Number(v);
  }
  return v;
}

function fromExcel(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  const t = type.replace(/\?$/, "");
  if (t === "date") return (v as Date).toISOString().slice(0, 10);
  if (t === "timestamp") return (v as Date).getTime();
  return v;
}

describe("xlsx", () => {
  it("writes one workbook per table: a bold frozen header, typed cells, widths, never formulas", async () => {
    expect(listFiles(xl)).toEqual(["_manifest.json", "extras.xlsx", "things.xlsx"]);
    const entries = unzipEntries(readFileSync(join(xl, "things.xlsx")));
    const sheet = entries.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toMatch(/<col min="12" max="12" width="38"/); // the uuid column: 36 characters + 2
    expect(sheet).not.toContain("<f>");
    expect(sheet).toContain("=1+2"); // a string that looks like a formula stays a string
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(xl, "things.xlsx"));
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("things");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell("F").numFmt).toBe("0.000"); // decimal(8, 3)
    expect(typeof ws.getRow(2).getCell("A").value).toBe("number");
    expect(typeof ws.getRow(2).getCell("I").value).toBe("boolean");
  });

  it("holds every value of the CSV run (exceljs)", async () => {
    for (const t of manifestTables(csv)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(xl, `${t.name}.xlsx`));
      const ws = wb.worksheets[0];
      const want = readCsv(join(csv, `${t.name}.csv`));
      expect(ws.rowCount).toBe(want.rows.length + 1);
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(want.header);
      for (const [i, row] of want.rows.entries()) {
        const got = ws.getRow(i + 2);
        t.columns.forEach((c, j) => {
          const v = fromExcel(got.getCell(j + 1).value, c.type);
          const w = fromCsv(row[j], c.type);
          if (c.type.replace(/\?$/, "") === "timestamp") expect(Math.abs((v as number) - (w as number))).toBeLessThan(1);
          else expect(v, `${t.name} row ${i} ${c.name}`).toEqual(w);
        });
      }
    }
  });

  it.skipIf(soffice === undefined)("LibreOffice converts each workbook to the CSV run's text", () => {
    for (const t of manifestTables(csv)) {
      const out = join(dir, "lo");
      const r = spawnSync(soffice!, ["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false", "--outdir", out, join(xl, `${t.name}.xlsx`)], {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, HOME: dir },
      });
      expect(r.status, r.stderr).toBe(0);
      const got = readCsv(join(out, `${t.name}.csv`));
      const want = readCsv(join(csv, `${t.name}.csv`));
      expect(got.header).toEqual(want.header);
      expect(got.rows.length).toBe(want.rows.length);
      for (const [i, row] of want.rows.entries()) {
        t.columns.forEach((c, j) => {
          const type = c.type.replace(/\?$/, "");
          const a = got.rows[i][j];
          const b = row[j];
          if (b === null || b === "") expect(a === null || a === "").toBe(true);
          else if (type === "bool") expect(a).toBe(b.toUpperCase());
          else if (type === "timestamp") expect(a).toBe(b.replace("T", " ").replace(/(\.\d+)?Z$/, ""));
          else if (type === "float") expect(Number(a)).toBeCloseTo(Number(b), 9);
          else expect(a, `${t.name} row ${i} ${c.name}`).toBe(b);
        });
      }
    }
  }, 180_000);

  it("continues a table on sheet 'many (2)' from its 1 048 576th data row, and not before", async () => {
    const at = join(dir, "at");
    const over = join(dir, "over");
    await Promise.all([
      ok(limitsBundle, ["--out", at, "--format", "xlsx", "--tables", "many", "--rows", "many=1048575"]),
      ok(limitsBundle, ["--out", over, "--format", "xlsx", "--tables", "many", "--rows", "many=1048576"]),
    ]);
    const one = unzipEntries(readFileSync(join(at, "many.xlsx")));
    expect([...one.keys()].filter((k) => k.startsWith("xl/worksheets/"))).toEqual(["xl/worksheets/sheet1.xml"]);
    expect(one.get("xl/worksheets/sheet1.xml")!.toString("utf8")).toMatch(/<row r="1048576"><c r="A1048576"><v>1048575<\/v><\/c><\/row><\/sheetData>/);
    const two = unzipEntries(readFileSync(join(over, "many.xlsx")));
    expect(two.get("xl/workbook.xml")!.toString("utf8")).toContain('<sheet name="many" sheetId="1" r:id="rId1"/><sheet name="many (2)" sheetId="2" r:id="rId2"/>');
    const second = two.get("xl/worksheets/sheet2.xml")!.toString("utf8");
    expect(second.match(/<row /g)).toHaveLength(2); // the header and row 1 048 576
    expect(second).toContain('<row r="2"><c r="A2"><v>1048576</v></c></row>');
  }, 180_000);

  it("accepts a cell of 32 767 characters and refuses one of 32 768 (DG7050, naming table, row and column)", async () => {
    await ok(limitsBundle, ["--out", join(dir, "fits"), "--format", "xlsx", "--tables", "fits"]);
    const out = join(dir, "too-long");
    const r = await node(limitsBundle, ["--out", out, "--format", "xlsx", "--tables", "too_long"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG7050]: Row 2 of table 'too_long': column 's' has 32768 characters; an XLSX cell holds at most 32767.");
    expect(listFiles(out).filter((f) => f.endsWith(".xlsx"))).toEqual([]);
  }, 60_000);

  it("writes the same bytes with 1 and 2 workers", async () => {
    const rows = ["--rows", "extras=100000", "--tables", "extras", "--format", "xlsx"];
    const [one, two] = [join(dir, "w1"), join(dir, "w2")];
    await Promise.all([ok(bundle, ["--out", one, "--workers", "1", ...rows]), ok(bundle, ["--out", two, "--workers", "2", ...rows])]);
    const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");
    expect(sha(join(two, "extras.xlsx"))).toBe(sha(join(one, "extras.xlsx")));
    expect(unzipEntries(readFileSync(join(one, "extras.xlsx"))).get("xl/worksheets/sheet1.xml")!.toString("utf8").match(/<row /g)).toHaveLength(100001);
  }, 120_000);
});
