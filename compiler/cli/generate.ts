/**
 * `dgen generate schema.dgen [generate flags]`: compiles and bundles exactly as `dgen build` does,
 * into a temporary file, and runs that bundle's own `run()` — so both write the same bytes. The
 * flags are parsed by the bundle's own parser, so they mean the same in both places.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { GenerateOptions, Program, RunResult } from "../../runtime/index.js";
import { parseArgs, USAGE } from "../../runtime/args.js";
import { buildBundle } from "./build.js";
import { exitFor, type CommandResult } from "./result.js";

interface BundleModule {
  program: Program;
  run(program: Program, options: GenerateOptions, env: { workerEntry: string }): Promise<RunResult>;
}

export async function generateCommand(schemaPath: string, flags: readonly string[]): Promise<CommandResult> {
  const parsed = parseArgs(flags);
  if (parsed.help)
    return { exitCode: 0, diagnostics: [], stdout: USAGE.replace("node <schema>.mjs", "dgen generate <schema.dgen>") };
  if (parsed.diagnostics.length > 0)
    return { exitCode: exitFor(parsed.diagnostics), diagnostics: [], runDiagnostics: parsed.diagnostics };
  const built = await buildBundle(schemaPath);
  if (built.text === undefined) return built.result;
  const dir = mkdtempSync(join(tmpdir(), "dgen-"));
  const entry = join(dir, "bundle.mjs");
  try {
    writeFileSync(entry, built.text);
    const mod = (await import(pathToFileURL(entry).href)) as BundleModule;
    const result = await mod.run(mod.program, parsed.options, { workerEntry: entry });
    const summary = result.ok ? result.tables.map((t) => `${t.name}: ${t.rows} rows\n`).join("") : undefined;
    // The schema's format warning (DG6002) is moot when --format chose another one.
    const compiled = built.result.diagnostics.filter(
      (d) => !(parsed.options.format !== undefined && d.code === "DG6002" && d.message.includes("output format")),
    );
    return {
      exitCode: exitFor([...compiled, ...result.diagnostics]),
      diagnostics: compiled,
      runDiagnostics: result.diagnostics,
      ...(built.result.file ? { file: built.result.file } : {}),
      ...(summary ? { stdout: summary } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
