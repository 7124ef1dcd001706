/**
 * The Plan: plain, read-only data between checking and emitting (after Prisma's DMMF).
 * Every name is resolved, every expression typed, every random call site numbered.
 * The emitter reads only this; it never sees the AST.
 */
import type { Span } from "../ast/nodes.js";
import type { PatternSpec } from "../../runtime/text/pattern.js";

// ---------------------------------------------------------------- types

export type Type =
  /** `int` (a safe integer), `int16`, `int32` (`bits` set: range-checked to that width). */
  | { readonly kind: "int"; readonly bits?: 16 | 32 }
  | { readonly kind: "bigint" }
  | { readonly kind: "float" }
  | { readonly kind: "decimal"; readonly precision: number; readonly scale: number }
  | { readonly kind: "string" }
  | { readonly kind: "bool" }
  | { readonly kind: "date" }
  | { readonly kind: "timestamp" }
  | { readonly kind: "uuid" }
  | { readonly kind: "duration" }
  | { readonly kind: "enum"; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: "json"; readonly fields: readonly JsonField[] }
  /** A row of another table, held as its row index (`pick(products)`, `parent`). */
  | { readonly kind: "row"; readonly table: string }
  /** A row of a choices file, held as its index (`from_file(...)` without `column:`). */
  | { readonly kind: "fileRow"; readonly data: string; readonly fields: readonly string[] }
  /**
   * A place (`place(country: "US")`, `near(p, km)`) or a route (`route(a, b)`) of docs/language.md
   * "Names and places": a record whose fields columns read (`p.city`, `r.km`); never a column itself.
   */
  | { readonly kind: "record"; readonly record: "place" | "route"; readonly country?: string }
  | { readonly kind: "bytes" }
  /** `string[]`, `int[]`, …: an array of one element type (v2 §15). */
  | { readonly kind: "array"; readonly element: Type }
  | { readonly kind: "null" }
  | { readonly kind: "regex" };

export interface JsonField {
  readonly name: string;
  readonly type: Type;
  readonly nullable: boolean;
}

/** A type with its nullability. */
export interface VType {
  readonly type: Type;
  readonly nullable: boolean;
}

// ---------------------------------------------------------------- expressions

export type BinaryOp =
  "add" | "sub" | "mul" | "div" | "mod" | "concat" | "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "and" | "or";

/** A random generator's call site: its slot numbers it inside the cell's stream. */
export type GenFn =
  | "uniformInt"
  | "uniformFloat"
  | "normal"
  | "lognormal"
  | "exponential"
  | "poisson"
  | "zipf"
  | "bernoulli"
  | "beta"
  | "gamma"
  | "uuid";

export type HelperFn =
  | "round"
  | "floor"
  | "ceil"
  | "abs"
  | "min"
  | "max"
  | "clamp"
  | "lower"
  | "upper"
  | "trim"
  | "len"
  | "str"
  | "coalesce"
  | "year"
  | "month"
  | "day"
  | "hour"
  | "weekday"
  | "toDate"
  | "toTimestamp"
  // v2 §15: strings, bytes, arrays, math
  | "substr"
  | "lpad"
  | "rpad"
  | "replace"
  | "truncate"
  | "hex"
  | "unhex"
  | "join"
  | "arrayLen"
  | "sqrt"
  | "exp"
  | "ln"
  | "sin"
  | "cos"
  | "pow";

/**
 * `first_name(sex, born)`, `last_name()`, `place(country)`, `near(p, km)`, `distance_km(a, b)`,
 * `route(a, b, waypoints)`, `street(p)`, `address(p)`.
 */
export type RealismFn = "firstName" | "lastName" | "place" | "near" | "distanceKm" | "route" | "street" | "address";

/** Aggregates over the child rows of a `per` table (v2 §14). */
export type AggOp = "count" | "sum" | "min" | "max" | "avg" | "any" | "all";

export type Expr =
  /** `raw`: a number literal's exact text when the double `v` does not print as it (a wide decimal reads it). */
  | {
      readonly k: "const";
      readonly t: VType;
      readonly v: number | string | boolean | null | bigint;
      readonly raw?: string;
    }
  /** A column or `let` of the current row. */
  | { readonly k: "local"; readonly t: VType; readonly name: string }
  /** A column of another table's row: `parent.id`, `product.price`. */
  | { readonly k: "rowField"; readonly t: VType; readonly table: string; readonly row: Expr; readonly column: string }
  /** The parent row's index in a `per` table. */
  | { readonly k: "parentRow"; readonly t: VType }
  /** A field of a choices-file row: `place.city`. */
  | { readonly k: "fileField"; readonly t: VType; readonly data: string; readonly field: string; readonly row: Expr }
  | { readonly k: "special"; readonly t: VType; readonly which: "index" | "ordinal" | "epoch" | "tick" }
  | { readonly k: "sequence"; readonly t: VType; readonly start: number; readonly step: number }
  | {
      readonly k: "gen";
      readonly t: VType;
      readonly fn: GenFn;
      readonly args: readonly Expr[];
      readonly slot: number;
      /** Set when a `correlate` group drives this draw: the value is the inverse CDF of that uniform. */
      readonly copula?: CopulaInput;
    }
  /** `one_of`, `weighted`, enum defaults and `from_file(column:)`: a choice among constants. */
  | {
      readonly k: "choice";
      readonly t: VType;
      readonly choices: ChoiceSet;
      readonly slot: number;
      readonly copula?: CopulaInput;
    }
  /** A time-series term of an `every` table (spec §5), evaluated along the parent's series. */
  | { readonly k: "series"; readonly t: VType; readonly term: SeriesTerm; readonly slot: number }
  /** A uniformly (or zipf-) drawn row index of another table: `pick(products, zipf(1.1))`. */
  | {
      readonly k: "pick";
      readonly t: VType;
      readonly table: string;
      readonly zipf?: number;
      /** `zipf(s, spread)`: ranks go through a permutation keyed by (seed, table), not rank r → row r. */
      readonly spread?: boolean;
      readonly slot: number;
    }
  /** Names and places (docs/language.md "Names and places"): `args` as the function's parameters, in order. */
  | {
      readonly k: "realism";
      readonly t: VType;
      readonly fn: RealismFn;
      readonly args: readonly Expr[];
      readonly slot: number;
      /** The country whose data or locale the call uses (`place`, `street`, `address`). */
      readonly country?: string;
      /** `first_name`/`last_name` under a dataset locale other than English: faker's names of that locale. */
      readonly viaFaker?: boolean;
    }
  /** A field of a place or route: `p.city`, `r.km`. */
  | { readonly k: "recordField"; readonly t: VType; readonly record: Expr; readonly field: string }
  /** A whole row of a choices file, drawn by its weights. */
  | { readonly k: "fileRow"; readonly t: VType; readonly data: string; readonly slot: number }
  | { readonly k: "pattern"; readonly t: VType; readonly spec: PatternSpec; readonly slot: number }
  | {
      readonly k: "faker";
      readonly t: VType;
      readonly path: readonly string[];
      readonly args: readonly unknown[];
      readonly slot: number;
      readonly lowered?: "firstName" | "lastName" | "loremWord";
    }
  /** A key by construction: row → distinct value through a keyed permutation. */
  | { readonly k: "uniqueInt"; readonly t: VType; readonly lo: number; readonly size: number }
  | { readonly k: "uniquePattern"; readonly t: VType; readonly spec: PatternSpec }
  | { readonly k: "uniqueChoice"; readonly t: VType; readonly choices: ChoiceSet }
  | { readonly k: "call"; readonly t: VType; readonly fn: HelperFn; readonly args: readonly Expr[] }
  | { readonly k: "neg"; readonly t: VType; readonly e: Expr }
  | { readonly k: "not"; readonly t: VType; readonly e: Expr }
  | { readonly k: "binary"; readonly t: VType; readonly op: BinaryOp; readonly l: Expr; readonly r: Expr }
  | { readonly k: "if"; readonly t: VType; readonly c: Expr; readonly a: Expr; readonly b: Expr }
  | {
      readonly k: "match";
      readonly t: VType;
      readonly subject: Expr;
      readonly arms: readonly MatchArm[];
      readonly otherwise: Expr;
    }
  | { readonly k: "template"; readonly t: VType; readonly parts: readonly (string | Expr)[] }
  | {
      readonly k: "object";
      readonly t: VType;
      readonly entries: readonly { readonly key: string; readonly value: Expr }[];
    }
  // ---- v2 (§13–§15)
  /** `size(t)`: the row count of table `t` under the run's configuration. */
  | { readonly k: "size"; readonly t: VType; readonly table: string }
  /** `t[e]`: row `index` of `table`; `proven` when the checker showed 0 ≤ index < size(t) (else checked at run time). */
  | { readonly k: "rowAt"; readonly t: VType; readonly table: string; readonly index: Expr; readonly proven: boolean }
  /**
   * `pick(t, distinct)`: rows drawn without replacement, element `k` (the ordinal among the siblings of
   * parent `p`, or the row index of a counted table) of a keyed permutation of `table`'s rows.
   */
  | {
      readonly k: "distinctPick";
      readonly t: VType;
      readonly table: string;
      readonly among: "siblings" | "table";
      readonly slot: number;
      /** `except: parent`: rows of the parent table other than the parent row itself. */
      readonly exceptParent?: boolean;
    }
  /** `pick(t, before)`: a uniform row of the table itself in [0, index). */
  | { readonly k: "beforePick"; readonly t: VType; readonly table: string; readonly slot: number }
  /** `prev`: the previous sibling row of a `per` table (row index − 1). */
  | { readonly k: "prevRow"; readonly t: VType; readonly table: string }
  /** `sum(C, e)` and the other aggregates over the child rows of table `table` (`e` is in `table`'s scope). */
  | { readonly k: "agg"; readonly t: VType; readonly op: AggOp; readonly table: string; readonly e?: Expr }
  /** A column of a fixed table without `=`: the row's value from the data (internal form). */
  | { readonly k: "data"; readonly t: VType; readonly values: readonly (number | string | boolean | null)[] }
  /** `sample(t.c, n)`: the values of column `column` in `n` distinct rows of `table`. */
  | {
      readonly k: "sample";
      readonly t: VType;
      readonly table: string;
      readonly column: string;
      readonly n: Expr;
      readonly slot: number;
    }
  /** `array(count, e)`: each element its own draw (element j evaluates `element` in the stream `sub(sub(cell, slot), j)`). */
  | { readonly k: "array"; readonly t: VType; readonly count: Expr; readonly element: Expr; readonly slot: number }
  /** `random_bytes(n)`. */
  | { readonly k: "randomBytes"; readonly t: VType; readonly n: Expr; readonly slot: number };

export type ExprK = Expr["k"];

/** Where a correlated draw takes its uniform: member `index` of `correlate` group `group` (flipped for a decreasing column). */
export interface CopulaInput {
  readonly group: number;
  readonly index: number;
  readonly flip: boolean;
}

/** A time-series term's constant parameters (durations in milliseconds). */
export type SeriesTerm =
  | { readonly kind: "seasonal"; readonly periodMs: number; readonly amplitude: number; readonly phase: number }
  /** `trend(rate / D)`: `rate` per `perMs` milliseconds (kept apart, so `trend(1 / 1d)` is exactly 1 a day). */
  | { readonly kind: "trend"; readonly rate: number; readonly perMs: number }
  | { readonly kind: "walk"; readonly sd: number }
  | { readonly kind: "gbm"; readonly s0: number; readonly mu: number; readonly sigma: number };

export interface MatchArm {
  readonly patterns: readonly Expr[];
  readonly value: Expr;
}

/** Constant choices with optional weights, shared by every call site that uses the same set. */
export interface ChoiceSet {
  readonly id: string;
  readonly values: readonly (string | number)[];
  /** Absent for a uniform choice. */
  readonly weights?: readonly number[];
}

/** A choices file read at compile time and embedded in the module. */
export interface DataFile {
  readonly id: string;
  /** The path as written in the schema (relative to the schema's folder). */
  readonly path: string;
  /** The sheet read, for an XLSX workbook. */
  readonly sheet?: string;
  readonly fields: readonly string[];
  /** Column-major values. */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  readonly weights?: readonly number[];
}

// ---------------------------------------------------------------- validators

export type Validator =
  | { readonly kind: "email" }
  | { readonly kind: "url" }
  | { readonly kind: "uuid" }
  | { readonly kind: "luhn" }
  | { readonly kind: "phone"; readonly country: string }
  | { readonly kind: "regex"; readonly pattern: string; readonly flags: string }
  | { readonly kind: "length"; readonly min: number; readonly max: number }
  | { readonly kind: "range"; readonly min: number; readonly max: number }
  | { readonly kind: "prefix"; readonly value: string }
  | { readonly kind: "suffix"; readonly value: string }
  | { readonly kind: "format"; readonly format: string; readonly regex: string };

// ---------------------------------------------------------------- tables

export interface ColumnPlan {
  readonly name: string;
  /** The type as written, for metadata (`decimal(10, 2)`, `string?`). */
  readonly typeText: string;
  readonly type: Type;
  readonly nullable: boolean;
  readonly hidden: boolean; // a `let`
  readonly value: Expr;
  /** Share of nulls from `@null(p)`. */
  readonly nullShare: number;
  /** Every validator of the column (the emitted `validate<Table>()` checks them all). */
  readonly validators: readonly Validator[];
  /** The validators generation must check row by row: those the compiler could not prove (`prove.ts`). */
  readonly checked: readonly Validator[];
  readonly pk: boolean;
  readonly unique: boolean;
  readonly ref?: { readonly table: string; readonly column: string };
  /**
   * A key computed from `index` alone (`(index / 8) * 32 + index % 8 + 1`): accepted as unique when it
   * is strictly increasing, which the generated code checks on every row (v2 §14).
   */
  readonly increasing?: boolean;
  /**
   * Half of a composite key next to `parent.<key>`, computed from the parent and the ordinal without a
   * draw: the generated code checks that it differs from every earlier sibling's value.
   */
  readonly siblingDistinct?: boolean;
  /** Proven to fit its type (`compiler/check/bounds.ts`): the row loop does not check the range. */
  readonly fits?: boolean;
  /**
   * Set when the writers can take the value in parts (`sink.part`, …) instead of a built string:
   * see `compiler/check/stream.ts`. The public row function still joins the parts.
   */
  readonly stream?: readonly StreamPart[];
  /** Keys by construction do not redraw when a check fails. */
  readonly stable: boolean;
  readonly tags: readonly string[];
  /** Deliberate dirt written into the output (spec §8); absent when the column is clean. */
  readonly noise?: NoisePlan;
  /** Privacy (spec §9): recorded in the manifest; masking and encryption apply when the cell is written. */
  readonly privacy?: PrivacyPlan;
  readonly span: Span;
}

/** Shares in [0, 1] of cells dirtied each way (spec §8). */
export interface NoisePlan {
  readonly typo: number;
  readonly missing: number;
  readonly format: number;
  readonly outlier: number;
}

export interface PrivacyPlan {
  readonly pii: boolean;
  readonly mask?: "partial" | "full" | "hash";
  readonly encrypt: boolean;
}

/** A piece of a streamed string column: literal text, a column of the row, or a value drawn in `fill`. */
export type StreamPart =
  | { readonly kind: "lit"; readonly text: string }
  | { readonly kind: "column"; readonly column: string; readonly lower: boolean; readonly int: boolean }
  | { readonly kind: "value"; readonly value: Expr; readonly lower: boolean };

export interface RulePlan {
  readonly kind: "when";
  readonly condition: Expr;
  readonly assignments: readonly { readonly column: string; readonly value: Expr }[];
  readonly text: string;
}

export interface CheckPlan {
  readonly condition: Expr;
  /** The rule as written, for messages. */
  readonly text: string;
  /** The condition's span, for compile-time diagnostics about the rule. */
  readonly span?: Span;
}

/** One step of a row's evaluation, in dependency order. */
export type Step =
  { readonly kind: "column"; readonly name: string } | { readonly kind: "rule"; readonly index: number };

export type RowsPlan =
  /** A counted table; `data` for a fixed table (inline rows or a file): `--scale` and `--rows` leave it alone. */
  | { readonly kind: "fixed"; readonly count: number; readonly data?: boolean }
  | { readonly kind: "per"; readonly parent: string; readonly count: Expr }
  /** `per P every D from A to B`: `count` rows per parent, row k at `fromMs + k · stepMs`. */
  | {
      readonly kind: "every";
      readonly parent: string;
      readonly stepMs: number;
      readonly fromMs: number;
      readonly toMs: number;
      readonly count: number;
    };

/** A `correlate` group: its members and the Cholesky factor of its latent Pearson matrix (row-major, lower). */
export interface CorrelationPlan {
  readonly columns: readonly string[];
  readonly cholesky: readonly (readonly number[])[];
  /** The declared Spearman matrix (listed pairs, 0 for the others), for `dgen report`. */
  readonly spearman?: readonly (readonly number[])[];
}

export interface TablePlan {
  readonly name: string;
  readonly rows: RowsPlan;
  /** Declaration order; hidden `let`s included (flagged). */
  readonly columns: readonly ColumnPlan[];
  readonly steps: readonly Step[];
  readonly rules: readonly RulePlan[];
  readonly checks: readonly CheckPlan[];
  readonly dependsOn: readonly string[];
  readonly uniques: readonly (readonly string[])[];
  readonly correlations: readonly CorrelationPlan[];
  /** `primary key (a, b)` or the columns marked `@pk`, in order. */
  readonly primaryKey: readonly string[];
  /** Table-level `foreign key (…) references t(…)` lines and column `@ref`s with more than one column. */
  readonly foreignKeys: readonly ForeignKeyPlan[];
  /** The `geo:` line: the geometry of the table's GeoJSON features. */
  readonly geo?: GeoPlan;
}

/** `geo: point(lon, lat)` (two number columns) or `geo: line(c)` (a column of `[lon, lat]` pairs). */
export type GeoPlan =
  | { readonly kind: "point"; readonly lon: string; readonly lat: string }
  | { readonly kind: "line"; readonly column: string };

export interface ForeignKeyPlan {
  readonly columns: readonly string[];
  readonly table: string;
  readonly refColumns: readonly string[];
}

export interface OutputPlan {
  readonly format?: string;
  readonly path?: string;
  readonly compression?: string;
  /** `dialect:` for SQL output (v2 §16). */
  readonly dialect?: string;
  /** `partition: t by expr` in its canonical text (`readings by day(at)`), parsed by `runtime/partition.ts`. */
  readonly partition?: string;
}

export interface Plan {
  readonly dataset: string;
  readonly seed: bigint;
  readonly locale: string;
  /** The dataset's reference date, days since 1970-01-01. */
  readonly epochDays: number;
  readonly schemaHash: string;
  readonly sourceName: string;
  readonly enums: readonly {
    readonly name: string;
    readonly values: readonly string[];
    readonly weights?: readonly number[];
  }[];
  /** In dependency order: parents and picked tables first. */
  readonly tables: readonly TablePlan[];
  readonly choices: readonly ChoiceSet[];
  readonly files: readonly DataFile[];
  readonly output: OutputPlan;
  /** Every `param` with its value for this compilation (defaults or `--param`), for the manifest. */
  readonly params: Readonly<Record<string, number | string | boolean>>;
}
