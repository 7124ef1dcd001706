/**
 * `@encrypt` cells (spec §9): `enc:v1:` + base64 (standard, padded) of nonce ‖ ciphertext ‖ tag.
 *
 * - AES-256-GCM with the HKDF-derived key (see keys.ts), 16-byte tag.
 * - The 12-byte nonce is synthetic: the first 12 bytes of HMAC-SHA-256(nonceKey,
 *   lp(table) ‖ lp(column) ‖ lp(decimal row) ‖ lp(plaintext)), where lp(x) = 4-byte big-endian byte
 *   length of x, then the UTF-8 bytes of x. So a run is reproducible (same key and inputs → same
 *   ciphertext), and a nonce is never reused for a different plaintext (a different plaintext gives a
 *   different nonce, barring an HMAC collision).
 * - Additional authenticated data: lp(table) ‖ lp(column), so a cell moved to another column or table
 *   no longer decrypts.
 * - The row is bound by the nonce (as in AES-SIV): after opening a cell, `decryptCell` recomputes the
 *   synthetic nonce from the row it was read at and the plaintext, and refuses the cell when it is not
 *   the one stored — a cell moved, copied or replayed to another row (or a row moved) does not open.
 *   The ciphertext stays what it was: a pure function of (key, table, column, row, value).
 * - The trade-off, documented: equal plaintexts in the same (table, column, row) give equal ciphertexts.
 *   Cells of different rows never look alike, even with equal plaintexts.
 *
 *   const keys = loadEncryptionKey(process.env);
 *   const cell = encryptCell(keys, "persons", "email", 0, "jane@example.com");   // "enc:v1:3q2+7w…"
 *   decryptCell(keys, "persons", "email", 0, cell)                               // "jane@example.com"
 *   decryptCell(keys, "persons", "email", 1, cell)                               // throws CellDecryptError("row")
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import type { EncryptionKeys } from "./keys.js";
import { decodeBase64 } from "./keys.js";

export const CELL_PREFIX = "enc:v1:";
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** Standard alphabet, padded: what `encryptCell` writes (canonical bits are checked by `decodeBase64`). */
const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Why a cell did not decrypt: not an `enc:v1:` cell at all, or it failed authentication. */
export class CellDecryptError extends Error {
  constructor(
    readonly kind: "malformed" | "authentication" | "row",
    message: string,
  ) {
    super(message);
  }
}

/** `lp(x)`: 4-byte big-endian length, then the bytes. */
function lengthPrefixed(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(4 + bytes.length);
  out.writeUInt32BE(bytes.length, 0);
  out.set(bytes, 4);
  return out;
}

/** lp(table) ‖ lp(column), made once per (table, column) and key set. */
function aadOf(keys: EncryptionKeys, table: string, column: string): Buffer {
  const id = `${table}\u0000${column}`;
  let aad = keys.aadCache.get(id);
  if (aad === undefined) {
    aad = Buffer.concat([lengthPrefixed(Buffer.from(table, "utf8")), lengthPrefixed(Buffer.from(column, "utf8"))]);
    keys.aadCache.set(id, aad);
  }
  return aad;
}

/** The synthetic nonce: HMAC-SHA-256(nonceKey, aad ‖ lp(decimal row) ‖ lp(plaintext)), first 12 bytes. */
function syntheticNonce(keys: EncryptionKeys, aad: Buffer, row: number, text: Buffer): Buffer {
  const rowText = Buffer.from(String(row), "latin1");
  const head = Buffer.allocUnsafe(8 + rowText.length);
  head.writeUInt32BE(rowText.length, 0);
  head.set(rowText, 4);
  head.writeUInt32BE(text.length, 4 + rowText.length);
  return createHmac("sha256", keys.nonceKey).update(aad).update(head).update(text).digest().subarray(0, NONCE_BYTES);
}

function checkRow(row: number): void {
  if (!Number.isSafeInteger(row) || row < 0) throw new RangeError(`row ${row} is not a row index`);
}

/** The `enc:v1:` text of a cell; `row` is the 0-based row index in the table (as `person(row)`). */
export function encryptCell(
  keys: EncryptionKeys,
  table: string,
  column: string,
  row: number,
  plaintext: string,
): string {
  checkRow(row);
  const aad = aadOf(keys, table, column);
  const text = Buffer.from(plaintext, "utf8");
  const nonce = syntheticNonce(keys, aad, row, text);
  const cipher = createCipheriv("aes-256-gcm", keys.aesKey, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(text);
  const last = cipher.final();
  const tag = cipher.getAuthTag();
  return CELL_PREFIX + Buffer.concat([nonce, body, last, tag]).toString("base64");
}

/**
 * Reverses `encryptCell` for the cell read at `row` (0-based, in the table). Throws `CellDecryptError`:
 * "malformed" when `text` is not `enc:v1:` and canonical base64 of at least 28 bytes, "authentication"
 * when the key is not the one that encrypted it or the cell (or its table or column) was changed,
 * "row" when it opens but was encrypted for another row.
 */
export function decryptCell(keys: EncryptionKeys, table: string, column: string, row: number, text: string): string {
  checkRow(row);
  if (!text.startsWith(CELL_PREFIX)) throw new CellDecryptError("malformed", `it does not start with '${CELL_PREFIX}'`);
  const b64 = text.slice(CELL_PREFIX.length);
  const raw = PADDED_BASE64.test(b64) ? decodeBase64(b64) : undefined;
  if (raw === undefined) throw new CellDecryptError("malformed", "what follows 'enc:v1:' is not base64");
  if (raw.length < NONCE_BYTES + TAG_BYTES)
    throw new CellDecryptError(
      "malformed",
      `it holds ${raw.length} bytes, fewer than a nonce and a tag (${NONCE_BYTES + TAG_BYTES})`,
    );
  const decipher = createDecipheriv("aes-256-gcm", keys.aesKey, raw.subarray(0, NONCE_BYTES), {
    authTagLength: TAG_BYTES,
  });
  const aad = aadOf(keys, table, column);
  decipher.setAAD(aad);
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  const body = decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES));
  let last: Buffer;
  try {
    last = decipher.final();
  } catch {
    throw new CellDecryptError(
      "authentication",
      "the key is not the one it was encrypted with, or the cell (or its table or column) was changed",
    );
  }
  const plain = Buffer.concat([body, last]);
  if (!timingSafeEqual(syntheticNonce(keys, aad, row, plain), raw.subarray(0, NONCE_BYTES)))
    throw new CellDecryptError("row", "it was encrypted for another row");
  return plain.toString("utf8");
}
