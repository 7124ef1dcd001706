/**
 * The depth limit of expressions. The parser reads a chain such as `1 + 1 + … + 1` or `a.b.c.…` in a
 * loop, but it becomes a tree as deep as the chain is long, and the checker and the emitter walk
 * trees by recursion: past `maxExpressionDepth` levels an expression is DG1021 at its span, before
 * any of them sees it. Measured here without recursion (an explicit stack), so that no input can
 * overflow this walk either.
 *
 * `x int = 1 + 1 + … (300 terms)` → DG1021 at the expression.
 */
import type { Expr, ExprKind, SchemaFile } from "./nodes.js";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";

/** The deepest expression tree accepted (docs/language.md, "Limits"). */
export const maxExpressionDepth = 256;

const exprKinds: ReadonlySet<string> = new Set<ExprKind>([
  "NumberLit",
  "StringLit",
  "TemplateLit",
  "BoolLit",
  "NullLit",
  "DateLit",
  "TimestampLit",
  "DurationLit",
  "RegexLit",
  "Ident",
  "Member",
  "Index",
  "Call",
  "Unary",
  "Binary",
  "IfExpr",
  "MatchExpr",
  "RangeExpr",
  "ObjectLit",
  "ArrayLit",
]);

interface Pending {
  readonly value: unknown;
  /** Expression levels above `value`. */
  readonly depth: number;
  /** The outermost expression `value` is in (one diagnostic per outermost expression). */
  readonly root: object | undefined;
}

/** One DG1021 per outermost expression of `ast` that is deeper than `maxExpressionDepth`. */
export function expressionDepthDiagnostics(ast: SchemaFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  const reported = new Set<object>();
  const stack: Pending[] = [{ value: ast, depth: 0, root: undefined }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, root } = next;
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (const element of value) stack.push({ value: element, depth: next.depth, root });
      continue;
    }
    const isExpr = exprKinds.has((value as { kind?: string }).kind ?? "");
    const depth = isExpr ? next.depth + 1 : next.depth;
    const outer = root ?? (isExpr ? value : undefined);
    if (depth > maxExpressionDepth && outer) {
      // Reported at the node that passes the limit, once for its outermost expression.
      if (!reported.has(outer))
        found.push(diag(messages.expressionTooDeep, (value as Expr).span, [maxExpressionDepth]));
      reported.add(outer);
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== "span" && typeof child === "object") stack.push({ value: child, depth, root: outer });
    }
  }
  return found;
}
