#!/usr/bin/env node
// Regenerates generated/<name>.ts from every examples/*.dgen with the built compiler (dist/), and
// generated/shop.fixtures.ts with `dgen fixtures`.
// With --verify it writes nothing and exits 1 when a committed file is stale or missing.
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { compile, fileSystemHost, renderAll } from "../dist/compiler/index.js";

const verify = process.argv.includes("--verify");
const stale = [];
mkdirSync("generated", { recursive: true });
for (const name of readdirSync("examples")
  .filter((f) => f.endsWith(".dgen"))
  .sort()) {
  const path = join("examples", name);
  const file = { path, text: readFileSync(path, "utf8") };
  const result = await compile(file, fileSystemHost(path));
  if (result.files.size === 0) {
    process.stderr.write(renderAll(result.diagnostics, file));
    process.exit(1);
  }
  for (const [out, text] of result.files) {
    const target = join("generated", out);
    const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
    if (current === text) continue;
    if (verify) stale.push(target);
    else {
      writeFileSync(target, text);
      console.log(`wrote ${target}`);
    }
  }
}
// The fixture module of the shop example, used by test/behaviour/shop-fixtures.test.ts.
{
  const { fixturesText } = await import("../dist/compiler/cli/fixtures.js");
  const options = { rows: { customers: 3 }, defaultRows: 4, params: {} };
  const r = await fixturesText(join("examples", "shop.dgen"), options);
  if (r.text === undefined) {
    process.stderr.write(renderAll([...r.result.diagnostics, ...(r.result.runDiagnostics ?? [])], r.result.file));
    process.exit(1);
  }
  const target = join("generated", "shop.fixtures.ts");
  const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  if (current !== r.text) {
    if (verify) stale.push(target);
    else {
      writeFileSync(target, r.text);
      console.log(`wrote ${target}`);
    }
  }
}
if (stale.length > 0) {
  console.error(
    `Stale generated files (run \`npm run generate:examples\` and commit):\n${stale.map((s) => `  ${s}`).join("\n")}`,
  );
  process.exit(1);
}
if (verify) console.log("generated/ is up to date");
