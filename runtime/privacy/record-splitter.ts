/**
 * Splits a byte stream into the records dgen writes: one per `\n`. In CSV mode a `\n` inside a quoted
 * field does not end the record (dgen quotes fields with CR or LF; quotes inside are doubled, so the
 * parity of `"` bytes tells whether a byte is inside quotes). Records are handed over as byte ranges,
 * without their `\n`; only an unfinished record is carried between chunks, so memory stays bounded by
 * the longest record (at most MAX_RECORD bytes).
 *
 *   const s = new RecordSplitter(false, (buf, start, end) => console.log(buf.toString("utf8", start, end)));
 *   s.push(Buffer.from("a,b\n1,")); s.push(Buffer.from("2\n")); s.end();   // logs "a,b", "1,2"
 */

const LF = 10;
const QUOTE = 34;
/** A record longer than this is not something dgen wrote. */
export const MAX_RECORD = 256 * 1024 * 1024;

export type RecordHandler = (buf: Buffer, start: number, end: number) => void;

export class RecordSplitter {
  private carry: Buffer | null = null;
  private inQuotes = false;

  constructor(
    private readonly csv: boolean,
    private readonly onRecord: RecordHandler,
  ) {}

  push(chunk: Buffer): void {
    let buf = chunk;
    let scan = 0;
    if (this.carry !== null) {
      scan = this.carry.length;
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    let start = 0;
    if (this.csv) {
      let inQuotes = this.inQuotes;
      for (let i = scan; i < buf.length; i++) {
        const c = buf[i];
        if (c === QUOTE) inQuotes = !inQuotes;
        else if (c === LF && !inQuotes) {
          this.onRecord(buf, start, i);
          start = i + 1;
        }
      }
      this.inQuotes = inQuotes;
    } else {
      for (let i = buf.indexOf(LF, scan); i >= 0; i = buf.indexOf(LF, start)) {
        this.onRecord(buf, start, i);
        start = i + 1;
      }
    }
    if (start < buf.length) {
      if (buf.length - start > MAX_RECORD) throw new RecordTooLong();
      this.carry = Buffer.from(buf.subarray(start));
    }
  }

  /** Whether the stream ended cleanly: no unfinished record (and, in CSV mode, no open quote). */
  get pending(): "none" | "record" | "quote" {
    if (this.carry === null) return "none";
    return this.inQuotes ? "quote" : "record";
  }
}

export class RecordTooLong extends Error {
  constructor() {
    super(`a row is longer than ${MAX_RECORD / 1024 / 1024} MiB`);
  }
}
