/**
 * The fixed parts of an XLSX workbook (content types, relationships, workbook, styles) and each
 * sheet's opening (frozen bold header row, column widths) and closing, as SpreadsheetML text.
 *
 *   sheetNames("orders", 3)   // ["orders", "orders (2)", "orders (3)"]
 */
import type { ColumnMeta } from "../../contract.js";
import { ByteBuffer, encode } from "../byte-buffer.js";
import { xmlText } from "./xml-text.js";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell styles (indexes into `cellXfs`): 0 default, 1 bold header, 2 date, 3 timestamp, 4 + s decimals. */
export const STYLE_HEADER = 1;
export const STYLE_DATE = 2;
export const STYLE_TIMESTAMP = 3;
const MAX_SCALE = 15;

export function styleOfScale(scale: number): number {
  return 4 + Math.min(scale, MAX_SCALE);
}

export function stylesXml(): string {
  const decimals = Array.from({ length: MAX_SCALE + 1 }, (_, s) => (s === 0 ? "0" : `0.${"0".repeat(s)}`));
  const fmts = [
    '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>',
    '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/>',
    ...decimals.map((f, s) => `<numFmt numFmtId="${166 + s}" formatCode="${f}"/>`),
  ];
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    ...decimals.map((_, s) => `<xf numFmtId="${166 + s}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`),
  ];
  return (
    XML_HEAD +
    `<styleSheet xmlns="${MAIN}"><numFmts count="${fmts.length}">${fmts.join("")}</numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

export function contentTypesXml(sheets: number): string {
  const overrides = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    overrides.join("") +
    "</Types>"
  );
}

export function rootRelsXml(): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  );
}

export function workbookXml(names: readonly string[]): string {
  const b = new ByteBuffer(256);
  b.str(`${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>`);
  names.forEach((n, i) => {
    b.str('<sheet name="');
    xmlText(b, n);
    b.str(`" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  });
  b.str("</sheets></workbook>");
  return new TextDecoder().decode(b.buf.subarray(0, b.pos));
}

export function workbookRelsXml(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${rels.join("")}</Relationships>`;
}

/**
 * A valid sheet name from a table name: at most 31 characters, none of `[]:*?/\`, not starting or
 * ending with `'`; continuation sheets `name (2)`, `name (3)`, … shorten the name to keep the suffix.
 */
export function sheetName(table: string, part: number): string {
  let base = table.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "_");
  if (base === "") base = "_";
  const suffix = part > 1 ? ` (${part})` : "";
  return [...base].slice(0, 31 - suffix.length).join("") + suffix;
}

/** A sheet up to its first data row: frozen header row, column widths, the bold header. */
export function sheetOpening(columns: readonly ColumnMeta[], widths: readonly number[]): Uint8Array {
  const b = new ByteBuffer(1024);
  b.str(`${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0">`);
  b.str('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>');
  columns.forEach((c, i) => {
    const w = Math.min(60, Math.max(8, [...c.name].length, widths[i] ?? 0) + 2);
    b.str(`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`);
  });
  b.str('</cols><sheetData><row r="1">');
  for (const [i, c] of columns.entries()) {
    b.str(`<c r="${columnLetters(i)}1" t="inlineStr" s="${STYLE_HEADER}"><is><t xml:space="preserve">`);
    xmlText(b, c.name);
    b.str("</t></is></c>");
  }
  b.str("</row>");
  return b.take();
}

export const SHEET_CLOSING = encode("</sheetData></worksheet>");

/** `A`, …, `Z`, `AA`, … for a 0-based column index. */
export function columnLetters(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
