/**
 * `--out -`: one table's bytes to standard output instead of a file, for pipes
 * (`node shop.mjs --out - --tables customers | psql -c "\copy customers from stdin csv header"`).
 * It honours backpressure (waits for `drain`), hashes what it wrote, and has nothing to commit or
 * remove: what went into the pipe is gone, so a failed run says so on stderr and exits 1.
 */
import { createHash } from "node:crypto";
import { messages } from "../../diagnostics/messages.js";
import { RunError, runtimeDiag } from "../generate-options.js";

export class StdoutOutput {
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private failure: unknown;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on("error", (e) => (this.failure = e));
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.check();
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off("drain", done);
          this.stream.off("error", done);
          resolve();
        };
        this.stream.on("drain", done);
        this.stream.on("error", done);
      });
    }
    this.check();
  }

  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.check();
    return { bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
  abortSync(): void {}

  private check(): void {
    if (this.failure === undefined) return;
    const reason = this.failure instanceof Error ? this.failure.message : String(this.failure);
    throw new RunError(runtimeDiag(messages.stdoutFailed, [reason.replace(/\.$/, "")]));
  }
}
