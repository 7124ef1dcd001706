/**
 * Streamed string columns (written part by part, never built) read back from JSONL and TSV written
 * through the CLI: saas's users.email is lower(`{first_name}.{last_name}+{seq}@example.org`), and
 * every row's e-mail must be exactly that, computed here from the same row's other columns.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, repoRoot, tempDir } from "../helpers/cli.js";

const schema = join(repoRoot, "examples", "saas.dgen");
const expected = (r: Record<string, unknown>) =>
  `${String(r.first_name)}.${String(r.last_name)}+${String(r.seq)}@example.org`.toLowerCase();

describe("streamed string columns", () => {
  it("JSONL: every e-mail is its template of the row's own values", async () => {
    const out = tempDir("dgen-stream-jsonl-");
    const r = await dgen(["generate", schema, "--out", out, "--format", "jsonl", "--rows", "accounts=300", "--quiet"]);
    expect(r.stderr).toBe("");
    const rows = readFileSync(join(out, "users.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.length).toBeGreaterThan(300);
    for (const row of rows) expect(row.email).toBe(expected(row));
  });

  it("TSV: the same, with the header's column order", async () => {
    const out = tempDir("dgen-stream-tsv-");
    const r = await dgen(["generate", schema, "--out", out, "--format", "tsv", "--rows", "accounts=300", "--quiet"]);
    expect(r.stderr).toBe("");
    const [head, ...lines] = readFileSync(join(out, "users.tsv"), "utf8").trim().split("\n");
    const cols = head!.split("\t");
    for (const line of lines) {
      const cells = line.split("\t");
      const row = Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
      expect(row.email).toBe(expected(row));
    }
  });
});
