/**
 * `dgen lsp`: the language server (compiler/lsp/server.ts) on standard input and output, for editors
 * (editors/vscode starts it). Loads the parser, checker and formatter only — never ts-morph, prettier
 * or esbuild. Runs until the client sends `shutdown` and `exit`.
 *
 *   dgen lsp --stdio
 */
export async function lspCommand(): Promise<void> {
  const { startServer } = await import("../lsp/server.js");
  startServer(process.stdin, process.stdout);
}
