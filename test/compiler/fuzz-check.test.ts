/**
 * The checker and emitter on schemas that parse but are semantically odd: the examples with lines
 * deleted, repeated or renamed. Whatever comes out, it is diagnostics — never a throw, never an
 * internal error (DG9001). Deterministic (fixed fast-check seed).
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { fileSystemHost } from "../../compiler/host.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const schemas = ["examples/shop.dgen", "examples/saas.dgen", "examples/library.dgen", "test/emit/every-type/schema.dgen"].map((p) => ({
  path: join(root, p),
  lines: readFileSync(join(root, p), "utf8").split("\n"),
}));
const names = ["id", "parent", "index", "ordinal", "x", "customers", "epoch", "tick", "status", "__proto__"];

const edit = fc.record({ op: fc.integer({ min: 0, max: 2 }), at: fc.nat(), from: fc.nat(), name: fc.constantFrom(...names) });

describe("checker fuzz", () => {
  it("mutated examples give diagnostics, never a throw or DG9001", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: schemas.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), async (which, edits) => {
        const { path, lines: original } = schemas[which]!;
        const lines = [...original];
        for (const e of edits) {
          const i = e.at % lines.length;
          if (e.op === 0) lines.splice(i, 1);
          else if (e.op === 1) lines.splice(i, 0, lines[e.from % lines.length]!);
          else lines[i] = lines[i]!.replace(/\b[a-z_]+\b/, e.name);
        }
        const r = await compile({ path, text: lines.join("\n") }, fileSystemHost(path), { format: false });
        expect(r.diagnostics.filter((d) => d.code === "DG9001")).toEqual([]);
      }),
      { numRuns: 150, seed: 20261121 },
    );
  });
});
