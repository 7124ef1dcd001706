/**
 * The limits of `dgen validate` on the data it reads (docs/cli.md, "Limits"), so that hostile input —
 * an endless field (`/dev/zero`), a compression bomb, JSON nested 100 000 deep — is one clear
 * diagnostic (DG5085, thrown as a `DataLimitError` of text-input.ts) and never an exhausted string,
 * heap or stack.
 *
 *   tooDeep("[[[]]]")   // false
 */

/** A row (record) of a data file: at most this many characters. */
export const MAX_ROW_CHARS = 64 * 1024 * 1024;
/** Past this much decompressed text… */
export const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
/** …a compressed file may give at most this many bytes per compressed byte read. */
export const MAX_RATIO = 500;
/** Objects and arrays inside a JSON row or a json cell: at most this many levels. */
export const MAX_DEPTH = 512;

/** How the limits read in DG5085 (what was found, the limit). */
export const ROW_LIMIT = ["a row is longer than 64 MiB", "67 108 864 characters a row"] as const;
export const DEPTH_LIMIT = [
  `a row is nested more than ${MAX_DEPTH} levels deep`,
  `${MAX_DEPTH} levels of objects and arrays`,
] as const;
export const RATIO_LIMIT = [
  `it decompresses to more than ${MAX_RATIO} times its size`,
  `${MAX_RATIO} bytes per compressed byte, past the first 16 MiB`,
] as const;

/** The nesting depth of JSON text (brackets outside strings), stopping once past `MAX_DEPTH`. */
export function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
