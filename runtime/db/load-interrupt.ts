/**
 * Ctrl-C (SIGINT) and SIGTERM during a database load: while it holds these listeners the signal only
 * marks the load, which stops at its next statement or chunk, rolls back (MySQL: also drops the tables
 * it created) and ends with DG7005 — instead of the process exiting inside the transaction
 * (compiler/cli/interrupt.ts stands aside while another listener is there).
 *
 *   const stop = new LoadInterrupt();
 *   try { … stop.check(); … } finally { stop.dispose(); }
 */
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";

export class LoadInterrupt {
  interrupted = false;
  private readonly onSignal = () => {
    this.interrupted = true;
  };

  constructor() {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
  }

  /** Throws DG7005 once a signal has come. */
  check(): void {
    if (this.interrupted) throw new RunError(runtimeDiag(messages.interrupted, []));
  }

  dispose(): void {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }
}
