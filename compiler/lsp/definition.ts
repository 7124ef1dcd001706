/**
 * Go to definition: the span of the declaration's name of the table, column, let, enum or enum member
 * that the name at the offset refers to (resolve.ts) — `parent.x`, `pick(t).x`, `t[i].x`, `@ref(t.c)`,
 * a let's row, `rows: per t`, an enum type. The server turns it into a location in the same document.
 *
 *   definitionAt(ast, offsetOf("parent.id") + 8)   // the span of `id` in `table customers`
 */
import type { Span } from "../../diagnostics/span.js";
import type { SchemaFile } from "../ast/nodes.js";
import { resolveAt, type Target } from "./resolve.js";

export function definitionAt(ast: SchemaFile, offset: number): Span | null {
  const resolved = resolveAt(ast, offset);
  return resolved ? nameSpan(resolved.target) : null;
}

function nameSpan(t: Target): Span {
  switch (t.kind) {
    case "table":
    case "enum":
      return t.decl.name.span;
    case "column":
      return t.field.name.span;
    case "enumMember":
      return t.member.name.span;
  }
}
