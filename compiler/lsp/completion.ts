/**
 * Completion from the text before the cursor (a half-typed line does not parse, so the context is
 * read from the line) and the names the schema declares (the current parse, else the last one without
 * syntax errors): faker modules after `faker.`, their methods with signatures after `faker.person.`,
 * the columns of a row after `parent.`, `prev.`, `pick(t).`, `t[i].` or a let bound to a row, tables in
 * `@ref(`, `pick(`, `size(`, `rows: per`, columns in `@ref(t.`, annotations after `@`, enum members in
 * a string compared with or given to an enum column, types after a column's name, and otherwise the
 * table's columns and lets, the built-in functions with their signatures and the keywords.
 *
 *   complete(ctx, "  first_name string = faker.pe")   // [{ label: "person", kind: Module }, …]
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from "vscode-languageserver";
import type { Expr, SchemaFile } from "../ast/nodes.js";
import { annotationDocs, expressionKeywords, functionDocs, tableKeywords, typeNames } from "./builtin-catalog.js";
import { fakerCatalog } from "./faker-catalog.js";
import { rowTable, type RowNames } from "./resolve.js";
import { schemaSymbols, type Field, type SchemaSymbols } from "./symbols.js";

export interface CompletionInput {
  readonly text: string;
  readonly offset: number;
  /** The current parse, and the last one without syntax errors (may be the same or absent). */
  readonly asts: readonly SchemaFile[];
}

export function complete(input: CompletionInput): CompletionItem[] {
  const { text, offset } = input;
  const lineStart = Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  const line = text.slice(lineStart, offset);
  if (inComment(line)) return [];
  const names = new Names(input.asts.map(schemaSymbols), text);
  const table = enclosingTable(text, offset);
  let m: RegExpExecArray | null;
  if ((m = /\bfaker\.(\w+)\.(\w*)$/.exec(line))) return fakerMethodItems(m[1]!);
  if ((m = /\bfaker\.(\w*)$/.exec(line))) return fakerModuleItems();
  if (inString(line)) return enumMemberItems(names, table, line, false);
  if ((m = /@ref\(\s*(\w+)\.(\w*)$/.exec(line))) return columnItems(names.columns(m[1]!), m[1]!);
  if (/@ref\(\s*\w*$/.test(line) || /\b(?:pick|size|count|sum|avg|any|all)\(\s*\w*$/.test(line))
    return tableItems(names);
  if (/\brows\s*:\s*per\s+\w*$/.test(line) || /\breferences\s+\w*$/.test(line)) return tableItems(names);
  if ((m = /\bsample\(\s*(\w+)\.(\w*)$/.exec(line))) return columnItems(names.columns(m[1]!), m[1]!);
  if (/@\w*$/.test(line)) return annotationItems();
  const object = objectBeforeDot(line);
  if (object !== undefined) {
    const of = rowOf(names, table, object);
    return of ? columnItems(names.columns(of), of) : [];
  }
  if (table !== undefined && /^\s*\w*$/.test(line)) return [...tableKeywordItems(), ...localItems(names, table)];
  if (table !== undefined && (m = /^\s*(\w+)\s+(\w*)$/.exec(line)) && !isLineKeyword(m[1]!)) return typeItems(names);
  if (/(?:==|!=)\s*$/.test(line)) {
    const members = enumMemberItems(names, table, line, true);
    if (members.length > 0) return members;
  }
  return expressionItems(names, table);
}

/** Names from the current AST first, else from the last good one. */
class Names implements RowNames {
  constructor(
    private readonly all: readonly SchemaSymbols[],
    private readonly text: string,
  ) {}
  tables(): string[] {
    return [...new Set(this.all.flatMap((s) => [...s.tables.keys()]))];
  }
  /** The table's columns and lets: those of the current parse, then any only the last good one has. */
  columns(table: string): readonly Field[] {
    const out = new Map<string, Field>();
    for (const s of this.all) for (const f of s.columns(table)) if (!out.has(f.name.text)) out.set(f.name.text, f);
    return [...out.values()];
  }
  parentOf(table: string): string | undefined {
    for (const s of this.all) {
      const p = s.parentOf(table);
      if (p !== undefined) return p;
    }
    // A half-typed `parent.` swallows the next line's `rows` into a member (`parent.rows`): read the
    // table's `rows: per` line from the text.
    const header = new RegExp(`^table\\s+${table}\\b`, "m").exec(this.text);
    if (!header) return undefined;
    const rest = this.text.slice(header.index + header[0].length);
    const end = /^(?:table|enum|output|dataset|param)\b/m.exec(rest)?.index ?? rest.length;
    return /\brows\s*:\s*per\s+([A-Za-z_]\w*)/.exec(rest.slice(0, end))?.[1];
  }
  field(table: string, name: string): Field | undefined {
    return this.columns(table).find((f) => f.name.text === name);
  }
  hasTable(name: string): boolean {
    return this.all.some((s) => s.tables.has(name));
  }
  enums(): SchemaSymbols["enums"] {
    const out = new Map();
    for (const s of [...this.all].reverse()) for (const [k, e] of s.enums) out.set(k, e);
    return out;
  }
  params(): string[] {
    return [...new Set(this.all.flatMap((s) => [...s.params.keys()]))];
  }
}

function inComment(line: string): boolean {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "`") quote = c;
    else if (c === "/" && line[i + 1] === "/") return true;
  }
  return false;
}

/** Inside a "…" string (not a template's text, where `{…}` holds expressions). */
function inString(line: string): boolean {
  let open = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === '"') open = !open;
  }
  return open;
}

/** The table block around the offset: the last top-level `table name {` before it. */
function enclosingTable(text: string, offset: number): string | undefined {
  const before = text.slice(0, offset);
  let last: RegExpExecArray | undefined;
  for (const m of before.matchAll(/^(table|enum|output|dataset|param)\b\s*(\w*)/gm)) last = m;
  return last && last[1] === "table" && last[2] ? last[2] : undefined;
}

function isLineKeyword(word: string): boolean {
  return ["let", "check", "when", "rows", "unique", "primary", "foreign", "correlate"].includes(word);
}

/** `pick(products, zipf(1.1)).pr` → `pick(products, zipf(1.1))`: the expression before a member dot. */
function objectBeforeDot(line: string): string | undefined {
  const m = /\.(\w*)$/.exec(line);
  if (!m) return undefined;
  let i = m.index;
  const closers: Record<string, string> = { ")": "(", "]": "[" };
  if (i > 0 && closers[line[i - 1]!]) {
    const want: string[] = [];
    let j = i - 1;
    for (; j >= 0; j--) {
      const c = line[j]!;
      if (closers[c]) want.push(closers[c]!);
      else if (c === want[want.length - 1]) {
        want.pop();
        if (want.length === 0) break;
      }
    }
    if (j < 0) return undefined;
    i = j;
    while (i > 0 && /\s/.test(line[i - 1]!)) i--;
    if (!/\w/.test(line[i - 1] ?? "")) return undefined;
    while (i > 0 && /\w/.test(line[i - 1]!)) i--;
    return line.slice(i, m.index);
  }
  const word = /\b(\w+)$/.exec(line.slice(0, m.index));
  return word && !/^\d/.test(word[1]!) ? word[1] : undefined;
}

/** The table whose row `object` is (`parent`, `prev`, `pick(t, …)`, `t[i]`, a let, a table). */
function rowOf(names: Names, table: string | undefined, object: string): string | undefined {
  const pick = /^pick\s*\(\s*(\w+)/.exec(object);
  if (pick) return pick[1];
  const index = /^(\w+)\s*\[/.exec(object);
  if (index) return names.tables().includes(index[1]!) ? index[1] : undefined;
  if (!/^\w+$/.test(object)) return undefined;
  const ident: Expr = { kind: "Ident", name: object, span: { start: 0, end: 0 } };
  return rowTable(names, ident, table, 0);
}

function fakerModuleItems(): CompletionItem[] {
  return [...fakerCatalog()].map(([name, methods]) => ({
    label: name,
    kind: CompletionItemKind.Module,
    detail: `faker.${name}: ${methods.size} methods`,
  }));
}

function fakerMethodItems(module: string): CompletionItem[] {
  const methods = fakerCatalog().get(module);
  if (!methods) return [];
  return [...methods].map(([name, d]) => ({
    label: name,
    kind: CompletionItemKind.Method,
    detail: d.signature,
    ...(d.doc ? { documentation: d.doc } : {}),
    insertText: `${name}($0)`,
    insertTextFormat: InsertTextFormat.Snippet,
  }));
}

function columnItems(fields: readonly Field[], table: string): CompletionItem[] {
  return fields.map((f) => ({
    label: f.name.text,
    kind: f.kind === "LetDecl" ? CompletionItemKind.Variable : CompletionItemKind.Field,
    detail: f.kind === "LetDecl" ? `let of ${table}` : `${table}: ${typeText(f)}`,
  }));
}

function typeText(f: Field): string {
  if (f.kind !== "ColumnDecl") return "let";
  const t = f.type;
  const args = t.args.length > 0 ? `(${t.args.map((a) => ("raw" in a ? a.raw : "…")).join(", ")})` : "";
  return `${t.name.text}${args}${t.array ? "[]" : ""}${t.nullable ? "?" : ""}`;
}

function tableItems(names: Names): CompletionItem[] {
  return names.tables().map((t) => ({ label: t, kind: CompletionItemKind.Class, detail: "table" }));
}

function annotationItems(): CompletionItem[] {
  return Object.entries(annotationDocs).map(([name, d]) => ({
    label: name,
    kind: CompletionItemKind.Property,
    detail: d.signature,
    documentation: d.doc,
  }));
}

function typeItems(names: Names): CompletionItem[] {
  return [
    ...typeNames.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, detail: "type" })),
    ...[...names.enums().keys()].map((e) => ({ label: e, kind: CompletionItemKind.Enum, detail: "enum" })),
  ];
}

function tableKeywordItems(): CompletionItem[] {
  return tableKeywords.map((k) => ({ label: k, kind: CompletionItemKind.Keyword }));
}

function localItems(names: Names, table: string): CompletionItem[] {
  return columnItems(names.columns(table), table);
}

/** The members of the enum that the string or comparison on this line meets. */
function enumMemberItems(names: Names, table: string | undefined, line: string, quote: boolean): CompletionItem[] {
  const enums = names.enums();
  const compared = /(\b\w+(?:\.\w+)?)\s*(?:==|!=|=)\s*(?:"[^"]*)?$/.exec(line);
  let enumName: string | undefined;
  if (compared && table !== undefined) {
    const [objectText, column] = compared[1]!.includes(".") ? compared[1]!.split(".") : [undefined, compared[1]!];
    const of = objectText !== undefined ? rowOf(names, table, objectText) : table;
    const f = of !== undefined ? names.columns(of).find((c) => c.name.text === column) : undefined;
    if (f?.kind === "ColumnDecl") enumName = f.type.name.text;
  }
  // `status Status = weighted({"…`: the column being declared on this line.
  const declared = /^\s*\w+\s+(\w+)/.exec(line);
  if ((enumName === undefined || !enums.has(enumName)) && declared) enumName = declared[1];
  const e = enumName !== undefined ? enums.get(enumName) : undefined;
  if (!e) return [];
  return e.members.map((m) => ({
    label: m.name.text,
    kind: CompletionItemKind.EnumMember,
    detail: `${e.name.text} member`,
    ...(quote ? { insertText: JSON.stringify(m.name.text) } : {}),
  }));
}

function expressionItems(names: Names, table: string | undefined): CompletionItem[] {
  return [
    ...(table !== undefined ? localItems(names, table) : []),
    ...Object.entries(functionDocs).map(([name, d]) => ({
      label: name,
      kind: CompletionItemKind.Function,
      detail: d.signature,
      documentation: d.doc,
      insertText: name === "pi" ? name : `${name}($0)`,
      insertTextFormat: InsertTextFormat.Snippet,
    })),
    ...Object.entries(expressionKeywords).map(([k, doc]) => ({
      label: k,
      kind: CompletionItemKind.Keyword,
      ...(doc ? { detail: doc } : {}),
    })),
    ...tableItems(names),
    ...names.params().map((p) => ({ label: p, kind: CompletionItemKind.Constant, detail: "param" })),
  ];
}
