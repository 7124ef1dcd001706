/**
 * Limits on a ZIP archive (an XLSX workbook is one), checked before any reader inflates it: the entry
 * count, the total unzipped size its central directory declares, and the compression ratio of each
 * large entry (zip bombs). Then every entry is inflated once with its output capped at its declared
 * size, so a directory that lies about sizes cannot get past the limits either.
 *
 *   checkZip(bytes, defaultZipLimits)
 *   // → { ok: true, names: ["[Content_Types].xml", "xl/workbook.xml", …], unzippedBytes: 41_210 }
 *   // → { ok: false, problem: { kind: "limit", what: "its unzipped size", measured: "3.0 GiB", limit: "100 MiB" } }
 */
import { inflateRawSync } from "node:zlib";

export interface ZipLimits {
  /** Total of the entries' declared unzipped sizes, in bytes. */
  readonly maxUnzippedBytes: number;
  readonly maxEntries: number;
  /** Largest unzipped size ÷ compressed size of one entry, for entries of at least `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const defaultZipLimits: ZipLimits = {
  // exceljs holds about 15 times the XML it reads in memory: 100 MiB of XML is some 1.5 GB
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** Why an archive is refused: over a limit (with the measured value), or not a usable ZIP at all. */
export type ZipProblem =
  | { readonly kind: "limit"; readonly what: string; readonly measured: string; readonly limit: string }
  | { readonly kind: "unreadable"; readonly reason: string };

export type ZipCheck =
  | { readonly ok: true; readonly names: string[]; readonly unzippedBytes: number }
  | { readonly ok: false; readonly problem: ZipProblem };

interface Entry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressed: number;
  readonly unzipped: number;
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * `inspect`, when given, sees every entry's inflated bytes once (while they are verified), so a reader
 * can measure an entry — count a sheet's rows, say — without inflating it again.
 */
export function checkZip(
  bytes: Uint8Array,
  limits: ZipLimits = defaultZipLimits,
  inspect?: (name: string, data: Uint8Array) => void,
): ZipCheck {
  const dir = readDirectory(bytes, limits);
  if ("kind" in dir) return { ok: false, problem: dir };
  const total = dir.reduce((sum, e) => sum + e.unzipped, 0);
  if (total > limits.maxUnzippedBytes)
    return limit("its unzipped size", showBytes(total), showBytes(limits.maxUnzippedBytes));
  for (const e of dir)
    if (e.unzipped >= limits.ratioFloorBytes && e.unzipped > e.compressed * limits.maxRatio)
      return limit(
        `the compression ratio of entry '${e.name}'`,
        `${ratio(e)} (${showBytes(e.unzipped)} from ${showBytes(e.compressed)})`,
        `${limits.maxRatio}:1`,
      );
  for (const e of dir) {
    const problem = verifyEntry(bytes, e, inspect);
    if (problem) return { ok: false, problem: { kind: "unreadable", reason: problem } };
  }
  return { ok: true, names: dir.map((e) => e.name), unzippedBytes: total };
}

/** The central directory's entries, or why there is none to trust. */
function readDirectory(b: Uint8Array, limits: ZipLimits): Entry[] | ZipProblem {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length >= 8 && OLE.every((x, i) => b[i] === x))
    return unreadable(
      "it is an encrypted workbook or one in the old binary Excel format (.xls); save it as an unencrypted .xlsx or as CSV",
    );
  const end = findEnd(b, view);
  if (end < 0) return unreadable("it is not a ZIP archive, and every .xlsx file is one");
  let count = view.getUint16(end + 10, true);
  let dirSize = view.getUint32(end + 12, true);
  let dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const loc = end - 20;
    if (loc < 0 || view.getUint32(loc, true) !== EOCD64_LOCATOR) return corrupt("a ZIP64 end record is missing");
    const at = big(view, loc + 8);
    if (at + 56 > b.length || view.getUint32(at, true) !== EOCD64) return corrupt("a ZIP64 end record is missing");
    count = big(view, at + 32);
    dirSize = big(view, at + 40);
    dirOffset = big(view, at + 48);
  }
  if (count > limits.maxEntries) return limitProblem("its number of entries", String(count), String(limits.maxEntries));
  if (dirOffset + dirSize > b.length) return corrupt("the central directory lies past the end of the file");
  const entries: Entry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== CENTRAL) return corrupt("the central directory is cut short");
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength + extraLength + commentLength > b.length)
      return corrupt("the central directory is cut short");
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLength));
    let unzipped = view.getUint32(p + 24, true);
    let compressed = view.getUint32(p + 20, true);
    let localOffset = view.getUint32(p + 42, true);
    if (unzipped === 0xffffffff || compressed === 0xffffffff || localOffset === 0xffffffff) {
      const sizes = zip64Extra(view, p + 46 + nameLength, extraLength, [unzipped, compressed, localOffset]);
      if (!sizes) return corrupt(`entry '${name}' has no ZIP64 sizes`);
      [unzipped, compressed, localOffset] = sizes;
    }
    entries.push({
      name,
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressed,
      unzipped,
      localOffset,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-central-directory record: searched backwards over the longest possible comment. */
function findEnd(b: Uint8Array, view: DataView): number {
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--)
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) <= b.length) return i;
  return -1;
}

/** The ZIP64 extended-information extra field: 64-bit values for the fields that hold 0xFFFFFFFF. */
function zip64Extra(view: DataView, at: number, length: number, fields: number[]): number[] | undefined {
  for (let p = at; p + 4 <= at + length;) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      const out = [...fields];
      let q = p + 4;
      for (let i = 0; i < out.length; i++)
        if (out[i] === 0xffffffff) {
          if (q + 8 > p + 4 + size) return undefined;
          out[i] = big(view, q);
          q += 8;
        }
      return out;
    }
    p += 4 + size;
  }
  return undefined;
}

/** Inflates one entry with its output capped at the declared size; a message when it does not match. */
function verifyEntry(
  b: Uint8Array,
  e: Entry,
  inspect: ((name: string, data: Uint8Array) => void) | undefined,
): string | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (e.flags & 1) return `entry '${e.name}' is encrypted`;
  const p = e.localOffset;
  if (p + 30 > b.length || view.getUint32(p, true) !== LOCAL) return `entry '${e.name}' is corrupt (no local header)`;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + e.compressed > b.length) return `entry '${e.name}' is cut short`;
  const data = b.subarray(start, start + e.compressed);
  if (e.method === 0) {
    if (e.compressed !== e.unzipped) return `entry '${e.name}' is corrupt (its sizes do not match)`;
    inspect?.(e.name, data);
    return undefined;
  }
  if (e.method !== 8) return `entry '${e.name}' uses compression method ${e.method}; only deflate is read`;
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, e.unzipped) });
  } catch (err) {
    return (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE"
      ? `entry '${e.name}' inflates to more than the ${e.unzipped} bytes its directory declares`
      : `entry '${e.name}' is corrupt (its data does not inflate)`;
  }
  if (inflated.length !== e.unzipped) return `entry '${e.name}' is corrupt (its size does not match its directory)`;
  inspect?.(e.name, inflated);
  return undefined;
}

/** A 64-bit little-endian size; beyond 2^53 it only needs to be huge, not exact. */
function big(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
}

function ratio(e: Entry): string {
  return `${Math.round(e.unzipped / Math.max(1, e.compressed))}:1`;
}

/** `1536` → `1.5 KiB`; whole numbers of a unit without decimals (`100 MiB`). */
export function showBytes(n: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let u = 0;
  let x = n;
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024;
    u++;
  }
  if (u === 0) return `${n} bytes`;
  return `${Number.isInteger(x) ? x : x.toFixed(1)} ${units[u]}`;
}

function limitProblem(what: string, measured: string, limit: string): ZipProblem {
  return { kind: "limit", what, measured, limit };
}
function limit(what: string, measured: string, max: string): ZipCheck {
  return { ok: false, problem: limitProblem(what, measured, max) };
}
function unreadable(reason: string): ZipProblem {
  return { kind: "unreadable", reason };
}
function corrupt(what: string): ZipProblem {
  return unreadable(`it is not a valid ZIP archive: ${what}`);
}
