/**
 * The table's row-local `check` rules, evaluated in the emitted `validate<Table>()` on a row's public
 * form, so that `dgen validate` reports a row that breaks one. A check is row-local when it reads only
 * columns of the row itself (of a type read back exactly: numbers, decimals, strings, uuids, bools,
 * dates, timestamps, enums), constants and pure helpers — no draw, no `parent`, no other row, no
 * `index`, `ordinal` or `tick`, no `let`. Other checks are left to generation (cli.md says so).
 *
 *   check lo < hi   →   {
 *                         const r = { f_lo: row["lo"], f_hi: row["hi"] };
 *                         if (r.f_lo !== null && r.f_hi !== null && !(r.f_lo < r.f_hi))
 *                           out.push({ column: "lo, hi", rule: "check lo < hi" });
 *                       }
 */
import type { CheckPlan, ColumnPlan, Expr, MatchArm, TablePlan } from "../ir/ir.js";
import { exprCode, type ExprCtx, type RowAccess } from "./emit-expr.js";
import type { ModuleNames } from "./module-names.js";
import { field, jsString } from "./names.js";

/** Node kinds a row-local check may hold (beyond `local`, which must name a readable column). */
const PURE = new Set<Expr["k"]>(["const", "call", "neg", "not", "binary", "if", "match", "template"]);
const READABLE = new Set([
  "int",
  "int16",
  "int32",
  "float",
  "decimal",
  "string",
  "uuid",
  "bool",
  "date",
  "timestamp",
  "enum",
]);

const noRows: RowAccess = {
  field: () => {
    throw new Error("a row-local check reads no other row");
  },
  aggregate: () => {
    throw new Error("a row-local check has no aggregate");
  },
};

/**
 * For `dgen report`: a check that `validate<Table>()` evaluates, with the violation's `column` and
 * `rule` as they are reported; undefined for a check left to generation.
 */
export function rowCheckReported(
  t: TablePlan,
  check: CheckPlan,
): { readonly column: string; readonly rule: string } | undefined {
  const read = new Set<string>();
  if (!rowLocal(check.condition, new Map(t.columns.map((c) => [c.name, c])), read) || read.size === 0) return undefined;
  const used = t.columns.filter((c) => read.has(c.name));
  return { column: used.map((c) => c.name).join(", "), rule: `check ${oneLine(check.text)}` };
}

/** The lines of `validate<Table>()` that evaluate the table's row-local checks. */
export function rowCheckLines(t: TablePlan, names: ModuleNames): string[] {
  const cols = new Map(t.columns.map((c) => [c.name, c]));
  const lines: string[] = [];
  for (const check of t.checks) {
    const read = new Set<string>();
    if (!rowLocal(check.condition, cols, read) || read.size === 0) continue;
    const used = t.columns.filter((c) => read.has(c.name)); // in the order of the table
    const temps: string[] = [];
    const ctx: ExprCtx = { names, table: t.name, cell: "s", temps, rows: noRows };
    const test = exprCode(check.condition, ctx);
    const fields = used.map((c) => `${field(c.name)}: ${internal(c, `row[${jsString(c.name)}]`)}`).join(", ");
    // a cell that is missing (or unreadable, read as null) in a column that is not nullable breaks
    // `not null`, reported on its own: the check is not evaluated on it
    const present = used.filter((c) => !c.nullable).map((c) => `r.${field(c.name)} !== null`);
    const guard = present.length > 0 ? `${present.join(" && ")} && ` : "";
    const body = [
      `    const r = { ${fields} };`,
      ...(temps.length > 0 ? [`    ${temps.join("\n    ")}`] : []),
      `    if (${guard}!(${test})) out.push({ column: ${jsString(used.map((c) => c.name).join(", "))}, rule: ${jsString(`check ${oneLine(check.text)}`)} });`,
    ];
    lines.push(`  {\n${body.join("\n")}\n  }`);
  }
  return lines;
}

/** Whether `e` reads only readable columns of its own row (collected into `read`) and pure code. */
function rowLocal(e: Expr, cols: ReadonlyMap<string, ColumnPlan>, read: Set<string>): boolean {
  if (e.k === "local") {
    const c = cols.get(e.name);
    if (!c || c.hidden || !READABLE.has(c.type.kind)) return false;
    read.add(e.name);
    return true;
  }
  if (e.k === "special") return e.which === "epoch";
  if (!PURE.has(e.k)) return false;
  switch (e.k) {
    case "call":
      return e.args.every((a) => rowLocal(a, cols, read));
    case "neg":
    case "not":
      return rowLocal(e.e, cols, read);
    case "binary":
      return rowLocal(e.l, cols, read) && rowLocal(e.r, cols, read);
    case "if":
      return rowLocal(e.c, cols, read) && rowLocal(e.a, cols, read) && rowLocal(e.b, cols, read);
    case "match":
      return (
        rowLocal(e.subject, cols, read) &&
        e.arms.every((a) => armLocal(a, cols, read)) &&
        rowLocal(e.otherwise, cols, read)
      );
    case "template":
      return e.parts.every((p) => typeof p === "string" || rowLocal(p, cols, read));
    default:
      return true; // const
  }
}

function armLocal(arm: MatchArm, cols: ReadonlyMap<string, ColumnPlan>, read: Set<string>): boolean {
  return arm.patterns.every((p) => rowLocal(p, cols, read)) && rowLocal(arm.value, cols, read);
}

/** A public value back in the internal form the check's code reads (as the generator holds it). */
function internal(c: ColumnPlan, v: string): string {
  const conv = (x: string) => {
    switch (c.type.kind) {
      case "decimal":
        return `Number(${x})`;
      case "date":
        return `Date.parse(${x}) / 86400000`;
      case "timestamp":
        return `Date.parse(${x})`;
      default:
        return x;
    }
  };
  return `${v} === null || ${v} === undefined ? null : ${conv(v)}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
