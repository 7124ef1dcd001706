/** A range of source text: UTF-16 offsets, end exclusive (see `source.ts`). */
export interface Span {
  readonly start: number;
  readonly end: number;
}
