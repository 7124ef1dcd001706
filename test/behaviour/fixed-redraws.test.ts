/**
 * Issue 8, items 15 and 16 through the CLI: a validator or a check over values that no redraw changes
 * is decided at compile time where it can be (DG4070 at the column, DG4071 at the check), and
 * otherwise stops generation at the first row that breaks it (DG7030, DG7031) instead of reporting 100
 * identical tries.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, tempDir } from "../helpers/cli.js";

const root = tempDir("fixed-redraws");

interface Diag {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly start: { readonly line: number; readonly column: number };
}

function schema(name: string, body: string): string {
  const path = join(root, `${name}.dgen`);
  writeFileSync(path, `dataset d { seed: 1 }\n${body}`);
  return path;
}

describe("values no redraw changes", () => {
  it("a key whose values break an unproven validator is a compile error at that column", async () => {
    const path = schema(
      "luhn",
      `table p {
  rows: 100
  id   int    @pk = sequence(1)
  npi  string @unique = pattern("1[0-9]{9}")
  npi2 string @unique @luhn = pattern("1[0-9]{9}")
}
`,
    );
    const r = await dgen(["check", path, "--format", "json"]);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as Diag[];
    expect(diags.map((d) => d.code)).toEqual(["DG4070"]);
    expect(diags[0]!.message).toContain("'npi2'");
    expect(diags[0]!.message).not.toContain("'npi'");
    expect(diags[0]!.message).toContain("'@luhn'");
    expect(diags[0]!.start.line).toBe(6);
  });

  it("a key validator that breaks on a later row stops there, without 100 tries", async () => {
    const path = schema("range", `table p {\n  rows: 100\n  id int @pk @range(1, 50) = sequence(1)\n}\n`);
    const r = await dgen(["generate", path, "--out", join(root, "range-out")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DG7031");
    expect(r.stderr).toContain("Row 50 of table 'p': column 'id' broke '@range'");
    expect(r.stderr).not.toContain("100 tries");
  });

  it("a check over keys is a warning at the check, and stops at the first row that breaks it", async () => {
    const path = schema(
      "check",
      `table p {\n  rows: 100\n  id int @pk = sequence(1)\n  score int = uniform(1, 10)\n  check id < 50\n  check score > 2\n}\n`,
    );
    const c = await dgen(["check", path, "--format", "json"]);
    const diags = JSON.parse(c.stdout) as Diag[];
    expect(diags.map((d) => [d.code, d.severity, d.start.line, d.start.column])).toEqual([["DG4071", "warning", 6, 9]]);
    const r = await dgen(["generate", path, "--out", join(root, "check-out")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DG7030");
    expect(r.stderr).toContain("Row 49 of table 'p' broke the rule 'id < 50'");
    expect(r.stderr).not.toContain("100 tries");
  });

  it("checks over drawn values and validators the key keeps are left alone", async () => {
    const path = schema(
      "fine",
      `table p {
  rows: 100
  id   int    @pk @range(1, 1000) = sequence(1)
  card string @unique @regex(/^LIB-[0-9]{6}$/) = pattern("LIB-[0-9]{6}")
  score int = uniform(1, 10)
  check score > 2 and id > 0
}
`,
    );
    const r = await dgen(["generate", path, "--out", join(root, "fine-out")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
