/**
 * SQL CHECK expressions (node-sql-parser's AST) → `.dgen` `check` expressions, for what the language
 * can say: comparisons, AND/OR/NOT, IN lists, BETWEEN, IS [NOT] NULL, length functions, number,
 * string and boolean literals, columns of the same table. Anything else comes back as the reason it
 * was dropped. A nullable column is read through `coalesce` under an `x == null or …` guard, since SQL
 * passes a CHECK whose value is unknown. Pure.
 *
 *   translateCheck(ast("price > 0 AND qty BETWEEN 1 AND 9"), cols)   // { ok: true, expr: "price > 0 and (qty >= 1 and qty <= 9)" }
 */
import type { ColumnType } from "./model.js";
import { dgenString } from "./names.js";

type Node = Record<string, unknown>;

export interface CheckColumn {
  readonly dgen: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

export type Translated =
  | { ok: true; expr: string; columns: ReadonlySet<string>; inList?: { column: string; values: readonly (string | number)[] } }
  | { ok: false; why: string };

class Untranslatable extends Error {}

const OPS: Record<string, string> = { "=": "==", "<>": "!=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

export function translateCheck(expr: unknown, columns: ReadonlyMap<string, CheckColumn>): Translated {
  const used = new Set<string>();
  const nullable = new Set<string>();
  const colRef = (n: Node): CheckColumn => {
    const name = nameOf(n.column);
    const c = columns.get(name) ?? [...columns.entries()].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (!c) throw new Untranslatable(`it names ${JSON.stringify(name)}, which is no column of the table`);
    used.add(c.dgen);
    if (c.nullable) nullable.add(c.dgen);
    return c;
  };
  const zero = (t: ColumnType): string => {
    switch (t.kind) {
      case "string": case "enum": case "set": return '""';
      case "bool": return "false";
      case "date": return "1970-01-01";
      case "timestamp": return "1970-01-01T00:00:00Z";
      case "int": case "decimal": case "float": return "0";
      default: throw new Untranslatable("it compares a column of a type dgen cannot compare");
    }
  };
  const value = (e: unknown): { text: string; type?: ColumnType } => {
    const n = e as Node;
    switch (n?.type) {
      case "column_ref": {
        const c = colRef(n);
        return { text: c.nullable ? `coalesce(${c.dgen}, ${zero(c.type)})` : c.dgen, type: c.type };
      }
      case "number":
        return { text: String(n.value) };
      case "double_quote_string":
        // SQLite and PostgreSQL quote names with double quotes; node-sql-parser may read one as text.
        if (columns.has(String(n.value))) return value({ type: "column_ref", column: String(n.value) });
        return { text: dgenString(String(n.value)) };
      case "single_quote_string":
      case "string":
      case "natural_string":
        return { text: dgenString(String(n.value).replaceAll("''", "'")) };
      case "bool":
      case "boolean":
        return { text: String(n.value) === "true" || n.value === true ? "true" : "false" };
      case "cast":
        return value(n.expr);
      case "unary_expr":
        if (n.operator === "-") return { text: `-${value(n.expr).text}` };
        throw new Untranslatable(`dgen has no ${String(n.operator)} operator`);
      case "function": {
        const fn = fnName(n).toLowerCase();
        const args = ((n.args as Node | undefined)?.value ?? []) as unknown[];
        if (["length", "char_length", "character_length", "len"].includes(fn) && args.length === 1) {
          const inner = value(args[0]);
          if (inner.type?.kind !== "string") throw new Untranslatable("it takes the length of a value that is not text");
          return { text: `len(${inner.text})`, type: { kind: "int", bits: 32 } };
        }
        throw new Untranslatable(`dgen has no SQL function ${fn}()`);
      }
      case "binary_expr":
        if (["+", "-", "*", "/"].includes(String(n.operator))) {
          const l = value(n.left);
          const r = value(n.right);
          return { text: `(${l.text} ${String(n.operator)} ${r.text})`, type: l.type ?? r.type };
        }
        return { text: `(${cond(n)})` };
      default:
        throw new Untranslatable(`dgen cannot say ${describe(n)}`);
    }
  };
  // A literal compared with a date column is a date literal, not text.
  const coerce = (lit: { text: string }, other: { type?: ColumnType }): string => {
    if ((other.type?.kind === "date" || other.type?.kind === "timestamp") && lit.text.startsWith('"')) {
      const raw = JSON.parse(lit.text) as string;
      if (other.type.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
      if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(raw)) return `${raw.replace(" ", "T")}Z`;
      if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
      throw new Untranslatable("it compares a date with text that is no date");
    }
    return lit.text;
  };
  const cond = (e: unknown): string => {
    const n = e as Node;
    if (n?.type === "unary_expr" && String(n.operator).toUpperCase() === "NOT") return `not (${cond(n.expr)})`;
    if (n?.type !== "binary_expr") {
      if (n?.type === "column_ref") {
        const c = colRef(n);
        if (c.type.kind === "bool") return c.nullable ? `coalesce(${c.dgen}, true)` : c.dgen;
      }
      throw new Untranslatable(`dgen cannot say ${describe(n)}`);
    }
    const op = String(n.operator).toUpperCase();
    if (op === "AND" || op === "OR") return `(${cond(n.left)}) ${op.toLowerCase()} (${cond(n.right)})`;
    if (op === "IS" || op === "IS NOT") {
      if ((n.right as Node)?.type !== "null") throw new Untranslatable(`dgen cannot say ${op} with anything but NULL`);
      const c = colRef(n.left as Node);
      return `${c.dgen} ${op === "IS" ? "==" : "!="} null`;
    }
    if (op === "BETWEEN" || op === "NOT BETWEEN") {
      const l = value(n.left);
      const [a, b] = ((n.right as Node).value as unknown[]).map((x) => coerce(value(x), l));
      const inside = `${l.text} >= ${a} and ${l.text} <= ${b}`;
      return op === "BETWEEN" ? inside : `not (${inside})`;
    }
    if (op === "IN" || op === "NOT IN") {
      const l = value(n.left);
      const items = ((n.right as Node).value as unknown[]).map((x) => coerce(value(x), l));
      const any = items.map((v) => `${l.text} == ${v}`).join(" or ");
      return op === "IN" ? `(${any})` : `not (${any})`;
    }
    const dop = OPS[op];
    if (!dop) throw new Untranslatable(`dgen has no ${op} operator`);
    const l = value(n.left);
    const r = value(n.right);
    return `${coerce(l, r)} ${dop} ${coerce(r, l)}`;
  };
  try {
    const body = cond(expr);
    const guards = [...nullable].map((c) => `${c} == null`);
    let inList: { column: string; values: (string | number)[] } | undefined;
    const n = expr as Node;
    const left = n?.type === "binary_expr" ? (n.left as Node) : undefined;
    const leftRef = left?.type === "column_ref" ? left : left?.type === "double_quote_string" && columns.has(String(left.value)) ? { type: "column_ref", column: String(left.value) } : undefined;
    if (n?.type === "binary_expr" && String(n.operator).toUpperCase() === "IN" && leftRef) {
      const c = colRef(leftRef);
      const values = ((n.right as Node).value as Node[]).map((v) => (v.type === "number" ? Number(v.value) : String(v.value).replaceAll("''", "'")));
      inList = { column: c.dgen, values };
    }
    return { ok: true, expr: guards.length > 0 ? `${guards.join(" or ")} or (${body})` : body, columns: used, ...(inList ? { inList } : {}) };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, why: e.message };
    throw e;
  }
}

function nameOf(n: unknown): string {
  if (typeof n === "string") return n;
  const o = n as Node | undefined;
  if (o && typeof o === "object") return "expr" in o ? nameOf(o.expr) : typeof o.value === "string" ? o.value : "";
  return "";
}

function fnName(n: Node): string {
  const name = n.name as { name?: { value?: string }[] } | string | undefined;
  if (typeof name === "string") return name;
  return name?.name?.map((p) => p.value ?? "").join(".") ?? "";
}

function describe(n: Node | undefined): string {
  if (!n) return "an empty expression";
  if (n.type === "function") return `the SQL function ${fnName(n)}()`;
  return `a ${String(n.type).replaceAll("_", " ")}`;
}

/** Whether a check is MariaDB's `json_valid(col)` (its JSON columns are LONGTEXT with that check); the column's SQL name. */
export function jsonValidColumn(expr: unknown): string | undefined {
  const n = expr as Node;
  if (n?.type !== "function" || fnName(n).toLowerCase() !== "json_valid") return undefined;
  const args = ((n.args as Node | undefined)?.value ?? []) as Node[];
  return args.length === 1 && args[0]?.type === "column_ref" ? nameOf(args[0].column) : undefined;
}

/** The SQL names of the columns an expression reads. */
export function columnsOfExpr(expr: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Node;
      if (o.type === "column_ref") out.push(nameOf(o.column));
      else if (o.type === "double_quote_string") out.push(String(o.value));
      else for (const v of Object.values(o)) walk(v);
    }
  };
  walk(expr);
  return [...new Set(out)];
}
