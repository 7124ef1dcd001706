/**
 * The checker's thread for `dgen lsp`: parses and checks a document's text and answers with its
 * diagnostics, the AST (so the server's thread need not parse the text again for hover and
 * definition) and, when it checked clean, what hover tells of the Plan — all plain data, cloned across
 * threads. Runs in a worker so that a check of a large schema never holds up a hover or a completion.
 * The steps are those of `checkSourceAsync` (compiler/compile.ts), taken apart to keep the parse;
 * test/lsp/server.test.ts compares the diagnostics with `dgen check --format json`.
 *
 *   { id: 7, path: "/p/shop.dgen", hostPath, text } → { id: 7, diagnostics, ast, syntaxErrors, facts? }
 */
import { parentPort } from "node:worker_threads";
import { diag, hasErrors, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { checkSchema } from "../check/check-schema.js";
import { preloadWorkbooks } from "../check/workbooks.js";
import { fileSystemHost } from "../host.js";
import { parseSchema } from "../parse.js";
import { planFactsOf, type CheckRequest, type CheckResponse } from "./check-protocol.js";

parentPort?.on("message", (request: CheckRequest) => {
  void run(request).then((response) => parentPort!.postMessage(response));
});

async function run(request: CheckRequest): Promise<CheckResponse> {
  const file = { path: request.path, text: request.text };
  const parsed = parseSchema(file);
  const base = { id: request.id, ast: parsed.ast, parseDiagnostics: parsed.diagnostics };
  if (hasErrors(parsed.diagnostics)) return { ...base, diagnostics: parsed.diagnostics };
  try {
    const host = await preloadWorkbooks(parsed.ast, fileSystemHost(request.hostPath));
    const checked = checkSchema(parsed.ast, file, host);
    const diagnostics = sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]);
    return { ...base, diagnostics, ...(checked.plan ? { facts: planFactsOf(checked.plan) } : {}) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ...base, diagnostics: [diag(messages.internal, { start: 0, end: 0 }, [reason])] };
  }
}
