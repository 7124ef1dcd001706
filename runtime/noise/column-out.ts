/**
 * The write path of a column with noise (spec §8) or a write-time privacy transform (spec §9): the
 * emitted writer calls `put` for its cells instead of the plain sink call. The clean value — what
 * the row function returns and what rules, checks and validators saw — comes in; what is written
 * is clean → noise → mask or encrypt → sink. Columns without either keep the emitted fast path.
 *
 * Noise comes from the column's own stream (`columnKey(seed, table, column + "#noise")`, cell at
 * attempt 0): one 32-bit draw picks the kind by the shares, the sub-stream at slot 1 drives the
 * kind's choices. So adding noise changes no clean value and no other column, and any worker or
 * shard writes the same dirt.
 *
 *   const out = new ColumnOut("persons", "phone", 9, "string", 0, { typo: 0, missing: 0, format: 0.05, outlier: 0 }, null, false);
 *   out.configure(7n);
 *   out.put(sink, ctx, 17, "555-123-4567");   // sink.str(9, "(555) 123-4567") for about one row in 20
 */
import type { RowSink } from "../contract.js";
import { cell, columnKey, sub, u32 } from "../rng/stream.js";
import { formatDate, formatTimestamp } from "../text/dates.js";
import { formatDecimal, formatFloat, roundHalfEven } from "../text/numbers.js";
import { hex } from "../bytes.js";
import { arrayJson } from "../writers/array-json.js";
import { encryptCell } from "../privacy/encrypt.js";
import { maskFull, maskHash, maskPartial } from "../privacy/mask.js";
import { type FormatFamily, outlier, reformat, typo } from "./dirty.js";
import type { TruthLog } from "./truth.js";
import type { WriteKeys } from "./write-keys.js";
import { type EncryptionKeys, loadEncryptionKey, loadMaskKey } from "../privacy/keys.js";

/** What a write needs beyond the sink: where dirtied cells are logged (`--truth`) and the run's keys. */
export interface CellOut {
  /** Absent when no truth file was asked for. */
  readonly truth?: TruthLog;
  readonly keys: WriteKeys;
  /**
   * Write the clean values — no noise, no mask, no encryption — as the module's row functions return
   * them (`dgen fixtures`: typed rows hold clean values; the write-time transforms belong to files).
   */
  readonly clean?: boolean;
}

export interface NoiseShares {
  readonly typo: number;
  readonly missing: number;
  readonly format: number;
  readonly outlier: number;
}

export type OutKind =
  | "int"
  | "bigint"
  | "float"
  | "decimal"
  | "string"
  | "uuid"
  | "bool"
  | "date"
  | "timestamp"
  | "json"
  | "bytes"
  | "array";
export type MaskMode = "partial" | "full" | "hash";

const NONE = 0;
const TYPO = 1;
const MISSING = 2;
const FORMAT = 3;
const OUTLIER = 4;
const KIND_NAMES = ["", "typo", "missing", "format", "outlier"] as const;
const TWO_POW_32 = 4294967296;

export class ColumnOut {
  private key = 0;
  private readonly noisy: boolean;
  private readonly privacy: boolean;
  /** Cumulative thresholds of typo, missing, format and outlier over the 32-bit draw. */
  private readonly below: readonly [number, number, number, number];
  private readonly family: FormatFamily;

  constructor(
    readonly table: string,
    readonly column: string,
    /** The column's position in the output. */
    readonly col: number,
    readonly kind: OutKind,
    /** Decimal places of a `decimal(p, s)` column. */
    readonly scale: number,
    noise: NoiseShares | null,
    readonly mask: MaskMode | null,
    readonly encrypt: boolean,
  ) {
    const n = noise ?? { typo: 0, missing: 0, format: 0, outlier: 0 };
    let acc = 0;
    const step = (share: number) => (acc = Math.min(TWO_POW_32, acc + Math.round(share * TWO_POW_32)));
    this.below = [step(n.typo), step(n.missing), step(n.format), step(n.outlier)];
    this.noisy = this.below[3] > 0;
    this.privacy = mask !== null || encrypt;
    this.family =
      kind === "date" || kind === "timestamp"
        ? kind
        : kind === "int" || kind === "bigint" || kind === "float" || kind === "decimal"
          ? "number"
          : "text";
  }

  /** Derives the noise stream's key for a seed (from `configure()` of the module). */
  configure(seed: number | bigint): void {
    this.key = columnKey(seed, this.table, `${this.column}#noise`);
  }

  /** Writes the cell of `row` whose clean (internal) value is `v`. */
  put(sink: RowSink, out: CellOut | undefined, row: number, v: unknown): void {
    if (v === null || v === undefined) return sink.nul(this.col);
    if (out?.clean === true) return this.clean(sink, v);
    let kind = NONE;
    let t = 0;
    if (this.noisy) {
      const s = cell(this.key, row, 0);
      const u = u32(s, 0);
      const b = this.below;
      kind = u < b[0] ? TYPO : u < b[1] ? MISSING : u < b[2] ? FORMAT : u < b[3] ? OUTLIER : NONE;
      if (kind !== NONE) t = sub(s, 1);
    }
    if (kind === NONE && !this.privacy) return this.clean(sink, v);
    const ctx = out ?? NO_RUN;
    const cleanText = this.text(v);
    let dirtyText: string | undefined;
    let dirtyValue = 0;
    if (kind === TYPO) dirtyText = typo(cleanText, t);
    else if (kind === FORMAT) dirtyText = reformat(this.family, cleanText, t);
    else if (kind === OUTLIER) {
      dirtyValue = this.outlier(Number(v), t);
      dirtyText = this.text(dirtyValue);
    }
    if (kind !== MISSING && (dirtyText === undefined || dirtyText === cleanText)) kind = NONE;

    if (kind === NONE) {
      if (this.privacy) sink.str(this.col, this.hide(ctx, row, cleanText));
      else this.clean(sink, v);
      return;
    }
    if (kind === MISSING) sink.nul(this.col);
    else if (this.privacy) sink.str(this.col, this.hide(ctx, row, dirtyText!));
    else if (kind === OUTLIER) this.clean(sink, dirtyValue);
    else sink.str(this.col, dirtyText!);
    const truth = ctx.truth;
    if (truth !== undefined) {
      const cleanOut = this.privacy ? this.hide(ctx, row, cleanText) : cleanText;
      const dirtyOut = kind === MISSING ? undefined : this.privacy ? this.hide(ctx, row, dirtyText!) : dirtyText;
      truth.add(this.table, row, this.column, KIND_NAMES[kind], cleanOut, dirtyOut);
    }
  }

  /** The clean value through the column's own sink method. */
  private clean(sink: RowSink, v: unknown): void {
    const c = this.col;
    switch (this.kind) {
      case "int":
        return sink.int(c, v as number);
      case "bigint":
        return typeof v === "bigint" ? sink.bigint(c, v) : sink.int(c, v as number);
      case "float":
        return sink.float(c, v as number);
      case "decimal":
        return sink.decimal(c, v as number, this.scale);
      case "string":
      case "uuid":
        return sink.str(c, v as string);
      case "bool":
        return sink.bool(c, v as boolean);
      case "date":
        return sink.date(c, v as number);
      case "timestamp":
        return sink.timestamp(c, v as number);
      case "json":
        return sink.json(c, v);
      case "bytes":
        return sink.bytes(c, v as Uint8Array);
      case "array":
        return sink.array(c, v as readonly unknown[]);
    }
  }

  /** The value's text, as the sinks write it (CSV's unquoted field). */
  private text(v: unknown): string {
    switch (this.kind) {
      case "int":
      case "bigint":
        return String(v);
      case "float":
        return formatFloat(v as number);
      case "decimal":
        return formatDecimal(v as number, this.scale);
      case "string":
      case "uuid":
        return v as string;
      case "bool":
        return v ? "true" : "false";
      case "date":
        return formatDate(v as number);
      case "timestamp":
        return formatTimestamp(v as number);
      case "json":
        return JSON.stringify(v) ?? "null";
      case "bytes":
        return hex(v as Uint8Array);
      case "array":
        return arrayJson(v as readonly unknown[]);
    }
  }

  /** An outlier of a number, kept where the writers write exact digits (|v| ≤ 2^53 − 1 in the last place). */
  private outlier(v: number, t: number): number {
    const x = outlier(v, t);
    if (this.kind === "float") return x;
    const limit = Number.MAX_SAFE_INTEGER / 10 ** (this.kind === "decimal" ? this.scale : 0);
    const bounded = Math.max(-limit, Math.min(limit, x));
    return this.kind === "decimal" ? roundHalfEven(bounded, this.scale) : Math.trunc(bounded);
  }

  /** `@mask(...)` or `@encrypt` applied to a cell's text. */
  private hide(ctx: CellOut, row: number, text: string): string {
    if (this.encrypt) {
      const keys = ctx.keys.encryption ?? encryptionFromEnv();
      return encryptCell(keys, this.table, this.column, row, text);
    }
    switch (this.mask) {
      case "partial":
        return maskPartial(text);
      case "full":
        return maskFull(text);
      case "hash":
        return maskHash(ctx.keys.mask ?? maskFromEnv(), text);
      default:
        return text;
    }
  }
}

/** The context of writes outside a run (a program's `write` called directly): no truth, keys from the environment. */
const NO_RUN: CellOut = { keys: {} };

let envEncryption: EncryptionKeys | undefined;
let envMask: Uint8Array | undefined;
/** Keys read from `process.env` on first need, for writes outside a run (a run passes its own). */
const encryptionFromEnv = (): EncryptionKeys => (envEncryption ??= loadEncryptionKey(process.env));
const maskFromEnv = (): Uint8Array => (envMask ??= loadMaskKey(process.env));
