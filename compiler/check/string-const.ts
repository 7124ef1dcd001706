/**
 * A string literal where a value is expected: text, or an enum member where the expected type is an
 * enum (`payment == "cash"` checks "cash" against the enum of `payment`).
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Expr, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { report } from "./report.js";
import { T, v } from "./types.js";

/** A string literal; where an enum is expected it must name a member. */
export function stringConst(scope: ExprScope, value: string, span: A.Span, expected?: Type): Expr | undefined {
  if (expected?.kind === "enum") {
    if (!expected.values.includes(value))
      return report(scope, messages.unknownEnumMember, span, [value, expected.name], {
        ...(didYouMean(value, expected.values) ? { help: didYouMean(value, expected.values)! } : {}),
      });
    return { k: "const", t: v(expected), v: value };
  }
  return { k: "const", t: v(T.string), v: value };
}
