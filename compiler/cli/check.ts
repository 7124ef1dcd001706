/**
 * `dgen check schema.dgen [--format text|json]`: diagnostics only; exit 1 if any error.
 */
import { checkSourceAsync } from "../compile.js";
import { fileSystemHost } from "../host.js";
import { readSchema } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";

export async function checkCommand(
  schemaPath: string,
  params: Readonly<Record<string, string>> = {},
): Promise<CommandResult> {
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { exitCode: 1, diagnostics: [loaded.diagnostic] };
  const r = await checkSourceAsync(loaded.file, fileSystemHost(schemaPath), params);
  return {
    exitCode: exitFor(r.diagnostics),
    diagnostics: r.diagnostics,
    file: loaded.file,
    ...(r.diagnostics.length === 0 ? { stdout: `${schemaPath}: ok\n` } : {}),
  };
}
