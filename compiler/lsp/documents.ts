/**
 * The open documents and what is known of each: its text, and the parse of its current version,
 * computed once per version (hover and definition of one version share it). Kept across versions:
 * the newest AST parsed (completion reads names from it rather than parse every keystroke), the last
 * AST without syntax errors, and the facts of the last Plan that checked (for hover), so completion
 * and hover still know the tables while the text in between is broken.
 *
 *   const doc = store.open("file:///s.dgen", 1, text);
 *   store.parsed(doc).ast.tables    // parsed once for version 1
 */
import { fileURLToPath } from "node:url";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../diagnostics/source.js";
import type { SchemaFile } from "../ast/nodes.js";
import { parseSchema, type ParseResult } from "../parse.js";
import type { PlanFacts } from "./check-protocol.js";
import { textShift } from "./text-shift.js";

export interface StaleParse {
  readonly file: SourceFile;
  readonly ast: SchemaFile;
  /** The request's offset in `file`. */
  readonly offset: number;
  toCurrent(offset: number): number | undefined;
}

export interface Document {
  readonly uri: string;
  readonly version: number;
  readonly file: SourceFile;
  parse?: ParseResult;
}

interface Kept {
  newest?: { readonly version: number; readonly file: SourceFile; readonly ast: SchemaFile };
  good?: SchemaFile;
  facts?: PlanFacts;
}

export class DocumentStore {
  private readonly docs = new Map<string, Document>();
  private readonly kept = new Map<string, Kept>();

  open(uri: string, version: number, text: string): Document {
    const doc: Document = { uri, version, file: { path: displayPath(uri), text } };
    this.docs.set(uri, doc);
    return doc;
  }

  get(uri: string): Document | undefined {
    return this.docs.get(uri);
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.kept.delete(uri);
  }

  /** The parse of the document's current version (cached). */
  parsed(doc: Document): ParseResult {
    if (!doc.parse) this.setParse(doc, parseSchema(doc.file));
    return doc.parse!;
  }

  /** A parse made elsewhere (the checker's thread) of `doc`'s text, which may no longer be current. */
  setParse(doc: Document, parse: ParseResult): void {
    if (this.docs.get(doc.uri) === undefined) return;
    if (this.docs.get(doc.uri) === doc) doc.parse ??= parse;
    const k = this.keep(doc.uri);
    if (!k.newest || k.newest.version <= doc.version)
      k.newest = { version: doc.version, file: doc.file, ast: parse.ast };
    if (!hasErrors(parse.diagnostics)) k.good = parse.ast;
  }

  /** The newest AST parsed of the document, of this version or an earlier one (parses if none is). */
  newestAst(doc: Document): SchemaFile {
    return this.kept.get(doc.uri)?.newest?.ast ?? this.parsed(doc).ast;
  }

  /**
   * The parse to answer a request at `offset` with: the current version's when it is parsed, else the
   * newest earlier one when the offset lies outside the edit since (text-shift.ts), else a new parse.
   * Spans found in it go back to the current text through `toCurrent`.
   */
  parseFor(doc: Document, offset: number, current = false): StaleParse {
    const newest = this.kept.get(doc.uri)?.newest;
    if (!current && !doc.parse && newest) {
      const shift = textShift(newest.file.text, doc.file.text);
      const old = shift.toOld(offset);
      if (old !== undefined) return { file: newest.file, ast: newest.ast, offset: old, toCurrent: shift.toNew };
    }
    return { file: doc.file, ast: this.parsed(doc).ast, offset, toCurrent: (o) => o };
  }

  /** The last AST without syntax errors. */
  lastGoodAst(uri: string): SchemaFile | undefined {
    return this.kept.get(uri)?.good;
  }

  /** What the Plan of the last version that checked without errors says (keys, picks, nulls). */
  lastFacts(uri: string): PlanFacts | undefined {
    return this.kept.get(uri)?.facts;
  }

  setFacts(uri: string, facts: PlanFacts): void {
    if (this.docs.has(uri)) this.keep(uri).facts = facts;
  }

  private keep(uri: string): Kept {
    let k = this.kept.get(uri);
    if (!k) this.kept.set(uri, (k = {}));
    return k;
  }
}

/** The file system path of a `file:` URI (choices files are read next to it), else the working folder. */
export function schemaPath(uri: string): string {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      // fall through: an unusual file URI is checked as if it were in the working folder
    }
  }
  return `${process.cwd()}/untitled.dgen`;
}

function displayPath(uri: string): string {
  return uri.startsWith("file:") ? schemaPath(uri) : uri;
}
