/**
 * Hover: for a column (its declaration or any reference to it — `parent.x`, `pick(t).x`, `@ref(t.c)`)
 * its declaration, type, the generators and distributions its value draws from (or its type's default
 * generator), and from the last Plan that checked (compiler/ir/explain-plan.ts) how its key is unique
 * and what its pick computes; for a table its rows and parent; for an enum its members; for a built-in
 * function or a faker method its signature.
 *
 *   hoverAt({ file, ast, offset: offsetOf("age") }).markdown
 *   // "```dgen\nage int @range(18, 90) = clamp(round(normal(40, 12)), 18, 90)\n```\n**type** `int` …"
 */
import type { Span } from "../../diagnostics/span.js";
import type { SourceFile } from "../../diagnostics/source.js";
import type { Call, ColumnDecl, Expr, SchemaFile } from "../ast/nodes.js";
import type { TableExplanation } from "../ir/explain-plan.js";
import type { PlanFacts } from "./check-protocol.js";
import { distributionNames, expressionKeywords, functionDocs } from "./builtin-catalog.js";
import { fakerCatalog } from "./faker-catalog.js";
import { nodesAt, type AnyNode } from "./locate.js";
import { resolveAt, type Target } from "./resolve.js";
import type { Field } from "./symbols.js";

export interface HoverInput {
  readonly file: SourceFile;
  readonly ast: SchemaFile;
  readonly offset: number;
  /** The Plan's facts of the last version without errors, for keys and picks (may be older than the text). */
  readonly facts?: PlanFacts;
}

/** The hover's markdown and the span of the name it is about (in `input.file`), or null. */
export function hoverAt(input: HoverInput): { readonly markdown: string; readonly span: Span } | null {
  const { file, ast, offset } = input;
  const callee = calleeAt(ast, offset);
  if (callee) return { markdown: callee.text, span: callee.span };
  const resolved = resolveAt(ast, offset);
  if (!resolved) return null;
  return { markdown: describe(file, resolved.target, input.facts), span: resolved.at };
}

/** A built-in function's or faker method's name, or a keyword like `parent`, under the cursor. */
function calleeAt(ast: SchemaFile, offset: number): { text: string; span: AnyNode["span"] } | undefined {
  const path = nodesAt(ast, offset);
  const node = path[path.length - 1]!;
  const owner = path[path.length - 2];
  if (node.kind === "Ident" && owner?.kind === "Call" && owner["callee"] === node) {
    const name = node["name"] as string;
    const d = functionDocs[name];
    return d ? { text: `\`\`\`dgen\n${d.signature}\n\`\`\`\n${d.doc}`, span: node.span } : undefined;
  }
  // faker.person.firstName: the Name `firstName` of a Member whose object is faker.person.
  if (node.kind === undefined && owner?.kind === "Member") {
    const object = owner["object"] as Expr;
    if (object.kind === "Member" && object.object.kind === "Ident" && object.object.name === "faker") {
      const d = fakerCatalog()
        .get(object.property.text)
        ?.get(node["text"] as string);
      if (d)
        return {
          text: `\`\`\`ts\nfaker.${object.property.text}.${d.signature}\n\`\`\`\n${d.doc}`,
          span: node.span,
        };
    }
  }
  if (node.kind === "Ident") {
    const name = node["name"] as string;
    const doc = expressionKeywords[name];
    if (doc && name !== "parent") return { text: `\`${name}\`: ${doc}`, span: node.span };
  }
  return undefined;
}

function describe(file: SourceFile, target: Target, facts: PlanFacts | undefined): string {
  switch (target.kind) {
    case "column":
      return describeField(file, target.table, target.field, facts);
    case "table": {
      const t = target.decl;
      const explained = facts?.explanation.tables.find((x) => x.name === t.name.text);
      const syms = columnsLine(t.items.filter((i): i is Field => i.kind === "ColumnDecl"));
      const rows = explained
        ? explained.rows
        : oneLine(file.text.slice(...spanOf(t.items.find((i) => i.kind === "RowsDecl"))));
      const lines = [`**table** \`${t.name.text}\``, `**rows** ${rows || "?"}`, `**columns** ${syms}`];
      if (explained && explained.dependsOn.length > 0) lines.push(`**reads** ${explained.dependsOn.join(", ")}`);
      for (const k of explained?.keys ?? []) lines.push(`**${k.kind} key** (${k.columns.join(", ")}): ${k.how}`);
      return lines.join("  \n");
    }
    case "enum":
      return [
        `**enum** \`${target.decl.name.text}\``,
        target.decl.members
          .map(
            (m) =>
              `\`${m.name.text}\`${m.weight ? `: ${oneLine(file.text.slice(m.weight.span.start, m.weight.span.end))}` : ""}`,
          )
          .join(", "),
      ].join("  \n");
    case "enumMember":
      return `member \`${target.member.name.text}\` of enum \`${target.decl.name.text}\``;
  }
}

function describeField(file: SourceFile, table: string, f: Field, facts: PlanFacts | undefined): string {
  const lines = ["```dgen", oneLine(file.text.slice(f.span.start, f.span.end)), "```"];
  const told: string[] = [`**table** \`${table}\``];
  if (f.kind === "ColumnDecl")
    told.push(`**type** \`${oneLine(file.text.slice(f.type.span.start, f.type.span.end))}\``);
  else told.push("**let** (not written)");
  const gens = f.value ? generatorsOf(f.value) : [];
  if (f.value && gens.length === 0) told.push("**computed** from other values (no draw of its own)");
  for (const g of gens)
    told.push(`**generator** \`${oneLine(file.text.slice(g.span.start, g.span.end))}\`${callDoc(g)}`);
  if (!f.value && f.kind === "ColumnDecl") told.push(`**generator** the type's default: ${defaultGenerator(f)}`);
  const explained = facts?.explanation.tables.find((x) => x.name === table);
  if (explained) told.push(...planFacts(explained, f.name.text, facts!));
  return `${lines.join("\n")}\n${told.join("  \n")}`;
}

function planFacts(t: TableExplanation, column: string, facts: PlanFacts): string[] {
  const out: string[] = [];
  for (const k of t.keys) if (k.columns.includes(column)) out.push(`**${k.kind} key**: ${k.how}`);
  for (const p of t.picks) if (p.column === column) out.push(`**pick**: ${p.computes}`);
  for (const fk of t.foreignKeys) if (fk.columns.includes(column)) out.push(`**references** ${fk.references}`);
  const share = facts.nullShares[`${t.name}.${column}`];
  if (share !== undefined) out.push(`**null** ${Math.round(share * 10000) / 100}% of the rows`);
  return out;
}

/** The calls that draw (distributions, choices, picks, faker), outermost first. */
function generatorsOf(e: Expr): Call[] {
  const out: Call[] = [];
  const visit = (n: unknown): void => {
    if (typeof n !== "object" || n === null) return;
    if (Array.isArray(n)) return n.forEach(visit);
    const node = n as { kind?: string };
    if (node.kind === "Call") {
      const c = node as Call;
      if (c.callee.kind === "Ident" ? distributionNames.has(c.callee.name) : fakerPath(c) !== undefined) out.push(c);
    }
    for (const [k, v] of Object.entries(node)) if (k !== "span") visit(v);
  };
  visit(e);
  return out.slice(0, 4);
}

function fakerPath(c: Call): [string, string] | undefined {
  const m = c.callee;
  if (
    m.kind === "Member" &&
    m.object.kind === "Member" &&
    m.object.object.kind === "Ident" &&
    m.object.object.name === "faker"
  )
    return [m.object.property.text, m.property.text];
  return undefined;
}

function callDoc(c: Call): string {
  if (c.callee.kind === "Ident") {
    const d = functionDocs[c.callee.name];
    return d ? ` — ${d.doc}` : "";
  }
  const p = fakerPath(c);
  const d = p ? fakerCatalog().get(p[0])?.get(p[1]) : undefined;
  return d ? ` — \`${d.signature}\`${d.doc ? `: ${d.doc}` : ""}` : "";
}

function defaultGenerator(c: ColumnDecl): string {
  const pk = c.annotations.some((a) => a.name.text === "pk" || a.name.text === "unique");
  switch (c.type.name.text) {
    case "int":
    case "bigint":
    case "int16":
    case "int32":
    case "int64":
      return pk ? "`sequence(1)`" : "`uniform(0, 1000)`";
    case "float":
      return "`uniform(0, 1)`";
    case "decimal":
      return "`uniform(0, min(1000, 10^(p−s) − 1))` rounded to s places";
    case "string":
      return "a lorem word (`faker.lorem.word()`)";
    case "bool":
      return "`bernoulli(0.5)`";
    case "date":
    case "timestamp":
      return "`between(epoch − 365 d, epoch)`";
    case "uuid":
      return "`uuid()`";
    case "json":
      return "`{}`";
    default:
      return "the enum's members, by their weights (else uniformly)";
  }
}

function columnsLine(columns: readonly Field[]): string {
  const names = columns.map((c) => c.name.text);
  return names.length > 12 ? `${names.slice(0, 12).join(", ")}, … (${names.length})` : names.join(", ");
}

function spanOf(node: { span: { start: number; end: number } } | undefined): [number, number] {
  return node ? [node.span.start, node.span.end] : [0, 0];
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}
