/**
 * Storing a value into a column (§2): nullability, assignability (an int widens to float and decimal;
 * a float into an int needs rounding) and, for integer columns, the range of a constant.
 */
import type * as A from "../ast/nodes.js";
import { reporter } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, VType } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";
import { literalFits } from "./int-ranges.js";
import { assignable, showType } from "./types.js";

/** Checks that a value fits its column (§2) and returns it, or reports and returns undefined. */
export function assign(schema: SchemaInfo, column: string, type: VType, value: Expr, span: A.Span): Expr | undefined {
  const err = reporter(schema.diagnostics);
  if (value.t.nullable && !type.nullable) {
    err(messages.nullIntoNonNullable, span, [column]);
    return undefined;
  }
  switch (assignable(value.t.type, type.type)) {
    case "ok":
      return literalFits(schema, value, type.type, span) ? value : undefined;
    case "needsRounding":
      err(messages.needsRounding, span, [column]);
      return undefined;
    case "mismatch":
      err(messages.columnTypeMismatch, span, [column, showType(type.type), showType(value.t.type)]);
      return undefined;
  }
}
