/**
 * Where expressions are checked: a scope binds the schema, the table whose row the expression reads,
 * and the expression checker itself (`scope.check`). Checker modules call `scope.check` and
 * `schema.newScope` instead of importing `expr.ts`, so `compiler/check/` imports one way:
 * `scope.ts` → `expr.ts` → the call table (`calls.ts`) → the call checkers → `report.ts`.
 */
import type { ExprScope, SchemaInfo, TableInfo } from "./context.js";
import { checkExpr } from "./expr.js";
import { noGuards } from "./guards.js";

export function newScope(schema: SchemaInfo, table: TableInfo, where: string, selfName?: string): ExprScope {
  const scope: ExprScope = {
    schema,
    table,
    slot: 0,
    refs: new Set(),
    tableRefs: new Set(),
    where,
    guards: noGuards,
    check: (e, expected) => checkExpr(scope, e, expected),
    ...(selfName ? { selfName } : {}),
  };
  return scope;
}
