/**
 * Parquet's RLE / bit-packing hybrid (levels and dictionary indices): runs of 8 or more equal values
 * become RLE runs, everything else groups of 8 bit-packed values (the last group padded with zeros,
 * which readers ignore because they know the count).
 *
 *   rleHybrid([1, 1, 1, 1, 1, 1, 1, 1, 1], 1)   // [0x12, 0x01]: one run of nine 1s
 */
import { ByteBuffer } from "../byte-buffer.js";

export function bitWidth(max: number): number {
  let w = 0;
  while (max >= 2 ** w) w++;
  return w;
}

export function rleHybrid(values: ArrayLike<number>, width: number, out: ByteBuffer): void {
  const n = values.length;
  let pendingFrom = 0; // start of values not yet written (bit-packed candidates)
  let i = 0;
  while (i < n) {
    const v = values[i];
    let j = i + 1;
    while (j < n && values[j] === v) j++;
    const run = j - i;
    if (run >= 8) {
      // Complete the pending bit-packed values to a multiple of 8 with the run's first values.
      const pending = i - pendingFrom;
      const fill = (8 - (pending % 8)) % 8;
      if (pending + fill > 0) bitPacked(values, pendingFrom, i + fill, width, out);
      const left = run - fill;
      if (left >= 8) {
        rleRun(v, left, width, out);
        pendingFrom = j;
      } else pendingFrom = i + fill;
    }
    i = j;
  }
  if (pendingFrom < n) bitPacked(values, pendingFrom, n, width, out);
}

function varint(out: ByteBuffer, v: number): void {
  while (v >= 0x80) {
    out.byte((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.byte(v);
}

function rleRun(v: number, count: number, width: number, out: ByteBuffer): void {
  varint(out, count << 1);
  const bytes = (width + 7) >> 3;
  for (let b = 0; b < bytes; b++) out.byte((v >>> (8 * b)) & 0xff);
}

function bitPacked(values: ArrayLike<number>, from: number, to: number, width: number, out: ByteBuffer): void {
  const groups = Math.ceil((to - from) / 8);
  varint(out, (groups << 1) | 1);
  const total = groups * width; // bytes
  out.ensure(total);
  const buf = out.buf;
  const start = out.pos;
  buf.fill(0, start, start + total);
  let bit = 0;
  for (let k = from; k < from + groups * 8; k++) {
    const v = k < to ? values[k] : 0;
    for (let b = 0; b < width; b++, bit++) if ((v >>> b) & 1) buf[start + (bit >> 3)] |= 1 << (bit & 7);
  }
  out.pos = start + total;
}

/** Levels of a v1 data page: a 4-byte little-endian length, then the hybrid encoding. */
export function levels(values: ArrayLike<number>, width: number, out: ByteBuffer): void {
  out.ensure(4);
  const at = out.pos;
  out.pos += 4;
  rleHybrid(values, width, out);
  const len = out.pos - at - 4;
  out.buf[at] = len & 0xff;
  out.buf[at + 1] = (len >>> 8) & 0xff;
  out.buf[at + 2] = (len >>> 16) & 0xff;
  out.buf[at + 3] = (len >>> 24) & 0xff;
}
