/**
 * Reads an XLSX workbook for choices files: every sheet as a header and rows of text, like
 * `csv-read.ts` does for a CSV. The only importer of exceljs, loaded on first use, after
 * `zip-limits.ts` has vetted the archive and `xlsx-row-count.ts` counted each sheet's rows (a sheet over
 * the row limit is refused before exceljs parses anything). Async (exceljs is), so `workbooks.ts`
 * calls it ahead of the checker.
 *
 *   await readXlsx(bytes)
 *   // → { ok: true, sheets: [{ name: "Cities", header: ["city", "population"],
 *   //       rows: [["Oslo", "709037"]], rowNumbers: [2], bad: [] }] }
 *
 * Cells become text: numbers in their shortest form (`0.5`, `1e+21`), booleans `true`/`false`, dates
 * `YYYY-MM-DD` (with a time: `YYYY-MM-DDTHH:MM:SSZ`), rich text joined, hyperlinks their text, formulas
 * their cached result, empty cells `""`. Rows with no value at all are skipped (like blank CSV lines);
 * the first other row is the header, its names trimmed.
 */
import { formatDate, formatTimestamp } from "../../runtime/text/dates.js";
import { checkZip, defaultZipLimits, showBytes, type ZipLimits, type ZipProblem } from "./zip-limits.js";
import { countRows, sheetEntries } from "./xlsx-row-count.js";

export interface XlsxLimits extends ZipLimits {
  readonly maxFileBytes: number;
  /** Data rows of one sheet. */
  readonly maxRows: number;
}

export const defaultXlsxLimits: XlsxLimits = {
  ...defaultZipLimits,
  maxFileBytes: 64 * 1024 * 1024,
  maxRows: 1_000_000,
};

/** A cell whose value cannot be embedded; `column` is the 0-based column under the header, -1 for the header row. */
export interface BadCell {
  readonly column: number;
  /** `F7`, as a spreadsheet shows it. */
  readonly cell: string;
  readonly reason: string;
}

export interface SheetCells {
  readonly name: string;
  readonly header: string[];
  readonly rows: string[][];
  /** The sheet's 1-based row number of each data row. */
  readonly rowNumbers: number[];
  /** The first cell of each column (and of the header) that has no value to embed, in reading order; its value in `rows` is `""`. */
  readonly bad: BadCell[];
  /** Set when the sheet has more data rows than the limit (its rows are then cut short). */
  readonly tooManyRows?: { readonly rows: number; readonly limit: number };
}

export type XlsxRead =
  { readonly ok: true; readonly sheets: SheetCells[] } | { readonly ok: false; readonly problem: ZipProblem };

type Text = { readonly text: string } | { readonly bad: string };

export async function readXlsx(bytes: Uint8Array, limits: XlsxLimits = defaultXlsxLimits): Promise<XlsxRead> {
  if (bytes.length > limits.maxFileBytes) return { ok: false, problem: sizeProblem(bytes.length, limits) };
  const rowCounts = new Map<string, number>();
  const parts = new Map<string, string>();
  const zip = checkZip(bytes, limits, (name, data) => {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) rowCounts.set(name, countRows(data));
    else if (name === "xl/workbook.xml" || name === "xl/_rels/workbook.xml.rels")
      parts.set(name, Buffer.from(data).toString("utf8"));
  });
  if (!zip.ok) return zip;
  if (!zip.names.includes("xl/workbook.xml"))
    return unreadable("it is a ZIP archive but not an XLSX workbook (it has no 'xl/workbook.xml')");
  const over = rowsOverLimit(rowCounts, parts, limits.maxRows);
  if (over) return { ok: false, problem: over };
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); it reads a Node Buffer.
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await book.xlsx.load(data as unknown as Parameters<typeof book.xlsx.load>[0]);
  } catch (e) {
    return unreadable(`it is not a valid XLSX workbook (${loadFailure(e)})`);
  }
  return { ok: true, sheets: book.worksheets.map((ws) => readSheet(ws, limits.maxRows)) };
}

/**
 * Why exceljs could not load a workbook, in words: its own message for malformed XML, never the text
 * of an internal TypeError (`Cannot read properties of undefined (reading 'richText')` is a cell that
 * names a shared string the workbook does not have).
 */
function loadFailure(e: unknown): string {
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) {
    if (/'richText'|sharedString/i.test(e.message))
      return "a cell refers to a shared string that the workbook does not have";
    return "a part of it is not what a spreadsheet program writes";
  }
  const why = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.trim();
  return why || "the reader failed";
}

/**
 * A sheet whose XML holds more rows than the header and `maxRows` data rows: refused before exceljs
 * parses it. Rows of empty cells count too, so the count may be above what the reader keeps.
 */
function rowsOverLimit(
  counts: ReadonlyMap<string, number>,
  parts: ReadonlyMap<string, string>,
  maxRows: number,
): ZipProblem | undefined {
  const names = sheetEntries(parts.get("xl/workbook.xml") ?? "", parts.get("xl/_rels/workbook.xml.rels") ?? "");
  for (const [entry, rows] of counts)
    if (rows - 1 > maxRows) {
      const sheet = names.get(entry);
      return {
        kind: "limit",
        what: sheet !== undefined ? `the number of data rows of sheet '${sheet}'` : `the number of rows of '${entry}'`,
        measured: `up to ${rows - 1}`,
        limit: String(maxRows),
      };
    }
  return undefined;
}

/** The limit problem of a file that is too large to read. */
export function sizeProblem(size: number, limits: XlsxLimits): ZipProblem {
  return { kind: "limit", what: "its size", measured: showBytes(size), limit: showBytes(limits.maxFileBytes) };
}

type Worksheet = import("exceljs").Worksheet;
type CellValue = import("exceljs").CellValue;

function readSheet(ws: Worksheet, maxRows: number): SheetCells {
  const header: string[] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const bad: BadCell[] = [];
  const badColumns = new Set<number>();
  /** Keeps the first bad cell of each column: the checker reports one, so a column of errors stays small. */
  const addBad = (column: number, col: number, r: number, reason: string) => {
    if (badColumns.has(column)) return;
    badColumns.add(column);
    bad.push({ column, cell: ref(col, r), reason });
  };
  let headerSeen = false;
  let extra = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const cells: { col: number; value: Text }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => cells.push({ col, value: cellText(cell.value) }));
    if (cells.every((c) => "text" in c.value && c.value.text === "")) continue;
    if (!headerSeen) {
      headerSeen = true;
      const width = Math.max(
        0,
        ...cells.filter((c) => !("text" in c.value) || c.value.text.trim() !== "").map((c) => c.col),
      );
      for (let c = 0; c < width; c++) header.push("");
      for (const c of cells) {
        if ("bad" in c.value) addBad(-1, c.col, r, c.value.bad);
        else if (c.col <= width) header[c.col - 1] = c.value.text.trim();
      }
      continue;
    }
    if (rows.length === maxRows) {
      extra++;
      continue;
    }
    const values = header.map(() => "");
    for (const c of cells) {
      if ("bad" in c.value) addBad(c.col - 1, c.col, r, c.value.bad);
      else if (c.col > header.length) {
        if (c.value.text !== "") addBad(c.col - 1, c.col, r, "it has a value, but its column has no header");
      } else values[c.col - 1] = c.value.text;
    }
    rows.push(values);
    rowNumbers.push(r);
  }
  if (extra > 0)
    return { name: ws.name, header, rows, rowNumbers, bad, tooManyRows: { rows: maxRows + extra, limit: maxRows } };
  return { name: ws.name, header, rows, rowNumbers, bad };
}

/** The text of a cell's value, or why it has none. */
export function cellText(v: CellValue): Text {
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "string") return { text: v };
  if (typeof v === "number") return { text: Object.is(v, -0) ? "0" : String(v) };
  if (typeof v === "boolean") return { text: v ? "true" : "false" };
  if (v instanceof Date) return dateText(v);
  if ("richText" in v) return { text: v.richText.map((p) => p.text ?? "").join("") };
  if ("error" in v) return { bad: `it holds the error value ${v.error}` };
  if ("formula" in v || "sharedFormula" in v) {
    const result = (v as { result?: CellValue }).result;
    if (result === undefined || result === null)
      return {
        bad: "its formula has no cached result; open and save the file in a spreadsheet program so that the result is stored",
      };
    return cellText(result);
  }
  if ("hyperlink" in v || "text" in v) return cellText((v as { text?: CellValue }).text);
  return { bad: "it holds a kind of value that cannot be read as text" };
}

function dateText(d: Date): Text {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return { bad: "it holds an invalid date" };
  try {
    return { text: ms % 86_400_000 === 0 ? formatDate(ms / 86_400_000) : formatTimestamp(ms) };
  } catch {
    return { bad: "its date is outside the years 0000–9999" };
  }
}

/** `ref(6, 7)` → `F7`. */
export function ref(col: number, row: number): string {
  let letters = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return letters + row;
}

function unreadable(reason: string): XlsxRead {
  return { ok: false, problem: { kind: "unreadable", reason } };
}
