/**
 * Keys by construction (§6): every `@pk`/`@unique` column and composite key is proved unique, or
 * rewritten into a generator that is (a keyed permutation of the row index), or rejected.
 * Value spaces smaller than the row count are compile errors. Foreign keys must take their value
 * from the referenced table's row (`parent.id`, `product.id`), so they can never dangle.
 */
import type * as A from "../ast/nodes.js";
import { reporter } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { ColumnPlan, Expr, RowsPlan } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";
import type { CheckedTable } from "./table.js";
import { patternSpace, isFixedPattern } from "../../runtime/text/pattern.js";
import { checkForeignKeys, isKeyOf } from "./foreign-keys.js";
import { sequenceFits } from "./int-ranges.js";
import { walk } from "../ir/walk.js";

type Uniqueness =
  | { kind: "unique"; stable: boolean; value: Expr; increasing?: boolean }
  | { kind: "no"; help?: string }
  | { kind: "capacity"; space: number }
  | { kind: "repeats"; value: unknown; first: number; second: number };

/** Upper bound of a table's rows when known at compile time. */
export function maxRows(rows: RowsPlan | undefined, bounds: Map<string, number | undefined>): number | undefined {
  if (!rows) return undefined;
  if (rows.kind === "fixed") return rows.count;
  const parent = bounds.get(rows.parent);
  if (rows.kind === "every") return parent === undefined ? undefined : parent * rows.count;
  const c = rows.count;
  if (parent === undefined) return undefined;
  if (c.k === "gen" && c.fn === "uniformInt" && c.args[1]?.k === "const") return parent * Number(c.args[1].v);
  if (c.k === "const" && typeof c.v === "number") return parent * c.v;
  return undefined;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toLocaleString("en-US") : "unbounded");

function uniqueness(
  value: Expr,
  columns: Map<string, ColumnPlan>,
  uniqueCols: Set<string>,
  rows: number | undefined,
  tables?: Map<string, CheckedTable>,
  atMostOnePerParent = false,
): Uniqueness {
  switch (value.k) {
    case "sequence":
      return { kind: "unique", stable: true, value };
    case "data": {
      // A fixed table's key: its values are known, so a repeat is an error naming the rows.
      const seen = new Map<unknown, number>();
      for (let r = 0; r < value.values.length; r++) {
        const x = value.values[r];
        if (seen.has(x)) return { kind: "repeats", value: x, first: seen.get(x)!, second: r };
        seen.set(x, r);
      }
      return { kind: "unique", stable: true, value };
    }
    case "rowField":
      // `parent.key` in a table of at most one row per parent: distinct parents, so distinct keys.
      if (atMostOnePerParent && tables && isParentRow(value.row, columns) && isKeyOf(tables, value.table, value.column))
        return { kind: "unique", stable: true, value };
      // `pick(t, distinct).key` in a counted table: distinct rows of t, so distinct keys.
      if (
        value.row.k === "distinctPick" &&
        value.row.among === "table" &&
        tables &&
        isKeyOf(tables, value.table, value.column)
      )
        return { kind: "unique", stable: true, value };
      return { kind: "no" };
    case "gen":
      if (value.fn === "uuid") return { kind: "unique", stable: true, value };
      if (
        value.fn === "uniformInt" &&
        value.t.type.kind === "int" &&
        value.args[0]?.k === "const" &&
        value.args[1]?.k === "const"
      ) {
        const lo = Number(value.args[0].v);
        const size = Number(value.args[1].v) - lo + 1;
        if (rows !== undefined && rows > size) return { kind: "capacity", space: size };
        return { kind: "unique", stable: true, value: { k: "uniqueInt", t: value.t, lo, size } };
      }
      return {
        kind: "no",
        help: "keys can be sequence(), uuid(), uniform(lo, hi) over whole numbers, pattern(...), one_of/weighted, or a template that embeds another key",
      };
    case "pattern": {
      if (!isFixedPattern(value.spec))
        return { kind: "no", help: "a unique pattern needs fixed repeat counts, such as [A-Z]{3}" };
      const space = patternSpace(value.spec);
      if (rows !== undefined && rows > space) return { kind: "capacity", space };
      return { kind: "unique", stable: true, value: { k: "uniquePattern", t: value.t, spec: value.spec } };
    }
    case "choice": {
      const space = new Set(value.choices.values).size;
      if (space !== value.choices.values.length) return { kind: "no", help: "the choices repeat a value" };
      if (rows !== undefined && rows > space) return { kind: "capacity", space };
      return { kind: "unique", stable: true, value: { k: "uniqueChoice", t: value.t, choices: value.choices } };
    }
    case "local":
      return uniqueCols.has(value.name) ? { kind: "unique", stable: false, value } : { kind: "no" };
    case "special":
      return value.which === "index" ? { kind: "unique", stable: true, value } : { kind: "no" };
    case "call":
      // `str(key)`: the key's decimal digits (or its text), one string per key value.
      if (value.fn === "str" && value.args[0] && strInjective(value.args[0], uniqueCols))
        return { kind: "unique", stable: false, value };
      if ((value.fn === "lower" || value.fn === "upper") && value.args[0]?.k === "template")
        return embedsKey(value.args[0], columns, uniqueCols, tables)
          ? { kind: "unique", stable: false, value }
          : { kind: "no", help: templateHelp };
      return { kind: "no" };
    case "template":
      return embedsKey(value, columns, uniqueCols, tables)
        ? { kind: "unique", stable: false, value }
        : { kind: "no", help: templateHelp };
    case "faker":
      return {
        kind: "no",
        help: "faker methods repeat values; embed a key in a template instead, such as `{first_name}.{id}@example.com`",
      };
    default:
      // A key computed from `index` alone: unique when strictly increasing, checked row by row.
      return ofIndexAlone(value) ? { kind: "unique", stable: true, value, increasing: true } : { kind: "no" };
  }
}

/**
 * A `per` table whose count is a constant of at most 1 (`rows: per P 1`) or a uniform count of at
 * most 1 (`per P 0..1`): no two rows share a parent.
 */
function atMostOnePerParent(rows: RowsPlan | undefined): boolean {
  if (rows?.kind !== "per") return false;
  const c = rows.count;
  if (c.k === "const") return typeof c.v === "number" && c.v <= 1;
  return c.k === "gen" && c.fn === "uniformInt" && c.args[1]?.k === "const" && Number(c.args[1].v) <= 1;
}

/**
 * `str(x)` is one string per value of `x` when `x` is a key of the row (a key column, `index`, a
 * sequence) of a type whose text is canonical: whole numbers (decimal digits), text, uuids, dates
 * and timestamps (ISO text). Floats are left out (their shortest text is canonical too, but a key is
 * never one).
 */
function strInjective(x: Expr, uniqueCols: Set<string>): boolean {
  const textual = ["int", "bigint", "string", "uuid", "date", "timestamp"].includes(x.t.type.kind);
  const key =
    (x.k === "local" && uniqueCols.has(x.name)) || (x.k === "special" && x.which === "index") || x.k === "sequence";
  return textual && key && !x.t.nullable;
}

/** An int expression of `index`, constants and arithmetic only (no draw, no other column). */
function ofIndexAlone(e: Expr): boolean {
  if (e.t.type.kind !== "int" && e.t.type.kind !== "bigint") return false;
  let ok = true;
  let usesIndex = false;
  walk(e, (x) => {
    if (x.k === "special" && x.which === "index") usesIndex = true;
    else if (!(
      x.k === "const" ||
      x.k === "binary" ||
      x.k === "neg" ||
      (x.k === "call" && ["floor", "ceil", "round", "abs", "min", "max"].includes(x.fn))
    ))
      ok = false;
  });
  return ok && usesIndex;
}

const templateHelp =
  "a template is unique when it embeds a key (a key column, index or a sequence) at its start or end, next to fixed text that ends in a non-digit, such as `{name}.{id}@example.com`";

/**
 * A template is injective when a key column (a non-negative sequence, or a fixed-width uuid) sits at
 * one end, separated from the rest only by literal text: reading from that end recovers the key.
 * For an integer key the literal on its inner side must end in a non-digit, so the digit run is exact.
 */
function embedsKey(
  t: Extract<Expr, { k: "template" }>,
  columns: Map<string, ColumnPlan>,
  uniqueCols: Set<string>,
  tables?: Map<string, CheckedTable>,
): boolean {
  const parts = t.parts;
  // A part unique across the table's rows: a key column, `index`, or a `sequence`.
  const keyAt = (k: number): { expr: Expr; column?: ColumnPlan } | undefined => {
    const p = digitsOf(parts[k]);
    if (p === undefined || typeof p === "string") return undefined;
    if (p.k === "local" && uniqueCols.has(p.name)) {
      const column = columns.get(p.name);
      return column ? { expr: p, column } : undefined;
    }
    return (p.k === "special" && p.which === "index") || p.k === "sequence" ? { expr: p } : undefined;
  };
  const nonDigitEdge = (text: string | Expr | undefined, edge: "first" | "last") =>
    typeof text === "string" && text.length > 0 && !/[0-9]/.test(edge === "first" ? text[0]! : text[text.length - 1]!);
  const fits = (k: number, fromEnd: boolean): boolean => {
    const key = keyAt(k);
    if (!key) return false;
    if (key.column?.type.kind === "uuid" && key.column.value.k === "gen") return true; // fixed width
    if (!nonNegativeInt(key.expr, columns, tables)) return false;
    const outer = fromEnd ? parts.slice(k + 1).join("") : parts.slice(0, k).join("");
    const inner = fromEnd ? parts[k - 1] : parts[k + 1];
    const outerOk = outer === "" || nonDigitEdge(outer, fromEnd ? "first" : "last");
    const innerOk = inner === undefined || nonDigitEdge(inner, fromEnd ? "last" : "first");
    return outerOk && innerOk;
  };
  let last = parts.length - 1;
  while (last >= 0 && typeof parts[last] === "string") last--;
  let first = 0;
  while (first < parts.length && typeof parts[first] === "string") first++;
  if ((last >= 0 && fits(last, true)) || (first < parts.length && fits(first, false))) return true;
  const tuple = recoverableInts(t, columns, tables);
  return tuple !== undefined && tupleUnique(tuple, uniqueCols, columns, tables);
}

/**
 * `str(key)` and `lpad(str(key), n, "0")` of a non-negative int write the same digits as the key
 * itself, zero-padded: as injective as `{key}` in a template. Returns the int inside, or the part.
 */
function digitsOf(p: string | Expr | undefined): string | Expr | undefined {
  if (p === undefined || typeof p === "string") return p;
  if (p.k === "call" && p.fn === "lpad") {
    const fill = p.args[2];
    if (!(fill?.k === "const" && fill.v === "0")) return p;
    return digitsOf(p.args[0]);
  }
  if (p.k === "call" && p.fn === "str" && p.args[0]?.t.type.kind === "int") return p.args[0];
  return p;
}

/**
 * When a template is literal text and non-negative integers only, each bordered by non-digit text
 * (or the string's ends), the integers can be read back from the string: the template is injective
 * in their tuple. Returns the integers, or undefined.
 */
function recoverableInts(
  t: Extract<Expr, { k: "template" }>,
  columns: Map<string, ColumnPlan>,
  tables?: Map<string, CheckedTable>,
): Expr[] | undefined {
  const parts = t.parts.filter((p) => p !== "");
  const out: Expr[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (typeof p === "string") continue;
    if (!nonNegativeInt(p, columns, tables)) return undefined;
    const before = parts[i - 1];
    const after = parts[i + 1];
    if (before !== undefined && (typeof before !== "string" || /[0-9]$/.test(before))) return undefined;
    if (after !== undefined && (typeof after !== "string" || /^[0-9]/.test(after))) return undefined;
    out.push(p);
  }
  return out.length > 0 ? out : undefined;
}

/** An int that is never negative, so its decimal text is digits only. */
function nonNegativeInt(e: Expr, columns: Map<string, ColumnPlan>, tables?: Map<string, CheckedTable>): boolean {
  if (e.t.type.kind !== "int" || e.t.nullable) return false;
  switch (e.k) {
    case "sequence":
      return e.start >= 0 && e.step > 0;
    case "special":
      return e.which === "index" || e.which === "ordinal";
    case "const":
      return typeof e.v === "number" && e.v >= 0;
    case "local": {
      const c = columns.get(e.name);
      return !!c && nonNegativeInt(c.value, columns, tables);
    }
    case "rowField": {
      const t = tables?.get(e.table);
      const c = t?.columns.find((x) => x.name === e.column);
      return !!c && !!t && nonNegativeInt(c.value, new Map(t.columns.map((x) => [x.name, x])), tables);
    }
    case "binary":
      return e.op === "add" && nonNegativeInt(e.l, columns, tables) && nonNegativeInt(e.r, columns, tables);
    case "uniqueInt":
      return e.lo >= 0;
    default:
      return false;
  }
}

/** A tuple of values is unique across rows when one of them is, or it pairs the parent's key with the ordinal. */
function tupleUnique(
  values: readonly Expr[],
  uniqueCols: Set<string>,
  columns: Map<string, ColumnPlan>,
  tables?: Map<string, CheckedTable>,
): boolean {
  const alone = (x: Expr) =>
    (x.k === "local" && uniqueCols.has(x.name)) || x.k === "sequence" || (x.k === "special" && x.which === "index");
  if (values.some(alone)) return true;
  const parentKey = values.some(
    (x) => x.k === "rowField" && isParentRow(x.row, columns) && !!tables && isKeyOf(tables, x.table, x.column),
  );
  return parentKey && values.some((x) => injectiveInOrdinal(x));
}

export function checkKeys(
  schema: SchemaInfo,
  t: CheckedTable,
  rows: number | undefined,
  tables: Map<string, CheckedTable>,
): ColumnPlan[] {
  const err = reporter(schema.diagnostics);
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  const uniqueCols = new Set<string>();
  const out: ColumnPlan[] = [];
  const pks = t.columns.filter((c) => c.pk);
  // A `primary key (a, b)` line names a composite key even when one of its columns failed to check.
  const pkCount = t.primaryKeyLine ? t.primaryKeyLine.columns.length : pks.length;
  const singleKey = (c: ColumnPlan) => c.unique || (c.pk && pkCount === 1);
  // Keys by construction first; then, until nothing changes, keys derived from other keys
  // (a template may embed a key declared after it).
  const pending = t.columns.filter(singleKey);
  const verdicts = new Map<string, Uniqueness>();
  for (let changed = true; changed;) {
    changed = false;
    for (const c of pending) {
      if (uniqueCols.has(c.name)) continue;
      const u = uniqueness(c.value, byName, uniqueCols, rows, tables, atMostOnePerParent(t.rows));
      verdicts.set(c.name, u);
      if (u.kind === "unique") {
        uniqueCols.add(c.name);
        byName.set(c.name, { ...c, value: u.value, stable: u.stable, ...(u.increasing ? { increasing: true } : {}) });
        changed = true;
      }
    }
  }
  for (const c of pending) {
    const u = verdicts.get(c.name)!;
    if (u.kind === "capacity") err(messages.uniqueCapacity, c.span, [c.name, fmt(u.space), fmt(rows!)]);
    else if (u.kind === "repeats") {
      const data = t.info.fixed!;
      err(messages.fixedKeyRepeats, c.span, [
        c.name,
        JSON.stringify(u.value),
        data.where(u.first),
        data.where(u.second).replace(/^Row/, "row"),
      ]);
    } else if (u.kind === "no") err(messages.cannotProveUnique, c.span, [c.name], u.help ? { help: u.help } : {});
  }
  const composites: { names: string[]; span: A.Span }[] = t.uniqueLines.map((u) => ({
    names: u.columns.map((n) => n.text),
    span: u.span,
  }));
  if (pks.length > 1) composites.push({ names: pks.map((c) => c.name), span: t.primaryKeyLine?.span ?? pks[0]!.span });
  for (const comp of composites) {
    if (comp.names.some((n) => !byName.has(n))) continue;
    if (comp.names.some((n) => uniqueCols.has(n))) continue;
    const vals = comp.names.map((n) => byName.get(n)!.value);
    const parentKey = vals.some(
      (x) => x.k === "rowField" && isParentRow(x.row, byName) && isKeyOf(tables, x.table, x.column),
    );
    if (vals.every((x) => x.k === "data")) {
      // A fixed table: the tuples are known.
      const seen = new Map<string, number>();
      const rowsOf = (vals[0] as Extract<Expr, { k: "data" }>).values.length;
      for (let r = 0; r < rowsOf; r++) {
        const key = JSON.stringify(vals.map((x) => (x as Extract<Expr, { k: "data" }>).values[r]));
        if (seen.has(key)) {
          const data = t.info.fixed!;
          err(messages.fixedKeyRepeats, comp.span, [
            comp.names.join(", "),
            key,
            data.where(seen.get(key)!),
            data.where(r).replace(/^Row/, "row"),
          ]);
          break;
        }
        seen.set(key, r);
      }
      continue;
    }
    const stepMs = t.rows?.kind === "every" ? t.rows.stepMs : 0;
    const ordinal = vals.some((x) => injectiveInOrdinal(resolveLocal(x, byName), stepMs));
    // `pick(t, distinct).key` draws distinct rows among the siblings of one parent.
    const distinct = vals.some(
      (x) => x.k === "rowField" && isDistinctRow(x.row, byName) && isKeyOf(tables, x.table, x.column),
    );
    // A value computed from the parent and the ordinal without a draw: checked against the earlier siblings.
    const sibling =
      parentKey && !ordinal && !distinct
        ? comp.names.find((n) => siblingFunction(byName.get(n)!.value, byName))
        : undefined;
    if (sibling) byName.set(sibling, { ...byName.get(sibling)!, siblingDistinct: true, stable: true });
    if (!(parentKey && (ordinal || distinct || sibling)))
      err(messages.compositeNotProvable, comp.span, [comp.names.join(", ")], {
        help: "a composite key is unique when one column is, or when it pairs parent.<key> with ordinal (or ordinal + n), with pick(t, distinct).<key>, or with a value computed from the parent and the ordinal",
      });
  }
  for (const c of t.columns) out.push(byName.get(c.name)!);

  for (const c of out) if (c.value.k === "sequence") sequenceFits(schema, c.name, c.value, c.type, rows, c.span);
  checkForeignKeys(schema, t, out, tables);
  return out;
}

/** A column's value through plain aliases (`day = date(tick)` read as `day`). */
function resolveLocal(x: Expr, columns: Map<string, ColumnPlan>, depth = 0): Expr {
  if (x.k !== "local" || depth > 50) return x;
  const c = columns.get(x.name);
  return c ? resolveLocal(c.value, columns, depth + 1) : x;
}

/** `pick(t, distinct)`, or a `let` holding one. */
function isDistinctRow(row: Expr, columns: Map<string, ColumnPlan>): boolean {
  if (row.k === "distinctPick") return row.among === "siblings";
  if (row.k !== "local") return false;
  const c = columns.get(row.name);
  return !!c && c.hidden && isDistinctRow(c.value, columns);
}

/**
 * An int computed from the ordinal, the parent row's columns, other such columns of the row, sizes and
 * constants, with no draw: the same for every attempt, so a repeat among siblings is a real repeat.
 */
function siblingFunction(e: Expr, columns: Map<string, ColumnPlan>, depth = 0): boolean {
  if (e.t.type.kind !== "int" || depth > 50) return false;
  let ok = true;
  let ordinal = false;
  walk(e, (x) => {
    if (x.k === "special" && x.which === "ordinal") ordinal = true;
    else if (x.k === "local") {
      const c = columns.get(x.name);
      const sub = c?.value;
      if (
        !sub ||
        (!(sub.k === "rowField" && isParentRow(sub.row, columns)) && !siblingFunction(sub, columns, depth + 1))
      )
        ok = false;
      if (sub && siblingFunction(sub, columns, depth + 1)) ordinal = true;
    } else if (x.k === "rowField") {
      if (!isParentRow(x.row, columns)) ok = false;
    } else if (!["const", "binary", "neg", "call", "size", "parentRow"].includes(x.k)) ok = false;
    else if (x.k === "call" && !["floor", "ceil", "round", "abs", "min", "max"].includes(x.fn)) ok = false;
  });
  return ok && ordinal;
}

/** `parent`, or a `let` that is `parent` (`let owner = parent`). */
function isParentRow(row: Expr, columns: Map<string, ColumnPlan>): boolean {
  if (row.k === "parentRow") return true;
  if (row.k !== "local") return false;
  const c = columns.get(row.name);
  return !!c && c.hidden && isParentRow(c.value, columns);
}

function injectiveInOrdinal(x: Expr, stepMs = 0): boolean {
  // In a time-series table `tick` is from + ordinal × step with step > 0.
  if (x.k === "special" && (x.which === "ordinal" || x.which === "tick")) return true;
  // `date(tick)` with a step of a day or more: one date per row of the series.
  if (x.k === "call" && x.fn === "toDate" && stepMs >= 86_400_000) return injectiveInOrdinal(x.args[0]!, stepMs);
  // `str(…)` of an int, date or timestamp writes canonical text: one string per value.
  if (x.k === "call" && x.fn === "str" && ["int", "date", "timestamp"].includes(x.args[0]?.t.type.kind ?? ""))
    return injectiveInOrdinal(x.args[0]!, stepMs);
  if (x.k === "binary" && (x.op === "add" || x.op === "sub"))
    return (
      (injectiveInOrdinal(x.l) && x.r.k === "const") || (x.op === "add" && injectiveInOrdinal(x.r) && x.l.k === "const")
    );
  return false;
}
