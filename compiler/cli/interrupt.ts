/**
 * Ctrl-C and SIGTERM for the whole life of a `dgen` process, from its first moment: whatever is
 * running — compiling, bundling, importing the bundle, or printing after a run — a signal removes the
 * registered temporaries (the bundle's folder), says DG7005 and exits 1; Node's default (exit 130,
 * nothing said, the bundle left in $TMPDIR) never happens.
 *
 * While a run or a decrypt holds its own handler (runtime/run.ts's Guard, decrypt.ts), that handler
 * owns the signal: it removes its temporary files and the command returns DG7005 itself, then the
 * registered temporaries go in the command's `finally`. So this one stands aside when another
 * listener is there.
 *
 *   installInterruptHandler();
 *   const done = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
 *   try { … } finally { done(); rmSync(dir, …) }
 */
import { messages } from "../../diagnostics/messages.js";

const cleanups = new Set<() => void>();

/** Registers a synchronous cleanup for a signal or an exit; returns its removal. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

let installed = false;

export function installInterruptHandler(): void {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const handler = () => {
      if (process.listenerCount(signal) > 1) return;
      cleanUp();
      process.stderr.write(`error[${messages.interrupted.code}]: ${messages.interrupted.format()}\n`);
      process.exit(1);
    };
    process.on(signal, handler);
  }
  process.on("exit", cleanUp);
}

function cleanUp(): void {
  for (const c of [...cleanups]) {
    try {
      c();
    } catch {
      // nothing more can be done while exiting
    }
  }
  cleanups.clear();
}
