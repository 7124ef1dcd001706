/**
 * `dgen explain`: the Plan told for people — tables in declaration order with the tables they read, their row
 * counts, how each key is unique, what each pick computes, which columns correlate. Pure: Plan in,
 * plain data out (explain.ts of the CLI prints it as text or JSON).
 *
 *   explainPlan(plan).tables[1]
 *   // { name: "orders", rows: "per customers row: poisson(2.1)", keys: [{ columns: ["id"], how: "uuid() …" }], … }
 */
import type { ColumnPlan, Expr, Plan, RowsPlan, TablePlan } from "./ir.js";

export interface Explanation {
  readonly dataset: string;
  readonly seed: string;
  readonly tables: readonly TableExplanation[];
}

export interface TableExplanation {
  readonly name: string;
  readonly rows: string;
  readonly dependsOn: readonly string[];
  readonly keys: readonly {
    readonly kind: "primary" | "unique";
    readonly columns: readonly string[];
    readonly how: string;
  }[];
  readonly foreignKeys: readonly { readonly columns: readonly string[]; readonly references: string }[];
  readonly picks: readonly { readonly column: string; readonly computes: string }[];
  readonly correlations: readonly (readonly string[])[];
}

export function explainPlan(plan: Plan): Explanation {
  return { dataset: plan.dataset, seed: plan.seed.toString(), tables: plan.tables.map(explainTable) };
}

function explainTable(table: TablePlan): TableExplanation {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const keys: TableExplanation["keys"][number][] = [];
  if (table.primaryKey.length > 0)
    keys.push({ kind: "primary", columns: table.primaryKey, how: keyHow(table, byName) });
  for (const c of table.columns)
    if (c.unique && !(table.primaryKey.length === 1 && table.primaryKey[0] === c.name))
      keys.push({ kind: "unique", columns: [c.name], how: keyHow({ ...table, primaryKey: [c.name] }, byName) });
  for (const u of table.uniques)
    if (u.join() !== table.primaryKey.join())
      keys.push({ kind: "unique", columns: u, how: tupleHow(table, u, byName) });
  const foreignKeys = [
    ...table.columns
      .filter((c) => c.ref)
      .map((c) => ({ columns: [c.name], references: `${c.ref!.table}.${c.ref!.column}` })),
    ...table.foreignKeys.map((f) => ({ columns: f.columns, references: `${f.table}(${f.refColumns.join(", ")})` })),
  ];
  const picks = table.columns.flatMap((c) => {
    const what = pickOf(c.value);
    return what ? [{ column: c.name, computes: what }] : [];
  });
  return {
    name: table.name,
    rows: rowsText(table.rows),
    dependsOn: table.dependsOn,
    keys,
    foreignKeys,
    picks,
    correlations: table.correlations.map((g) => g.columns),
  };
}

function rowsText(rows: RowsPlan): string {
  switch (rows.kind) {
    case "fixed":
      return rows.data ? `${rows.count} (fixed data)` : String(rows.count);
    case "per":
      return `per ${rows.parent} row: ${exprText(rows.count)}`;
    case "every":
      return `per ${rows.parent} row: ${rows.count} (one every ${rows.stepMs} ms)`;
  }
}

function keyHow(table: TablePlan, byName: Map<string, ColumnPlan>): string {
  if (table.primaryKey.length !== 1) return tupleHow(table, table.primaryKey, byName);
  const c = byName.get(table.primaryKey[0]!);
  if (!c) return "unknown";
  const v = c.value;
  switch (v.k) {
    case "sequence":
      return `sequence from ${v.start} by ${v.step}: strictly increasing with the row index`;
    case "uniqueInt":
      return `a keyed permutation of the row index into ${v.lo}..${v.lo + v.size - 1}: never repeats`;
    case "uniquePattern":
      return "a keyed permutation of the row index into the pattern's values: never repeats";
    case "uniqueChoice":
      return "a keyed permutation of the row index over the choices: never repeats";
    case "gen":
      if (v.fn === "uuid") return "uuid(): 122 random bits drawn from (seed, table, column, row)";
      break;
    case "data":
      return "fixed values, checked distinct at compile time";
    case "rowField":
    case "local":
      return `the key of another row (${exprText(v)}): one row of this table per row it comes from`;
  }
  if (c.increasing) return `${exprText(v)}: computed from the row index, checked strictly increasing on every row`;
  if (c.siblingDistinct) return `${exprText(v)}: checked distinct among the parent's rows`;
  return `${exprText(v)}: proven injective in the row index`;
}

function tupleHow(table: TablePlan, columns: readonly string[], byName: Map<string, ColumnPlan>): string {
  const parts = columns.map((n) => {
    const c = byName.get(n);
    if (!c) return n;
    if (c.ref) return `${n} (the parent's key)`;
    if (c.siblingDistinct) return `${n} (distinct among siblings)`;
    return `${n} (${exprText(c.value)})`;
  });
  void table;
  return `the tuple ${parts.join(" × ")}: unique per parent row and distinct among its siblings`;
}

function pickOf(e: Expr): string | undefined {
  switch (e.k) {
    case "pick":
      return e.zipf !== undefined
        ? `a row of ${e.table} drawn zipf(${e.zipf})${e.spread ? ", ranks spread by a keyed permutation" : ", row 0 the most often"}`
        : `a row of ${e.table} drawn uniformly`;
    case "distinctPick":
      return `rows of ${e.table} without repeats among ${e.among === "siblings" ? "the parent's rows" : "the table"}${e.exceptParent ? ", never the parent row itself" : ""} (a keyed permutation)`;
    case "beforePick":
      return `an earlier row of ${e.table} (uniform in [0, index))`;
    case "rowAt":
      return `row ${exprText(e.index)} of ${e.table}`;
    case "rowField":
      return pickOf(e.row);
    default:
      return undefined;
  }
}

const opText: Readonly<Record<string, string>> = {
  add: "+",
  sub: "-",
  mul: "*",
  div: "/",
  mod: "%",
  concat: "++",
  eq: "==",
  ne: "!=",
  lt: "<",
  le: "<=",
  gt: ">",
  ge: ">=",
  and: "and",
  or: "or",
};

/** A short text of an expression (its kind and main parts), for the plan's reader. */
export function exprText(e: Expr): string {
  switch (e.k) {
    case "const":
      return String(e.v);
    case "local":
      return e.name;
    case "special":
      return e.which;
    case "sequence":
      return `sequence(${e.start}, ${e.step})`;
    case "gen":
      return `${e.fn}(${e.args.map(exprText).join(", ")})`;
    case "call":
      return `${e.fn}(${e.args.map(exprText).join(", ")})`;
    case "binary":
      return `${exprText(e.l)} ${opText[e.op]} ${exprText(e.r)}`;
    case "rowField":
      return `${e.table}[${exprText(e.row)}].${e.column}`;
    case "parentRow":
      return "parent";
    default:
      return e.k;
  }
}
