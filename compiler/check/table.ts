/**
 * Checks one table: its row count, columns (type, annotations, value or the type's default
 * generator), lets, `check` and `when` rules, and table settings; returns the table's plan parts.
 */
import type * as A from "../ast/nodes.js";
import { reporter } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { CheckPlan, ColumnPlan, Expr, NoisePlan, RowsPlan, RulePlan, Type, VType } from "../ir/ir.js";
import type { ColumnInfo, ExprScope, SchemaInfo, TableInfo } from "./context.js";
import { checkAnnotations } from "./annotations.js";
import { applyNoise, noiseSetting } from "./noise.js";

import { columnType, typeLetsInOrder } from "./names.js";
import { T, showVType, v } from "./types.js";
import { choiceSet } from "./choices.js";
import { checkEvery } from "./every.js";
import { spanText, type SourceFile } from "../../diagnostics/source.js";
import { fixedColumn } from "./fixed-rows.js";
import { assign } from "./assign.js";

export interface CheckedTable {
  readonly info: TableInfo;
  readonly rows: RowsPlan | undefined;
  readonly columns: ColumnPlan[];
  readonly rules: RulePlan[];
  readonly checks: CheckPlan[];
  readonly refs: Map<string, Set<string>>; // column/let → names it reads
  readonly ruleRefs: Set<string>[];
  readonly ruleTargets: string[][];
  readonly tableRefs: Set<string>;
  readonly uniqueLines: A.UniqueDecl[];
  readonly refSpans: Map<string, A.Span>;
  readonly primaryKeyLine?: A.PrimaryKeyDecl;
  readonly foreignKeyLines: A.ForeignKeyDecl[];
  /** The table's `geo:` line, checked against the finished columns in `geo.ts`. */
  readonly geoLine?: A.Setting;
}

export function checkTable(
  schema: SchemaInfo,
  file: SourceFile,
  info: TableInfo,
  counted: RowsPlan | undefined,
): CheckedTable {
  const decl = info.decl;
  const err = reporter(schema.diagnostics);
  const tableRefs = new Set<string>();
  if (info.parent) tableRefs.add(info.parent);
  const rows = checkRows(schema, info, tableRefs, counted);

  const columns: ColumnPlan[] = [];
  const refs = new Map<string, Set<string>>();
  const refSpans = new Map<string, A.Span>();
  const explicitNoise = new Map<string, { plan: NoisePlan; span: A.Span }>();
  let tableNoise: NoisePlan | undefined;
  let noiseSeen = false;
  let geoLine: A.Setting | undefined;
  typeLetsInOrder(schema, info);
  for (const c of info.columns.values()) {
    if (c.decl.kind === "LetDecl") {
      const t = columnType(schema, info, c, c.decl.name.span);
      if (!t || !c.checked) continue;
      refs.set(c.name, c.refs!);
      for (const r of c.tableRefs!) tableRefs.add(r);
      columns.push(letPlan(c, t));
      continue;
    }
    const col = c.decl;
    const type = c.type;
    if (!type) continue; // its type was reported unknown
    const ann = checkAnnotations(schema, col, type.type);
    const scope = schema.newScope(info, `column '${col.name.text}'`);
    let value: Expr | undefined;
    if (col.value) {
      value = scope.check(col.value, type.type);
      if (value) value = assign(schema, col.name.text, type, value, col.value.span);
    } else if (info.fixed) value = fixedColumn(schema, info, info.fixed, col, type);
    else if (fixedRowsFailed(info))
      continue; // its rows were reported: no default generator to stand in
    else value = defaultValue(schema, scope, type.type, ann.pk || ann.unique);
    refs.set(c.name, scope.refs);
    for (const r of scope.tableRefs) tableRefs.add(r);
    if (ann.ref) refSpans.set(c.name, ann.ref.span);
    if (!value) continue;
    const tags = [
      ...(ann.pk ? ["pk"] : []),
      ...(ann.unique ? ["unique"] : []),
      ...(ann.ref ? [`ref:${ann.ref.table}.${ann.ref.column}`] : []),
      ...(ann.pii ? ["pii"] : []),
      ...(ann.mask ? [`masked:${ann.mask}`] : []),
      ...(ann.encrypt ? ["encrypted"] : []),
    ];
    if (ann.noise) explicitNoise.set(c.name, ann.noise);
    columns.push({
      name: c.name,
      typeText: spanText(file, col.type.span),
      type: type.type,
      nullable: type.nullable,
      hidden: false,
      value,
      nullShare: ann.nullShare,
      validators: ann.validators,
      checked: ann.validators,
      pk: ann.pk,
      unique: ann.unique,
      ...(ann.ref ? { ref: { table: ann.ref.table, column: ann.ref.column } } : {}),
      stable: false,
      tags,
      ...(ann.pii || ann.mask || ann.encrypt
        ? { privacy: { pii: ann.pii, ...(ann.mask ? { mask: ann.mask } : {}), encrypt: ann.encrypt } }
        : {}),
      span: col.span,
    });
  }

  const rules: RulePlan[] = [];
  const ruleRefs: Set<string>[] = [];
  const ruleTargets: string[][] = [];
  const checks: CheckPlan[] = [];
  const uniqueLines: A.UniqueDecl[] = [];
  let primaryKeyLine: A.PrimaryKeyDecl | undefined;
  const foreignKeyLines: A.ForeignKeyDecl[] = [];
  const knownColumns = (names: readonly A.Name[]) => {
    let ok = true;
    for (const n of names)
      if (!info.columns.has(n.text) || info.columns.get(n.text)!.hidden) {
        const help = didYouMean(
          n.text,
          [...info.columns.values()].filter((c) => !c.hidden).map((c) => c.name),
        );
        err(messages.unknownColumn, n.span, [n.text, info.name], help ? { help } : {});
        ok = false;
      }
    return ok;
  };
  for (const item of decl.items) {
    switch (item.kind) {
      case "CheckDecl": {
        const scope = schema.newScope(info, "a check");
        const c = scope.check(item.condition, T.bool);
        for (const r of scope.tableRefs) tableRefs.add(r);
        if (!c) break;
        if (c.t.type.kind !== "bool" || c.t.nullable) {
          err(messages.conditionNotBool, item.condition.span, ["'check'", showVType(c.t)]);
          break;
        }
        checks.push({ condition: c, text: spanText(file, item.condition.span), span: item.condition.span });
        break;
      }
      case "WhenDecl": {
        const scope = schema.newScope(info, "a 'when' rule");
        const c = scope.check(item.condition, T.bool);
        if (c && (c.t.type.kind !== "bool" || c.t.nullable))
          err(messages.conditionNotBool, item.condition.span, ["'when'", showVType(c.t)]);
        const assignments: { column: string; value: Expr }[] = [];
        const targets: string[] = [];
        let ok = !!c;
        for (const a of item.assignments) {
          const target = info.columns.get(a.target.text);
          if (!target || target.hidden) {
            const help = didYouMean(
              a.target.text,
              [...info.columns.values()].filter((x) => !x.hidden).map((x) => x.name),
            );
            err(messages.assignToUnknown, a.target.span, [a.target.text, info.name], help ? { help } : {});
            ok = false;
            continue;
          }
          const isKey =
            target.decl.kind === "ColumnDecl" &&
            target.decl.annotations.some((x) => x.name.text === "pk" || x.name.text === "unique");
          if (isKey) {
            err(messages.keyRedrawn, a.target.span, [a.target.text]);
            ok = false;
            continue;
          }
          if (!target.type) {
            ok = false;
            continue;
          }
          const x = scope.check(a.value, target.type.type);
          const assigned = x && assign(schema, a.target.text, target.type, x, a.value.span);
          if (!assigned) {
            ok = false;
            continue;
          }
          assignments.push({ column: a.target.text, value: assigned });
          targets.push(a.target.text);
        }
        for (const r of scope.tableRefs) tableRefs.add(r);
        if (!ok || !c) break;
        rules.push({ kind: "when", condition: c, assignments, text: spanText(file, item.span) });
        ruleRefs.push(scope.refs);
        ruleTargets.push(targets);
        break;
      }
      case "UniqueDecl":
        for (const n of item.columns)
          if (!info.columns.has(n.text)) {
            const help = didYouMean(n.text, info.columns.keys());
            err(messages.unknownColumn, n.span, [n.text, info.name], help ? { help } : {});
          }
        uniqueLines.push(item);
        break;
      case "PrimaryKeyDecl":
        if (
          primaryKeyLine ||
          decl.items.some((i) => i.kind === "ColumnDecl" && i.annotations.some((a) => a.name.text === "pk"))
        )
          err(messages.duplicateName, item.span, ["primary key of table", info.name]);
        else if (knownColumns(item.columns)) primaryKeyLine = item;
        break;
      case "ForeignKeyDecl":
        if (knownColumns(item.columns)) foreignKeyLines.push(item);
        break;
      case "CorrelateDecl":
        break; // checked with the table's finished columns: correlate.ts
      case "Setting":
        if (item.name.text === "geo") {
          if (geoLine) err(messages.duplicateName, item.name.span, ["table setting", "geo"]);
          else geoLine = item;
        } else if (item.name.text === "noise") {
          if (noiseSeen) err(messages.duplicateName, item.name.span, ["table setting", "noise"]);
          else tableNoise = noiseSetting(schema, item);
          noiseSeen = true;
        } else {
          const help = didYouMean(item.name.text, ["rows", "noise", "geo"]);
          err(messages.unknownSetting, item.name.span, [item.name.text, `table '${info.name}'`], help ? { help } : {});
        }
        break;
      default:
        break;
    }
  }
  applyNoise(schema, columns, explicitNoise, tableNoise, uniqueLines);
  if (primaryKeyLine) {
    // `primary key (a, b)` marks its columns as the table's key, as `@pk` on each would.
    const names = primaryKeyLine.columns.map((n) => n.text);
    for (let i = 0; i < columns.length; i++)
      if (names.includes(columns[i]!.name)) {
        const c = columns[i]!;
        columns[i] = { ...c, pk: true, tags: c.tags.includes("pk") ? c.tags : ["pk", ...c.tags] };
      }
  }
  return {
    info,
    rows,
    columns,
    rules,
    checks,
    refs,
    ruleRefs,
    ruleTargets,
    tableRefs,
    uniqueLines,
    refSpans,
    ...(primaryKeyLine ? { primaryKeyLine } : {}),
    foreignKeyLines,
    ...(geoLine ? { geoLine } : {}),
  };
}

/** A fixed table (inline rows or a file) whose rows could not be read. */
function fixedRowsFailed(info: TableInfo): boolean {
  const rows = info.decl.items.find((i): i is A.RowsDecl => i.kind === "RowsDecl");
  const v = rows?.count.kind === "FixedRows" ? rows.count.value : undefined;
  return (
    v !== undefined &&
    (v.kind === "ArrayLit" || (v.kind === "Call" && v.callee.kind === "Ident" && v.callee.name === "from_file"))
  );
}

function letPlan(c: ColumnInfo, t: VType): ColumnPlan {
  return {
    name: c.name,
    typeText: showVType(t),
    type: t.type,
    nullable: t.nullable,
    hidden: true,
    value: c.checked!,
    nullShare: 0,
    validators: [],
    checked: [],
    pk: false,
    unique: false,
    stable: false,
    tags: [],
    span: c.decl.span,
  };
}

/** The default generator of a type (§3), for a column written without `= expression`. */
function defaultValue(schema: SchemaInfo, scope: ExprScope, t: Type, key: boolean): Expr | undefined {
  const int = (n: number): Expr => ({ k: "const", t: v(T.int), v: n });
  const gen = (fn: "uniformInt" | "uniformFloat" | "bernoulli" | "uuid", type: Type, args: Expr[]): Expr => ({
    k: "gen",
    t: v(type),
    fn,
    args,
    slot: scope.slot++,
  });
  switch (t.kind) {
    case "int":
    case "bigint":
      return key ? { k: "sequence", t: v(T.int), start: 1, step: 1 } : gen("uniformInt", T.int, [int(0), int(1000)]);
    case "float":
      return gen("uniformFloat", T.float, [int(0), int(1)]);
    case "decimal":
      return gen("uniformFloat", T.float, [int(0), int(Math.min(1000, 10 ** (t.precision - t.scale) - 1))]);
    case "string":
      return { k: "faker", t: v(T.string), path: ["lorem", "word"], args: [], slot: scope.slot++ };
    case "bool":
      return gen("bernoulli", T.bool, [{ k: "const", t: v(T.float), v: 0.5 }]);
    case "date":
      return gen("uniformInt", T.date, [int(schema.epochDays - 365), int(schema.epochDays)]);
    case "timestamp":
      return gen("uniformInt", T.timestamp, [
        int((schema.epochDays - 365) * 86_400_000),
        int(schema.epochDays * 86_400_000),
      ]);
    case "uuid":
      return gen("uuid", T.uuid, []);
    case "enum": {
      const en = schema.enums.get(t.name)!;
      return { k: "choice", t: v(t), choices: choiceSet(schema, en.values, en.weights), slot: scope.slot++ };
    }
    case "json":
      return { k: "object", t: v(t), entries: [] };
    default:
      return undefined;
  }
}

function checkRows(
  schema: SchemaInfo,
  info: TableInfo,
  tableRefs: Set<string>,
  counted: RowsPlan | undefined,
): RowsPlan | undefined {
  const err = reporter(schema.diagnostics);
  const decls = info.decl.items.filter((i): i is A.RowsDecl => i.kind === "RowsDecl");
  if (decls.length === 0) {
    err(messages.noRows, info.decl.name.span, [info.name]);
    return undefined;
  }
  for (const extra of decls.slice(1)) err(messages.duplicateRows, extra.span, [info.name]);
  const count = decls[0]!.count;
  if (count.kind === "FixedRows") return counted; // resolved before the tables (fixed-rows.ts), reported there
  if (!info.parent) return undefined; // unknown parent, reported when the table was declared
  // The count per parent and a time series' step and bounds read nothing of the child row: they are
  // checked in a scope without columns.
  const bare: TableInfo = {
    name: info.name,
    decl: info.decl,
    columns: new Map(),
    parent: info.parent,
    timeSeries: false,
  };
  if (count.every) {
    // Constants only (every.ts).
    return checkEvery(schema.newScope(bare, "the time series"), count, count.every, info.parent);
  }
  if (!count.count) {
    err(messages.badRows, count.span, [
      "'per' needs a count per parent, such as 'per customers poisson(2.1)' or 'per orders 1..5'",
    ]);
    return undefined;
  }
  const scope = schema.newScope(bare, "the row count");
  const c = count.count;
  let expr: Expr | undefined;
  if (c.kind === "RangeExpr") {
    const lo = scope.check(c.low);
    const hi = scope.check(c.high);
    if (!lo || !hi) return undefined;
    if (
      lo.k !== "const" ||
      hi.k !== "const" ||
      typeof lo.v !== "number" ||
      typeof hi.v !== "number" ||
      !Number.isInteger(lo.v) ||
      !Number.isInteger(hi.v) ||
      lo.v < 0
    ) {
      err(messages.badRows, c.span, ["a range of children is two whole numbers of at least 0, such as 1..5"]);
      return undefined;
    }
    if (lo.v > hi.v) {
      err(messages.loAboveHi, c.span, ["the range"]);
      return undefined;
    }
    expr = { k: "gen", t: v(T.int), fn: "uniformInt", args: [lo, hi], slot: scope.slot++ };
  } else {
    expr = scope.check(c, T.int);
    if (!expr) return undefined;
    if (expr.t.type.kind !== "int" || expr.t.nullable) {
      err(messages.badRows, c.span, [
        `the count per parent must be a whole number, found ${showVType(expr.t)}; wrap it in round()`,
      ]);
      return undefined;
    }
  }
  for (const r of scope.tableRefs) tableRefs.add(r);
  return { kind: "per", parent: info.parent, count: expr };
}
