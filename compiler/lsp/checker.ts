/**
 * The server's side of the checker thread (check-worker.ts): one worker, one check at a time, and
 * per document only the newest text waiting — a burst of keystrokes costs one check after the one
 * running. `check()` resolves with undefined for a text that a newer one replaced before it ran.
 *
 *   const checker = new Checker();
 *   const r = await checker.check(uri, path, hostPath, text);   // { diagnostics, facts? } or undefined
 */
import { Worker } from "node:worker_threads";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { CheckRequest, CheckResponse } from "./check-protocol.js";

interface Waiting {
  readonly request: CheckRequest;
  readonly resolve: (r: CheckResponse | undefined) => void;
}

export class Checker {
  private readonly worker = new Worker(new URL("./check-worker.js", import.meta.url));
  private readonly waiting = new Map<string, Waiting>();
  private running: { readonly id: number; readonly resolve: (r: CheckResponse) => void } | undefined;
  private nextId = 1;

  constructor() {
    this.worker.on("message", (r: CheckResponse) => {
      const running = this.running;
      this.running = undefined;
      if (running && running.id === r.id) running.resolve(r);
      this.pump();
    });
    // A bug of ours that kills the check: the document gets DG9001 (with a request to file an issue).
    this.worker.on("error", (e) => {
      const running = this.running;
      this.running = undefined;
      running?.resolve({ id: running.id, diagnostics: [diag(messages.internal, { start: 0, end: 0 }, [e.message])] });
    });
    this.worker.unref();
  }

  check(uri: string, path: string, hostPath: string, text: string): Promise<CheckResponse | undefined> {
    return new Promise((resolve) => {
      this.waiting.get(uri)?.resolve(undefined);
      this.waiting.set(uri, { request: { id: this.nextId++, path, hostPath, text }, resolve });
      this.pump();
    });
  }

  /** Forget a closed document's waiting check. */
  drop(uri: string): void {
    this.waiting.get(uri)?.resolve(undefined);
    this.waiting.delete(uri);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [uri, w] = next.value;
    this.waiting.delete(uri);
    this.running = { id: w.request.id, resolve: w.resolve };
    this.worker.postMessage(w.request);
  }
}
