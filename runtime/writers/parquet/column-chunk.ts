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
import { type Stats, statsOf } from "./stats.js";
import { ThriftWriter } from "./thrift.js";

/** Rows per data page: small enough for readers' page buffers, large enough to compress well. */
export const PAGE_ROWS = 16_384;
const MAX_DICTIONARY_BYTES = 1 << 20;

const ENC_PLAIN = 0;
const ENC_RLE = 3;
const ENC_RLE_DICTIONARY = 8;

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

interface Dictionary {
  readonly distinct: string[];
  readonly indices: Uint32Array;
}

/** One page's body before compression, reused page after page (each thread has its own). */
const pageBody = new ByteBuffer(1 << 16);

/** Appends the column chunk of `v` to `out`; `base` is the row group's start in `out`. */
export function writeColumnChunk(v: ColumnValues, codec: PageCodec, out: ByteBuffer, base: number): ColumnChunkMeta {
  const c = v.column;
  const start = out.pos;
  const body = pageBody;
  body.pos = 0;
  let uncompressed = 0;
  let dictionaryPageOffset: number | undefined;
  const dict = useDictionary(c, v);
  if (dict !== undefined) {
    dictionaryPageOffset = out.pos - base;
    for (const s of dict.distinct) string(body, s);
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
  const slots = v.defs !== undefined ? v.slots : v.count;
  const width = dict !== undefined ? Math.max(1, bitWidth(dict.distinct.length - 1)) : 0;
  let slot = 0;
  let value = 0;
  while (slot < slots) {
    // Cut pages at row boundaries: a slot with repetition level 0 starts a row.
    let end = slot;
    let rowsIn = 0;
    const reps = v.reps;
    if (reps === undefined) end = Math.min(slots, slot + PAGE_ROWS);
    else
      while (end < slots) {
        if (reps[end] === 0) {
          if (rowsIn === PAGE_ROWS) break;
          rowsIn++;
        }
        end++;
      }
    let present = end - slot;
    if (reps !== undefined) levels(reps.subarray(slot, end), bitWidth(c.maxRep), body);
    if (v.defs !== undefined) {
      const defs = v.defs.subarray(slot, end);
      levels(defs, bitWidth(c.maxDef), body);
      present = 0;
      for (let i = 0; i < defs.length; i++) if (defs[i] === c.maxDef) present++;
    }
    if (dict !== undefined) {
      body.byte(width);
      rleHybrid(dict.indices.subarray(value, value + present), width, body);
    } else plain(c, v, value, value + present, body);
    value += present;
    const n = end - slot;
    uncompressed += page(out, codec, body, (t) => {
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
    stats: statsOf(v, dict?.distinct),
  };
}

/**
 * Writes one page (header, then the compressed body) and empties `body`; returns the header's size
 * plus the uncompressed body's. `head` writes the page type and returns the writer of the
 * type-specific header.
 */
function page(
  out: ByteBuffer,
  codec: PageCodec,
  body: ByteBuffer,
  head: (t: ThriftWriter) => (t: ThriftWriter) => void,
): number {
  const raw = body.buf.subarray(0, body.pos);
  const packed = codec.compress(raw);
  const t = new ThriftWriter();
  const rest = head(t);
  t.i32(2, raw.length);
  t.i32(3, packed.length);
  rest(t);
  t.end();
  const header = t.bytes();
  out.bytes(header);
  out.bytes(packed);
  body.pos = 0;
  return header.length + raw.length;
}

function useDictionary(c: ParquetColumn, v: ColumnValues): Dictionary | undefined {
  if (c.dictionary === "never" || v.count === 0) return undefined;
  const ids = new Map<string, number>();
  const distinct: string[] = [];
  const indices = new Uint32Array(v.count);
  const always = c.dictionary === "always";
  const limit = v.count / 2;
  const objs = v.objs as string[];
  let bytes = 0;
  for (let i = 0; i < v.count; i++) {
    const s = objs[i];
    let id = ids.get(s);
    if (id === undefined) {
      id = distinct.length;
      ids.set(s, id);
      distinct.push(s);
      bytes += 4 + 3 * s.length;
      if (!always && (distinct.length > limit || bytes > MAX_DICTIONARY_BYTES)) return undefined;
    }
    indices[i] = id;
  }
  return { distinct, indices };
}

/** A BYTE_ARRAY string: its UTF-8 length (4 bytes, little-endian), then its UTF-8 bytes. */
function string(b: ByteBuffer, s: string): void {
  b.ensure(4);
  const at = b.pos;
  b.pos += 4;
  b.str(s);
  const n = b.pos - at - 4;
  const buf = b.buf;
  buf[at] = n & 0xff;
  buf[at + 1] = (n >>> 8) & 0xff;
  buf[at + 2] = (n >>> 16) & 0xff;
  buf[at + 3] = n >>> 24;
}

const scratch = new DataView(new ArrayBuffer(8));

/** PLAIN encoding of values [from, to). */
function plain(c: ParquetColumn, v: ColumnValues, from: number, to: number, b: ByteBuffer): void {
  const nums = v.nums;
  switch (c.leaf) {
    case "bool": {
      const n = Math.ceil((to - from) / 8);
      b.ensure(n);
      const buf = b.buf;
      buf.fill(0, b.pos, b.pos + n);
      for (let i = from; i < to; i++) if (nums[i] !== 0) buf[b.pos + ((i - from) >> 3)] |= 1 << ((i - from) & 7);
      b.pos += n;
      return;
    }
    case "int32": {
      b.ensure(4 * (to - from));
      const buf = b.buf;
      let p = b.pos;
      for (let i = from; i < to; i++) {
        const x = nums[i] | 0;
        buf[p++] = x & 0xff;
        buf[p++] = (x >>> 8) & 0xff;
        buf[p++] = (x >>> 16) & 0xff;
        buf[p++] = x >>> 24;
      }
      b.pos = p;
      return;
    }
    case "double": {
      b.ensure(8 * (to - from));
      b.buf.set(new Uint8Array(nums.buffer, from * 8, (to - from) * 8), b.pos);
      b.pos += 8 * (to - from);
      return;
    }
    case "int64": {
      b.ensure(8 * (to - from));
      const buf = b.buf;
      let p = b.pos;
      const bigs = v.bigs;
      for (let i = from; i < to; i++) {
        const big = bigs?.get(i);
        let lo: number;
        let hi: number;
        if (big === undefined) {
          const x = nums[i];
          lo = x >>> 0;
          hi = Math.floor(x / 4294967296) | 0;
        } else {
          scratch.setBigInt64(0, big, true);
          lo = scratch.getUint32(0, true);
          hi = scratch.getUint32(4, true);
        }
        buf[p++] = lo & 0xff;
        buf[p++] = (lo >>> 8) & 0xff;
        buf[p++] = (lo >>> 16) & 0xff;
        buf[p++] = lo >>> 24;
        buf[p++] = hi & 0xff;
        buf[p++] = (hi >>> 8) & 0xff;
        buf[p++] = (hi >>> 16) & 0xff;
        buf[p++] = hi >>> 24;
      }
      b.pos = p;
      return;
    }
    case "string":
      for (let i = from; i < to; i++) string(b, v.objs[i] as string);
      return;
    case "binary":
      for (let i = from; i < to; i++) {
        const u = v.objs[i] as Uint8Array;
        b.ensure(4);
        scratch.setUint32(0, u.length, true);
        for (let k = 0; k < 4; k++) b.buf[b.pos++] = scratch.getUint8(k);
        b.bytes(u);
      }
      return;
    case "uuid":
      for (let i = from; i < to; i++) uuidBytes(v.objs[i] as string, b);
      return;
    case "fixedDecimal":
      for (let i = from; i < to; i++) twosComplement(BigInt(v.objs[i] as number | bigint), c.typeLength, b);
      return;
  }
}

/** The 16 bytes of a uuid's text (`8-4-4-4-12` hex digits). */
function uuidBytes(s: string, b: ByteBuffer): void {
  b.ensure(16);
  const buf = b.buf;
  let p = b.pos;
  for (let i = 0; i < s.length; ) {
    if (s.charCodeAt(i) === 45) {
      i++;
      continue;
    }
    buf[p++] = (hexDigit(s.charCodeAt(i)) << 4) | hexDigit(s.charCodeAt(i + 1));
    i += 2;
  }
  b.pos = p;
}

function hexDigit(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** Big-endian two's complement of `v` in `n` bytes. */
function twosComplement(v: bigint, n: number, b: ByteBuffer): void {
  let u = BigInt.asUintN(8 * n, v);
  b.ensure(n);
  for (let i = n - 1; i >= 0; i--) {
    b.buf[b.pos + i] = Number(u & 0xffn);
    u >>= 8n;
  }
  b.pos += n;
}
