/**
 * The upload's progress on a terminal, after the run's own progress line: one line on stderr, redrawn
 * at most four times a second — `upload  12.5/41.8 MiB  9.6 MiB/s  ETA 4s`. Silent when disabled
 * (`--quiet`, or stderr is not a terminal). Wall-clock time is read for display only.
 */
const INTERVAL_MS = 250;
const MIB = 1024 * 1024;

export class UploadProgress {
  private readonly start = performance.now();
  private last = 0;
  private done = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream | undefined,
    private readonly total: number,
  ) {}

  advance(bytes: number): void {
    this.done += bytes;
    if (this.stream === undefined) return;
    const now = performance.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    const mib = (x: number) => (x / MIB).toFixed(1);
    this.stream.write(`\r\x1b[Kupload  ${mib(this.done)}/${mib(this.total)} MiB  ${mib(rate)} MiB/s  ETA ${eta}s`);
    this.drawn = true;
  }

  /** Clears the line. */
  end(): void {
    if (this.stream !== undefined && this.drawn) this.stream.write("\r\x1b[K");
  }
}
