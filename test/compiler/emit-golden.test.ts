/**
 * Emit goldens: `test/emit/<case>/schema.dgen` compiles to exactly `test/emit/<case>/<name>.ts`
 * (a real TypeScript file, type-checked with the project). `DGEN_UPDATE=1` rewrites them; review
 * the diff like code.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { fileSystemHost } from "../../compiler/host.js";

const root = fileURLToPath(new URL("../emit", import.meta.url));

describe("emit goldens", () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const path = join(root, name, "schema.dgen");
      const result = await compile({ path, text: readFileSync(path, "utf8") }, fileSystemHost(path));
      expect(result.diagnostics).toEqual([]);
      const [[file, text]] = [...result.files];
      const golden = join(root, name, file!);
      if (process.env.DGEN_UPDATE || !existsSync(golden)) writeFileSync(golden, text!);
      expect(text).toBe(readFileSync(golden, "utf8"));
    });
  }
});
