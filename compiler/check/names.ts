/**
 * Name resolution inside expressions: columns and lets of the row, `parent`, `index`, `ordinal`,
 * `epoch`, `tick`, fields of other rows (`parent.id`, `product.price`, `place.city`) and enum members
 * (`Status.paid`). Every failed lookup carries a did-you-mean.
 */
import type * as A from "../ast/nodes.js";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { recordField } from "./realism-calls.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Expr, VType } from "../ir/ir.js";
import type { ColumnInfo, ExprScope, SchemaInfo, TableInfo } from "./context.js";
import type { ParamInfo } from "./params.js";
import { weightColumnOf } from "./from-file.js";
import { report } from "./report.js";
import { T, showType, v } from "./types.js";

const specials = ["index", "ordinal", "epoch", "tick", "parent", "prev"];

/** A parameter read in an expression: its value in force, as a constant. */
function paramConst(p: ParamInfo): Expr {
  return { k: "const", t: v(p.type), v: p.value };
}

/** The lets whose types are being inferred, outermost first: names a cycle among them. */
const inferring: ColumnInfo[] = [];

/**
 * The most lets inferred inside one another (docs/language.md, "Limits"). `typeLetsInOrder` types
 * every let outside a cycle before its readers, so only lets that read each other in a loop nest;
 * each level costs a few checker frames, and Node's stack holds some thousands.
 */
export const maxLetNesting = 500;
/** Tables whose lets passed `maxLetNesting` (reported once each). */
const tooLong = new WeakSet<TableInfo>();

/** The type of a column or let, inferring a let's type from its expression on first use. */
export function columnType(schema: SchemaInfo, table: TableInfo, info: ColumnInfo, at: A.Span): VType | undefined {
  if (info.type) return info.type;
  if (info.decl.kind !== "LetDecl" || info.failed) return undefined;
  if (!info.inferring && inferring.length >= maxLetNesting) {
    // A loop of lets this long is not followed to its end: every let in it fails, reported once a table.
    for (const on of inferring) on.failed = true;
    info.failed = true;
    if (tooLong.has(table)) return undefined;
    tooLong.add(table);
    schema.diagnostics.push(
      diag(messages.letLoopTooLong, at, [info.name, maxLetNesting], {
        notes: [{ message: `'${inferring[0]!.name}' starts the chain`, span: inferring[0]!.decl.name.span }],
      }),
    );
    return undefined;
  }
  if (info.inferring) {
    // Every let on the cycle fails, so the cycle is reported once, where it closes.
    const onCycle = inferring.slice(inferring.indexOf(info));
    for (const on of onCycle) on.failed = true;
    const cycle = [...onCycle, info].map((c) => c.name).join(" → ");
    schema.diagnostics.push(
      diag(messages.columnCycle, at, [cycle], {
        notes: [{ message: `'${info.name}' is declared here`, span: info.decl.name.span }],
      }),
    );
    return undefined;
  }
  info.inferring = true;
  inferring.push(info);
  const scope = schema.newScope(table, `'${info.name}'`);
  const x = scope.check(info.decl.value);
  inferring.pop();
  info.inferring = false;
  if (!x) {
    info.failed = true; // reported once; readers of this let report nothing more
    return undefined;
  }
  info.checked = x;
  info.refs = scope.refs;
  info.tableRefs = scope.tableRefs;
  info.type = x.t;
  return x.t;
}

/**
 * Types the lets of `table` readers last, so that inferring one never recurses down a chain of lets
 * declared in reverse (`let l0 = l1 + 1`, `let l1 = l2 + 1`, … 20 000 of them): the lets a let's
 * expression names (a syntactic over-approximation) are typed first. Strongly connected components
 * are found without recursion (Tarjan, with an explicit stack) and come out dependencies first; a let
 * on a loop of names (or naming itself) is left to `columnType` on first use, which reports a real
 * cycle where it closes, as before — unless the loop is longer than `maxLetNesting`.
 */
export function typeLetsInOrder(schema: SchemaInfo, table: TableInfo): void {
  const lets = [...table.columns.values()].filter((c) => c.decl.kind === "LetDecl" && !c.type && !c.failed);
  if (lets.length < 2) return;
  const names = new Map(lets.map((c) => [c.name, c]));
  const reads = new Map(
    lets.map((c) => [c, [...namesIn((c.decl as A.LetDecl).value)].flatMap((n) => names.get(n) ?? [])]),
  );
  const index = new Map<ColumnInfo, number>();
  const low = new Map<ColumnInfo, number>();
  const onStack = new Set<ColumnInfo>();
  const stack: ColumnInfo[] = [];
  for (const root of lets) {
    if (index.has(root)) continue;
    const frames: { c: ColumnInfo; next: number }[] = [];
    const enter = (c: ColumnInfo) => {
      index.set(c, index.size);
      low.set(c, index.get(c)!);
      stack.push(c);
      onStack.add(c);
      frames.push({ c, next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      const deps = reads.get(f.c)!;
      if (f.next < deps.length) {
        const d = deps[f.next++]!;
        if (!index.has(d)) enter(d);
        else if (onStack.has(d)) low.set(f.c, Math.min(low.get(f.c)!, index.get(d)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const up = frames[frames.length - 1]!.c;
        low.set(up, Math.min(low.get(up)!, low.get(f.c)!));
      }
      if (low.get(f.c) !== index.get(f.c)) continue;
      const component: ColumnInfo[] = [];
      for (let c = stack.pop()!; ; c = stack.pop()!) {
        onStack.delete(c);
        component.push(c);
        if (c === f.c) break;
      }
      const only = component[0]!;
      if (component.length === 1 && !reads.get(only)!.includes(only))
        columnType(schema, table, only, only.decl.name.span);
      else if (component.length > maxLetNesting)
        // Too long a loop of names to leave to first use: deepest first (the order they leave the
        // stack), so a loop that one false read closes (`sum(child, x)`) types without nesting.
        for (const c of component) columnType(schema, table, c, c.decl.name.span);
    }
  }
}

/** The plain names an expression mentions (not called ones), found without recursion. */
function namesIn(e: A.Expr): Set<string> {
  const found = new Set<string>();
  const todo: unknown[] = [e];
  for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
    if (typeof x !== "object" || x === null) continue;
    if (Array.isArray(x)) {
      todo.push(...(x as unknown[]));
      continue;
    }
    const node = x as { kind?: string };
    if (node.kind === "Ident") found.add((x as A.Ident).name);
    else if (node.kind === "Call") todo.push((x as A.Call).args);
    else for (const [k, v] of Object.entries(x)) if (k !== "span") todo.push(v);
  }
  return found;
}

export function resolveName(scope: ExprScope, e: A.Ident): Expr | undefined {
  const { table, schema } = scope;
  const info = table.columns.get(e.name);
  if (info) {
    const t = columnType(schema, table, info, e.span);
    if (!t) return undefined;
    scope.refs.add(e.name);
    return { k: "local", t, name: e.name };
  }
  switch (e.name) {
    case "index":
      return { k: "special", t: v(T.int), which: "index" };
    case "epoch":
      return { k: "const", t: v(T.date), v: schema.epochDays };
    case "ordinal":
      if (!table.parent) return report(scope, messages.noParent, e.span, ["ordinal"]);
      return { k: "special", t: v(T.int), which: "ordinal" };
    case "parent":
      if (!table.parent) return report(scope, messages.noParent, e.span, ["parent"]);
      scope.tableRefs.add(table.parent);
      return { k: "parentRow", t: v({ kind: "row", table: table.parent }) };
    case "tick":
      if (!table.timeSeries) return report(scope, messages.noTick, e.span, []);
      return { k: "special", t: v(T.timestamp), which: "tick" };
    case "prev":
      if (!table.parent) return report(scope, messages.noPrev, e.span, []);
      if (scope.guards.ordinal < 1)
        return report(scope, messages.unguardedEarlierRow, e.span, ["'prev'", "ordinal == 0"]);
      scope.tableRefs.add(table.name);
      return { k: "prevRow", t: v({ kind: "row", table: table.name }), table: table.name };
  }
  const param = schema.params.get(e.name);
  if (param) return paramConst(param);
  if (e.name === "pi") return { k: "const", t: v(T.float), v: Math.PI };
  const candidates = [...table.columns.keys(), ...specials, ...schema.params.keys()];
  // Where no column is in scope (a row count, a fixed row's field) a name can only be a parameter.
  if (table.columns.size === 0) {
    const help = didYouMean(e.name, schema.params.keys());
    return report(scope, messages.unknownParam, e.span, [e.name], help ? { help } : {});
  }
  const help = didYouMean(e.name, candidates);
  if (schema.tables.has(e.name))
    return report(scope, messages.unknownName, e.span, [e.name], {
      help: `'${e.name}' is a table; draw one of its rows with pick(${e.name})`,
    });
  return report(scope, messages.unknownColumn, e.span, [e.name, table.name], help ? { help } : {});
}

/** `faker.person.firstName` (no call): the path, when `e` is a member of a faker module. */
function fakerMethodPath(scope: ExprScope, e: A.Member): string | undefined {
  const parts = [e.property.text];
  let object = e.object;
  while (object.kind === "Member") {
    parts.unshift(object.property.text);
    object = object.object;
  }
  if (object.kind !== "Ident" || object.name !== "faker" || scope.table.columns.has("faker")) return undefined;
  return ["faker", ...parts].join(".");
}

export function resolveMember(scope: ExprScope, e: A.Member): Expr | undefined {
  const { schema } = scope;
  if (e.object.kind === "Ident" && !scope.table.columns.has(e.object.name)) {
    const en = schema.enums.get(e.object.name);
    if (en) {
      const member = e.property.text;
      if (!en.values.includes(member)) {
        const help = didYouMean(member, en.values);
        return report(scope, messages.unknownEnumMember, e.property.span, [member, en.name], help ? { help } : {});
      }
      return { k: "const", t: v({ kind: "enum", name: en.name, values: en.values }), v: member };
    }
    if (e.object.name === "faker")
      return report(scope, messages.fakerModule, e.span, [`faker.${e.property.text}`], {
        help: `call one of its methods, such as faker.person.firstName()`,
      });
  }
  const method = fakerMethodPath(scope, e);
  if (method !== undefined) {
    const fix = { span: { start: e.span.end, end: e.span.end }, replacement: "()" };
    return report(scope, messages.fakerNeedsCall, e.span, [method], { help: `write ${method}()`, fix });
  }
  const object = scope.check(e.object);
  if (!object) return undefined;
  const t = object.t.type;
  const field = e.property.text;
  if (t.kind === "row") {
    const target = schema.tables.get(t.table)!;
    const info = target.columns.get(field);
    if (!info) {
      const help = didYouMean(field, target.columns.keys());
      return report(scope, messages.unknownColumn, e.property.span, [field, t.table], help ? { help } : {});
    }
    const ft = columnType(schema, target, info, e.property.span);
    if (!ft) return undefined;
    scope.tableRefs.add(t.table);
    return { k: "rowField", t: ft, table: t.table, row: object, column: field };
  }
  if (t.kind === "fileRow") {
    if (!t.fields.includes(field)) {
      const help = didYouMean(field, t.fields);
      const file = schema.files.find((f) => f.id === t.data);
      const path = file?.path ?? t.data;
      if (file && weightColumnOf(file) === field)
        return report(scope, messages.weightNotField, e.property.span, [field, path], {
          help: `drop 'weight:' to read it as a field; the draw is then uniform`,
        });
      return report(scope, messages.unknownField, e.property.span, [field, `A row of '${path}'`], help ? { help } : {});
    }
    return { k: "fileField", t: v(T.string), data: t.data, field, row: object };
  }
  if (t.kind === "record") return recordField(scope, object, e.property);
  return report(scope, messages.fieldOfNonRow, e.span, [showType(t)]);
}
