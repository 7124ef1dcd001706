/**
 * Choices from XLSX workbooks, as a user meets them: workbooks written here with exceljs (the way a
 * spreadsheet program would), schemas that read them, `dgen generate` / `compile` / `build` / `check`
 * through the CLI. Output is read back with csv-parse and compared with what the test itself wrote
 * into the workbook; hostile archives (zip bombs, lying sizes, too many entries, too large) are built
 * byte by byte with a small ZIP writer.
 */
import ExcelJS from "exceljs";
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, repoRoot, runProcess, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv.js";
import { zipArchive } from "../helpers/zip.js";

const root = tempDir("xlsx");
const outside = tempDir("xlsx-outside");
const data = join(root, "data");
mkdirSync(data, { recursive: true });

/** The Cities sheet, as written: a header with padded names, then one object per city. */
interface City {
  city: ExcelJS.CellValue;
  state: string;
  population: number;
  founded: Date;
  note: ExcelJS.CellValue;
  link: ExcelJS.CellValue;
  capital: boolean;
  double: ExcelJS.CellValue;
}
const cities: City[] = [
  {
    city: "Oslo",
    state: "Oslo",
    population: 10,
    founded: new Date(Date.UTC(1925, 0, 1)),
    note: "capital",
    link: { text: "oslo.kommune.no", hyperlink: "https://www.oslo.kommune.no" },
    capital: true,
    double: { formula: "C2*2", result: 20 },
  },
  {
    city: "Bergen",
    state: "Vestland",
    population: 5,
    founded: new Date(Date.UTC(2024, 4, 17, 12, 30)),
    note: null,
    link: "none",
    capital: false,
    double: { formula: "C3*2", result: 10 },
  },
  {
    city: { richText: [{ text: "Trond" }, { font: { bold: true }, text: "heim" }] },
    state: "Trøndelag",
    population: 3,
    founded: new Date(Date.UTC(1997, 0, 1)),
    note: 454.03,
    link: { text: { richText: [{ text: "trondheim" }, { text: ".kommune.no" }] }, hyperlink: "https://x" } as never,
    capital: false,
    double: { formula: "C5*2", result: 6 },
  },
  {
    city: "Tromsø",
    state: "Troms",
    population: 2,
    founded: new Date(Date.UTC(1964, 1, 29)),
    note: 'Arctic, "Paris of the North"',
    link: "",
    capital: false,
    double: { formula: "C6*2", result: 4 },
  },
];
/** What each city must read as, written out by hand from the cells above. */
const expected = [
  {
    city: "Oslo",
    state: "Oslo",
    population: "10",
    founded: "1925-01-01",
    note: "capital",
    link: "oslo.kommune.no",
    capital: "true",
    double: "20",
  },
  {
    city: "Bergen",
    state: "Vestland",
    population: "5",
    founded: "2024-05-17T12:30:00Z",
    note: "",
    link: "none",
    capital: "false",
    double: "10",
  },
  {
    city: "Trondheim",
    state: "Trøndelag",
    population: "3",
    founded: "1997-01-01",
    note: "454.03",
    link: "trondheim.kommune.no",
    capital: "false",
    double: "6",
  },
  {
    city: "Tromsø",
    state: "Troms",
    population: "2",
    founded: "1964-02-29",
    note: 'Arctic, "Paris of the North"',
    link: "",
    capital: "false",
    double: "4",
  },
];
const weightSum = cities.reduce((s, c) => s + c.population, 0);

/** Writes `data/places.xlsx`: a "Notes" sheet first, then "Cities" (with a blank row), "Broken" and "Empty". */
async function writeWorkbook(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("Notes");
  notes.addRow(["memo"]);
  for (const m of ["first-note", "second-note"]) notes.addRow([m]);
  const s = wb.addWorksheet("Cities");
  s.addRow([" city ", "state", "population ", "founded", "note", "link", "capital", "double"]);
  cities.forEach((c, i) => {
    const row = s.addRow([c.city, c.state, c.population, c.founded, c.note, c.link, c.capital, c.double]);
    row.getCell(4).numFmt = "yyyy-mm-dd hh:mm";
    if (i === 1) s.addRow([]); // a blank row between two cities: skipped
  });
  const broken = wb.addWorksheet("Broken");
  broken.addRow(["name", "pending", "oops", "weight"]);
  broken.addRow(["a", { formula: "1+1" }, "fine", 1]);
  broken.addRow(["b", { formula: "2+2", result: 4 }, { error: "#N/A" }, -3]);
  wb.addWorksheet("Empty").addRow(["name", "weight"]);
  await wb.xlsx.writeFile(join(data, "places.xlsx"));
}

function schema(name: string, body: string, rows = 10): string {
  const path = join(root, `${name}.dgen`);
  writeFileSync(path, `dataset d { seed: 7 }\ntable t {\n  rows: ${rows}\n${body}\n}\n`);
  return path;
}

/** The codes of the `error[DGnnnn]` lines on stderr. */
const errorCodes = (r: Ran) => [...r.stderr.matchAll(/error\[(DG\d{4})\]/g)].map((m) => m[1]);

function expectOneError(r: Ran, code: string): void {
  expect(stackLines(r.stderr + r.stdout), "stack trace lines").toEqual([]);
  expect(errorCodes(r), r.stderr).toEqual([code]);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/-->\s*.*\.dgen:4:\d+/);
}

beforeAll(writeWorkbook, 60_000);

describe("choices from an XLSX sheet", { timeout: 120_000 }, () => {
  const out = join(root, "out-weighted");
  let gen: Ran;
  beforeAll(async () => {
    const path = schema(
      "weighted",
      `  city string = from_file("data/places.xlsx", sheet: "Cities", column: "city", weight: "population")`,
      20_000,
    );
    gen = await dgen(["generate", path, "--out", out]);
  }, 120_000);

  it("every value is a city of the sheet, and shares follow the weights", () => {
    expect(gen.stderr).toBe("");
    expect(gen.code).toBe(0);
    const csv = readCsv(join(out, "t.csv"));
    expect(csv.header).toEqual(["city"]);
    expect(csv.rows).toHaveLength(20_000);
    const counts = new Map<string, number>();
    for (const [city] of csv.rows) counts.set(city!, (counts.get(city!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(expected.map((e) => e.city).sort());
    cities.forEach((c, i) => {
      const share = counts.get(expected[i]!.city)! / 20_000;
      // sd of a share on 20 000 rows is at most 0.0036; 0.02 is more than five of them
      expect(Math.abs(share - c.population / weightSum), expected[i]!.city).toBeLessThan(0.02);
    });
  });
});

describe("whole-row draws from an XLSX sheet", { timeout: 120_000 }, () => {
  const out = join(root, "out-rows");
  const fields = Object.keys(expected[0]!);
  let gen: Ran;
  beforeAll(async () => {
    const path = schema(
      "rows",
      [
        `  let place = from_file("data/places.xlsx", sheet: "Cities")`,
        ...fields.map((f) => `  ${f} string = place.${f}`),
      ].join("\n"),
      3000,
    );
    gen = await dgen(["generate", path, "--out", out]);
  }, 120_000);

  it("each row is one row of the sheet: every field from the same city, each cell as its text", () => {
    expect(gen.stderr).toBe("");
    expect(gen.code).toBe(0);
    const csv = readCsv(join(out, "t.csv"));
    expect(csv.header).toEqual(fields);
    const seen = new Set<string>();
    for (const row of csv.rows) {
      const record = Object.fromEntries(fields.map((f, i) => [f, row[i] ?? ""]));
      const match = expected.find((e) => e.city === record.city);
      expect(record).toEqual(match);
      seen.add(record.city!);
    }
    expect(seen.size).toBe(expected.length); // uniform over rows: every city appears in 3000 draws
  });

  it("the first sheet is read when there is no 'sheet:'", async () => {
    const path = schema("first-sheet", `  memo string = from_file("data/places.xlsx", column: "memo")`, 200);
    const dir = join(root, "out-first");
    const r = await dgen(["generate", path, "--out", dir]);
    expect(r.stderr).toBe("");
    const values = new Set(readCsv(join(dir, "t.csv")).rows.map((row) => row[0]));
    expect([...values].sort()).toEqual(["first-note", "second-note"]);
  });
});

describe("the emitted module embeds the values", { timeout: 120_000 }, () => {
  it("dgen compile: the cells' text is in the module, exceljs and other sheets are not", async () => {
    const path = schema(
      "embed",
      `  let place = from_file("data/places.xlsx", sheet: "Cities")\n  city string = place.city`,
    );
    const dir = join(root, "compiled");
    const r = await dgen(["compile", path, "-o", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, "embed.ts"), "utf8");
    for (const e of expected) expect(text).toContain(JSON.stringify(e.city));
    expect(text).toContain('"2024-05-17T12:30:00Z"');
    expect(text).not.toMatch(/exceljs|places\.xlsx['"]\)/);
    expect(text).not.toContain("first-note"); // the Notes sheet is not read into the module
  });

  it("dgen build: the bundle runs on its own and does not carry exceljs", async () => {
    const path = schema("bundle", `  city string = from_file("data/places.xlsx", sheet: "Cities", column: "city")`);
    const bundle = join(root, "build", "bundle.mjs");
    const r = await dgen(["build", path, "-o", bundle]);
    expect(r.stderr).toBe("");
    const text = readFileSync(bundle, "utf8");
    expect(text).not.toMatch(/exceljs|jszip|sharedStrings/i);
    expect(text).toContain('"Trondheim"');
  });
});

describe("exceljs is loaded only for a schema that reads an XLSX file", { timeout: 120_000 }, () => {
  // a module hook that refuses to resolve exceljs: the process fails if anything imports it
  const hook = join(root, "no-exceljs.mjs");
  const resolver = `export async function resolve(s, c, next) { if (/^exceljs(\\/|$)/.test(s)) throw new Error("exceljs was loaded"); return next(s, c); }`;
  writeFileSync(
    hook,
    `import { register } from "node:module";\nregister(${JSON.stringify("data:text/javascript," + encodeURIComponent(resolver))});\n`,
  );
  const guarded = (args: string[]) =>
    runProcess(process.execPath, ["--import", hook, join(repoRoot, "bin", "dgen.mjs"), ...args]);

  it("dgen check and compile of a schema without XLSX never import it", async () => {
    const csv = join(data, "plain-cities.csv");
    writeFileSync(csv, "city,population\nOslo,3\n");
    const path = schema(
      "csv-only",
      `  c string = from_file("data/plain-cities.csv", column: "city", weight: "population")`,
    );
    const [checked, compiled] = await Promise.all([
      guarded(["check", path]),
      guarded(["compile", path, "-o", join(root, "compiled-csv")]),
    ]);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    expect(compiled.stderr).toBe("");
    expect(compiled.code).toBe(0);
  });

  it("(the guard works: a schema with an XLSX file trips it)", async () => {
    const path = schema("xlsx-guarded", `  c string = from_file("data/places.xlsx", sheet: "Cities", column: "city")`);
    const r = await guarded(["check", path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("exceljs was loaded");
  });
});

describe.concurrent("bad XLSX input: one clear error, exit 1, no stack trace", { timeout: 120_000 }, () => {
  const check = (name: string, call: string) => dgen(["check", schema(name, `  c string = ${call}`)]);

  it("a missing sheet, with a did-you-mean", async () => {
    const r = await check("no-sheet", `from_file("data/places.xlsx", sheet: "Citys", column: "city")`);
    expectOneError(r, "DG5020");
    expect(r.stderr).toContain("no sheet 'Citys'");
    expect(r.stderr).toContain("did you mean 'Cities'?");
  });

  it("a missing sheet far from every name lists the sheets", async () => {
    const r = await check("no-sheet-list", `from_file("data/places.xlsx", sheet: "Regions", column: "city")`);
    expectOneError(r, "DG5020");
    expect(r.stderr).toContain("its sheets are 'Notes', 'Cities', 'Broken', 'Empty'");
  });

  it("a missing column, with a did-you-mean", async () => {
    let r = await check("no-column", `from_file("data/places.xlsx", sheet: "Cities", column: "cty")`);
    expectOneError(r, "DG5004");
    expect(r.stderr).toContain("has no column 'cty'");
    expect(r.stderr).toContain("did you mean 'city'?");
    r = await check("no-column-list", `from_file("data/places.xlsx", sheet: "Cities", column: "town")`);
    expectOneError(r, "DG5004");
    expect(r.stderr).toContain("sheet 'Cities' has columns 'city', 'state', 'population', 'founded'");
  });

  it("a path outside the schema's folder, also through a link", async () => {
    writeFileSync(join(outside, "far.xlsx"), readFileSync(join(data, "places.xlsx")));
    symlinkSync(join(outside, "far.xlsx"), join(data, "link.xlsx"));
    const rel = join("..", outside.split("/").pop()!, "far.xlsx");
    for (const [name, path] of [
      ["outside", rel],
      ["outside-link", "data/link.xlsx"],
    ]) {
      const r = await check(name!, `from_file("${path}", column: "city")`);
      expectOneError(r, "DG5002");
    }
  });

  it("a zip bomb whose directory declares 3 GiB is refused before anything is inflated", async () => {
    writeFileSync(
      join(data, "declared.xlsx"),
      zipArchive([
        { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
        { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(1000), deflate: true, declaredSize: 3 * 1024 ** 3 },
      ]),
    );
    const r = await check("declared", `from_file("data/declared.xlsx", column: "city")`);
    expectOneError(r, "DG5022");
    expect(r.stderr).toContain("its unzipped size is 3.0 GiB, and at most 100 MiB is allowed");
  });

  it("a zip bomb that deflates 4 MiB of zeros into a few KiB is refused by its ratio", async () => {
    writeFileSync(
      join(data, "ratio.xlsx"),
      zipArchive([
        { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
        { name: "xl/sharedStrings.xml", data: Buffer.alloc(4 * 1024 * 1024), deflate: true },
      ]),
    );
    const r = await check("ratio", `from_file("data/ratio.xlsx", column: "city")`);
    expectOneError(r, "DG5022");
    expect(r.stderr).toMatch(
      /the compression ratio of entry 'xl\/sharedStrings\.xml' is \d+:1 \(4 MiB from .*\), and at most 200:1/,
    );
  });

  it("an entry that inflates past the size its directory declares", async () => {
    writeFileSync(
      join(data, "liar.xlsx"),
      zipArchive([
        { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
        { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(2 * 1024 * 1024), deflate: true, declaredSize: 100 },
      ]),
    );
    const r = await check("liar", `from_file("data/liar.xlsx", column: "city")`);
    expectOneError(r, "DG5021");
    expect(r.stderr).toContain("inflates to more than the 100 bytes its directory declares");
  });

  it("an archive with too many entries", async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(0) }));
    writeFileSync(join(data, "entries.xlsx"), zipArchive(entries));
    const r = await check("entries", `from_file("data/entries.xlsx", column: "city")`);
    expectOneError(r, "DG5022");
    expect(r.stderr).toContain("its number of entries is 10001, and at most 10000 is allowed");
  });

  it("a file over the size limit is refused without being read", async () => {
    const big = join(data, "big.xlsx");
    writeFileSync(big, "");
    truncateSync(big, 65 * 1024 * 1024); // sparse: 65 MiB by its size, nothing written
    const r = await check("big", `from_file("data/big.xlsx", column: "city")`);
    expectOneError(r, "DG5022");
    expect(r.stderr).toContain("its size is 65 MiB, and at most 64 MiB is allowed");
  });

  it("a text file named .xlsx", async () => {
    writeFileSync(join(data, "text.xlsx"), "city,population\nOslo,10\n");
    const r = await check("text", `from_file("data/text.xlsx", column: "city")`);
    expectOneError(r, "DG5021");
    expect(r.stderr).toContain("it is not a ZIP archive");
  });

  it("a ZIP archive that is not a workbook, and a workbook whose XML is broken", async () => {
    writeFileSync(join(data, "plain.xlsx"), zipArchive([{ name: "readme.txt", data: Buffer.from("hi") }]));
    let r = await check("plain", `from_file("data/plain.xlsx", column: "city")`);
    expectOneError(r, "DG5021");
    expect(r.stderr).toContain("not an XLSX workbook");
    writeFileSync(
      join(data, "garbled.xlsx"),
      zipArchive([
        { name: "[Content_Types].xml", data: Buffer.from("<Types") },
        { name: "xl/workbook.xml", data: Buffer.from("<<<not xml"), deflate: true },
      ]),
    );
    r = await check("garbled", `from_file("data/garbled.xlsx", column: "city")`);
    expectOneError(r, "DG5021");
  });

  it("a formula without a cached result, or an error value, in a column that is read", async () => {
    let r = await check("pending", `from_file("data/places.xlsx", sheet: "Broken", column: "pending")`);
    expectOneError(r, "DG5023");
    expect(r.stderr).toContain("sheet 'Broken', cell B2: its formula has no cached result");
    r = await check("error-value", `from_file("data/places.xlsx", sheet: "Broken", column: "oops")`);
    expectOneError(r, "DG5023");
    expect(r.stderr).toContain("cell C3: it holds the error value #N/A");
    // a whole-row draw reads every column
    r = await dgen([
      "check",
      schema("row-bad", `  let b = from_file("data/places.xlsx", sheet: "Broken")\n  c string = b.name`),
    ]);
    expectOneError(r, "DG5023");
  });

  it("a bad cell in a column that is not read is no error", async () => {
    const r = await check("unused-bad", `from_file("data/places.xlsx", sheet: "Broken", column: "name")`);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("a negative weight names the sheet's row", async () => {
    const r = await check("weight", `from_file("data/places.xlsx", sheet: "Broken", column: "name", weight: "weight")`);
    expectOneError(r, "DG5006");
    expect(r.stderr).toContain("line 3: weight '-3'");
  });

  it("a sheet with a header and no rows", async () => {
    const r = await check("empty-sheet", `from_file("data/places.xlsx", sheet: "Empty", column: "name")`);
    expectOneError(r, "DG5007");
    expect(r.stderr).toContain("sheet 'Empty' has a header and no rows below it");
  });

  it("'sheet:' on a CSV file", async () => {
    writeFileSync(join(data, "cities.csv"), "city\nOslo\n");
    const r = await check("csv-sheet", `from_file("data/cities.csv", sheet: "Cities", column: "city")`);
    expectOneError(r, "DG5024");
  });

  it("nothing is written when the schema has an XLSX error", async () => {
    const dir = join(root, "out-bad");
    const path = schema("gen-bad", `  c string = from_file("data/places.xlsx", sheet: "Citys", column: "city")`);
    const r = await dgen(["generate", path, "--out", dir]);
    expectOneError(r, "DG5020");
    expect(listFiles(dir)).toEqual([]);
  });
});
