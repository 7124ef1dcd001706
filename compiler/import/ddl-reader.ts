/**
 * PostgreSQL and MySQL DDL → the import model, through node-sql-parser's grammars for the two
 * dialects. CREATE TABLE (columns, keys, uniques, foreign keys, checks), ALTER TABLE … ADD CONSTRAINT,
 * CREATE UNIQUE INDEX and CREATE TYPE … AS ENUM are read; other statements are noted and skipped.
 * SQLite DDL goes through SQLite itself instead (`sqlite-reader.ts`).
 *
 *   readDdl("CREATE TABLE t (id int PRIMARY KEY)", "postgres")
 *   // { ok: true, model: { dialect: "postgres", tables: [{ name: "t", primaryKey: ["id"], … }], notes: [] } }
 */
import type { Check, Column, ColumnType, Dialect, ForeignKey, ImportModel } from "./model.js";
import { columnsOf, literalText, nameOf, parseSql, stringList, tableOf } from "./sql-ast.js";
import { sqlType } from "./types.js";

type Node = Record<string, unknown>;

export type DdlResult =
  | { ok: true; model: ImportModel }
  | { ok: false; message: string; line: number; column: number };

interface TableDraft {
  name: string;
  columns: Column[];
  primaryKey: string[];
  uniques: string[][];
  foreignKeys: ForeignKey[];
  checks: Check[];
}

export function readDdl(sql: string, dialect: Exclude<Dialect, "sqlite">): DdlResult {
  const parsed = parseSql(sql, dialect);
  if (!parsed.ok) return parsed;
  const enums = new Map<string, string[]>();
  const tables = new Map<string, TableDraft>();
  const notes: string[] = [];
  // Enum types first: a table may name a type declared after it.
  for (const s of parsed.statements)
    if (s.type === "create" && s.keyword === "type" && s.resource === "enum")
      enums.set(nameOf((s.name as Node).name).toLowerCase(), stringList(s.create_definitions));
  for (const s of parsed.statements) {
    if (s.type === "create" && s.keyword === "table") {
      const t = createTable(s, dialect, enums, notes);
      if (t) tables.set(t.name, t);
    } else if (s.type === "alter" && s.keyword === "table") alterTable(s, tables, notes);
    else if (s.type === "create" && s.keyword === "index") {
      if (s.index_type === "unique") {
        const t = tables.get(tableOf(s.table));
        if (t) t.uniques.push(columnsOf(s.index_columns));
      }
    } else if (!(s.type === "create" && s.keyword === "type")) notes.push(`skipped a ${String(s.type).toUpperCase()} ${String(s.keyword ?? "").toUpperCase()} statement`.trimEnd());
  }
  return { ok: true, model: { dialect, tables: [...tables.values()], notes } };
}

function createTable(s: Node, dialect: Dialect, enums: Map<string, string[]>, notes: string[]): TableDraft | undefined {
  const name = tableOf(s.table);
  if (!Array.isArray(s.create_definitions)) {
    notes.push(`skipped table ${JSON.stringify(name)}: CREATE TABLE … AS or LIKE is not read`);
    return undefined;
  }
  const t: TableDraft = { name, columns: [], primaryKey: [], uniques: [], foreignKeys: [], checks: [] };
  for (const d of s.create_definitions as Node[]) {
    if (d.resource === "column") column(t, d, dialect, enums);
    else if (d.resource === "constraint") constraint(t, d);
  }
  return t;
}

function column(t: TableDraft, d: Node, dialect: Dialect, enums: Map<string, string[]>): void {
  const name = nameOf(d.column);
  const def = (d.definition ?? {}) as Node;
  const dataType = String(def.dataType ?? "");
  const suffix = Array.isArray(def.suffix) ? def.suffix.map((x) => String(x).toUpperCase()) : [];
  const params = [def.length, def.scale].filter((x): x is number => typeof x === "number");
  let type: ColumnType;
  const upper = dataType.toUpperCase();
  if (upper === "ENUM") type = { kind: "enum", labels: stringList(def.expr) };
  else if (upper === "SET") type = { kind: "set", labels: stringList(def.expr) };
  else {
    const isArray = upper.endsWith("[]") || def.array !== undefined;
    const base = upper.replace(/\[\]$/, "").toLowerCase();
    const labels = enums.get(base);
    type = labels
      ? { kind: "enum", labels, typeName: dataType.replace(/\[\]$/, "") }
      : sqlType(dialect, suffix.includes("WITH") || suffix.includes("WITHOUT") ? `${base} ${suffix.join(" ").toLowerCase()}` : base, params, suffix.includes("UNSIGNED"));
    if (isArray) type = { kind: "array", element: type };
  }
  const serial = /serial/i.test(dataType) || d.auto_increment !== undefined || /^generated/i.test(String((d.generated_by_default as Node | undefined)?.value ?? ""));
  const nullable = (d.nullable as Node | undefined)?.type !== "not null" && d.primary_key === undefined;
  const sqlTypeText = `${dataType}${params.length > 0 ? `(${params.join(", ")})` : ""}${suffix.length > 0 ? ` ${suffix.join(" ")}` : ""}`;
  const defaultText = literalText((d.default_val as Node | undefined)?.value);
  t.columns.push({ name, sqlType: sqlTypeText, type, nullable, autoIncrement: serial, ...(defaultText !== undefined ? { defaultText } : {}) });
  if (d.primary_key !== undefined && d.primary_key !== null) t.primaryKey = [name];
  if (d.unique !== undefined && d.unique !== null) t.uniques.push([name]);
  const ref = d.reference_definition as Node | undefined;
  if (ref) t.foreignKeys.push({ columns: [name], table: tableOf(ref.table), refColumns: columnsOf(ref.definition) });
  const check = d.check as Node | undefined;
  if (check && Array.isArray(check.definition)) for (const e of check.definition) t.checks.push({ text: "", expr: e });
}

function constraint(t: TableDraft, d: Node): void {
  const kind = String(d.constraint_type ?? "").toLowerCase();
  const cols = columnsOf(d.definition);
  if (kind === "primary key") t.primaryKey = cols;
  else if (kind === "unique" || kind === "unique key" || kind === "unique index") t.uniques.push(cols);
  else if (kind === "foreign key") {
    const ref = d.reference_definition as Node;
    t.foreignKeys.push({ columns: cols, table: tableOf(ref.table), refColumns: columnsOf(ref.definition) });
  } else if (kind === "check" && Array.isArray(d.definition)) for (const e of d.definition) t.checks.push({ text: "", expr: e });
}

function alterTable(s: Node, tables: Map<string, TableDraft>, notes: string[]): void {
  const t = tables.get(tableOf(s.table));
  if (!t) {
    notes.push(`skipped ALTER TABLE ${JSON.stringify(tableOf(s.table))}: no such table in the file`);
    return;
  }
  for (const e of (s.expr ?? []) as Node[]) {
    if (e.action === "add" && e.resource === "constraint") {
      constraint(t, e.create_definitions as Node);
      // A primary key added later makes its columns NOT NULL, as the database would.
      if (t.primaryKey.length > 0)
        t.columns = t.columns.map((c) => (t.primaryKey.includes(c.name) ? { ...c, nullable: false } : c));
    } else notes.push(`skipped an ALTER TABLE ${JSON.stringify(t.name)} ${String(e.action ?? "").toUpperCase()} ${String(e.resource ?? "")}`.trimEnd());
  }
}

/**
 * Column types from a catalog's type texts (`int(10) unsigned`, `character varying(40)`, `enum('a','b')`),
 * read by the same parser as DDL: one `CREATE TABLE` of numbered columns, or one per column if that fails.
 *
 *   typesFromText(["int(10) unsigned", "varchar(45)"], "mysql")   // [{ kind: "int", bits: 64, … }, { kind: "string", maxLength: 45 }]
 */
export function typesFromText(texts: readonly string[], dialect: Exclude<Dialect, "sqlite">): ColumnType[] {
  const one = (list: readonly string[]): ColumnType[] | undefined => {
    if (list.length === 0) return [];
    const r = readDdl(`CREATE TABLE t (${list.map((t, i) => `c${i} ${t}`).join(", ")})`, dialect);
    return r.ok && r.model.tables[0]?.columns.length === list.length ? r.model.tables[0].columns.map((c) => c.type) : undefined;
  };
  return one(texts) ?? texts.map((t) => one([t])?.[0] ?? { kind: "unknown" });
}
