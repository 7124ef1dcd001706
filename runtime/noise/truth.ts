/**
 * The truth file of `--truth FILE` (spec §8): one CSV row per dirtied cell, written beside the data
 * so that data-cleaning code can be scored against it. Rows come in table order, then row order,
 * then column order (chunks are logged in order and joined in order, so any worker count gives the
 * same bytes). `clean` is the text the cell would have had, `dirty` the text it has; a `missing`
 * cell's dirty field is empty.
 *
 *   table,row,column,noise,clean,dirty
 *   persons,17,last_name,typo,Smith,Smtih
 *   persons,40,phone,format,555-123-4567,(555) 123-4567
 */
import { ByteBuffer, encode } from "../writers/byte-buffer.js";
import { csvString } from "../writers/csv-sink.js";

export const TRUTH_HEADER: Uint8Array = encode("table,row,column,noise,clean,dirty\n");

const COMMA = 44;
const LF = 10;

/** The truth rows of one chunk, as CSV bytes. */
export class TruthLog {
  private readonly out = new ByteBuffer(1 << 12);

  /** One dirtied cell; `dirty` undefined for a missing value (an empty field). */
  add(table: string, row: number, column: string, noise: string, clean: string, dirty: string | undefined): void {
    const b = this.out;
    csvString(b, table);
    b.byte(COMMA);
    b.int(row);
    b.byte(COMMA);
    csvString(b, column);
    b.byte(COMMA);
    b.str(noise);
    b.byte(COMMA);
    csvString(b, clean);
    b.byte(COMMA);
    if (dirty !== undefined) csvString(b, dirty);
    b.byte(LF);
  }

  /** The rows logged since the last call (and empties the log). */
  take(): Uint8Array {
    return this.out.take();
  }
}
