/**
 * The output block's `partition: t by expr` (v2 §16): the table must exist and the expression must be
 * one the runtime can route rows by — a column of the table (not a `let`, not a float, json, bytes or
 * array), or `year(c)`, `month(c)`, `day(c)` of a date or timestamp column. The result is the setting's
 * canonical text, which the runtime parses again (`runtime/partition.ts`), so the emitted program
 * carries one string.
 *
 *   partitionText(setting, schema)   // "readings by day(at)"
 */
import type * as A from "../ast/nodes.js";
import { reporter } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { SchemaInfo } from "./context.js";

const TIME_PARTS = ["year", "month", "day"];
/** Column types a row can be partitioned by as they are. */
const PLAIN_KINDS = ["int", "bigint", "string", "bool", "date", "timestamp", "enum", "decimal", "uuid"];

export function partitionText(s: A.PartitionSetting, schema: SchemaInfo): string | undefined {
  const err = reporter(schema.diagnostics);
  const table = schema.tables.get(s.table.text);
  if (table === undefined) {
    const help = didYouMean(s.table.text, [...schema.tables.keys()]);
    err(messages.partitionUnknownTable, s.table.span, [s.table.text], help ? { help } : {});
    return undefined;
  }
  const by = s.by;
  let fn: string | undefined;
  let col: A.Expr = by;
  if (by.kind === "Call" && by.callee.kind === "Ident" && by.args.length === 1 && by.args[0]!.name === undefined) {
    fn = by.callee.name;
    col = by.args[0]!.value;
  }
  const shape = "a column, or year(c), month(c) or day(c) of a date or timestamp column";
  if (col.kind !== "Ident" || (fn !== undefined && !TIME_PARTS.includes(fn))) {
    err(messages.badPartition, by.span, [table.name, `expected ${shape}`]);
    return undefined;
  }
  const column = table.columns.get(col.name);
  if (column === undefined || column.hidden) {
    const names = [...table.columns.values()].filter((c) => !c.hidden).map((c) => c.name);
    const help = didYouMean(col.name, names);
    err(messages.badPartition, col.span, [table.name, `it has no column '${col.name}'`], help ? { help } : {});
    return undefined;
  }
  const kind = column.type?.type.kind;
  if (fn !== undefined && kind !== "date" && kind !== "timestamp") {
    err(messages.badPartition, col.span, [table.name, `${fn}(${col.name}) needs a date or timestamp column`]);
    return undefined;
  }
  if (fn === undefined && kind !== undefined && !PLAIN_KINDS.includes(kind)) {
    err(messages.badPartition, col.span, [table.name, `a ${kind} column cannot name a folder; expected ${shape}`]);
    return undefined;
  }
  return `${table.name} by ${fn !== undefined ? `${fn}(${col.name})` : col.name}`;
}
