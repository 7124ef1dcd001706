/**
 * `dgen lsp` over stdio, driven by a real LSP client (vscode-languageserver-protocol): diagnostics with
 * codes and UTF-16 ranges, updates on didChange, hover, completion, go to definition, formatting equal
 * to `dgen format --stdout`, and a clean shutdown. One server for the whole file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, Hover, Location, TextEdit } from "vscode-languageserver-protocol";
import { dgen, runProcess, shopSchema, tempDir, type Ran } from "../helpers/cli.js";
import { caret, heavyImportsHook, positionOf, startClient, type Client } from "./lsp-client.js";

let client: Client;
// The CLI's answers to compare with, run while the server starts.
let checkJson: Promise<Ran>;
let formatStdout: Promise<Ran>;
const dir = tempDir("dgen-lsp-");
const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;
const shopUri = pathToFileURL(shopSchema).href;
const shopText = readFileSync(shopSchema, "utf8");

/** A schema with several errors, for the comparison with `dgen check --format json`. */
const many = fixture(
  "many.dgen",
  [
    "dataset d { seed: 1 }",
    "table t {",
    "  rows: 10",
    '  a string = concat("€😀", cutomer)',
    "  b int = normall(1, 2)",
    '  c int = "x"',
    "  customer string = faker.person.frstName()",
    "}",
    "",
  ].join("\n"),
);
const messyFile = fixture(
  "messy.dgen",
  "dataset   d{seed:1}\n\ntable t{\nrows:5\n  id int @pk=sequence(1)   // the key\n}\n",
);

function fixture(name: string, text: string): { text: string; path: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { text, path };
}

beforeAll(async () => {
  checkJson = dgen(["check", many.path, "--format", "json"]);
  formatStdout = dgen(["format", "--stdout", messyFile.path]);
  client = await startClient();
  client.open(shopUri, shopText);
  await client.diagnostics(shopUri);
}, 120_000);

let stopped = false;
afterAll(async () => {
  if (!stopped) await client?.stop();
});

const errorSchema = [
  "// Größe 😀 — text in other scripts before the error",
  "dataset d { seed: 1 }",
  "table t {",
  "  rows: 10",
  '  name string = concat("größe 😀 ", cutomer)',
  '  customer string = "x"',
  "}",
  "",
].join("\n");

describe("dgen lsp", () => {
  it("answers initialize with its capabilities", () => {
    const caps = client.initialized.capabilities;
    expect(caps.hoverProvider).toBe(true);
    expect(caps.definitionProvider).toBe(true);
    expect(caps.documentFormattingProvider).toBe(true);
    expect(caps.completionProvider?.triggerCharacters).toContain(".");
    expect(client.initialized.serverInfo?.name).toBe("dgen");
  });

  it("publishes every diagnostic with its code and a UTF-16 range, and updates them on didChange", async () => {
    const uri = uriOf("errors.dgen");
    client.open(uri, errorSchema);
    const diags = await client.diagnostics(uri);
    expect(diags).toHaveLength(1);
    const d = diags[0]!;
    expect(d.code).toBe("DG2003");
    expect(d.source).toBe("dgen");
    expect(d.severity).toBe(1);
    expect(d.message).toContain("Unknown column 'cutomer'");
    expect(d.message).toContain("did you mean 'customer'?");
    // The emoji is two UTF-16 code units: LSP counts it so, and so must the range.
    const line = errorSchema.split("\n")[4]!;
    expect(d.range).toEqual({
      start: { line: 4, character: line.indexOf("cutomer") },
      end: { line: 4, character: line.indexOf("cutomer") + "cutomer".length },
    });

    // An incremental edit that breaks the syntax: the diagnostic follows.
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } }, text: "10 +" }],
    });
    const syntax = await client.diagnostics(uri, (p) => p.version === 2);
    expect(syntax.map((x) => x.code)).toContain("DG1002");
    expect(syntax.find((x) => x.code === "DG1002")!.range.start.line).toBe(4);

    // Fixed: the typo corrected and the line restored, and the list empties.
    const fixed = errorSchema.replace("cutomer)", "customer)");
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: fixed }],
    });
    expect(await client.diagnostics(uri, (p) => p.version === 3)).toEqual([]);
  });

  it("publishes what `dgen check --format json` reports, at the same lines and UTF-16 columns", async () => {
    const cli = await checkJson;
    const { text, path } = many;
    const expected = (
      JSON.parse(cli.stdout) as { code: string; message: string; start: { line: number; column: number } }[]
    ).map((d) => `${d.code} ${d.start.line}:${d.start.column} ${d.message}`);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const uri = pathToFileURL(path).href;
    client.open(uri, text);
    const got = (await client.diagnostics(uri)).map(
      (d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message.split("\n")[0]}`,
    );
    expect(got).toEqual(expected);
  });

  it("hovers a column with its type, generator and distribution, and what the plan says of it", async () => {
    const hover: Hover = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: shopUri },
      position: positionOf(shopText, "age   ", 1),
    });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain("**type** `int`");
    expect(text).toContain("beta(2, 4.5)");
    expect(text).toContain("a beta distribution");
    expect(text).toContain("**table** `customers`");

    // On a reference `parent.id`: the parent's key, and how the plan makes it unique.
    const onRef: Hover = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: shopUri },
      position: positionOf(shopText, "parent.id", 8),
    });
    const refText = (onRef.contents as { value: string }).value;
    expect(refText).toContain("sequence(1)");
    expect(refText).toContain("**primary key**: sequence from 1 by 1");

    const faker: Hover = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: shopUri },
      position: positionOf(shopText, "firstName()", 2),
    });
    expect((faker.contents as { value: string }).value).toContain("faker.person.firstName(sex?: SexType): string");
  });

  it("answers hover and definition right after an edit with ranges in the new text", async () => {
    const uri = uriOf("edited.dgen");
    client.open(uri, shopText);
    // (Here the schema's choices file data/categories.csv is missing: one diagnostic to follow.)
    const first = await client.diagnostics(uri);
    expect(first.length).toBeGreaterThan(0);
    // Two lines above everything, then at once (the new text's check is still running) a hover and a definition.
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// a\n// b\n" },
      ],
    });
    const edited = `// a\n// b\n${shopText}`;
    const [hover, definition] = await Promise.all([
      client.connection.sendRequest<Hover>("textDocument/hover", {
        textDocument: { uri },
        position: positionOf(edited, "age   ", 1),
      }),
      client.connection.sendRequest<Location>("textDocument/definition", {
        textDocument: { uri },
        position: positionOf(edited, "parent.signup_at", 9),
      }),
    ]);
    expect(hover.range?.start).toEqual(positionOf(edited, "age   "));
    expect((hover.contents as { value: string }).value).toContain("beta(2, 4.5)");
    expect(definition.range.start).toEqual(positionOf(edited, "signup_at   timestamp"));
    const second = await client.diagnostics(uri, (p) => p.version === 2);
    expect(second.map((d) => `${d.code} ${d.range.start.line}`)).toEqual(
      first.map((d) => `${d.code} ${d.range.start.line + 2}`),
    );
  });

  describe("completion", () => {
    let n = 0;
    async function completeAt(textWithCaret: string): Promise<CompletionItem[]> {
      const { text, position } = caret(textWithCaret);
      const uri = uriOf(`complete-${n++}.dgen`);
      client.open(uri, text);
      const r: CompletionItem[] | { items: CompletionItem[] } = await client.connection.sendRequest(
        "textDocument/completion",
        { textDocument: { uri }, position },
      );
      return Array.isArray(r) ? r : r.items;
    }
    const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
    const shopWith = (table: string, line: string): string =>
      shopText.replace(new RegExp(`(table ${table} \\{\\n)`), `$1${line}\n`);

    it("offers faker modules after `faker.` and methods with signatures after `faker.person.`", async () => {
      const modules = await completeAt(shopWith("customers", "  nick string = faker.‸"));
      expect(labels(modules)).toEqual(expect.arrayContaining(["person", "internet", "commerce", "date"]));
      const methods = await completeAt(shopWith("customers", "  nick string = faker.person.‸"));
      const first = methods.find((i) => i.label === "firstName");
      expect(first?.detail).toBe("firstName(sex?: SexType): string");
      expect(labels(methods)).toContain("jobTitle");
      expect(labels(methods)).not.toContain("constructor");
    });

    it("offers the parent's columns after `parent.` and a picked table's after `pick(t, …).`", async () => {
      const parent = await completeAt(shopWith("orders", "  x string = parent.‸"));
      expect(labels(parent)).toEqual(
        expect.arrayContaining(["id", "first_name", "last_name", "email", "age", "signup_at"]),
      );
      expect(labels(parent)).not.toContain("placed_at");
      const picked = await completeAt(shopWith("orders", "  x string = pick(products, zipf(1.1)).‸"));
      expect(labels(picked)).toEqual(expect.arrayContaining(["sku", "price", "category"]));
      const viaLet = await completeAt(shopWith("order_items", "  x int = product.‸"));
      expect(labels(viaLet)).toContain("price");
    });

    it("offers tables in `@ref(`, their columns after `@ref(t.`, and enum members in strings", async () => {
      expect(labels(await completeAt(shopWith("orders", "  x int @ref(‸")))).toEqual(
        expect.arrayContaining(["customers", "products", "orders", "order_items"]),
      );
      expect(labels(await completeAt(shopWith("orders", "  x int @ref(products.‸")))).toContain("sku");
      const members = await completeAt(shopWith("orders", '  check status != "‸'));
      expect(labels(members)).toEqual(["pending", "paid", "shipped", "cancelled"]);
      const inWhen = await completeAt(shopWith("orders", "  when payment == ‸"));
      expect(inWhen.map((i) => i.insertText)).toEqual(['"card"', '"cash"', '"paypal"', '"transfer"']);
    });

    it("offers generators with their signatures in an expression, types after a column name", async () => {
      const expr = await completeAt(shopWith("customers", "  x float = ‸"));
      expect(expr.find((i) => i.label === "normal")?.detail).toBe("normal(mean, sd)");
      expect(labels(expr)).toEqual(expect.arrayContaining(["first_name", "parent", "faker", "uniform"]));
      const types = await completeAt(shopWith("orders", "  x ‸"));
      expect(labels(types)).toEqual(expect.arrayContaining(["int", "decimal", "timestamp", "Status", "Payment"]));
    });
  });

  it("goes to the definition of parent.x, pick(t).x and @ref(t.c)", async () => {
    const text = shopText.replace(
      "  unit_price decimal(10, 2)          = product.price",
      "  unit_price decimal(10, 2) = pick(products).price",
    );
    const uri = uriOf("definitions.dgen");
    client.open(uri, text);
    const lineOf = (needle: string, n = 0): number => positionOf(text, needle, 0, n).line;
    const definition = async (position: { line: number; character: number }): Promise<Location> =>
      client.connection.sendRequest("textDocument/definition", { textDocument: { uri }, position });

    const parentId = await definition(positionOf(text, "parent.id", 8));
    expect(parentId.uri).toBe(uri);
    expect(parentId.range.start).toEqual(positionOf(text, "id          int        @pk"));

    const signup = await definition(positionOf(text, "parent.signup_at", 9));
    expect(signup.range.start.line).toBe(lineOf("signup_at   timestamp"));

    const picked = await definition(positionOf(text, "pick(products).price", 16));
    expect(picked.range.start).toEqual(positionOf(text, "price    decimal"));

    const refTable = await definition(positionOf(text, "@ref(products.id)", 6));
    expect(refTable.range.start).toEqual(positionOf(text, "table products", 6));
    const refColumn = await definition(positionOf(text, "@ref(products.id)", 15));
    expect(refColumn.range.start).toEqual(positionOf(text, "id       int          @pk"));

    const viaLet = await definition(positionOf(text, "product.id", 9));
    expect(viaLet.range.start).toEqual(positionOf(text, "id       int          @pk"));
  });

  it("formats a document exactly as `dgen format --stdout` does", async () => {
    const cli = await formatStdout;
    const { text: messy, path } = messyFile;
    expect(cli.code).toBe(0);
    const uri = pathToFileURL(path).href;
    client.open(uri, messy);
    const edits: TextEdit[] = await client.connection.sendRequest("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.range.start).toEqual({ line: 0, character: 0 });
    expect(edits[0]!.range.end).toEqual({ line: 6, character: 0 });
    expect(edits[0]!.newText).toBe(cli.stdout);
    expect(edits[0]!.newText).not.toBe(messy);
  });

  it("the import watch it runs under would see prettier (so an empty stderr means none was loaded)", async () => {
    const r = await runProcess(process.execPath, [
      "--import",
      heavyImportsHook,
      "--input-type=module",
      "-e",
      'await import("prettier")',
    ]);
    expect(r.stderr).toContain("heavy import: prettier");
  });

  it("shuts down and exits with status 0, having loaded no ts-morph, prettier or esbuild", async () => {
    const code = await client.stop();
    stopped = true;
    expect(code).toBe(0);
    expect(client.stderr()).toBe("");
  });
});
