/**
 * `--csv-safe`: text cells that start with = + - @, tab or CR get a leading `'` (OWASP's advice against
 * CSV formula injection), streamed strings too; numbers and other text are untouched; other formats
 * refuse the flag. Read back with csv-parse.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../helpers/csv.js";
import { dgen, node, repoRoot, tempDir } from "../helpers/cli.js";

const schema = join(repoRoot, "test", "fixtures", "csv", "formulas.dgen");
const dir = tempDir("csv-safe");
const bundle = join(dir, "formulas.mjs");

beforeAll(async () => {
  const built = await dgen(["build", schema, "-o", bundle]);
  expect(built.code, built.stderr).toBe(0);
  for (const [out, extra] of [
    ["plain", []],
    ["safe", ["--csv-safe"]],
  ] as const) {
    const r = await node(bundle, ["--out", join(dir, out), ...extra]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);

describe("--csv-safe", () => {
  it("prefixes ' to text that a spreadsheet would run as a formula, and to nothing else", () => {
    const plain = readCsv(join(dir, "plain", "cells.csv"));
    const safe = readCsv(join(dir, "safe", "cells.csv"));
    expect(safe.header).toEqual(plain.header);
    expect(safe.rows.length).toBe(8);
    const risky = (s: string) => /^[=+\-@\t\r]/.test(s);
    for (const [i, row] of plain.rows.entries()) {
      row.forEach((cell, j) => {
        const numeric = plain.header[j] === "minus" || plain.header[j] === "price" || plain.header[j] === "id";
        const want = !numeric && cell !== null && risky(cell) ? `'${cell}` : cell;
        expect(safe.rows[i][j], `row ${i} ${plain.header[j]}`).toBe(want);
      });
    }
    // the fixture does hold every risky start, a streamed one, and negative numbers
    const texts = plain.rows.map((r) => r[1]!);
    for (const c of ["=", "+", "-", "@", "\t", "\r"]) expect(texts.some((t) => t.startsWith(c))).toBe(true);
    expect(plain.rows.every((r) => r[2]!.startsWith("="))).toBe(true);
    expect(plain.rows.every((r) => r[3]!.startsWith("-"))).toBe(true);
  });

  it("is refused for other formats", async () => {
    const r = await node(bundle, ["--out", join(dir, "x"), "--format", "xlsx", "--csv-safe"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--csv-safe");
    expect(r.stderr).toContain("XLSX cells are typed");
  });
});
