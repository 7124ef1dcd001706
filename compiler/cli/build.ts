/**
 * `dgen build schema.dgen [-o FILE.mjs]`: one self-contained bundle for `node`
 * (default: `<schema>.mjs` next to the schema).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bundle } from "../bundle/bundle.js";
import { compile } from "../compile.js";
import { fileSystemHost } from "../host.js";
import { readSchema, writeAtomic } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";

/** Compiles and bundles; the bundle's text, or the diagnostics that stopped it. */
export async function buildBundle(
  schemaPath: string,
  params: Readonly<Record<string, string>> = {},
): Promise<{ text?: string; result: CommandResult }> {
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { result: { exitCode: 1, diagnostics: [loaded.diagnostic] } };
  const r = await compile(loaded.file, fileSystemHost(schemaPath), { format: false, params });
  const [entry] = r.files;
  if (!entry)
    return { result: { exitCode: exitFor(r.diagnostics) || 1, diagnostics: r.diagnostics, file: loaded.file } };
  const text = await bundle({ moduleName: entry[0], moduleText: entry[1], resolveDir: dirname(resolve(schemaPath)) });
  return { text, result: { exitCode: 0, diagnostics: r.diagnostics, file: loaded.file } };
}

/**
 * Builds the schema's bundle into a temporary file, imports it and hands the module to `use`; the
 * file is removed afterwards. `dgen generate` and `dgen validate` run the very bundle `dgen build`
 * writes this way. A schema that does not compile returns its result without calling `use`.
 */
export async function withBundle<M>(
  schemaPath: string,
  params: Readonly<Record<string, string>>,
  use: (mod: M, built: CommandResult, entry: string) => Promise<CommandResult>,
): Promise<CommandResult> {
  const built = await buildBundle(schemaPath, params);
  if (built.text === undefined) return built.result;
  const dir = mkdtempSync(join(tmpdir(), "dgen-"));
  const entry = join(dir, "bundle.mjs");
  try {
    writeFileSync(entry, built.text);
    return await use((await import(pathToFileURL(entry).href)) as M, built.result, entry);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function buildCommand(
  schemaPath: string,
  outFile: string | undefined,
  params: Readonly<Record<string, string>> = {},
): Promise<CommandResult> {
  const built = await buildBundle(schemaPath, params);
  if (built.text === undefined) return built.result;
  const target = outFile ?? schemaPath.replace(/\.dgen$/i, "") + ".mjs";
  const problem = writeAtomic(target, built.text);
  if (problem) return { ...built.result, exitCode: 1, diagnostics: [...built.result.diagnostics, problem] };
  return { ...built.result, stdout: `wrote ${target}\n` };
}
