/**
 * Reporting from inside expression checks: every checker module reports through here, so none of
 * them needs the expression checker itself (which reaches them through the call table of `calls.ts`
 * and `scope.check`): the imports of `compiler/check/` run one way.
 */
import type * as A from "../ast/nodes.js";
import { diag, type DiagnosticExtras } from "../../diagnostics/diagnostic.js";
import { messages, type MessageDef } from "../../diagnostics/messages.js";
import type { Expr } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { showType } from "./types.js";

export function report<A extends readonly unknown[]>(
  scope: ExprScope,
  def: MessageDef<A>,
  span: A.Span,
  args: A,
  extras?: DiagnosticExtras,
): undefined {
  scope.schema.diagnostics.push(diag(def, span, args, extras));
  return undefined;
}

/** Rejects a nullable value where a definite one is needed. */
export function requireNonNull(scope: ExprScope, e: Expr, span: A.Span): Expr | undefined {
  if (e.t.nullable) return report(scope, messages.nullableOperand, span, [`This ${showType(e.t.type)} value`]);
  return e;
}
