/**
 * A real LSP client for the tests: `node bin/dgen.mjs lsp --stdio` as a child process, spoken to with
 * vscode-languageserver-protocol's connection over its stdin and stdout (the same library VS Code's
 * client is built on). Diagnostics are collected per URI as the server publishes them. The server runs
 * with heavy-imports.mjs, so its stderr names any import of ts-morph, prettier or esbuild.
 *
 *   const c = await startClient();
 *   c.open(uri, text);  const diags = await c.diagnostics(uri, (d) => d.length > 0);
 *   await c.stop();     // shutdown + exit; resolves with the server's exit code
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node.js";
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { repoRoot } from "../helpers/cli.js";

export interface Client {
  readonly connection: ProtocolConnection;
  readonly initialized: InitializeResult;
  readonly stderr: () => string;
  open(uri: string, text: string, version?: number): void;
  /** Waits for the first published diagnostics of `uri` (from now or already received) that `accept` takes. */
  diagnostics(uri: string, accept?: (d: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]>;
  stop(): Promise<number | null>;
}

/** A `node --import` hook that writes "heavy import: <name>" on stderr for ts-morph, prettier and esbuild. */
export const heavyImportsHook: string = pathToFileURL(join(repoRoot, "test", "lsp", "heavy-imports.mjs")).href;

export async function startClient(): Promise<Client> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", heavyImportsHook, join(repoRoot, "bin", "dgen.mjs"), "lsp", "--stdio"],
    { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  connection.listen();
  const initialized: InitializeResult = await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
  });
  await connection.sendNotification("initialized", {});
  return {
    connection,
    initialized,
    stderr: () => stderr,
    open(uri, text, version = 1) {
      void connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri, languageId: "dgen", version, text },
      });
    },
    diagnostics(uri, accept = () => true) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${stderr}`)), 30_000);
        const look = (): void => {
          const hit = [...published].reverse().find((p) => p.uri === uri);
          if (hit && accept(hit)) {
            clearTimeout(timer);
            resolve(hit.diagnostics);
          } else waiters.push(look);
        };
        look();
      });
    },
    async stop() {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

/** `text` with a `‸` marking the cursor → the text without it and the cursor's LSP position (UTF-16). */
export function caret(textWithCaret: string): { text: string; position: { line: number; character: number } } {
  const at = textWithCaret.indexOf("‸");
  const text = textWithCaret.slice(0, at) + textWithCaret.slice(at + 1);
  const before = text.slice(0, at).split("\n");
  return { text, position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

/** The LSP position of the `n`-th occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, n = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found`);
  }
  const before = text.slice(0, at + delta).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}
