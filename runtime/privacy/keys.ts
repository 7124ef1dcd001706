/**
 * The keys of spec §9, read from the environment once per run (never from the schema, the command
 * line or the manifest, and never printed).
 *
 * `DGEN_KEY`: exactly 32 bytes, as 64 hex digits or as base64 (44 characters with `=` padding or 43
 * without; the URL-safe alphabet `-` `_` too). A value made only of hex digits is always read as hex. Two subkeys are derived from it with HKDF-SHA-256
 * (empty salt): the AES-256-GCM key (info `dgen/v1/aes-256-gcm`) and the key of the synthetic nonces
 * (info `dgen/v1/siv-nonce`), both 32 bytes.
 *
 * `DGEN_MASK_KEY` (the HMAC key of `@mask(hash)`): at least 16 bytes, as hex (a value made only of hex
 * digits, of even length, is always read as hex) or else as base64 (padded or not, standard or URL-safe).
 *
 * Spaces and line breaks around a value are ignored. Missing, empty or malformed → `RunError` with
 * DG5040 / DG5041, saying which variable and what form is expected, never echoing the value.
 *
 *   const keys = loadEncryptionKey(process.env);     // throws RunError(DG5040) when DGEN_KEY is unset
 *   const maskKey = loadMaskKey(process.env);         // Uint8Array of ≥ 16 bytes
 */
import { createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";

/** Opaque to callers: pass it to `encryptCell` / `decryptCell`. */
export interface EncryptionKeys {
  /** @internal AES-256-GCM key (HKDF info `dgen/v1/aes-256-gcm`). */
  readonly aesKey: KeyObject;
  /** @internal HMAC-SHA-256 key of the synthetic nonces (HKDF info `dgen/v1/siv-nonce`). */
  readonly nonceKey: KeyObject;
  /** @internal Length-prefixed (table, column) per `table\0column`, built once. */
  readonly aadCache: Map<string, Buffer>;
}

export const ENCRYPTION_KEY_VAR = "DGEN_KEY";
export const MASK_KEY_VAR = "DGEN_MASK_KEY";
export const AES_INFO = "dgen/v1/aes-256-gcm";
export const NONCE_INFO = "dgen/v1/siv-nonce";
const KEY_BYTES = 32;
const MIN_MASK_BYTES = 16;

const KEY_FORM = "32 bytes as 64 hex digits or base64";
const MASK_FORM = `at least ${MIN_MASK_BYTES} bytes as hex or base64`;
const MAKE_ONE = "make one with `openssl rand -hex 32`";

/**
 * Reads `DGEN_KEY`; `needed` names what needs it, for the message (`"@encrypt"`, `"'dgen decrypt'"`).
 */
export function loadEncryptionKey(env: NodeJS.ProcessEnv, needed = "@encrypt"): EncryptionKeys {
  const raw = env[ENCRYPTION_KEY_VAR];
  if (raw === undefined) throw missing(ENCRYPTION_KEY_VAR, needed, KEY_FORM);
  return encryptionKeysFromBytes(parseKey(ENCRYPTION_KEY_VAR, raw.trim()));
}

/** Reads `DGEN_KEY` for `dgen decrypt`: as `loadEncryptionKey`, with advice fit for decrypting. */
export function loadDecryptionKey(env: NodeJS.ProcessEnv): EncryptionKeys {
  const raw = env[ENCRYPTION_KEY_VAR];
  if (raw === undefined)
    throw new RunError(
      runtimeDiag(
        messages.keyMissing,
        [ENCRYPTION_KEY_VAR, "'dgen decrypt'"],
        `set it to the key the data was encrypted with (${KEY_FORM})`,
      ),
    );
  return encryptionKeysFromBytes(parseKey(ENCRYPTION_KEY_VAR, raw.trim(), "use the key the data was encrypted with"));
}

/** Derives the two subkeys from the 32 bytes of `DGEN_KEY` (for tests and tools that hold the bytes). */
export function encryptionKeysFromBytes(ikm: Uint8Array): EncryptionKeys {
  if (ikm.length !== KEY_BYTES) throw new RangeError(`an encryption key has ${KEY_BYTES} bytes, not ${ikm.length}`);
  const derive = (info: string) => createSecretKey(Buffer.from(hkdfSync("sha256", ikm, new Uint8Array(0), info, 32)));
  return { aesKey: derive(AES_INFO), nonceKey: derive(NONCE_INFO), aadCache: new Map() };
}

/** Reads `DGEN_MASK_KEY`, the HMAC key of `@mask(hash)`. */
export function loadMaskKey(env: NodeJS.ProcessEnv, needed = "@mask(hash)"): Uint8Array {
  const raw = env[MASK_KEY_VAR];
  if (raw === undefined) throw missing(MASK_KEY_VAR, needed, MASK_FORM);
  return parseMaskKey(raw.trim());
}

function parseKey(variable: string, s: string, help = MAKE_ONE): Uint8Array {
  const malformed = (reason: string) =>
    new RunError(runtimeDiag(messages.keyMalformed, [variable, reason, KEY_FORM], help));
  if (s.length === 0) throw malformed("it is empty");
  if (HEX.test(s)) {
    // Only hex digits: read as hex, even at 43 or 44 characters (a cut-short hex key, not base64).
    if (s.length === 64) return Buffer.from(s, "hex");
    throw malformed(`it has ${s.length} hex digits (${Math.floor(s.length / 2)} bytes), not 64`);
  }
  if (s.length === 43 || s.length === 44) {
    const bytes = decodeBase64(s);
    if (bytes === undefined) throw malformed(`it has ${s.length} characters but is not base64`);
    if (bytes.length !== KEY_BYTES) throw malformed(`its base64 gives ${bytes.length} bytes`);
    return bytes;
  }
  throw malformed(`it has ${s.length} characters, which is neither 64 hex digits nor 44 base64 characters`);
}

function parseMaskKey(s: string): Uint8Array {
  if (s.length === 0) throw malformed(MASK_KEY_VAR, "it is empty", MASK_FORM);
  let bytes: Uint8Array | undefined;
  if (HEX.test(s) && s.length % 2 === 0) bytes = Buffer.from(s, "hex");
  else {
    bytes = decodeBase64(s);
    if (bytes === undefined) throw malformed(MASK_KEY_VAR, "it is neither hex nor base64", MASK_FORM);
  }
  if (bytes.length < MIN_MASK_BYTES) throw malformed(MASK_KEY_VAR, `it holds only ${bytes.length} bytes`, MASK_FORM);
  return bytes;
}

const HEX = /^[0-9a-fA-F]+$/;
const B64_STD = /^[A-Za-z0-9+/]+={0,2}$/;
const B64_URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Strict base64: one alphabet (standard or URL-safe), padding optional but right when present, and
 * canonical (the unused low bits of the last character are zero), so no two texts give one key.
 */
export function decodeBase64(s: string): Uint8Array | undefined {
  const url = !B64_STD.test(s);
  if (url && !B64_URL.test(s)) return undefined;
  const body = s.replace(/=+$/, "");
  if (body.length % 4 === 1) return undefined;
  const padded = body + "=".repeat((4 - (body.length % 4)) % 4);
  if (s.length !== body.length && s !== padded) return undefined;
  const bytes = Buffer.from(body, url ? "base64url" : "base64");
  const again = bytes.toString(url ? "base64url" : "base64").replace(/=+$/, "");
  return again === body ? bytes : undefined;
}

function missing(variable: string, needed: string, form: string): RunError {
  return new RunError(runtimeDiag(messages.keyMissing, [variable, needed], `set it to ${form}; ${MAKE_ONE}`));
}

function malformed(variable: string, reason: string, form: string): RunError {
  return new RunError(runtimeDiag(messages.keyMalformed, [variable, reason, form], MAKE_ONE));
}
