/**
 * `dgen format` (issue 12 item 3): the canonical layout never changes meaning — every example and
 * ok- case, formatted in place, compiles to the same module as before (but for the schema's hash) —
 * is idempotent, keeps comments, and `--check` names the files not formatted with exit status 1.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compile, fileSystemHost } from "../../compiler/index.js";
import { dgen, repoRoot, tempDir } from "../helpers/cli.js";

const root = tempDir("format");
const sets = [
  { dir: "examples", files: readdirSync(join(repoRoot, "examples")).filter((f) => f.endsWith(".dgen")) },
  { dir: "test/cases", files: readdirSync(join(repoRoot, "test/cases")).filter((f) => /^ok-.*\.dgen$/.test(f)) },
];

/** The module without its stamp of the schema's hash (the text changed, so the hash did). */
const unstamped = (ts: string): string =>
  ts.replace(/^\/\/ schema sha256: [0-9a-f]+$/m, "").replace(/schemaHash: "[0-9a-f]+"/, "");

describe("dgen format", () => {
  beforeAll(async () => {
    for (const { dir } of sets) {
      cpSync(join(repoRoot, dir), join(root, "before", dir), { recursive: true });
      cpSync(join(repoRoot, dir), join(root, "after", dir), { recursive: true });
    }
    const files = sets.flatMap(({ dir, files }) => files.map((f) => join(root, "after", dir, f)));
    const r = await dgen(["format", ...files]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }, 60_000);

  it("formats to itself: --check passes on every formatted file", async () => {
    const files = sets.flatMap(({ dir, files }) => files.map((f) => join(root, "after", dir, f)));
    const r = await dgen(["format", "--check", ...files]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it.each(sets.flatMap(({ dir, files }) => files.map((f) => [dir, f] as const)))(
    "%s/%s compiles to the same module after formatting and keeps its comments",
    async (dir, file) => {
      const before = join(root, "before", dir, file);
      const after = join(root, "after", dir, file);
      const [textA, textB] = [readFileSync(before, "utf8"), readFileSync(after, "utf8")];
      const module = async (path: string, text: string) => {
        const r = await compile({ path, text }, fileSystemHost(path), { format: false });
        expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        return unstamped([...r.files.values()][0]!);
      };
      expect(await module(after, textB)).toBe(await module(before, textA));
      const comments = (s: string) => s.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];
      expect(comments(textB)).toEqual(comments(textA));
    },
  );

  it("lays out a messy schema canonically, keeps its comments, and --check names it with exit 1", async () => {
    const messy = join(root, "messy.dgen");
    const text =
      "// header\ndataset d{seed:1}\n\n\n\ntable t{\nrows:5   // five\n    id int @pk=sequence(1)\n  name   string=`n{id}` /* kept */\n  score float = -1+uniform(0,1)\n}";
    writeFileSync(messy, text);
    const check = await dgen(["format", "--check", messy]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("DG5160");
    expect(check.stderr).toContain("messy.dgen");
    expect(readFileSync(messy, "utf8")).toBe(text);
    const r = await dgen(["format", messy]);
    expect(r.code).toBe(0);
    expect(readFileSync(messy, "utf8")).toBe(
      "// header\ndataset d { seed: 1 }\n\ntable t {\n  rows: 5 // five\n  id    int    @pk = sequence(1)\n  name  string = `n{id}` /* kept */\n  score float  = -1 + uniform(0, 1)\n}\n",
    );
    expect((await dgen(["format", "--check", messy])).code).toBe(0);
  });

  it("refuses a file with a syntax error and leaves it as it is", async () => {
    const bad = join(root, "bad.dgen");
    writeFileSync(bad, "dataset d { seed: 1 }\ntable t {\n  rows: 5\n  id int = = 1\n}\n");
    const r = await dgen(["format", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[DG1\d{3}\]/);
    expect(r.stderr).toContain("bad.dgen:4:");
    expect(readFileSync(bad, "utf8")).toContain("= = 1");
  });
});
