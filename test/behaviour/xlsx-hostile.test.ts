/**
 * Workbooks no spreadsheet program writes, read by `from_file` through `dgen check`: a cell naming a
 * shared string the workbook lacks (exceljs fails inside with "reading 'richText'") and a sheet of
 * 1 000 002 data rows. Each is one clear DG5021 / DG5022 naming the file, never a library's internals,
 * and the row limit is applied from the sheet's XML, before exceljs parses it. Workbooks are written
 * part by part with a small ZIP writer.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, stackLines, tempDir } from "../helpers/cli.js";
import { zipArchive } from "../helpers/zip.js";

const root = tempDir("xlsx-hostile");
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/** A one-sheet workbook ('Cities') whose sheet XML holds `rows` and whose shared strings are `strings`. */
function workbook(rows: string, strings: readonly string[]): Buffer {
  const text = (s: string) => Buffer.from(s, "utf8");
  return zipArchive([
    {
      name: "[Content_Types].xml",
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
          `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
          `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Cities" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">` +
          `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/sharedStrings.xml",
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
          strings.map((s) => `<si><t>${s}</t></si>`).join("") +
          `</sst>`,
      ),
    },
    {
      name: "xl/worksheets/sheet1.xml",
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`,
      ),
      deflate: true,
    },
  ]);
}

const header = `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`;
/** Row r with the number r. */
const numberRow = (r: number) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
/** Row r naming shared string 7, which the workbook does not have. */
const danglingRow = (r: number) => `<row r="${r}"><c r="A${r}" t="s"><v>7</v></c></row>`;

async function check(name: string, bytes: Buffer) {
  writeFileSync(join(root, `${name}.xlsx`), bytes);
  const schema = join(root, `${name}.dgen`);
  writeFileSync(
    schema,
    `dataset d { seed: 1 }\ntable t {\n  rows: 5\n  c string = from_file("${name}.xlsx", sheet: "Cities", column: "city")\n}\n`,
  );
  const r = await dgen(["check", schema]);
  expect(stackLines(r.stderr + r.stdout)).toEqual([]);
  expect(r.stdout + r.stderr).not.toContain("DG9001");
  return r;
}

describe("odd workbooks read by from_file", { timeout: 60_000 }, () => {
  it("a cell naming a missing shared string: DG5021 in words, no library internals", async () => {
    const r = await check("dangling", workbook(header + numberRow(2) + danglingRow(3), ["city"]));
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain("error[DG5021]");
    expect(out).toContain("a cell refers to a shared string that the workbook does not have");
    expect(out).not.toContain("richText");
    expect(out).not.toContain("Cannot read properties");
  });

  it("a sheet of 1 000 002 data rows: DG5022 from the sheet's XML, before the reader parses it", async () => {
    // row 3 names a missing shared string: had exceljs parsed the sheet, the answer would be DG5021
    const rows = [header, numberRow(2), danglingRow(3)];
    for (let r = 4; r <= 1_000_003; r++) rows.push(numberRow(r));
    const r = await check("million", workbook(rows.join(""), ["city"]));
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain("error[DG5022]");
    expect(out).toContain("the number of data rows of sheet 'Cities' is up to 1000002, and at most 1000000 is allowed");
    expect(out).not.toContain("DG5021");
  });
});
