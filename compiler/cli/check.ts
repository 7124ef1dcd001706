/**
 * `dgen check schema.dgen [FILE…] [--format text|json]`: diagnostics only; exit 1 if any error. Each
 * FILE — a module of `dgen compile` or `dgen fixtures` — must be what that command writes now (stale.ts).
 */
import { checkSourceAsync } from "../compile.js";
import { fileSystemHost } from "../host.js";
import { readSchema } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";

export async function checkCommand(
  schemaPath: string,
  params: Readonly<Record<string, string>> = {},
  generated: readonly string[] = [],
): Promise<CommandResult> {
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { exitCode: 1, diagnostics: [loaded.diagnostic] };
  const r = await checkSourceAsync(loaded.file, fileSystemHost(schemaPath), params);
  // Generated files are checked against a schema without errors only (stale.ts loads the emitter).
  const stale =
    generated.length > 0 && exitFor(r.diagnostics) === 0
      ? await (await import("./stale.js")).staleProblems(schemaPath, generated, params)
      : [];
  const ok = r.diagnostics.length === 0 && stale.length === 0;
  return {
    exitCode: exitFor([...r.diagnostics, ...stale]),
    diagnostics: r.diagnostics,
    runDiagnostics: stale,
    file: loaded.file,
    ...(ok ? { stdout: [schemaPath, ...generated].map((p) => `${p}: ok\n`).join("") } : {}),
  };
}
