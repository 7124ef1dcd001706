/**
 * The VS Code extension in editors/vscode: it packs with the official packaging tool (@vscode/vsce)
 * into a .vsix whose contents are listed and read back, and its TextMate grammar, run by vscode-textmate (the engine VS Code uses) on examples/shop.dgen, gives
 * keywords, types, annotations, strings, templates, numbers, dates and comments their scopes.
 * The extension's packages live in editors/vscode/node_modules (`npm ci` there; .ci/run does it):
 * without them the file is skipped, and fails under CI=true. (.ci/run also type-checks the client
 * against VS Code's API: `npm run --prefix editors/vscode typecheck`.)
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runProcess, tempDir } from "../helpers/cli.js";
import { unzipEntries } from "../helpers/unzip.js";

const extDir = join(repoRoot, "editors", "vscode");
const installed = existsSync(join(extDir, "node_modules", "@vscode", "vsce"));
if (!installed && process.env["CI"] === "true")
  throw new Error("editors/vscode/node_modules is missing: run `npm ci --prefix editors/vscode`");

describe.skipIf(!installed)("the VS Code extension", () => {
  let vsix: Map<string, Buffer>;
  let packOutput: string;

  beforeAll(async () => {
    const out = join(tempDir("dgen-vsix-"), "dgen.vsix");
    const vsce = join(extDir, "node_modules", "@vscode", "vsce", "vsce");
    const r = await runProcess(
      process.execPath,
      [vsce, "package", "--no-dependencies", "--allow-missing-repository", "-o", out],
      { cwd: extDir, timeoutMs: 120_000 },
    );
    packOutput = r.stdout + r.stderr;
    expect(r.code, packOutput).toBe(0);
    vsix = unzipEntries(readFileSync(out));
  }, 180_000);

  it("packs the client, the grammar, the language configuration, README and LICENSE — and nothing else", () => {
    expect([...vsix.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/LICENSE.txt",
      "extension/language-configuration.json",
      "extension/out/extension.js",
      "extension/package.json",
      "extension/readme.md",
      "extension/syntaxes/dgen.tmLanguage.json",
    ]);
    const manifest = JSON.parse(vsix.get("extension/package.json")!.toString("utf8"));
    expect(manifest.contributes.languages[0]).toMatchObject({ id: "dgen", extensions: [".dgen"] });
    expect(manifest.contributes.grammars[0]).toMatchObject({ language: "dgen", scopeName: "source.dgen" });
    expect(manifest.contributes.configuration.properties["dgen.path"].type).toBe("string");
    // The bundled client starts `<dgen> lsp` and finds node_modules/.bin/dgen; vscode-languageclient is inside it.
    const client = vsix.get("extension/out/extension.js")!.toString("utf8");
    expect(client).toContain('"lsp"');
    expect(client).toContain("node_modules");
    expect(client).toContain('getConfiguration("dgen").get("path")');
    expect(client).not.toMatch(/require\(["']vscode-languageclient/);
    const config = JSON.parse(vsix.get("extension/language-configuration.json")!.toString("utf8"));
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
  });

  it("highlights a schema: keywords, types, annotations, strings, templates, numbers, dates, comments", async () => {
    const scopes = await tokenize(readFileSync(join(repoRoot, "examples", "shop.dgen"), "utf8"));
    expect(scopes("// An online shop")).toContain("comment.line.double-slash.dgen");
    expect(scopes("table")).toContain("storage.type.table.dgen");
    expect(scopes("customers {")).toContain("entity.name.type.dgen");
    expect(scopes("timestamp          = between")).toContain("support.type.dgen");
    expect(scopes("Status\n")).toContain("support.type.dgen");
    expect(scopes("@pk")).toContain("storage.modifier.annotation.dgen");
    expect(scopes('"en"')).toContain("string.quoted.double.dgen");
    expect(scopes("{first_name}")).toContain("string.template.dgen");
    expect(scopes("first_name}.{last_name}")).toContain("meta.template.expression.dgen");
    expect(scopes("10_000")).toContain("constant.numeric.dgen");
    expect(scopes("30%")).toContain("constant.numeric.dgen");
    expect(scopes("2025-01-01")).toContain("constant.other.date.dgen");
    expect(scopes("/^[A-Z]{3}")).toContain("string.regexp.dgen");
    expect(scopes("poisson(2.1)")).toContain("entity.name.function.dgen");
    expect(scopes("parent.id")).toContain("variable.language.dgen");
    expect(scopes("when payment")).toContain("keyword.control.dgen");
    expect(scopes("and amount")).toContain("keyword.operator.logical.dgen");
  });
});

interface Token {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly scopes: string[];
}

/** Tokenizes `text` with the packaged grammar; returns the scopes at the first occurrence of a snippet. */
async function tokenize(text: string): Promise<(snippet: string) => string[]> {
  const require = createRequire(join(extDir, "package.json"));
  const tm = require("vscode-textmate");
  const onig = require("vscode-oniguruma");
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarPath = join(extDir, "syntaxes", "dgen.tmLanguage.json");
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope: string) =>
      scope === "source.dgen" ? tm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar("source.dgen");
  const lines = text.split("\n");
  const tokens: Token[][] = [];
  let stack = tm.INITIAL;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack);
    tokens.push(r.tokens);
    stack = r.ruleStack;
  }
  return (snippet) => {
    const at = text.indexOf(snippet);
    if (at < 0) throw new Error(`'${snippet}' is not in the text`);
    const before = text.slice(0, at).split("\n");
    const line = before.length - 1;
    const col = before[line]!.length;
    return tokens[line]!.find((t) => t.startIndex <= col && col < t.endIndex)?.scopes ?? [];
  };
}
