/**
 * `dgen generate schema.dgen [generate flags] [--no-cache]`: compiles and bundles exactly as `dgen build`
 * does (or takes that bundle from the compile cache, bundle-cache.ts), and runs that bundle's own `run()` — so both write the same bytes. The
 * flags are parsed by the bundle's own parser, so they mean the same in both places.
 */
import type { GenerateOptions, Program, RunEnv, RunResult } from "../../runtime/index.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { parseArgs, USAGE } from "../../runtime/args.js";
import { withBundle } from "./bundled.js";
import { exitFor, type CommandResult } from "./result.js";

interface BundleModule {
  program: Program;
  run(program: Program, options: GenerateOptions, env: RunEnv): Promise<RunResult>;
}

export async function generateCommand(schemaPath: string, flags: readonly string[]): Promise<CommandResult> {
  // `--no-cache` is the command's own flag (bundle-cache.ts); the rest are the bundle's.
  const noCache = flags.includes("--no-cache");
  const parsed = parseArgs(flags.filter((f) => f !== "--no-cache"));
  if (parsed.help)
    return {
      exitCode: 0,
      diagnostics: [],
      stdout:
        USAGE.replace("node <schema>.mjs", "dgen generate <schema.dgen>") +
        "  --no-cache           compile and bundle anew instead of using the compile cache\n",
    };
  if (parsed.diagnostics.length > 0)
    return { exitCode: exitFor(parsed.diagnostics), diagnostics: [], runDiagnostics: parsed.diagnostics };
  // Parameters are constants of the compiled program: they go to the compiler, not to the bundle's run.
  const { params, ...options } = parsed.options;
  // The schema's format warning (DG6003) is moot when --format chose another format.
  const moot = (ds: readonly Diagnostic[]) => ds.filter((d) => !(options.format !== undefined && d.code === "DG6003"));
  const result = await withBundle<BundleModule>(
    schemaPath,
    params ?? {},
    async (mod, built, entry, inputs) => {
      // Database drivers (--to) resolve from dgen's own installation, not from the bundle's folder.
      const result = await mod.run(mod.program, options, {
        workerEntry: entry,
        inputs,
        importModule: (n: string) => import(n),
      });
      // With --out -, standard output carries the data: no summary there.
      const summary =
        result.ok && options.out !== "-" ? result.tables.map((t) => `${t.name}: ${t.rows} rows\n`).join("") : undefined;
      const compiled = moot(built.diagnostics);
      return {
        exitCode: exitFor([...compiled, ...result.diagnostics]),
        diagnostics: compiled,
        runDiagnostics: result.diagnostics,
        ...(built.file ? { file: built.file } : {}),
        ...(summary ? { stdout: summary } : {}),
      };
    },
    { noCache },
  );
  // Also when the schema did not compile (a bad --param, say): no moot warning beside the error.
  return { ...result, diagnostics: moot(result.diagnostics) };
}
