/**
 * The `.dgen` abstract syntax tree: read-only tagged unions with a `kind` and a `span`.
 *
 * Built from the CST by `build-ast.ts` (the only code that knows the CST); read by the checker.
 * Spans are UTF-16 offsets into the source text, end exclusive (see `source.ts`).
 */

import type { Span } from "../../diagnostics/span.js";
export type { Span };

export interface Name {
  readonly text: string;
  readonly span: Span;
}

// ---------------------------------------------------------------- file

export interface SchemaFile {
  readonly kind: "SchemaFile";
  readonly span: Span;
  /** Exactly one is valid; the checker reports a missing or repeated header. */
  readonly datasets: readonly DatasetDecl[];
  readonly enums: readonly EnumDecl[];
  readonly tables: readonly TableDecl[];
  readonly outputs: readonly OutputDecl[];
  readonly params: readonly ParamDecl[];
  /** Top-level items in source order (for "dataset must come first" and goldens). */
  readonly items: readonly TopItem[];
}

export type TopItem = DatasetDecl | EnumDecl | TableDecl | OutputDecl | ParamDecl;

/** `param sf: float = 1` (v2 §13). */
export interface ParamDecl {
  readonly kind: "ParamDecl";
  readonly span: Span;
  readonly name: Name;
  readonly type: TypeRef;
  readonly value: Expr;
}

/** `key: value` inside `dataset`, `table`, `output` blocks (`seed: 42`, `noise: {...}`, `format: csv`). */
export interface Setting {
  readonly kind: "Setting";
  readonly span: Span;
  readonly name: Name;
  readonly value: Expr;
}

export interface DatasetDecl {
  readonly kind: "DatasetDecl";
  readonly span: Span;
  readonly name: Name;
  readonly settings: readonly Setting[];
}

export interface EnumMember {
  readonly kind: "EnumMember";
  readonly span: Span;
  /** The member's label: a name, or the text of a quoted label (`"PG-13"`). */
  readonly name: Name;
  readonly quoted: boolean;
  /** `free: 0.7`; undefined for a plain member. */
  readonly weight?: Expr;
}

export interface EnumDecl {
  readonly kind: "EnumDecl";
  readonly span: Span;
  readonly name: Name;
  readonly members: readonly EnumMember[];
}

// ---------------------------------------------------------------- tables

export interface TableDecl {
  readonly kind: "TableDecl";
  readonly span: Span;
  readonly name: Name;
  readonly items: readonly TableItem[];
}

export type TableItem =
  | RowsDecl
  | ColumnDecl
  | LetDecl
  | CheckDecl
  | WhenDecl
  | UniqueDecl
  | PrimaryKeyDecl
  | ForeignKeyDecl
  | CorrelateDecl
  | Setting; // any other `name: value` line, e.g. `noise: { typo: 2% }`

/** `rows: 10_000` | `rows: per customers poisson(2.1)` | `rows: per orders 1..5` | `rows: per sensors every 5m from A to B` */
export interface RowsDecl {
  readonly kind: "RowsDecl";
  readonly span: Span;
  readonly count: RowCount;
}

export type RowCount = FixedRows | PerRows;

export interface FixedRows {
  readonly kind: "FixedRows";
  readonly span: Span;
  readonly value: Expr;
}

export interface PerRows {
  readonly kind: "PerRows";
  readonly span: Span;
  readonly parent: Name;
  /** The count per parent: a generator call (`poisson(2.1)`), a range (`1..5`) or a number. Absent with `every`. */
  readonly count?: Expr;
  readonly every?: EveryClause;
}

export interface EveryClause {
  readonly kind: "EveryClause";
  readonly span: Span;
  readonly step: Expr;
  readonly from: Expr;
  readonly to: Expr;
}

export interface TypeRef {
  readonly kind: "TypeRef";
  readonly span: Span;
  readonly name: Name;
  /** `decimal(12, 2)` → [12, 2] as expressions. */
  readonly args: readonly Expr[];
  /** `string[]`: an array of the named type. */
  readonly array: boolean;
  readonly nullable: boolean;
}

export interface Annotation {
  readonly kind: "Annotation";
  readonly span: Span;
  /** Without the `@`. */
  readonly name: Name;
  readonly args: readonly Arg[];
  /** True when written with parentheses, even empty ones. */
  readonly hasParens: boolean;
}

export interface ColumnDecl {
  readonly kind: "ColumnDecl";
  readonly span: Span;
  readonly name: Name;
  readonly type: TypeRef;
  readonly annotations: readonly Annotation[];
  readonly value?: Expr;
}

export interface LetDecl {
  readonly kind: "LetDecl";
  readonly span: Span;
  readonly name: Name;
  readonly value: Expr;
}

export interface CheckDecl {
  readonly kind: "CheckDecl";
  readonly span: Span;
  readonly condition: Expr;
}

export interface Assignment {
  readonly kind: "Assignment";
  readonly span: Span;
  readonly target: Name;
  readonly value: Expr;
}

/** `when cond then a = x, b = y` */
export interface WhenDecl {
  readonly kind: "WhenDecl";
  readonly span: Span;
  readonly condition: Expr;
  readonly assignments: readonly Assignment[];
}

/** `unique(a, b)` */
export interface UniqueDecl {
  readonly kind: "UniqueDecl";
  readonly span: Span;
  readonly columns: readonly Name[];
}

/** `primary key (a, b)` (v2 §14). */
export interface PrimaryKeyDecl {
  readonly kind: "PrimaryKeyDecl";
  readonly span: Span;
  readonly columns: readonly Name[];
}

/** `foreign key (a, b) references t(x, y)` (v2 §14). */
export interface ForeignKeyDecl {
  readonly kind: "ForeignKeyDecl";
  readonly span: Span;
  readonly columns: readonly Name[];
  readonly table: Name;
  readonly refColumns: readonly Name[];
}

export interface CorrelationPair {
  readonly kind: "CorrelationPair";
  readonly span: Span;
  readonly left: Name;
  readonly right: Name;
  readonly value: Expr;
}

/** `correlate a, b, c { a ~ b: 0.5 }` */
export interface CorrelateDecl {
  readonly kind: "CorrelateDecl";
  readonly span: Span;
  readonly columns: readonly Name[];
  readonly pairs: readonly CorrelationPair[];
}

// ---------------------------------------------------------------- output

export interface OutputDecl {
  readonly kind: "OutputDecl";
  readonly span: Span;
  readonly settings: readonly (Setting | PartitionSetting)[];
}

/** `partition: orders by month(placed_at)` */
export interface PartitionSetting {
  readonly kind: "PartitionSetting";
  readonly span: Span;
  readonly name: Name; // always "partition"
  readonly table: Name;
  readonly by: Expr;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLit
  | StringLit
  | TemplateLit
  | BoolLit
  | NullLit
  | DateLit
  | TimestampLit
  | DurationLit
  | RegexLit
  | Ident
  | Member
  | Index
  | Call
  | Unary
  | Binary
  | IfExpr
  | MatchExpr
  | RangeExpr
  | ObjectLit
  | ArrayLit;

export type ExprKind = Expr["kind"];

export interface NumberLit {
  readonly kind: "NumberLit";
  readonly span: Span;
  /** The numeric value; `5%` is 0.05, `1_000` is 1000. */
  readonly value: number;
  /** Source text, e.g. `1_000_000`, `5%`, `1e6`. */
  readonly raw: string;
  /** Written without `.`, exponent or `%`. */
  readonly isInteger: boolean;
  readonly isPercent: boolean;
}

export interface StringLit {
  readonly kind: "StringLit";
  readonly span: Span;
  /** The decoded value (JSON escapes resolved). */
  readonly value: string;
}

/** `` `{first_name}.{last_name}@x` ``: literal text and interpolated expressions, alternating as written. */
export interface TemplateLit {
  readonly kind: "TemplateLit";
  readonly span: Span;
  readonly parts: readonly (TemplateText | Expr)[];
}

export interface TemplateText {
  readonly kind: "TemplateText";
  readonly span: Span;
  readonly value: string;
}

export interface BoolLit {
  readonly kind: "BoolLit";
  readonly span: Span;
  readonly value: boolean;
}

export interface NullLit {
  readonly kind: "NullLit";
  readonly span: Span;
}

/** `2025-01-01`: days since 1970-01-01 (UTC). */
export interface DateLit {
  readonly kind: "DateLit";
  readonly span: Span;
  readonly days: number;
  readonly raw: string;
}

/** `2025-01-01T10:00:00Z`: milliseconds since the Unix epoch (UTC). */
export interface TimestampLit {
  readonly kind: "TimestampLit";
  readonly span: Span;
  readonly ms: number;
  readonly raw: string;
}

/** `90s`, `5m`, `2h`, `7d`, `1y` (365 days), `250ms`, `2w`: milliseconds. */
export interface DurationLit {
  readonly kind: "DurationLit";
  readonly span: Span;
  readonly ms: number;
  readonly raw: string;
}

export interface RegexLit {
  readonly kind: "RegexLit";
  readonly span: Span;
  readonly pattern: string;
  readonly flags: string;
}

export interface Ident {
  readonly kind: "Ident";
  readonly span: Span;
  readonly name: string;
}

/** `parent.id`, `place.city`, `faker.person` */
export interface Member {
  readonly kind: "Member";
  readonly span: Span;
  readonly object: Expr;
  readonly property: Name;
}

/** `customer[k]`: row `k` of a table (v2 §14). */
export interface Index {
  readonly kind: "Index";
  readonly span: Span;
  readonly object: Expr;
  readonly index: Expr;
}

export interface Arg {
  readonly kind: "Arg";
  readonly span: Span;
  /** `column: "city"` → name "column"; positional args have none. */
  readonly name?: Name;
  readonly value: Expr;
}

/** `uniform(1, 5)`, `faker.person.firstName()`, `pick(products, zipf(1.1))` */
export interface Call {
  readonly kind: "Call";
  readonly span: Span;
  readonly callee: Ident | Member;
  readonly args: readonly Arg[];
}

export type UnaryOp = "-" | "not";

export interface Unary {
  readonly kind: "Unary";
  readonly span: Span;
  readonly op: UnaryOp;
  readonly operand: Expr;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";

export interface Binary {
  readonly kind: "Binary";
  readonly span: Span;
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface IfExpr {
  readonly kind: "IfExpr";
  readonly span: Span;
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

export interface MatchArm {
  readonly kind: "MatchArm";
  readonly span: Span;
  /** `"DE" | "AT"`; empty for the wildcard `_`. */
  readonly patterns: readonly Expr[];
  readonly wildcard: boolean;
  readonly value: Expr;
}

export interface MatchExpr {
  readonly kind: "MatchExpr";
  readonly span: Span;
  readonly subject: Expr;
  readonly arms: readonly MatchArm[];
}

/** `1..5` (inclusive on both ends). */
export interface RangeExpr {
  readonly kind: "RangeExpr";
  readonly span: Span;
  readonly low: Expr;
  readonly high: Expr;
}

export interface ObjectEntry {
  readonly kind: "ObjectEntry";
  readonly span: Span;
  /** The key's text: from a string literal (decoded) or an identifier. */
  readonly key: Name;
  readonly keyIsString: boolean;
  readonly value: Expr;
}

/** `{"US": 0.5, "DE": 0.5}`, `{ typo: 2%, missing: 1% }`, `{ plan: "pro", seats: uniform(1, 9) }` */
export interface ObjectLit {
  readonly kind: "ObjectLit";
  readonly span: Span;
  readonly entries: readonly ObjectEntry[];
}

export interface ArrayLit {
  readonly kind: "ArrayLit";
  readonly span: Span;
  readonly elements: readonly Expr[];
}
