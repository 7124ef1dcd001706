/**
 * PostgreSQL DDL → the import model, through libpg-query: PostgreSQL's own parser compiled to
 * WebAssembly, so a pg_dump file reads exactly as the server reads it (functions, `bpchar`,
 * `REFERENCES t` without columns, domains). CREATE TABLE, ALTER TABLE … ADD CONSTRAINT, CREATE UNIQUE
 * INDEX, CREATE TYPE … AS ENUM and CREATE DOMAIN are read; other statements are noted and skipped.
 * CHECK expressions are turned into node-sql-parser's expression shape (`checks.ts` reads that one).
 *
 *   await readPgDdl("CREATE TABLE t (id int PRIMARY KEY)")
 *   // { ok: true, model: { dialect: "postgres", tables: [{ name: "t", primaryKey: ["id"], … }], notes: [] } }
 */
import type { Check, Column, ColumnType, ForeignKey, ImportModel } from "./model.js";
import { sqlType } from "./types.js";

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type PgDdlResult = { ok: true; model: ImportModel } | { ok: false; message: string; line: number; column: number };

interface Draft {
  name: string;
  columns: Column[];
  primaryKey: string[];
  uniques: string[][];
  foreignKeys: { columns: string[]; table: string; refColumns: string[] }[];
  checks: Check[];
}

let parser: ((sql: string) => Promise<{ stmts?: { stmt: Node }[] }>) | undefined;

export async function readPgDdl(sql: string): Promise<PgDdlResult> {
  parser ??= ((await import("libpg-query")) as unknown as { parse: typeof parser }).parse;
  let stmts: Node[];
  try {
    stmts = ((await parser!(sql)).stmts ?? []).map((s) => s.stmt);
  } catch (e) {
    const err = e as { message?: string; sqlDetails?: { cursorPosition?: number } };
    const at = Math.max(0, err.sqlDetails?.cursorPosition ?? 0); // 0-based here
    const before = sql.slice(0, at).split("\n");
    return { ok: false, message: `${err.message ?? String(e)}.`, line: before.length, column: before[before.length - 1]!.length + 1 };
  }
  const enums = new Map<string, string[]>();
  const domains = new Map<string, Node>();
  for (const s of stmts) {
    if (s.CreateEnumStmt) enums.set(last(s.CreateEnumStmt.typeName), (s.CreateEnumStmt.vals ?? []).map(str));
    if (s.CreateDomainStmt) domains.set(last(s.CreateDomainStmt.domainname), s.CreateDomainStmt.typeName);
  }
  const tables = new Map<string, Draft>();
  const notes: string[] = [];
  for (const s of stmts) {
    const kind = Object.keys(s)[0]!;
    if (s.CreateStmt) {
      const t: Draft = { name: s.CreateStmt.relation.relname, columns: [], primaryKey: [], uniques: [], foreignKeys: [], checks: [] };
      for (const e of s.CreateStmt.tableElts ?? []) {
        if (e.ColumnDef) column(t, e.ColumnDef, enums, domains);
        else if (e.Constraint) constraint(t, e.Constraint, []);
      }
      tables.set(t.name, t);
    } else if (s.AlterTableStmt) {
      const t = tables.get(s.AlterTableStmt.relation?.relname);
      for (const c of s.AlterTableStmt.cmds ?? []) {
        const cmd = c.AlterTableCmd;
        if (t && cmd?.subtype === "AT_AddConstraint" && cmd.def?.Constraint) constraint(t, cmd.def.Constraint, []);
        else notes.push(`skipped ALTER TABLE ${JSON.stringify(s.AlterTableStmt.relation?.relname ?? "")} ${String(cmd?.subtype ?? "").replace(/^AT_/, "")}`);
      }
    } else if (s.IndexStmt) {
      const t = tables.get(s.IndexStmt.relation?.relname);
      const cols = (s.IndexStmt.indexParams ?? []).map((p: Node) => p.IndexElem?.name);
      if (t && s.IndexStmt.unique && !s.IndexStmt.whereClause && cols.every((c: unknown) => typeof c === "string")) t.uniques.push(cols);
    } else if (!["CreateEnumStmt", "CreateDomainStmt", "VariableSetStmt", "CreateSeqStmt", "AlterSeqStmt", "CommentStmt", "SelectStmt"].includes(kind))
      notes.push(`skipped a ${kind.replace(/Stmt$/, "")} statement`);
  }
  // `REFERENCES t` without columns names t's primary key.
  for (const t of tables.values())
    for (const f of t.foreignKeys) if (f.refColumns.length === 0) f.refColumns = [...(tables.get(f.table)?.primaryKey ?? [])];
  for (const t of tables.values()) t.columns = t.columns.map((c) => (t.primaryKey.includes(c.name) ? { ...c, nullable: false } : c));
  return { ok: true, model: { dialect: "postgres", tables: [...tables.values()], notes } };
}

const str = (n: Node): string => n?.String?.sval ?? "";
const last = (names: Node[] | undefined): string => str((names ?? [])[(names ?? []).length - 1]);

/** A TypeName node → a column type, its SQL text, and whether it is a serial. */
export function pgTypeOf(tn: Node, enums: ReadonlyMap<string, string[]>, domains: ReadonlyMap<string, Node>): { type: ColumnType; text: string; serial: boolean } {
  const name = last(tn.names);
  const mods = (tn.typmods ?? []).map((m: Node) => m.A_Const?.ival?.ival).filter((x: unknown): x is number => typeof x === "number");
  const array = Array.isArray(tn.arrayBounds) && tn.arrayBounds.length > 0;
  const text = `${name}${mods.length > 0 ? `(${mods.join(", ")})` : ""}${array ? "[]" : ""}`;
  let type: ColumnType;
  const labels = enums.get(name);
  const domain = domains.get(name);
  if (labels) type = { kind: "enum", labels, typeName: name };
  else if (domain) type = pgTypeOf(domain, enums, new Map()).type;
  else if (name === "interval") type = { kind: "unknown" };
  else type = sqlType("postgres", name, name === "timestamp" || name === "time" ? [] : mods);
  return { type: array ? { kind: "array", element: type } : type, text, serial: /serial/.test(name) };
}

function column(t: Draft, d: Node, enums: Map<string, string[]>, domains: Map<string, Node>): void {
  const { type, text, serial } = pgTypeOf(d.typeName ?? {}, enums, domains);
  let nullable = true;
  let identity = false;
  let defaultText: string | undefined;
  for (const c of (d.constraints ?? []).map((x: Node) => x.Constraint)) {
    if (c.contype === "CONSTR_NOTNULL") nullable = false;
    else if (c.contype === "CONSTR_IDENTITY") identity = true;
    else if (c.contype === "CONSTR_DEFAULT") defaultText = constText(c.raw_expr) ?? "(an expression)";
    else {
      if (c.contype === "CONSTR_PRIMARY") nullable = false;
      constraint(t, c, [d.colname]);
    }
  }
  t.columns.push({ name: d.colname, sqlType: text, type, nullable, autoIncrement: serial || identity, ...(defaultText !== undefined ? { defaultText } : {}) });
}

function constraint(t: Draft, c: Node, own: string[]): void {
  const keys = (list: Node[] | undefined) => (list && list.length > 0 ? list.map(str) : own);
  switch (c.contype) {
    case "CONSTR_PRIMARY":
      t.primaryKey = keys(c.keys);
      break;
    case "CONSTR_UNIQUE":
      t.uniques.push(keys(c.keys));
      break;
    case "CONSTR_FOREIGN":
      t.foreignKeys.push({ columns: keys(c.fk_attrs), table: c.pktable?.relname ?? "", refColumns: (c.pk_attrs ?? []).map(str) });
      break;
    case "CONSTR_CHECK":
      t.checks.push({ text: "", expr: toSqlAst(c.raw_expr) });
      break;
  }
}

function constText(e: Node | undefined): string | undefined {
  const k = e?.A_Const;
  if (!k) return e?.TypeCast ? constText(e.TypeCast.arg) : undefined;
  if (k.boolval) return String(k.boolval.boolval === true).toUpperCase();
  if (k.ival) return String(k.ival.ival ?? 0);
  if (k.fval) return String(k.fval.fval);
  if (k.sval) return `'${k.sval.sval}'`;
  return k.isnull ? "NULL" : undefined;
}

/**
 * PostgreSQL's expression nodes → node-sql-parser's shapes, for the forms `checks.ts` translates;
 * anything else becomes a node whose type names it, which the translator reports as dropped.
 */
export function toSqlAst(e: Node | undefined): unknown {
  if (!e) return undefined;
  if (e.ColumnRef) return { type: "column_ref", table: null, column: str(e.ColumnRef.fields?.[e.ColumnRef.fields.length - 1]) };
  if (e.A_Const) {
    const k = e.A_Const;
    if (k.sval) return { type: "single_quote_string", value: k.sval.sval };
    if (k.boolval) return { type: "bool", value: k.boolval.boolval === true };
    if (k.fval) return { type: "number", value: Number(k.fval.fval) };
    if (k.isnull) return { type: "null", value: null };
    return { type: "number", value: k.ival?.ival ?? 0 };
  }
  if (e.TypeCast) return toSqlAst(e.TypeCast.arg);
  if (e.BoolExpr) {
    const args = (e.BoolExpr.args ?? []).map(toSqlAst);
    if (e.BoolExpr.boolop === "NOT_EXPR") return { type: "unary_expr", operator: "NOT", expr: args[0] };
    const op = e.BoolExpr.boolop === "AND_EXPR" ? "AND" : "OR";
    return args.reduce((l: unknown, r: unknown) => ({ type: "binary_expr", operator: op, left: l, right: r }));
  }
  if (e.NullTest)
    return { type: "binary_expr", operator: e.NullTest.nulltesttype === "IS_NULL" ? "IS" : "IS NOT", left: toSqlAst(e.NullTest.arg), right: { type: "null", value: null } };
  if (e.FuncCall) return { type: "function", name: { name: [{ value: last(e.FuncCall.funcname) }] }, args: { type: "expr_list", value: (e.FuncCall.args ?? []).map(toSqlAst) } };
  if (e.A_Expr) {
    const a = e.A_Expr;
    const op = str(a.name?.[0]);
    const list = (x: Node) => ({ type: "expr_list", value: (x?.List?.items ?? []).map(toSqlAst) });
    switch (a.kind) {
      case "AEXPR_OP":
        if (!a.lexpr) return { type: "unary_expr", operator: op, expr: toSqlAst(a.rexpr) };
        return { type: "binary_expr", operator: op, left: toSqlAst(a.lexpr), right: toSqlAst(a.rexpr) };
      case "AEXPR_IN":
        return { type: "binary_expr", operator: op === "<>" ? "NOT IN" : "IN", left: toSqlAst(a.lexpr), right: list(a.rexpr) };
      case "AEXPR_BETWEEN":
      case "AEXPR_NOT_BETWEEN":
        return { type: "binary_expr", operator: a.kind === "AEXPR_BETWEEN" ? "BETWEEN" : "NOT BETWEEN", left: toSqlAst(a.lexpr), right: list(a.rexpr) };
      case "AEXPR_OP_ANY":
        // `x = ANY (ARRAY['a', 'b'])`, how pg_get_constraintdef prints an IN list.
        if (op === "=" && a.rexpr?.A_ArrayExpr)
          return { type: "binary_expr", operator: "IN", left: toSqlAst(a.lexpr), right: { type: "expr_list", value: (a.rexpr.A_ArrayExpr.elements ?? []).map(toSqlAst) } };
        return { type: "an ANY comparison" };
    }
  }
  return { type: Object.keys(e)[0] ?? "expression" };
}

/**
 * Column types from `format_type` texts, read by the same parser: one `CREATE TABLE` of numbered columns.
 *
 *   await pgTypesFromText(["character varying(40)", "text[]"])   // [{ kind: "string", maxLength: 40 }, { kind: "array", … }]
 */
export async function pgTypesFromText(texts: readonly string[]): Promise<ColumnType[]> {
  if (texts.length === 0) return [];
  const r = await readPgDdl(`CREATE TABLE t (${texts.map((t, i) => `c${i} ${t}`).join(", ")})`);
  const cols = r.ok ? r.model.tables[0]?.columns : undefined;
  return cols && cols.length === texts.length ? cols.map((c) => c.type) : texts.map(() => ({ kind: "unknown" }));
}

/** A `pg_get_constraintdef` text (`CHECK ((price > (0)::numeric))`) as node-sql-parser's expression shape. */
export async function pgCheckFromText(def: string): Promise<unknown> {
  const body = def.replace(/^\s*CHECK\s*/i, "").replace(/\s+NOT VALID\s*$/i, "");
  const r = await readPgDdl(`CREATE TABLE t (CHECK ${body})`);
  return r.ok ? r.model.tables[0]?.checks[0]?.expr : undefined;
}

export type { ForeignKey };
