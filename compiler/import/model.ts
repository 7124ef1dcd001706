/**
 * The neutral model of an imported schema: what a DDL file or a live database's catalog says about its
 * tables, in terms no SQL dialect owns. Readers (`ddl-reader.ts`, `sqlite-reader.ts`, `pg-catalog.ts`,
 * `mysql-catalog.ts`) build it; `write-dgen.ts` turns it into `.dgen` text. Names are the SQL names,
 * unescaped; the writer escapes them.
 *
 *   { dialect: "postgres", tables: [{ name: "album", columns: [{ name: "album_id", type: { kind: "int", bits: 32 }, … }],
 *     primaryKey: ["album_id"], uniques: [], foreignKeys: [], checks: [] }], notes: [] }
 */

export type Dialect = "postgres" | "mysql" | "sqlite";

export type ColumnType =
  /** `min`/`max` narrow the width's range (tinyint, unsigned, MySQL YEAR); 53 is dgen's `int` (SQLite INTEGER). */
  | { readonly kind: "int"; readonly bits: 16 | 32 | 53 | 64; readonly min?: number; readonly max?: number }
  | { readonly kind: "float" }
  /** `guessed`: the SQL type gave no precision (`numeric`), so (15, 2) was chosen. */
  | { readonly kind: "decimal"; readonly precision: number; readonly scale: number; readonly guessed?: boolean }
  | { readonly kind: "string"; readonly maxLength?: number }
  | { readonly kind: "bool" }
  | { readonly kind: "date" }
  | { readonly kind: "timestamp" }
  | { readonly kind: "time" }
  | { readonly kind: "uuid" }
  | { readonly kind: "json" }
  | { readonly kind: "bytes"; readonly maxLength?: number }
  /** `typeName`: a named SQL type (PostgreSQL `CREATE TYPE … AS ENUM`); inline enums (MySQL) have none. */
  | { readonly kind: "enum"; readonly labels: readonly string[]; readonly typeName?: string }
  /** MySQL SET: any comma-separated subset of the labels; one label is always a valid value. */
  | { readonly kind: "set"; readonly labels: readonly string[] }
  | { readonly kind: "array"; readonly element: ColumnType }
  | { readonly kind: "unknown" };

export interface Column {
  readonly name: string;
  /** The SQL type as the source wrote it (for comments). */
  readonly sqlType: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** The SQL default's text, when there is one. */
  readonly defaultText?: string;
  readonly autoIncrement: boolean;
}

export interface ForeignKey {
  readonly columns: readonly string[];
  readonly table: string;
  readonly refColumns: readonly string[];
}

/** A CHECK constraint: its SQL text, and the expression's AST from node-sql-parser when it was parsed. */
export interface Check {
  readonly text: string;
  readonly expr?: unknown;
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey: readonly string[];
  readonly uniques: readonly (readonly string[])[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly Check[];
  /** The live table's row count, when read from a database. */
  readonly rowCount?: number;
}

export interface ImportModel {
  readonly dialect: Dialect;
  readonly tables: readonly Table[];
  /** What the reader skipped or could not read, for the file's header. */
  readonly notes: readonly string[];
}
