/**
 * `withBundle`: how `dgen generate` and `dgen validate` get the very bundle `dgen build` writes — from
 * the compile cache (bundle-cache.ts) when the schema, its input files, its parameters and this dgen
 * are unchanged, else compiled and bundled now (and kept in the cache for the next run). On a cache
 * hit neither the compiler nor esbuild is loaded.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ProtectedInput } from "../../runtime/output-paths.js";
import { sweepStaleBundles, tempDirPrefix } from "../../runtime/writers/temp-names.js";
import { cacheDir, cacheKey, lookupBundle, storeBundle } from "./bundle-cache.js";
import { onInterrupt } from "./interrupt.js";
import { readSchema } from "./io.js";
import type { CommandResult } from "./result.js";

export interface BundleUse {
  /** Skip the compile cache (`--no-cache`): compile, bundle into a temporary file, remove it after. */
  readonly noCache?: boolean;
}

/**
 * Imports the schema's bundle and hands the module to `use`. A schema that does not compile returns
 * its result without calling `use`. Without the cache the bundle is a temporary file, removed
 * afterwards, also on Ctrl-C; its folder is named for this process (temp-names.ts), and those of dead
 * dgen processes (a `kill -9`) are removed first.
 */
export async function withBundle<M>(
  schemaPath: string,
  params: Readonly<Record<string, string>>,
  use: (mod: M, built: CommandResult, entry: string, inputs: readonly ProtectedInput[]) => Promise<CommandResult>,
  options: BundleUse = {},
): Promise<CommandResult> {
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { exitCode: 1, diagnostics: [loaded.diagnostic] };
  const dir = options.noCache ? undefined : cacheDir();
  const key = dir !== undefined ? cacheKey(schemaPath, loaded.file.text, params) : undefined;
  if (dir !== undefined && key !== undefined) {
    const hit = lookupBundle(key, dir, schemaPath);
    if (hit) {
      const built: CommandResult = { exitCode: 0, diagnostics: hit.diagnostics, file: loaded.file };
      return use((await import(pathToFileURL(hit.entry).href)) as M, built, hit.entry, hit.inputs);
    }
  }
  const { buildBundle } = await import("./build.js");
  const built = await buildBundle(schemaPath, params);
  if (built.text === undefined) return built.result;
  if (dir !== undefined && key !== undefined) {
    const kept = storeBundle(key, dir, built.text, built.result.diagnostics, built.inputs, schemaPath);
    if (kept) return use((await import(pathToFileURL(kept).href)) as M, built.result, kept, built.inputs);
  }
  sweepStaleBundles(tmpdir());
  const tmp = mkdtempSync(join(tmpdir(), tempDirPrefix()));
  const remove = () => rmSync(tmp, { recursive: true, force: true });
  const forget = onInterrupt(remove);
  const entry = join(tmp, "bundle.mjs");
  try {
    writeFileSync(entry, built.text);
    return await use((await import(pathToFileURL(entry).href)) as M, built.result, entry, built.inputs);
  } finally {
    forget();
    remove();
  }
}
