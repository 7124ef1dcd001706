/**
 * The compile cache of `dgen generate` and `dgen validate`: the bundle `dgen build` would write,
 * kept under a key of everything that shapes it, so a second run of the same schema skips compiling
 * and bundling (≈ 1.5 s) and imports the kept file at once.
 *
 * The key is the SHA-256 of: this dgen installation (version, and the size and time of each of its
 * own files, so a rebuilt checkout never meets an old bundle), the faker version the bundle embeds,
 * the schema's file name and text, and the `--param` values. An entry also lists every file the
 * compiler read (choices CSV/XLSX), relative to the schema's folder, with its SHA-256; a lookup
 * re-hashes them there, so a changed input is a miss, never stale data (it adds a variant beside
 * the old one). Entries are written under a temporary name and renamed whole, so runs at
 * the same time never see half an entry; the loser of a race removes its own copy. Entries unused for
 * 14 days are removed when a new one is stored.
 *
 * Where: `DGEN_CACHE_DIR`, else `node_modules/.cache/dgen` of the nearest `node_modules` above the
 * working folder, else `$XDG_CACHE_HOME/dgen` (or `~/.cache/dgen`). `--no-cache` skips it.
 *
 *   const hit = lookupBundle(cacheKey(schemaPath, text, params), cacheDir());
 *   if (hit) import(pathToFileURL(hit.entry).href)
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ProtectedInput } from "../../runtime/output-paths.js";
import { dgenVersion } from "../version.js";
import { onInterrupt } from "./interrupt.js";

/** What a cached entry gives back: the bundle file and what compiling it said. */
export interface CachedBundle {
  readonly entry: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly inputs: readonly ProtectedInput[];
}

interface Meta {
  readonly diagnostics: readonly Diagnostic[];
  /** The files the compiler read (the schema excluded: it is in the key), relative to the schema's folder, with their SHA-256. */
  readonly read: readonly { readonly path: string; readonly sha256: string }[];
}

const MAX_AGE_MS = 14 * 24 * 3600 * 1000;

/** The cache folder, or undefined when none can be named. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  if (env.DGEN_CACHE_DIR) return resolve(env.DGEN_CACHE_DIR);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "dgen");
    if (dirname(dir) === dir) break;
  }
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), ".cache") : undefined);
  return base ? join(base, "dgen") : undefined;
}

let installation: string | undefined;

/** A fingerprint of this dgen installation: its version and the size and time of each of its files. */
function installationId(): string {
  if (installation !== undefined) return installation;
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const h = createHash("sha256").update(dgenVersion);
  for (const part of ["compiler", "runtime", "grammar", "diagnostics"]) fingerprint(join(root, part), h);
  try {
    const require = createRequire(import.meta.url);
    h.update((require("@faker-js/faker/package.json") as { version: string }).version);
  } catch {
    h.update("no faker");
  }
  installation = h.digest("hex");
  return installation;
}

function fingerprint(dir: string, h: ReturnType<typeof createHash>): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory()) fingerprint(path, h);
    else if (/\.(js|ts|json)$/.test(name)) h.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
  }
}

/**
 * The key of a schema's bundle: installation, schema (file name and text — the emitted module names
 * the file, not its folder) and parameters. The folder does not matter: the files the schema reads are
 * kept relative to it and checked by content, so the same schema in another folder with the same
 * input files shares the entry.
 */
export function cacheKey(schemaPath: string, text: string, params: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
  return createHash("sha256")
    .update(JSON.stringify([installationId(), basename(schemaPath), text, sorted]))
    .digest("hex")
    .slice(0, 40);
}

/** The schema's folder, links resolved: what the read files are kept relative to. */
function schemaFolder(schemaPath: string): string {
  try {
    return dirname(realpathSync(schemaPath));
  } catch {
    return dirname(resolve(schemaPath));
  }
}

function sha256File(path: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
}

/**
 * The entry for `key` whose read files are all unchanged, else undefined. A key holds one variant per
 * set of input contents (`<key>/<hash of the inputs>/`), so a changed CSV adds a variant and never
 * replaces a file another run may be using.
 */
export function lookupBundle(key: string, dir: string, schemaPath: string): CachedBundle | undefined {
  const folderOfSchema = schemaFolder(schemaPath);
  let variants: string[];
  try {
    variants = readdirSync(join(dir, key)).filter((n) => !n.includes(".tmp-"));
  } catch {
    return undefined;
  }
  for (const variant of variants) {
    const folder = join(dir, key, variant);
    const entry = join(folder, "bundle.mjs");
    let meta: Meta;
    try {
      meta = JSON.parse(readFileSync(join(folder, "meta.json"), "utf8")) as Meta;
      if (!existsSync(entry)) continue;
    } catch {
      continue;
    }
    const read = meta.read.map((f) => ({ path: resolve(folderOfSchema, f.path), sha256: f.sha256 }));
    if (!read.every((f) => sha256File(f.path) === f.sha256)) continue;
    try {
      const now = new Date();
      utimesSync(join(dir, key), now, now);
    } catch {
      // a read-only cache still serves
    }
    const inputs: ProtectedInput[] = [
      { path: schemaPath, what: "the schema" },
      ...read.map((f) => ({ path: f.path, what: "the schema's input file" })),
    ];
    return { entry, diagnostics: meta.diagnostics, inputs };
  }
  return undefined;
}

/**
 * Keeps `text` as the bundle of `key`; returns the kept file, or undefined when the cache cannot be
 * written (then the caller runs from a temporary file as without a cache).
 */
export function storeBundle(
  key: string,
  dir: string,
  text: string,
  diagnostics: readonly Diagnostic[],
  inputs: readonly ProtectedInput[],
  schemaPath: string,
): string | undefined {
  const folderOfSchema = schemaFolder(schemaPath);
  const schemaReal = join(folderOfSchema, basename(schemaPath));
  const read = inputs
    .filter((i) => i.what !== "the schema" && resolve(i.path) !== schemaReal)
    .map((i) => ({ path: relative(folderOfSchema, resolve(i.path)), sha256: sha256File(i.path) ?? "" }));
  const variant = createHash("sha256").update(JSON.stringify(read)).digest("hex").slice(0, 16);
  const folder = join(dir, key, variant);
  const tmp = `${folder}.tmp-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  const forget = onInterrupt(() => rmSync(tmp, { recursive: true, force: true }));
  try {
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, "bundle.mjs"), text);
    const meta: Meta = { diagnostics, read };
    writeFileSync(join(tmp, "meta.json"), JSON.stringify(meta));
    try {
      renameSync(tmp, folder);
    } catch {
      // Another run stored the same entry first: use theirs.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(folder, "meta.json"))) return undefined;
    }
    sweepOld(dir, key);
    return join(folder, "bundle.mjs");
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    return undefined;
  } finally {
    forget();
  }
}

/** Removes entries unused for MAX_AGE_MS and temporaries of runs that died mid-store. */
function sweepOld(dir: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (name === keep) continue;
    const path = join(dir, name);
    try {
      const age = now - statSync(path).mtimeMs;
      const stale = name.includes(".tmp-") ? age > 3600 * 1000 : age > MAX_AGE_MS;
      if (stale) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}
