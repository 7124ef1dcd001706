/**
 * The bundle's entry: `main(program, import.meta.url)` runs last in every `dgen build` output.
 * - loaded as a worker thread with `workerData.dgenWorker`: serve chunk requests;
 * - run by `node shop.mjs ...` (the process entry is this bundle): parse the flags, run, print
 *   diagnostics as `error[DG7001]: message` lines on stderr, exit status 0 / 1 / 2 (usage); a
 *   signal is DG7005 and exit 1 from the first moment (during the run, the run's own handler acts);
 *   the run never writes over the bundle itself;
 * - imported by `dgen generate` or anything else: do nothing.
 */
import { fileURLToPath } from "node:url";
import { isMainThread, workerData } from "node:worker_threads";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { messages } from "../diagnostics/messages.js";
import type { Program } from "./contract.js";
import { parseArgs, USAGE } from "./args.js";
import { handleSignals, isProcessEntry } from "./process-entry.js";
import { run } from "./run.js";
import { isWorkerInit } from "./workers/protocol.js";
import { serveWorker } from "./workers/serve.js";

export function main(program: Program, selfUrl: string | URL): void {
  if (!isMainThread && isWorkerInit(workerData)) return serveWorker(program);
  if (!isProcessEntry(selfUrl)) return;
  handleSignals();
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.diagnostics.length > 0) {
    printDiagnostics(parsed.diagnostics);
    process.exitCode = exitCode(parsed.diagnostics);
    return;
  }
  const selfPath = fileURLToPath(selfUrl);
  const inputs = [{ path: selfPath, what: "the running bundle" }];
  void run(program, parsed.options, { workerEntry: selfPath, inputs }).then(
    (result) => {
      printDiagnostics(result.diagnostics);
      process.exitCode = exitCode(result.diagnostics);
    },
    (e: unknown) => {
      process.stderr.write(
        `error[${messages.internal.code}]: ${messages.internal.format(e instanceof Error ? e.message : String(e))}\n`,
      );
      process.exitCode = 1;
    },
  );
}

/** 0 without errors, 2 when an error is about the command line (DG8xxx), else 1. */
export function exitCode(diagnostics: readonly Diagnostic[]): number {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return 0;
  return errors.some((d) => d.code.startsWith("DG8")) ? 2 : 1;
}

function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    process.stderr.write(`${d.severity}[${d.code}]: ${d.message}\n`);
    if (d.help !== undefined) process.stderr.write(`  = help: ${d.help}\n`);
  }
}
