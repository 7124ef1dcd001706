/**
 * XLSX as a sink factory: one workbook per table. Workers write each chunk's rows as deflated
 * segments (`XlsxSink`); the main thread's assembler joins them into sheet entries of a ZIP file.
 * Each sheet entry is: its opening (deflated here, sync-flushed), the segments of its rows in order,
 * its closing (the final deflate block), then a data descriptor with the CRC-32 combined from the
 * pieces'. Pieces deflated separately and ended with a sync flush join into one valid deflate stream.
 * The fixed parts (workbook, styles, relationships, content types) and the central directory end the
 * file, since only then the number of sheets is known.
 */
import { crc32, deflateRawSync } from "node:zlib";
import type { ColumnMeta } from "../../contract.js";
import type { ByteBuffer } from "../byte-buffer.js";
import type { ChunkSink, FileAssembler, SinkFactory } from "../sinks.js";
import { crc32Combine } from "./crc32-combine.js";
import {
  contentTypesXml,
  rootRelsXml,
  SHEET_CLOSING,
  sheetName,
  sheetOpening,
  stylesXml,
  workbookRelsXml,
  workbookXml,
} from "./xlsx-parts.js";
import { type XlsxChunkMeta, XlsxSink } from "./xlsx-sink.js";
import { centralDirectory, dataDescriptor, localHeader, type ZipEntry } from "./zip.js";
import { constants } from "node:zlib";

const utf8 = new TextEncoder();

export class XlsxFormat implements SinkFactory {
  readonly extension = "xlsx";
  readonly header = new Uint8Array(0);
  readonly footer = new Uint8Array(0);

  constructor(
    private readonly table: string,
    private readonly columns: readonly ColumnMeta[],
  ) {}

  create(out: ByteBuffer, _startsFile: boolean, from = 0): ChunkSink {
    return new XlsxSink(this.table, this.columns, out, from);
  }

  assembler(): FileAssembler {
    return new WorkbookAssembler(this.table, this.columns);
  }

  /** `--xlsx-sheets`: one workbook for every table; each table starts its sheets with `startTable`. */
  static workbook(): WorkbookAssembler {
    return new WorkbookAssembler("", []);
  }
}

interface OpenSheet {
  readonly sheet: number;
  readonly offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/**
 * Joins chunks into a workbook: one table's sheets, or (`--xlsx-sheets`) every table's in turn. Sheet
 * names are unique in the workbook: a name taken by an earlier table (two names that sanitise alike) gets
 * `~2`, `~3`, … at its end.
 */
export class WorkbookAssembler implements FileAssembler {
  private readonly entries: ZipEntry[] = [];
  private readonly names: string[] = [];
  private open: OpenSheet | undefined;
  private offset = 0;
  /** Sheets begun for the current table. */
  private tableSheets = 0;

  constructor(
    private table: string,
    private columns: readonly ColumnMeta[],
  ) {}

  /** Ends the current table's sheets (an empty sheet for a table without rows) and starts `table`'s. */
  startTable(table: string, columns: readonly ColumnMeta[]): Uint8Array {
    const out = this.table === "" && this.columns.length === 0 ? [] : this.endTable();
    this.table = table;
    this.columns = columns;
    this.tableSheets = 0;
    return concat(out);
  }

  private endTable(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.open === undefined && this.tableSheets === 0) out.push(...this.begin(0, []));
    if (this.open !== undefined) out.push(...this.close());
    return out;
  }

  chunk(bytes: Uint8Array, meta: unknown): Uint8Array[] {
    const m = meta as XlsxChunkMeta;
    const out: Uint8Array[] = [];
    let at = 0;
    for (const s of m.segments) {
      if (this.open === undefined || this.open.sheet !== s.sheet) {
        if (this.open !== undefined) out.push(...this.close());
        out.push(...this.begin(s.sheet, m.widths));
      }
      const piece = bytes.subarray(at, at + s.compressed);
      at += s.compressed;
      this.add(piece, s.crc, s.size);
      out.push(piece);
    }
    return out;
  }

  end(): Uint8Array {
    const out = this.endTable();
    const sheets = this.entries.length;
    const names = this.names;
    const parts: Array<[string, string]> = [
      ["[Content_Types].xml", contentTypesXml(sheets)],
      ["_rels/.rels", rootRelsXml()],
      ["xl/workbook.xml", workbookXml(names)],
      ["xl/_rels/workbook.xml.rels", workbookRelsXml(sheets)],
      ["xl/styles.xml", stylesXml()],
    ];
    for (const [name, text] of parts) {
      const raw = utf8.encode(text);
      const packed = deflateRawSync(raw);
      const sizes = { crc: crc32(raw), compressed: packed.length, size: raw.length };
      const head = localHeader(name, sizes);
      this.entries.push({ name, offset: this.offset, ...sizes, descriptor: false });
      out.push(head, packed);
      this.offset += head.length + packed.length;
    }
    out.push(centralDirectory(this.entries, this.offset));
    return concat(out);
  }

  private add(piece: Uint8Array, crc: number, size: number): void {
    const o = this.open!;
    o.crc = crc32Combine(o.crc, crc, size);
    o.compressed += piece.length;
    o.size += size;
    this.offset += piece.length;
  }

  private begin(sheet: number, widths: readonly number[]): Uint8Array[] {
    this.tableSheets++;
    let title = sheetName(this.table, this.tableSheets);
    for (let k = 2; this.names.some((n) => n.toLowerCase() === title.toLowerCase()); k++) {
      const base = sheetName(this.table, this.tableSheets);
      title = [...base].slice(0, 31 - `~${k}`.length).join("") + `~${k}`;
    }
    this.names.push(title);
    const name = `xl/worksheets/sheet${this.entries.length + 1}.xml`;
    const head = localHeader(name);
    this.open = { sheet, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    this.offset += head.length;
    const raw = sheetOpening(this.columns, widths);
    const packed = deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
    this.add(packed, crc32(raw), raw.length);
    return [head, packed];
  }

  private close(): Uint8Array[] {
    const o = this.open!;
    const packed = deflateRawSync(SHEET_CLOSING);
    this.add(packed, crc32(SHEET_CLOSING), SHEET_CLOSING.length);
    const d = dataDescriptor(o.crc, o.compressed, o.size);
    this.entries.push({
      name: `xl/worksheets/sheet${this.entries.length + 1}.xml`,
      offset: o.offset,
      crc: o.crc,
      compressed: o.compressed,
      size: o.size,
      descriptor: true,
    });
    this.offset += d.length;
    this.open = undefined;
    return [packed, d];
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const x of parts) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}
