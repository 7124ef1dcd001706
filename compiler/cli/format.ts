/**
 * `dgen format <schema...> [--check]`: rewrites each file in its canonical layout, in place (as gofmt -w
 * and prettier --write do; a file already formatted is not touched). With `--check` nothing is written:
 * each file not formatted is named (DG5160) and the exit status is 1 — the CI step.
 * `--stdout` prints the formatted text instead of writing it (one file).
 *
 *   dgen format shop.dgen            // "shop.dgen: formatted" or "shop.dgen: unchanged"
 *   dgen format --check *.dgen       // error[DG5160]: 'a.dgen' is not formatted; run dgen format a.dgen.
 */
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatSource } from "../format/format.js";
import { messages } from "../../diagnostics/messages.js";
import type { SourceFile } from "../../diagnostics/source.js";
import { readSchema, writeAtomic } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";

export interface FormatOptions {
  readonly check: boolean;
  readonly stdout: boolean;
}

/** One result per file, in the order given (bin.ts prints each against its own text). */
export function formatCommand(paths: readonly string[], options: FormatOptions): CommandResult[] {
  return paths.map((path) => formatOne(path, options));
}

function formatOne(path: string, options: FormatOptions): CommandResult {
  const loaded = readSchema(path);
  if (!loaded.ok) return { exitCode: 1, diagnostics: [loaded.diagnostic] };
  const file: SourceFile = loaded.file;
  const r = formatSource(file);
  if (r.text === undefined) return { exitCode: exitFor(r.diagnostics) || 1, diagnostics: r.diagnostics, file };
  if (options.stdout) return { exitCode: 0, diagnostics: [], stdout: r.text };
  if (r.text === file.text)
    return { exitCode: 0, diagnostics: [], ...(options.check ? {} : { stdout: `${path}: unchanged\n` }) };
  if (options.check) return { exitCode: 1, diagnostics: [], runDiagnostics: [notFormatted(path)] };
  const failed = writeAtomic(path, r.text);
  if (failed) return { exitCode: 1, diagnostics: [], runDiagnostics: [failed] };
  return { exitCode: 0, diagnostics: [], stdout: `${path}: formatted\n` };
}

function notFormatted(path: string): Diagnostic {
  return diag(messages.notFormatted, { start: 0, end: 0 }, [path]);
}
