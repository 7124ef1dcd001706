/**
 * Go to definition: the declaration of the table, column, let, enum or enum member that the name at
 * the offset refers to (resolve.ts), as a location in the same document — `parent.x`, `pick(t).x`,
 * `t[i].x`, `@ref(t.c)`, a let's row, `rows: per t`, an enum type.
 *
 *   definitionAt(file, uri, ast, offsetOf("parent.id") + 8)   // { uri, range: <customers' `id` name> }
 */
import type { Location } from "vscode-languageserver";
import type { SourceFile } from "../../diagnostics/source.js";
import type { SchemaFile } from "../ast/nodes.js";
import { toRange } from "./positions.js";
import { resolveAt, type Target } from "./resolve.js";

export function definitionAt(file: SourceFile, uri: string, ast: SchemaFile, offset: number): Location | null {
  const resolved = resolveAt(ast, offset);
  return resolved ? { uri, range: toRange(file, nameSpan(resolved.target)) } : null;
}

function nameSpan(t: Target): { start: number; end: number } {
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
