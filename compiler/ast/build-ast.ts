/**
 * CST → AST: the only code (with `build-expr.ts`) that knows the shape of the concrete syntax tree of
 * `grammar/`. Spans are exact: offsets into the text, end exclusive.
 *
 * Where the parser recovered from an error, a missing name is `""` and a missing expression is an
 * `Ident` named `""` with an empty span; such a file always has syntax diagnostics.
 *
 * `buildAst(parseCst("dataset d { seed: 1 }").cst, 21).ast.datasets[0].settings[0].name.text` → `"seed"`.
 */
import type { CstNode, IToken } from "chevrotain";
import { describeToken, expectedTableItem } from "../../grammar/index.js";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import {
  BuildContext,
  node,
  nodes,
  nodeSpan,
  nameOf,
  onlyChildNode,
  token,
  tokens,
  tokenSpan,
} from "./build-context.js";
import { buildArgs, buildExpr, stringLit } from "./build-expr.js";
import type {
  Annotation,
  Assignment,
  ColumnDecl,
  CorrelateDecl,
  CorrelationPair,
  DatasetDecl,
  EnumDecl,
  EnumMember,
  EveryClause,
  Name,
  OutputDecl,
  ParamDecl,
  PartitionSetting,
  RowCount,
  RowsDecl,
  SchemaFile,
  Setting,
  Span,
  TableDecl,
  TableItem,
  TopItem,
  TypeRef,
  WhenDecl,
} from "./nodes.js";

export interface BuildResult {
  readonly ast: SchemaFile;
  /** Problems found in literal values: bad dates, escapes, regexes, numbers, empty `{}`. */
  readonly diagnostics: Diagnostic[];
}

export function buildAst(cst: CstNode, textLength: number): BuildResult {
  const cx = new BuildContext();
  const span: Span = { start: 0, end: textLength };
  const items: TopItem[] = [];
  for (const item of nodes(cst, "items")) {
    const built = topItem(cx, item, nodeSpan(item, span));
    if (built) items.push(built);
  }
  const ast: SchemaFile = {
    kind: "SchemaFile",
    span,
    datasets: items.filter((i): i is DatasetDecl => i.kind === "DatasetDecl"),
    enums: items.filter((i): i is EnumDecl => i.kind === "EnumDecl"),
    tables: items.filter((i): i is TableDecl => i.kind === "TableDecl"),
    outputs: items.filter((i): i is OutputDecl => i.kind === "OutputDecl"),
    params: items.filter((i): i is ParamDecl => i.kind === "ParamDecl"),
    items,
  };
  return { ast, diagnostics: cx.diagnostics };
}

function topItem(cx: BuildContext, ctx: CstNode, span: Span): TopItem | undefined {
  switch (ctx.name) {
    case "datasetDecl":
      return {
        kind: "DatasetDecl",
        span,
        name: nameOf(token(ctx, "Identifier"), span),
        settings: settings(cx, ctx, span),
      };
    case "enumDecl":
      return {
        kind: "EnumDecl",
        span,
        name: nameOf(token(ctx, "Identifier"), span),
        members: enumMembers(cx, ctx, span),
      };
    case "tableDecl":
      return tableDecl(cx, ctx, span);
    case "outputDecl":
      return outputDecl(cx, ctx, span);
    case "paramDecl": {
      const name = nameOf(token(ctx, "Identifier"), span);
      return {
        kind: "ParamDecl",
        span,
        name,
        type: typeRef(cx, node(ctx, "typeRef"), name.span),
        value: buildExpr(cx, node(ctx, "expression"), span),
      };
    }
    default:
      return undefined;
  }
}

function setting(cx: BuildContext, ctx: CstNode, at: Span): Setting {
  const span = nodeSpan(ctx, at);
  return {
    kind: "Setting",
    span,
    name: nameOf(token(ctx, "Identifier"), span),
    value: buildExpr(cx, node(ctx, "expression"), span),
  };
}

function settings(cx: BuildContext, ctx: CstNode, at: Span): Setting[] {
  return nodes(ctx, "setting").map((s) => setting(cx, s, at));
}

function enumMembers(cx: BuildContext, ctx: CstNode, at: Span): EnumMember[] {
  return nodes(ctx, "enumMember").map((m): EnumMember => {
    const span = nodeSpan(m, at);
    const quotedToken = token(m, "StringLit");
    const quoted = quotedToken !== undefined && token(m, "Identifier") === undefined;
    const name = quoted
      ? { text: stringLit(cx, quotedToken).value, span: tokenSpan(quotedToken) }
      : nameOf(token(m, "Identifier"), span);
    const weight = node(m, "expression");
    return weight
      ? { kind: "EnumMember", span, name, quoted, weight: buildExpr(cx, weight, span) }
      : { kind: "EnumMember", span, name, quoted };
  });
}

// ---------------------------------------------------------------- tables

/** Items in source order; each run of `skipped` tokens (where no item starts) is one syntax error. */
function tableDecl(cx: BuildContext, ctx: CstNode, span: Span): TableDecl {
  const entries = [...nodes(ctx, "tableItem"), ...nodes(ctx, "skipped")];
  entries.sort((a, b) => nodeSpan(a, span).start - nodeSpan(b, span).start);
  const items: TableItem[] = [];
  let previous: CstNode | undefined;
  for (const entry of entries) {
    if (entry.name === "skipped") {
      const first = firstToken(entry);
      if (previous?.name !== "skipped" && first) {
        cx.report(diag(messages.unexpectedToken, tokenSpan(first), [describeToken(first), expectedTableItem]));
      }
    } else {
      const item = onlyChildNode(entry);
      const built = item && tableItem(cx, item, nodeSpan(item, nodeSpan(entry, span)));
      if (built) items.push(built);
    }
    previous = entry;
  }
  return { kind: "TableDecl", span, name: nameOf(token(ctx, "Identifier"), span), items };
}

function firstToken(ctx: CstNode): IToken | undefined {
  let first: IToken | undefined;
  for (const list of Object.values(ctx.children)) {
    for (const element of list) {
      const candidate = "children" in element ? firstToken(element) : element;
      if (
        candidate &&
        Number.isFinite(candidate.startOffset) &&
        (!first || candidate.startOffset < first.startOffset)
      ) {
        first = candidate;
      }
    }
  }
  return first;
}

function tableItem(cx: BuildContext, ctx: CstNode, span: Span): TableItem | undefined {
  const expr = () => buildExpr(cx, node(ctx, "expression"), span);
  const name = () => nameOf(token(ctx, "Identifier"), span);
  switch (ctx.name) {
    case "rowsDecl":
      return rowsDecl(cx, ctx, span);
    case "columnDecl":
      return columnDecl(cx, ctx, span);
    case "letDecl":
      return { kind: "LetDecl", span, name: name(), value: expr() };
    case "checkDecl":
      return { kind: "CheckDecl", span, condition: expr() };
    case "whenDecl":
      return whenDecl(cx, ctx, span);
    case "uniqueDecl":
      return { kind: "UniqueDecl", span, columns: tokens(ctx, "columns").map((t) => nameOf(t, span)) };
    case "primaryKeyDecl":
      return { kind: "PrimaryKeyDecl", span, columns: nameList(node(ctx, "columns"), span) };
    case "foreignKeyDecl":
      return {
        kind: "ForeignKeyDecl",
        span,
        columns: nameList(node(ctx, "columns"), span),
        table: nameOf(token(ctx, "table"), span),
        refColumns: nameList(node(ctx, "refColumns"), span),
      };
    case "correlateDecl":
      return correlateDecl(cx, ctx, span);
    case "setting":
      return setting(cx, ctx, span);
    default:
      return undefined;
  }
}

function nameList(ctx: CstNode | undefined, at: Span): Name[] {
  return ctx ? tokens(ctx, "names").map((t) => nameOf(t, at)) : [];
}

function rowsDecl(cx: BuildContext, ctx: CstNode, span: Span): RowsDecl {
  const per = node(ctx, "perRows");
  let count: RowCount;
  if (per) {
    const perSpan = nodeSpan(per, span);
    const countNode = node(per, "count");
    const everyNode = node(per, "everyClause");
    count = {
      kind: "PerRows",
      span: perSpan,
      parent: nameOf(token(per, "parent"), perSpan),
      ...(countNode ? { count: buildExpr(cx, countNode, perSpan) } : {}),
      ...(everyNode ? { every: everyClause(cx, everyNode, perSpan) } : {}),
    };
  } else {
    const value = buildExpr(cx, node(ctx, "expression"), span);
    count = { kind: "FixedRows", span: value.span, value };
  }
  return { kind: "RowsDecl", span, count };
}

function everyClause(cx: BuildContext, ctx: CstNode, at: Span): EveryClause {
  const span = nodeSpan(ctx, at);
  return {
    kind: "EveryClause",
    span,
    step: buildExpr(cx, node(ctx, "step"), span),
    from: buildExpr(cx, node(ctx, "from"), span),
    to: buildExpr(cx, node(ctx, "to"), span),
  };
}

function columnDecl(cx: BuildContext, ctx: CstNode, span: Span): ColumnDecl {
  const name = nameOf(token(ctx, "Identifier"), span);
  const type = typeRef(cx, node(ctx, "typeRef"), name.span);
  const annotations = nodes(ctx, "annotation").map((a): Annotation => {
    const aSpan = nodeSpan(a, span);
    const argList = node(a, "argList");
    return {
      kind: "Annotation",
      span: aSpan,
      name: nameOf(token(a, "AnyWord"), aSpan),
      args: argList ? buildArgs(cx, argList, aSpan) : [],
      hasParens: argList !== undefined,
    };
  });
  const valueNode = node(ctx, "expression");
  const base = { kind: "ColumnDecl", span, name, type, annotations } as const;
  if (valueNode) return { ...base, value: buildExpr(cx, valueNode, span) };
  if (token(ctx, "Equals")) return { ...base, value: buildExpr(cx, undefined, span) };
  return base;
}

/** A column's or parameter's type; `after` is the name it follows (for a missing type's span). */
function typeRef(cx: BuildContext, typeNode: CstNode | undefined, after: Span): TypeRef {
  const typeSpan = typeNode ? nodeSpan(typeNode, after) : { start: after.end, end: after.end };
  return {
    kind: "TypeRef",
    span: typeSpan,
    name: nameOf(typeNode && token(typeNode, "Identifier"), typeSpan),
    args: typeNode ? nodes(typeNode, "expression").map((e) => buildExpr(cx, e, typeSpan)) : [],
    array: typeNode ? token(typeNode, "LBracket") !== undefined : false,
    nullable: typeNode ? token(typeNode, "Question") !== undefined : false,
  };
}

function whenDecl(cx: BuildContext, ctx: CstNode, span: Span): WhenDecl {
  const assignments = nodes(ctx, "assignment").map((a): Assignment => {
    const aSpan = nodeSpan(a, span);
    return {
      kind: "Assignment",
      span: aSpan,
      target: nameOf(token(a, "Identifier"), aSpan),
      value: buildExpr(cx, node(a, "expression"), aSpan),
    };
  });
  return { kind: "WhenDecl", span, condition: buildExpr(cx, node(ctx, "expression"), span), assignments };
}

function correlateDecl(cx: BuildContext, ctx: CstNode, span: Span): CorrelateDecl {
  const pairs = nodes(ctx, "correlationPair").map((p): CorrelationPair => {
    const pSpan = nodeSpan(p, span);
    return {
      kind: "CorrelationPair",
      span: pSpan,
      left: nameOf(token(p, "left"), pSpan),
      right: nameOf(token(p, "right"), pSpan),
      value: buildExpr(cx, node(p, "expression"), pSpan),
    };
  });
  return { kind: "CorrelateDecl", span, columns: tokens(ctx, "columns").map((t) => nameOf(t, span)), pairs };
}

// ---------------------------------------------------------------- output

function outputDecl(cx: BuildContext, ctx: CstNode, span: Span): OutputDecl {
  const all = [...nodes(ctx, "setting"), ...nodes(ctx, "partitionSetting")];
  all.sort((a, b) => nodeSpan(a, span).start - nodeSpan(b, span).start);
  const built = all.map((s): Setting | PartitionSetting => {
    if (s.name === "setting") return setting(cx, s, span);
    const pSpan = nodeSpan(s, span);
    return {
      kind: "PartitionSetting",
      span: pSpan,
      name: nameOf(token(s, "Partition"), pSpan),
      table: nameOf(token(s, "table"), pSpan),
      by: buildExpr(cx, node(s, "expression"), pSpan),
    };
  });
  return { kind: "OutputDecl", span, settings: built };
}
