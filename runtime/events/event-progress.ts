/**
 * The progress line of a stream on a terminal, redrawn at most four times a second on stderr:
 * `12,345 events  500 events/s  12,300 acknowledged  3 waiting` (events/s over the last second or so).
 * Silent when disabled. (Wall-clock time is read here for display only.)
 */
import { steadyClock } from "./clock.js";

const INTERVAL_MS = 250;

export class EventProgress {
  private last = 0;
  private drawn = false;
  private windowStart = steadyClock();
  private windowEvents = 0;
  private rate = 0;

  constructor(private readonly stream: NodeJS.WritableStream | undefined) {}

  show(events: number, acknowledged: number, waiting: number): void {
    if (this.stream === undefined) return;
    const now = steadyClock();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    if (now - this.windowStart >= 1000) {
      this.rate = ((events - this.windowEvents) * 1000) / (now - this.windowStart);
      this.windowStart = now;
      this.windowEvents = events;
    }
    const n = (x: number) => Math.round(x).toLocaleString("en-US");
    const wait = waiting > 0 ? `  ${n(waiting)} waiting` : "";
    this.stream.write(`\r\x1b[K${n(events)} events  ${n(this.rate)} events/s  ${n(acknowledged)} acknowledged${wait}`);
    this.drawn = true;
  }

  end(): void {
    if (this.stream !== undefined && this.drawn) this.stream.write("\r\x1b[K");
  }
}
