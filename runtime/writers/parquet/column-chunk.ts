/**
 * One column of one row group, encoded: an optional dictionary page, then data pages (v1) of at most
 * PAGE_ROWS rows, each compressed with the file's codec; and the metadata the footer needs, with
 * offsets relative to the start of the row group.
 *
 * Dictionary encoding is used for enums always, and for other strings when it pays: fewer distinct
 * values than half the non-null values, and a dictionary under 1 MiB.
 */
import { ByteBuffer } from "../byte-buffer.js";
import type { PageCodec } from "./codec.js";
import type { ColumnValues } from "./column-values.js";
import { bitWidth, levels, rleHybrid } from "./rle.js";
import type { ParquetColumn } from "./schema.js";
import { PHYSICAL } from "./schema.js";
import { ThriftWriter } from "./thrift.js";
import { type Stats, statsOf } from "./stats.js";

/** Rows per data page: small enough for readers' page buffers, large enough to compress well. */
export const PAGE_ROWS = 16_384;
const MAX_DICTIONARY_BYTES = 1 << 20;

export const ENC_PLAIN = 0;
export const ENC_RLE = 3;
export const ENC_RLE_DICTIONARY = 8;

export interface ColumnChunkMeta {
  readonly type: number;
  readonly encodings: readonly number[];
  readonly path: readonly string[];
  readonly codec: number;
  readonly numValues: number;
  readonly uncompressed: number;
  readonly compressed: number;
  /** Relative to the row group's first byte. */
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset?: number;
  readonly stats: Stats;
}

const utf8 = new TextEncoder();

/** Appends the column chunk of `v` to `out`; `base` is the row group's start in `out`. */
export function writeColumnChunk(
  v: ColumnValues,
  codec: PageCodec,
  out: ByteBuffer,
  base: number,
): ColumnChunkMeta {
  const c = v.column;
  const start = out.pos;
  const encoded = encodeValues(c, v.values);
  let uncompressed = 0;
  let dictionaryPageOffset: number | undefined;
  const dict = useDictionary(c, v.values, encoded);
  if (dict !== undefined) {
    dictionaryPageOffset = out.pos - base;
    const body = plainBytes(c, dict.distinct);
    uncompressed += page(out, codec, body, (t) => {
      t.i32(1, 2); // DICTIONARY_PAGE
      return (t2) => {
        t2.struct(7);
        t2.i32(1, dict.distinct.length);
        t2.i32(2, ENC_PLAIN);
        t2.end();
      };
    });
  }
  const dataPageOffset = out.pos - base;
  // Cut pages at row boundaries: a slot with repetition level 0 starts a row.
  const slots = v.defs?.length ?? v.values.length;
  let slot = 0;
  let value = 0;
  while (slot < slots) {
    let end = slot;
    let rowsIn = 0;
    while (end < slots) {
      if (v.reps === undefined || v.reps[end] === 0) {
        if (rowsIn === PAGE_ROWS) break;
        rowsIn++;
      }
      end++;
    }
    let present = end - slot;
    const body = new ByteBuffer(1 << 12);
    if (v.reps !== undefined) levels(v.reps.slice(slot, end), bitWidth(c.maxRep), body);
    if (v.defs !== undefined) {
      const defs = v.defs.slice(slot, end);
      levels(defs, bitWidth(c.maxDef), body);
      present = 0;
      for (const d of defs) if (d === c.maxDef) present++;
    }
    if (dict !== undefined) {
      const width = Math.max(1, bitWidth(dict.distinct.length - 1));
      body.byte(width);
      rleHybrid(dict.indices.subarray(value, value + present), width, body);
    } else body.bytes(plainBytes(c, encoded.slice(value, value + present)));
    value += present;
    const n = end - slot;
    uncompressed += page(out, codec, body.take(), (t) => {
      t.i32(1, 0); // DATA_PAGE
      return (t2) => {
        t2.struct(5);
        t2.i32(1, n);
        t2.i32(2, dict !== undefined ? ENC_RLE_DICTIONARY : ENC_PLAIN);
        t2.i32(3, ENC_RLE);
        t2.i32(4, ENC_RLE);
        t2.end();
      };
    });
    slot = end;
  }
  return {
    type: PHYSICAL[c.leaf],
    encodings: dict !== undefined ? [ENC_PLAIN, ENC_RLE, ENC_RLE_DICTIONARY] : [ENC_PLAIN, ENC_RLE],
    path: c.list ? [c.name, "list", "element"] : [c.name],
    codec: codec.id,
    numValues: slots,
    uncompressed,
    compressed: out.pos - start,
    dataPageOffset,
    ...(dictionaryPageOffset !== undefined ? { dictionaryPageOffset } : {}),
    stats: statsOf(c, encoded, v.nulls, dict?.distinct),
  };
}

/**
 * Writes one page (header, then the compressed body); returns header + uncompressed body size.
 * `head` writes the page type and returns the writer of the type-specific header.
 */
function page(
  out: ByteBuffer,
  codec: PageCodec,
  body: Uint8Array,
  head: (t: ThriftWriter) => (t: ThriftWriter) => void,
): number {
  const packed = codec.compress(body);
  const t = new ThriftWriter();
  const rest = head(t);
  t.i32(2, body.length);
  t.i32(3, packed.length);
  rest(t);
  t.end();
  const header = t.bytes();
  out.bytes(header);
  out.bytes(packed);
  return header.length + body.length;
}

/**
 * Values in their stored form: numbers for INT32/DOUBLE/BOOLEAN (0/1), numbers or bigints for
 * INT64, UTF-8 bytes for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY.
 */
function encodeValues(c: ParquetColumn, values: readonly unknown[]): unknown[] {
  switch (c.leaf) {
    case "string":
      return values.map((s) => utf8.encode(s as string));
    case "uuid":
      return values.map((s) => uuidBytes(s as string));
    case "fixedDecimal":
      return values.map((u) => twosComplement(BigInt(u as number | bigint), c.typeLength));
    default:
      return values as unknown[];
  }
}

function useDictionary(
  c: ParquetColumn,
  values: readonly unknown[],
  encoded: readonly unknown[],
): { distinct: Uint8Array[]; indices: Uint32Array } | undefined {
  if (c.dictionary === "never" || encoded.length === 0) return undefined;
  const ids = new Map<string, number>();
  const distinct: Uint8Array[] = [];
  const indices = new Uint32Array(encoded.length);
  const limit = c.dictionary === "always" ? Infinity : encoded.length / 2;
  let bytes = 0;
  for (let i = 0; i < encoded.length; i++) {
    const b = encoded[i] as Uint8Array;
    const key = values[i] as string;
    let id = ids.get(key);
    if (id === undefined) {
      id = distinct.length;
      ids.set(key, id);
      distinct.push(b);
      bytes += b.length + 4;
      if (c.dictionary !== "always" && (distinct.length > limit || bytes > MAX_DICTIONARY_BYTES)) return undefined;
    }
    indices[i] = id;
  }
  return { distinct, indices };
}

/** PLAIN encoding of stored values. */
export function plainBytes(c: ParquetColumn, values: readonly unknown[]): Uint8Array {
  const n = values.length;
  switch (c.leaf) {
    case "bool": {
      const b = new Uint8Array(Math.ceil(n / 8));
      for (let i = 0; i < n; i++) if (values[i] === true || values[i] === 1) b[i >> 3] |= 1 << (i & 7);
      return b;
    }
    case "int32": {
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) a[i] = values[i] as number;
      return new Uint8Array(a.buffer);
    }
    case "double": {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = values[i] as number;
      return new Uint8Array(a.buffer);
    }
    case "int64": {
      const a = new Int32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const v = values[i] as number | bigint;
        if (typeof v === "number") {
          a[2 * i] = v >>> 0;
          a[2 * i + 1] = Math.floor(v / 4294967296) | 0;
        } else {
          a[2 * i] = Number(BigInt.asUintN(32, v)) | 0;
          a[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
        }
      }
      return new Uint8Array(a.buffer);
    }
    case "string":
    case "binary": {
      let size = 0;
      for (const v of values) size += 4 + (v as Uint8Array).length;
      const b = new Uint8Array(size);
      const dv = new DataView(b.buffer);
      let p = 0;
      for (const v of values) {
        const u = v as Uint8Array;
        dv.setUint32(p, u.length, true);
        b.set(u, p + 4);
        p += 4 + u.length;
      }
      return b;
    }
    case "uuid":
    case "fixedDecimal": {
      const b = new Uint8Array(n * c.typeLength);
      for (let i = 0; i < n; i++) b.set(values[i] as Uint8Array, i * c.typeLength);
      return b;
    }
  }
}

function uuidBytes(s: string): Uint8Array {
  const hex = s.replace(/-/g, "");
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return b;
}

/** Big-endian two's complement of `v` in `n` bytes. */
function twosComplement(v: bigint, n: number): Uint8Array {
  let u = BigInt.asUintN(8 * n, v);
  const b = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    b[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return b;
}
