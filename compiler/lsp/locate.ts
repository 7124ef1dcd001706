/**
 * The nodes of an AST that contain an offset, outermost first: `[SchemaFile, TableDecl, ColumnDecl,
 * Call, Member, Name]`. A generic walk over every property that holds nodes (anything with a span),
 * so a new kind of node needs nothing here. An offset at a node's end counts as inside it (the cursor
 * just after a name is on that name).
 *
 *   nodesAt(ast, offsetOf("parent.id") + 8)   // […, Member parent.id, Name id]
 */
import type { Span } from "../../diagnostics/span.js";
import type { SchemaFile } from "../ast/nodes.js";

/** Any node: an AST node with a `kind`, or a `Name` ({ text, span }). */
export interface AnyNode {
  readonly span: Span;
  readonly kind?: string;
  readonly [key: string]: unknown;
}

export function nodesAt(ast: SchemaFile, offset: number): AnyNode[] {
  const path: AnyNode[] = [ast as unknown as AnyNode];
  let node: AnyNode | undefined = path[0];
  while (node) {
    const next = childAt(node, offset);
    if (next) path.push(next);
    node = next;
  }
  return path;
}

function childAt(node: AnyNode, offset: number): AnyNode | undefined {
  let best: AnyNode | undefined;
  for (const key of Object.keys(node)) {
    if (key === "span") continue;
    const value = node[key];
    const candidates = Array.isArray(value) ? value : [value];
    for (const c of candidates) {
      if (!isNode(c) || c.span.start > offset || c.span.end < offset) continue;
      // Adjacent nodes share a boundary (`a+b` at the `+`): take the one that starts there, else the narrowest.
      if (!best || c.span.start > best.span.start || c.span.end - c.span.start < best.span.end - best.span.start)
        best = c;
    }
  }
  return best;
}

function isNode(x: unknown): x is AnyNode {
  if (typeof x !== "object" || x === null) return false;
  const span = (x as { span?: unknown }).span;
  return typeof span === "object" && span !== null && typeof (span as Span).start === "number";
}
