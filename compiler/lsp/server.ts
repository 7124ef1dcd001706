/**
 * `dgen lsp`: the language server over stdio. Wires the protocol (vscode-languageserver) to the pure
 * parts beside it: documents.ts (one parse and one check per version), diagnostics.ts, hover.ts,
 * completion.ts, definition.ts, formatting.ts. Diagnostics are computed after the messages already
 * read are handled, so a burst of keystrokes costs one check and a hover never waits for one.
 *
 *   startServer(process.stdin, process.stdout)   // until the client sends shutdown and exit
 */
import {
  createConnection,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { dgenVersion } from "../version.js";
import { complete } from "./completion.js";
import { definitionAt } from "./definition.js";
import { toLspDiagnostic } from "./diagnostics.js";
import { DocumentStore, type Document } from "./documents.js";
import { formatEdits } from "./formatting.js";
import { hoverAt } from "./hover.js";
import { toOffset } from "./positions.js";

export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  const connection = createConnection(input, output);
  const store = new DocumentStore();
  const texts = new Map<string, TextDocument>();
  const pending = new Map<string, NodeJS.Immediate>();

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [".", "@", "(", '"'] },
        definitionProvider: true,
        documentFormattingProvider: true,
      },
      serverInfo: { name: "dgen", version: dgenVersion },
    }),
  );

  const scheduleDiagnostics = (doc: Document): void => {
    const previous = pending.get(doc.uri);
    if (previous) clearImmediate(previous);
    pending.set(
      doc.uri,
      setImmediate(() => {
        pending.delete(doc.uri);
        void publish(doc);
      }),
    );
  };

  const publish = async (doc: Document): Promise<void> => {
    const checked = await store.checked(doc);
    if (store.get(doc.uri) !== doc) return; // a newer version is on its way
    const diagnostics = checked.diagnostics.map((d) => toLspDiagnostic(doc.file, doc.uri, d));
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
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
    const p = pending.get(t.uri);
    if (p) clearImmediate(p);
    pending.delete(t.uri);
    void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
  });

  connection.onHover(({ textDocument, position }) => {
    const doc = store.get(textDocument.uri);
    if (!doc) return null;
    const plan = store.lastGoodPlan(doc.uri);
    const ast = store.parsed(doc).ast;
    return hoverAt({ file: doc.file, ast, offset: toOffset(doc.file, position), ...(plan ? { plan } : {}) });
  });

  connection.onCompletion(({ textDocument, position }) => {
    const doc = store.get(textDocument.uri);
    if (!doc) return [];
    const current = store.parsed(doc).ast;
    const good = store.lastGoodAst(doc.uri);
    const asts = good && good !== current ? [current, good] : [current];
    return complete({ text: doc.file.text, offset: toOffset(doc.file, position), asts });
  });

  connection.onDefinition(({ textDocument, position }) => {
    const doc = store.get(textDocument.uri);
    if (!doc) return null;
    return definitionAt(doc.file, doc.uri, store.parsed(doc).ast, toOffset(doc.file, position));
  });

  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = store.get(textDocument.uri);
    return doc ? formatEdits(doc.file) : [];
  });

  connection.listen();
  return connection;
}
