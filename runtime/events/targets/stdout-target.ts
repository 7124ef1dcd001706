/**
 * `--to stdout`: the events as JSON Lines on standard output. A batch is acknowledged once the
 * stream took it (after a `drain` when the pipe is full), so a slow reader slows the stream down.
 */
import type { EventTarget, Message } from "./target.js";

export class StdoutTarget implements EventTarget {
  private failure: Error | undefined;
  private full: Promise<void> | undefined;

  constructor(private readonly out: NodeJS.WritableStream) {
    out.on("error", (e: Error) => (this.failure = e));
  }

  async send(_batch: readonly Message[], lines: Buffer): Promise<void> {
    // One wait for a drain at a time: sends that come meanwhile queue behind it, in order.
    while (this.full !== undefined) await this.full;
    if (this.failure) throw this.failure;
    if (this.out.write(lines)) return;
    this.full = new Promise<void>((resolve) => {
      const done = () => {
        this.out.off("drain", done);
        this.out.off("error", done);
        this.full = undefined;
        resolve();
      };
      this.out.on("drain", done);
      this.out.on("error", done);
    });
    await this.full;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    if (this.failure) return;
    // Everything written is handed to the pipe before the command reports.
    await new Promise<void>((resolve) => {
      if (this.out.write("")) resolve();
      else this.out.once("drain", () => resolve());
    });
  }
}
