/**
 * What the checker knows while it types expressions: the schema's symbols, the current table,
 * the diagnostics sink and the per-column slot counter.
 */
import type * as A from "../ast/nodes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ChoiceSet, DataFile, VType, Expr, Type } from "../ir/ir.js";
import type { WorkbookLoad } from "./workbooks.js";
import type { Guards } from "./guards.js";
import type { ParamInfo } from "./params.js";
import type { FixedData } from "./fixed-rows.js";

/** Reads files next to the schema; the CLI gives a file-system host, tests an in-memory one. */
export interface CompilerHost {
  /** The schema's folder, absolute. Choices files must resolve inside it. */
  readonly rootDir: string;
  /** Resolves `rel` against rootDir following symlinks; undefined when missing. */
  realPath(rel: string): string | undefined;
  readFile(absPath: string): Uint8Array | undefined;
  fileSize(absPath: string): number | undefined;
  /**
   * XLSX workbooks, read ahead of checking because their reader is async: `preloadWorkbooks`
   * (workbooks.ts) returns a host that has this. Undefined for a file it did not read.
   */
  workbook?(absPath: string): WorkbookLoad | undefined;
}

export interface EnumInfo {
  readonly name: string;
  readonly values: readonly string[];
  readonly weights?: readonly number[];
  readonly decl: A.EnumDecl;
}

export interface ColumnInfo {
  readonly name: string;
  readonly decl: A.ColumnDecl | A.LetDecl;
  /** Declared type for columns; inferred lazily for lets. */
  type?: VType;
  /** `let` values are hidden. */
  readonly hidden: boolean;
  /** Set while the let's type is being inferred (cycle guard). */
  inferring?: boolean;
  /** The let's type could not be inferred (already reported). */
  failed?: boolean;
  checked?: Expr;
  refs?: Set<string>;
  tableRefs?: Set<string>;
}

export interface TableInfo {
  readonly name: string;
  readonly decl: A.TableDecl;
  readonly columns: Map<string, ColumnInfo>;
  /** The parent table of a `per` table. */
  parent?: string;
  timeSeries: boolean;
  /** The rows of a fixed table (`rows: [ … ]` or `rows: from_file(…)`), read before its columns are checked. */
  fixed?: FixedData;
}

export interface SchemaInfo {
  readonly tables: Map<string, TableInfo>;
  readonly enums: Map<string, EnumInfo>;
  readonly epochDays: number;
  readonly locale: string;
  readonly host: CompilerHost;
  readonly diagnostics: Diagnostic[];
  readonly choices: ChoiceSet[];
  readonly files: DataFile[];
  readonly params: Map<string, ParamInfo>;
  /** Row counts known at compile time (counted and fixed tables), for `size(t)` in row counts. */
  readonly counts: Map<string, number>;
  /** A scope for checking an expression in a row of `table` (`scope.ts`). */
  newScope(table: TableInfo, where: string, selfName?: string): ExprScope;
}

/** The state of checking one column's (or rule's) expression. */
export interface ExprScope {
  readonly schema: SchemaInfo;
  readonly table: TableInfo;
  /** Next free slot of the cell's stream (one per random call site). */
  slot: number;
  /** Names of the current row read by the expression. */
  readonly refs: Set<string>;
  /** Other tables read (parent, picks). */
  readonly tableRefs: Set<string>;
  /** Inside a `when` rule's assignment, the target column reads its own earlier value. */
  readonly selfName?: string;
  /** Where this expression sits, for messages ("column 'age'"). */
  readonly where: string;
  /** What the enclosing `if` conditions guarantee about `index` and `ordinal` (`guards.ts`). */
  guards: Guards;
  /** Checks a sub-expression in this scope (the expression checker, `expr.ts`). */
  check(e: A.Expr, expected?: Type): Expr | undefined;
}
