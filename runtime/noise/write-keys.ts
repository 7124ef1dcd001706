/**
 * The keys the write path needs (spec §9), loaded once per run before any row is written: `DGEN_KEY`
 * when a written column is `@encrypt`, `DGEN_MASK_KEY` when one is `@mask(hash)`. Which columns those
 * are is read from the columns' manifest tags (`encrypted`, `masked:hash`), so the run needs nothing
 * else from the program. A missing or malformed key throws the privacy loaders' `RunError`
 * (DG5040/DG5041); keys never leave memory.
 *
 *   const keys = loadWriteKeys(selectedTables, process.env);   // {} when no column needs a key
 */
import type { TableProgram } from "../contract.js";
import type { EncryptionKeys } from "../privacy/keys.js";
import { loadEncryptionKey, loadMaskKey } from "../privacy/keys.js";

export interface WriteKeys {
  /** The HMAC key of `@mask(hash)`. */
  readonly mask?: Uint8Array;
  /** The keys of `@encrypt`. */
  readonly encryption?: EncryptionKeys;
}

/** The two environment variables, as a worker is given them (so it loads exactly the main thread's keys). */
export interface KeySource {
  readonly DGEN_KEY?: string;
  readonly DGEN_MASK_KEY?: string;
}

/** What the tables' columns need: `{ encrypt, maskHash }`. */
export function keysNeeded(tables: readonly TableProgram[]): { encrypt: boolean; maskHash: boolean } {
  let encrypt = false;
  let maskHash = false;
  for (const t of tables)
    for (const c of t.columns) {
      if (c.tags.includes("encrypted")) encrypt = true;
      if (c.tags.includes("masked:hash")) maskHash = true;
    }
  return { encrypt, maskHash };
}

/** Loads the keys the tables need from `env` (throws a `RunError` for a missing or malformed one). */
export function loadWriteKeys(tables: readonly TableProgram[], env: KeySource | NodeJS.ProcessEnv): WriteKeys {
  const need = keysNeeded(tables);
  return {
    ...(need.encrypt ? { encryption: loadEncryptionKey(env as NodeJS.ProcessEnv) } : {}),
    ...(need.maskHash ? { mask: loadMaskKey(env as NodeJS.ProcessEnv) } : {}),
  };
}

/** The variables a worker needs to load the same keys (only those the tables need). */
export function keySource(tables: readonly TableProgram[], env: NodeJS.ProcessEnv): KeySource {
  const need = keysNeeded(tables);
  return {
    ...(need.encrypt && env.DGEN_KEY !== undefined ? { DGEN_KEY: env.DGEN_KEY } : {}),
    ...(need.maskHash && env.DGEN_MASK_KEY !== undefined ? { DGEN_MASK_KEY: env.DGEN_MASK_KEY } : {}),
  };
}

/** A worker's keys: exactly those the main thread passed (it passed only what the written tables need). */
export function loadGivenKeys(source: KeySource): WriteKeys {
  const env = source as NodeJS.ProcessEnv;
  return {
    ...(source.DGEN_KEY !== undefined ? { encryption: loadEncryptionKey(env) } : {}),
    ...(source.DGEN_MASK_KEY !== undefined ? { mask: loadMaskKey(env) } : {}),
  };
}
