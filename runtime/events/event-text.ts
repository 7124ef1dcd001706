/**
 * An event's text: a small JSON envelope around the row's JSON exactly as `generate --format jsonl`
 * writes it — the same bytes, copied from the row's chunk into the batch, never decoded, parsed or
 * printed again.
 *
 *   {"seq":12,"table":"readings","index":2016,"time":"2024-01-01T00:05:00Z","data":{"sensor_id":2,…}}
 *
 * `seq` is the event's place in the stream, `index` the row's in its table; `time` is there for
 * tables with an event time (ISO text for ticks, dates and timestamps; the number for a numeric
 * `--event-time` column).
 *
 *   const t = new EventText(timeText);
 *   t.write(e, buffer)   // appends the event's JSON (no line feed) to a ByteBuffer
 */
import { formatTimestamp } from "../text/dates.js";
import { ByteBuffer, encode } from "../writers/byte-buffer.js";
import type { StreamEvent } from "./event-merge.js";

/** How a table's event time is written in the envelope; `none`: the table has none. */
export type TimeText = "none" | "iso" | "number";

interface TableText {
  /** `,"table":"…","index":` */
  readonly head: Uint8Array;
  readonly how: TimeText;
  /** The last time written and its bytes (events of a tick share one time). */
  lastTime: number;
  lastBytes: Uint8Array;
}

const SEQ = encode('{"seq":');
const DATA = encode(',"data":');

export class EventText {
  private readonly tables = new Map<string, TableText>();

  constructor(private readonly timeText: ReadonlyMap<string, TimeText>) {}

  /** Appends the event's JSON (no line feed) to `out`. */
  write(e: StreamEvent, out: ByteBuffer): void {
    let t = this.tables.get(e.table);
    if (t === undefined) {
      t = {
        head: encode(`,"table":${JSON.stringify(e.table)},"index":`),
        how: this.timeText.get(e.table) ?? "none",
        lastTime: NaN,
        lastBytes: new Uint8Array(0),
      };
      this.tables.set(e.table, t);
    }
    out.bytes(SEQ);
    out.int(e.seq);
    out.bytes(t.head);
    out.int(e.index);
    if (t.how !== "none" && Number.isFinite(e.time)) {
      if (e.time !== t.lastTime) {
        t.lastTime = e.time;
        t.lastBytes = encode(time(t.how, e.time));
      }
      out.bytes(t.lastBytes);
    }
    out.bytes(DATA);
    const n = e.end - e.start;
    out.ensure(n + 1);
    out.buf.set(e.chunk.subarray(e.start, e.end), out.pos);
    out.pos += n;
    out.byte(125); // }
  }
}

function time(how: TimeText, ms: number): string {
  if (how === "number") return `,"time":${ms}`;
  try {
    return `,"time":"${formatTimestamp(ms)}"`;
  } catch {
    return `,"time":${ms}`; // outside the years 0000–9999
  }
}
