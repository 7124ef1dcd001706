/**
 * A pool of worker threads started from the program's own module. `request` sends one chunk to the
 * least busy worker and resolves with its bytes; a worker that crashes fails its requests with a
 * diagnostic. `close` terminates every worker.
 *
 *   const pool = new WorkerPool(bundleUrl, 4, { dgenWorker: true, settings, format: "csv" });
 *   const { bytes } = await pool.request({ table: "orders", from: 0, to: 32768, startsFile: true });
 *   await pool.close();
 */
import { Worker } from "node:worker_threads";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";
import type { ChunkReply, ChunkRequest, WorkerInit } from "./protocol.js";
import type { ChunkBytes } from "./chunk.js";

interface Pending {
  resolve(chunk: ChunkBytes): void;
  reject(e: unknown): void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private failure: RunError | undefined;
  private closing = false;

  constructor(entry: string | URL, count: number, init: WorkerInit) {
    const url = typeof entry === "string" && !/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : new URL(entry);
    for (let i = 0; i < count; i++) {
      const worker = new Worker(url, { workerData: init });
      const slot: Slot = { worker, pending: new Map() };
      worker.on("message", (reply: ChunkReply) => this.settle(slot, reply));
      worker.on("error", (e) => this.fail(slot, `a worker thread failed: ${e.message}`));
      worker.on("exit", (code) => {
        if (!this.closing) this.fail(slot, `a worker thread exited with code ${code}`);
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  request(req: Omit<ChunkRequest, "id">): Promise<ChunkBytes> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.slots[0];
    for (const s of this.slots) if (s.pending.size < slot.pending.size) slot = s;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ ...req, id } satisfies ChunkRequest);
    });
  }

  /** Fails every pending and later request with `reason` (an interrupt); `close` still terminates. */
  cancel(reason: RunError): void {
    this.failure ??= reason;
    for (const slot of this.slots) {
      for (const p of slot.pending.values()) p.reject(reason);
      slot.pending.clear();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private settle(slot: Slot, reply: ChunkReply): void {
    const p = slot.pending.get(reply.id);
    if (p === undefined) return;
    slot.pending.delete(reply.id);
    if ("bytes" in reply)
      p.resolve({
        bytes: reply.bytes,
        ...(reply.truth ? { truth: reply.truth } : {}),
        ...(reply.meta !== undefined ? { meta: reply.meta } : {}),
        ...(reply.parts !== undefined ? { parts: reply.parts } : {}),
      });
    else p.reject(new RunError(reply.diagnostic));
  }

  private fail(slot: Slot, reason: string): void {
    this.failure ??= new RunError(runtimeDiag(messages.internal, [reason]));
    for (const p of slot.pending.values()) p.reject(this.failure);
    slot.pending.clear();
  }
}
