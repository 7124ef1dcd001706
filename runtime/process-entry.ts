/**
 * Whether this bundle is the program `node` runs (not imported by `dgen generate`, not a worker), and
 * the signal handling such a process has from its first moment: SIGINT/SIGTERM print DG7005 and exit 1,
 * not Node's silent 130. While a run is going, its own handler (run.ts's Guard) owns the signal — it
 * removes the run's temporary files and the run reports DG7005 itself — so this one stands aside.
 *
 *   isProcessEntry(import.meta.url)   // true for `node shop.mjs`, false when imported
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { messages } from "../diagnostics/messages.js";

export function isProcessEntry(selfUrl: string | URL): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  let self: string;
  try {
    self = fileURLToPath(selfUrl);
  } catch {
    return false;
  }
  return canonical(resolve(entry)) === canonical(self);
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

let handling = false;

export function handleSignals(): void {
  if (handling) return;
  handling = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      process.stderr.write(`error[${messages.interrupted.code}]: ${messages.interrupted.format()}\n`);
      process.exit(1);
    });
  }
}
