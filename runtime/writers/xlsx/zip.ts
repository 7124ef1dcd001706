/**
 * The ZIP container of an XLSX workbook, written in order without seeking: each entry's local header,
 * its deflated data (for sheets: pieces deflated separately and joined, see `xlsx-format.ts`), a data
 * descriptor, and at the end the central directory. Fixed timestamps (1980-01-01), so the same
 * workbook is the same bytes. No ZIP64: a workbook is limited to 4 GiB.
 */

const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const utf8 = new TextEncoder();

export interface ZipEntry {
  readonly name: string;
  readonly offset: number;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly descriptor: boolean;
}

function header(sig: number, size: number): { b: Uint8Array; v: DataView } {
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  v.setUint32(0, sig, true);
  return { b, v };
}

/** A local file header; with `sizes` undefined, the sizes come after the data (data descriptor). */
export function localHeader(name: string, sizes?: { crc: number; compressed: number; size: number }): Uint8Array {
  const n = utf8.encode(name);
  const { b, v } = header(0x04034b50, 30 + n.length);
  v.setUint16(4, 20, true);
  v.setUint16(6, FLAG_UTF8 | (sizes ? 0 : FLAG_DESCRIPTOR), true);
  v.setUint16(8, 8, true); // deflate
  v.setUint16(10, 0, true);
  v.setUint16(12, DOS_DATE, true);
  if (sizes) {
    v.setUint32(14, sizes.crc, true);
    v.setUint32(18, sizes.compressed, true);
    v.setUint32(22, sizes.size, true);
  }
  v.setUint16(26, n.length, true);
  b.set(n, 30);
  return b;
}

export function dataDescriptor(crc: number, compressed: number, size: number): Uint8Array {
  const { b, v } = header(0x08074b50, 16);
  v.setUint32(4, crc, true);
  v.setUint32(8, compressed, true);
  v.setUint32(12, size, true);
  return b;
}

export function centralDirectory(entries: readonly ZipEntry[], offset: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const e of entries) {
    const n = utf8.encode(e.name);
    const { b, v } = header(0x02014b50, 46 + n.length);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(8, FLAG_UTF8 | (e.descriptor ? FLAG_DESCRIPTOR : 0), true);
    v.setUint16(10, 8, true);
    v.setUint16(14, DOS_DATE, true);
    v.setUint32(16, e.crc, true);
    v.setUint32(20, e.compressed, true);
    v.setUint32(24, e.size, true);
    v.setUint16(28, n.length, true);
    v.setUint32(42, e.offset, true);
    b.set(n, 46);
    parts.push(b);
    size += b.length;
  }
  const { b: end, v } = header(0x06054b50, 22);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, size, true);
  v.setUint32(16, offset, true);
  parts.push(end);
  const out = new Uint8Array(size + 22);
  let p = 0;
  for (const x of parts) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}
