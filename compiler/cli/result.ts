/**
 * What a command returns: its diagnostics (rendered by bin.ts against the schema's text), lines for
 * stdout, and its exit status (0 success, 1 errors in the schema or the data, 2 wrong usage).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../diagnostics/source.js";

export interface CommandResult {
  readonly exitCode: 0 | 1 | 2;
  /** Diagnostics of the schema, rendered against its text. */
  readonly diagnostics: readonly Diagnostic[];
  /** Diagnostics of the command line or the run: no location in the schema. */
  readonly runDiagnostics?: readonly Diagnostic[];
  readonly file?: SourceFile;
  readonly stdout?: string;
}

export function exitFor(diagnostics: readonly Diagnostic[]): 0 | 1 | 2 {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return 0;
  return errors.some((d) => d.code.startsWith("DG8")) ? 2 : 1;
}
