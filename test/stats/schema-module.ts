/**
 * A schema's generated module, loaded in-process the way a user's project would use it: compiled with
 * the public API (`import { compile } from "dgen"`), written out, bundled with esbuild and imported.
 * The bundle takes the runtime from this checkout's sources (as vitest does), so the statistics are
 * those of the code under test even when `dist/` is stale, and calls into the runtime stay plain
 * function calls (vitest's own module loader would route each one through a getter).
 *
 *   const mod = await loadSchemaModule(dir, "stats.dgen", text);
 *   for (const row of mod.samples(0, 100)) …
 */
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile, fileSystemHost } from "../../compiler/index.js";
import { repoRoot } from "../helpers/cli.js";

/** Compiles `text` (as `dir/fileName`), bundles the module and imports it. Throws on any diagnostic. */
export async function loadSchemaModule(dir: string, fileName: string, text: string): Promise<Record<string, unknown>> {
  const schemaPath = join(dir, fileName);
  writeFileSync(schemaPath, text);
  // `format: false` skips ts-morph and prettier, as `dgen build` does: the code is the same
  const compiled = await compile({ path: schemaPath, text }, fileSystemHost(schemaPath), { format: false });
  const errors = compiled.diagnostics.map((d) => `${d.code}: ${d.message}`);
  if (errors.length > 0) throw new Error(`the schema has diagnostics:\n${errors.join("\n")}`);
  const [[moduleName, moduleText]] = [...compiled.files];
  const modulePath = join(dir, moduleName);
  writeFileSync(modulePath, moduleText);
  const outfile = modulePath.replace(/\.ts$/, ".bundle.mjs");
  await build({
    entryPoints: [modulePath],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "silent",
    alias: {
      "dgen/runtime": join(repoRoot, "runtime", "index.ts"),
      "dgen/faker-locales": join(repoRoot, "runtime", "faker", "locales.ts"),
    },
    banner: {
      js: `import { createRequire as __dgenRequire } from "node:module"; const require = __dgenRequire(import.meta.url);`,
    },
  });
  return (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
}
