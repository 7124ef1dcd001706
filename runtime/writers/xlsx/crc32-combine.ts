/**
 * zlib's crc32_combine: the CRC-32 of `a ‖ b` from crc(a), crc(b) and b's length, so that pieces of a
 * file compressed in different workers can be joined without their uncompressed bytes.
 *
 *   crc32Combine(crc32(a), crc32(b), b.length) === crc32(Buffer.concat([a, b]))
 */

function times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i];
  return sum >>> 0;
}

function square(out: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) out[n] = times(mat, mat[n]);
}

export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row >>> 0;
  square(even, odd);
  square(odd, even);
  let len = len2;
  do {
    square(even, odd);
    if (len % 2 === 1) crc1 = times(even, crc1);
    len = Math.floor(len / 2);
    if (len === 0) break;
    square(odd, even);
    if (len % 2 === 1) crc1 = times(odd, crc1);
    len = Math.floor(len / 2);
  } while (len !== 0);
  return (crc1 ^ crc2) >>> 0;
}
