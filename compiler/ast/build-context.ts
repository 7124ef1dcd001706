/**
 * What the CST → AST builder shares: safe access to CST children (the parser recovers from errors, so
 * any child may be missing, and tokens inserted by recovery have no position), spans, and the list of
 * diagnostics found while computing literal values.
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Ident, Name, Span } from "./nodes.js";

export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];

  report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }
}

function isNode(element: CstElement): element is CstNode {
  return "children" in element;
}

/** A real token (not one invented by error recovery). */
function isRealToken(element: CstElement): element is IToken {
  return !isNode(element) && !element.isInsertedInRecovery && Number.isFinite(element.startOffset);
}

export function nodes(ctx: CstNode, key: string): CstNode[] {
  return (ctx.children[key] ?? []).filter(isNode);
}

export function node(ctx: CstNode, key: string): CstNode | undefined {
  return nodes(ctx, key)[0];
}

export function tokens(ctx: CstNode, key: string): IToken[] {
  return (ctx.children[key] ?? []).filter(isRealToken);
}

export function token(ctx: CstNode, key: string): IToken | undefined {
  return tokens(ctx, key)[0];
}

/** The only child node of `ctx`, whatever its rule (for rules that are one alternation). */
export function onlyChildNode(ctx: CstNode): CstNode | undefined {
  for (const list of Object.values(ctx.children)) {
    for (const element of list) if (isNode(element)) return element;
  }
  return undefined;
}

export function tokenSpan(tok: IToken): Span {
  return { start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset + tok.image.length - 1) + 1 };
}

/** The node's span, from its location; a node with no real token gets an empty span at `fallback`. */
export function nodeSpan(ctx: CstNode, fallback: Span): Span {
  const loc = ctx.location;
  if (!loc || !Number.isFinite(loc.startOffset) || !Number.isFinite(loc.endOffset)) {
    return { start: fallback.end, end: fallback.end };
  }
  return { start: loc.startOffset, end: (loc.endOffset as number) + 1 };
}

export function spanFrom(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** An empty span at the end of `span`: where something missing should have been. */
export function emptyAfter(span: Span): Span {
  return { start: span.end, end: span.end };
}

export function nameOf(tok: IToken | undefined, fallback: Span): Name {
  if (!tok) return { text: "", span: emptyAfter(fallback) };
  return { text: tok.image, span: tokenSpan(tok) };
}

/** Stands for an expression the parser could not read (only in files with syntax errors). */
export function missingExpr(at: Span): Ident {
  return { kind: "Ident", span: emptyAfter(at), name: "" };
}
