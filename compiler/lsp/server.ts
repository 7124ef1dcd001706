/**
 * `dgen lsp`: the language server over stdio. Wires the protocol (vscode-languageserver) to the parts
 * beside it: documents.ts (one parse per version), checker.ts (checks on a worker thread),
 * diagnostics.ts, hover.ts, completion.ts, definition.ts, formatting.ts. A check runs beside the
 * server's thread, one at a time and only for the newest text of a document, so a burst of keystrokes
 * costs one check and a hover or completion never waits for one.
 *
 *   startServer(process.stdin, process.stdout)   // until the client sends shutdown and exit
 */
import {
  createConnection,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type Range,
} from "vscode-languageserver/node.js";
import type { Span } from "../../diagnostics/span.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { dgenVersion } from "../version.js";
import { complete } from "./completion.js";
import { definitionAt } from "./definition.js";
import { toLspDiagnostic } from "./diagnostics.js";
import { Checker } from "./checker.js";
import { DocumentStore, schemaPath, type Document, type StaleParse } from "./documents.js";
import { formatEdits } from "./formatting.js";
import { hoverAt } from "./hover.js";
import { toOffset, toRange } from "./positions.js";

export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  const connection = createConnection(input, output);
  const store = new DocumentStore();
  const texts = new Map<string, TextDocument>();
  const checker = new Checker();

  connection.onInitialize((): InitializeResult => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [".", "@", "(", '"'] },
      definitionProvider: true,
      documentFormattingProvider: true,
    },
    serverInfo: { name: "dgen", version: dgenVersion },
  }));

  const scheduleDiagnostics = (doc: Document): void => {
    void checker.check(doc.uri, doc.file.path, schemaPath(doc.uri), doc.file.text).then(async (r) => {
      if (!r || store.get(doc.uri) === undefined) return; // replaced by a newer text, or closed
      if (r.ast && r.parseDiagnostics) store.setParse(doc, { ast: r.ast, diagnostics: [...r.parseDiagnostics] });
      if (r.facts) store.setFacts(doc.uri, r.facts);
      const diagnostics = r.diagnostics.map((d) => toLspDiagnostic(doc.file, doc.uri, d));
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    });
  };

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    texts.set(t.uri, TextDocument.create(t.uri, t.languageId, t.version, t.text));
    scheduleDiagnostics(store.open(t.uri, t.version, t.text));
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    const before = texts.get(t.uri);
    if (!before) return;
    const after = TextDocument.update(before, contentChanges, t.version);
    texts.set(t.uri, after);
    scheduleDiagnostics(store.open(t.uri, t.version, after.getText()));
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    texts.delete(t.uri);
    store.close(t.uri);
    checker.drop(t.uri);
    void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
  });

  /**
   * Answers a request at `offset` from the parse `parseFor` picks (maybe an earlier keystroke's), its
   * span mapped to the current text; when the span does not map (it lies in the edit), from a new parse.
   */
  const answer = <T>(
    doc: Document,
    offset: number,
    ask: (at: StaleParse) => { value: T; span: Span } | null,
  ): { value: T; range: Range } | null => {
    for (const at of [store.parseFor(doc, offset), undefined]) {
      const parse = at ?? store.parseFor(doc, offset, true);
      const r = ask(parse);
      if (!r) return null;
      const start = parse.toCurrent(r.span.start);
      const end = parse.toCurrent(r.span.end);
      if (start !== undefined && end !== undefined) return { value: r.value, range: toRange(doc.file, { start, end }) };
    }
    return null;
  };

  connection.onHover(({ textDocument, position }) => {
    const doc = store.get(textDocument.uri);
    if (!doc) return null;
    const facts = store.lastFacts(doc.uri);
    const r = answer(doc, toOffset(doc.file, position), (at) => {
      const h = hoverAt({ file: at.file, ast: at.ast, offset: at.offset, ...(facts ? { facts } : {}) });
      return h && { value: h.markdown, span: h.span };
    });
    return r && { contents: { kind: "markdown", value: r.value }, range: r.range };
  });

  connection.onCompletion(({ textDocument, position }) => {
    const doc = store.get(textDocument.uri);
    if (!doc) return [];
    // Names from the newest parse (perhaps of an earlier keystroke): the context is read from the text.
    const current = store.newestAst(doc);
    const good = store.lastGoodAst(doc.uri);
    const asts = good && good !== current ? [current, good] : [current];
    return complete({ text: doc.file.text, offset: toOffset(doc.file, position), asts });
  });

  connection.onDefinition(({ textDocument, position }) => {
    const doc = store.get(textDocument.uri);
    if (!doc) return null;
    const r = answer(doc, toOffset(doc.file, position), (at) => {
      const span = definitionAt(at.ast, at.offset);
      return span && { value: null, span };
    });
    return r && { uri: doc.uri, range: r.range };
  });

  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = store.get(textDocument.uri);
    return doc ? formatEdits(doc.file) : [];
  });

  connection.onShutdown(() => checker.stop());

  connection.listen();
  return connection;
}
