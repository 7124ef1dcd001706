/**
 * An event's text: a small JSON envelope around the row's JSON exactly as `generate --format jsonl`
 * writes it — the same bytes, joined by string concatenation, never parsed and printed again.
 *
 *   {"seq":12,"table":"readings","index":2016,"time":"2024-01-01T00:05:00Z","data":{"sensor_id":2,…}}
 *
 * `seq` is the event's place in the stream, `index` the row's in its table; `time` is there for
 * tables with an event time (ISO text for ticks, dates and timestamps; the number for a numeric
 * `--event-time` column).
 */
import { formatTimestamp } from "../text/dates.js";
import type { StreamEvent } from "./event-merge.js";

/** How a table's event time is written in the envelope; `none`: the table has none. */
export type TimeText = "none" | "iso" | "number";

export class EventText {
  private readonly heads = new Map<string, string>();

  constructor(private readonly timeText: ReadonlyMap<string, TimeText>) {}

  of(e: StreamEvent): string {
    let head = this.heads.get(e.table);
    if (head === undefined) {
      head = `,"table":${JSON.stringify(e.table)},"index":`;
      this.heads.set(e.table, head);
    }
    return `{"seq":${e.seq}${head}${e.index}${this.time(e)},"data":${e.json}}`;
  }

  private time(e: StreamEvent): string {
    const how = this.timeText.get(e.table) ?? "none";
    if (how === "none" || !Number.isFinite(e.time)) return "";
    if (how === "number") return `,"time":${e.time}`;
    try {
      return `,"time":"${formatTimestamp(e.time)}"`;
    } catch {
      return `,"time":${e.time}`; // outside the years 0000–9999
    }
  }
}
