/**
 * The dgen extension's client: starts `dgen lsp --stdio` for .dgen files and hands VS Code's
 * requests to it (vscode-languageclient). The command is the `dgen.path` setting, else the
 * workspace's `node_modules/.bin/dgen`, else `dgen` on the PATH. Bundled by esbuild into out/extension.js.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type Executable, type LanguageClientOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const command = dgenCommand();
  const run: Executable = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
    // node_modules/.bin/dgen is a shell script on Windows (dgen.cmd).
    options: { shell: process.platform === "win32" },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "dgen" },
      { scheme: "untitled", language: "dgen" },
    ],
    synchronize: { configurationSection: "dgen" },
  };
  client = new LanguageClient("dgen", "dgen", { run, debug: run }, clientOptions);
  context.subscriptions.push(
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("dgen.path")) {
        await client?.stop();
        await activate(context);
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** `dgen.path`, else the first workspace folder's node_modules/.bin/dgen, else `dgen`. */
function dgenCommand(): string {
  const configured = workspace.getConfiguration("dgen").get<string>("path")?.trim();
  if (configured) return configured;
  for (const folder of workspace.workspaceFolders ?? []) {
    const bin = join(folder.uri.fsPath, "node_modules", ".bin", process.platform === "win32" ? "dgen.cmd" : "dgen");
    if (existsSync(bin)) return bin;
  }
  return "dgen";
}
