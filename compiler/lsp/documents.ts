/**
 * The open documents and what is known of each: its text, the parse of its current version and the
 * check of it, each computed once per version (a hover, a completion and the diagnostics of one
 * keystroke share one parse). The last error-free AST and Plan are kept as well, so completion and
 * hover still know the tables and their generators while the text in between is broken.
 *
 *   const doc = store.open("file:///s.dgen", 1, text);
 *   store.parsed(doc).ast.tables    // parsed once for version 1
 */
import { fileURLToPath } from "node:url";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../diagnostics/source.js";
import type { SchemaFile } from "../ast/nodes.js";
import { checkSourceAsync } from "../compile.js";
import { fileSystemHost } from "../host.js";
import type { Plan } from "../ir/ir.js";
import { parseSchema, type ParseResult } from "../parse.js";

export interface Document {
  readonly uri: string;
  readonly version: number;
  readonly file: SourceFile;
  parse?: ParseResult;
  check?: Promise<CheckedDocument>;
}

export interface CheckedDocument {
  readonly diagnostics: readonly Diagnostic[];
  readonly plan?: Plan;
}

interface LastGood {
  ast?: SchemaFile;
  plan?: Plan;
}

export class DocumentStore {
  private readonly docs = new Map<string, Document>();
  private readonly lastGood = new Map<string, LastGood>();

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
    this.lastGood.delete(uri);
  }

  /** The parse of the document's current version (cached). */
  parsed(doc: Document): ParseResult {
    if (!doc.parse) {
      doc.parse = parseSchema(doc.file);
      if (!hasErrors(doc.parse.diagnostics)) this.good(doc.uri).ast = doc.parse.ast;
    }
    return doc.parse;
  }

  /** Every diagnostic of the current version, and its Plan when it has no error (cached). */
  checked(doc: Document): Promise<CheckedDocument> {
    if (!doc.check) {
      const parse = this.parsed(doc);
      doc.check = hasErrors(parse.diagnostics)
        ? Promise.resolve({ diagnostics: parse.diagnostics })
        : checkSourceAsync(doc.file, fileSystemHost(schemaPath(doc.uri))).then((r) => {
            if (r.plan && this.docs.get(doc.uri) === doc) this.good(doc.uri).plan = r.plan;
            return r;
          });
    }
    return doc.check;
  }

  /** The last AST without syntax errors (the current one when it has none). */
  lastGoodAst(uri: string): SchemaFile | undefined {
    return this.lastGood.get(uri)?.ast;
  }

  /** The Plan of the last version that checked without errors. */
  lastGoodPlan(uri: string): Plan | undefined {
    return this.lastGood.get(uri)?.plan;
  }

  private good(uri: string): LastGood {
    let g = this.lastGood.get(uri);
    if (!g) this.lastGood.set(uri, (g = {}));
    return g;
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
