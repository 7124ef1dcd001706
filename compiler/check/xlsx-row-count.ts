/**
 * Counts the rows of an XLSX workbook's sheets from their XML, before exceljs reads it, so that a sheet
 * over the row limit is refused at once — not after exceljs has parsed it (a million rows take
 * gigabytes and many seconds). A row is a `<row …>` element with content; a self-closing `<row …/>` holds
 * no cell. The count is an upper bound of the data rows `xlsx-read.ts` reads (the header and rows of
 * empty cells are among them).
 *
 *   countRows(Buffer.from('<sheetData><row r="1"><c/></row><row r="2"/></sheetData>'))   // 1
 *   sheetEntries(workbookXml, relsXml)   // Map { "xl/worksheets/sheet1.xml" → "Cities" }
 */

const ROW = Buffer.from("<row");

/** `<row …>…</row>` elements in a worksheet's XML (unprefixed, as spreadsheet programs write them). */
export function countRows(xml: Uint8Array): number {
  const b = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  let n = 0;
  for (let i = b.indexOf(ROW); i >= 0; i = b.indexOf(ROW, i + ROW.length)) {
    const after = b[i + ROW.length];
    if (after !== 0x20 && after !== 0x3e && after !== 0x09 && after !== 0x0a && after !== 0x0d) continue; // <rowBreaks…
    const close = b.indexOf(0x3e, i);
    if (close < 0) break;
    if (b[close - 1] !== 0x2f) n++;
  }
  return n;
}

/** Worksheet entry → sheet name, from `xl/workbook.xml` and `xl/_rels/workbook.xml.rels`. */
export function sheetEntries(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id !== undefined && target !== undefined)
      targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const entry = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && entry !== undefined) out.set(entry, unescapeXml(name));
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : "&",
  );
}
