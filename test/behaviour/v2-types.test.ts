/**
 * v2 types and the bugs the v2 issue names, driven through the CLI as a user would:
 * - an integer literal beyond ±2^53 was accepted by `check`, then crashed `generate` (DG7004): now DG3030;
 * - a `sequence` past 2^53 silently wrote duplicate keys: an `int` that can pass it is DG3033 (compile
 *   time) or DG7014 (run time, when `--rows` makes it pass), and `int64` counts exactly past 2^53;
 * - `uniform(9, 29) + 0.99` in a decimal column drew a float for the `uniform`: an int range stays one;
 * - int16 and int32 keep their width; a built bundle refuses `--param`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, node, tempDir } from "../helpers/cli.js";

function schema(dir: string, text: string): string {
  const path = join(dir, "s.dgen");
  writeFileSync(path, text);
  return path;
}

const csvRows = (path: string) =>
  readFileSync(path, "utf8")
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));

describe("integer literals and sequences at the edge of 2^53", () => {
  it("an int literal beyond 2^53 is DG3030 at its span in check, not a crash in generate", async () => {
    const dir = tempDir("dgen-v2-lit-");
    const path = schema(dir, `dataset d { seed: 1 }\ntable t {\n  rows: 3\n  x int = 9007199254740993\n}\n`);
    const check = await dgen(["check", path]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("error[DG3030]");
    expect(check.stderr).toContain("s.dgen:4:11");
    const gen = await dgen(["generate", path, "--out", join(dir, "out")]);
    expect(gen.code).toBe(1);
    expect(gen.stderr).toContain("DG3030");
    expect(gen.stderr).not.toContain("DG7004");
  });

  it("an int sequence that passes 2^53 within the schema's rows is DG3033", async () => {
    const dir = tempDir("dgen-v2-seq-");
    const path = schema(
      dir,
      `dataset d { seed: 1 }\ntable t {\n  rows: 10\n  id int @pk = sequence(9007199254740990)\n}\n`,
    );
    const r = await dgen(["check", path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG3033]");
  });

  it("an int sequence that --rows pushes past 2^53 stops with DG7014 and writes no duplicate key", async () => {
    const dir = tempDir("dgen-v2-seqrun-");
    const path = schema(
      dir,
      `dataset d { seed: 1 }\ntable t {\n  rows: 5\n  id int @pk = sequence(9007199254740985)\n}\n`,
    );
    expect((await dgen(["check", path])).code).toBe(0);
    const out = join(dir, "out");
    const r = await dgen(["generate", path, "--out", out, "--rows", "t=20"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DG7014");
    const fine = await dgen(["generate", path, "--out", out, "--rows", "t=7"]);
    expect(fine.code).toBe(0);
    const ids = csvRows(join(out, "t.csv")).map((r) => r[0]);
    expect(new Set(ids).size).toBe(7);
  });

  it("an int64 sequence counts exactly past 2^53, and JSON writes unsafe values as strings", async () => {
    const dir = tempDir("dgen-v2-int64-");
    const path = schema(
      dir,
      `dataset d { seed: 1 }\ntable t {\n  rows: 10\n  id int64 @pk = sequence(9007199254740990)\n  big int64 = 9223372036854775807\n}\n`,
    );
    const out = join(dir, "out");
    expect((await dgen(["generate", path, "--out", out])).code).toBe(0);
    const ids = csvRows(join(out, "t.csv")).map((r) => r[0]!);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => String(9007199254740990n + BigInt(i))));
    expect(csvRows(join(out, "t.csv"))[0]![1]).toBe("9223372036854775807");
    expect((await dgen(["generate", path, "--out", join(dir, "j"), "--format", "jsonl"])).code).toBe(0);
    const lines = readFileSync(join(dir, "j", "t.jsonl"), "utf8")
      .trimEnd()
      .split("\n");
    expect(lines[0]).toBe('{"id":9007199254740990,"big":"9223372036854775807"}');
    expect(lines[5]).toBe('{"id":"9007199254740995","big":"9223372036854775807"}');
  });

  it("an int64 literal beyond 2^63 − 1 is DG3030", async () => {
    const dir = tempDir("dgen-v2-int64lit-");
    const path = schema(dir, `dataset d { seed: 1 }\ntable t {\n  rows: 1\n  big int64 = 9223372036854775808\n}\n`);
    const r = await dgen(["check", path]);
    expect(r.stderr).toContain("error[DG3030]");
  });
});

describe("types of v2", () => {
  it("uniform(9, 29) + 0.99 in a decimal column draws whole numbers: every value ends in .99", async () => {
    const dir = tempDir("dgen-v2-leak-");
    const path = schema(
      dir,
      `dataset d { seed: 3 }\ntable t {\n  rows: 500\n  price decimal(10, 2) = uniform(9, 29) + 0.99\n}\n`,
    );
    const out = join(dir, "out");
    expect((await dgen(["generate", path, "--out", out])).code).toBe(0);
    const prices = csvRows(join(out, "t.csv")).map((r) => r[0]!);
    expect(prices.every((p) => /^(9|[12][0-9])\.99$/.test(p))).toBe(true);
    expect(new Set(prices).size).toBeGreaterThan(15);
  });

  it("int16 keeps its width: a literal outside is DG3030, a value outside is redrawn or stops the run", async () => {
    const dir = tempDir("dgen-v2-int16-");
    const bad = schema(dir, `dataset d { seed: 1 }\ntable t {\n  rows: 1\n  x int16 = 40000\n}\n`);
    const r = await dgen(["check", bad]);
    expect(r.stderr).toContain("error[DG3030]");
    expect(r.stderr).toContain("-32,768 to 32,767");
    const wide = schema(dir, `dataset d { seed: 1 }\ntable t {\n  rows: 200\n  x int16 = uniform(30000, 40000)\n}\n`);
    const out = join(dir, "out");
    const gen = await dgen(["generate", wide, "--out", out]);
    if (gen.code === 0) {
      const xs = csvRows(join(out, "t.csv")).map((x) => Number(x[0]));
      expect(xs.every((x) => x >= 30000 && x <= 32767)).toBe(true);
    } else expect(gen.stderr).toContain("DG7007");
  });

  it("a built bundle refuses --param (its parameters are built in); dgen build --param builds them in", async () => {
    const dir = tempDir("dgen-v2-param-");
    const path = schema(
      dir,
      `dataset d { seed: 1 }\nparam n: int = 3\ntable t {\n  rows: n\n  id int @pk = sequence(1)\n}\n`,
    );
    const bundle = join(dir, "s.mjs");
    expect((await dgen(["build", path, "-o", bundle, "--param", "n=5"])).code).toBe(0);
    const refused = await node(bundle, ["--out", join(dir, "a"), "--param", "n=7"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("DG8003");
    expect((await node(bundle, ["--out", join(dir, "b")])).code).toBe(0);
    expect(csvRows(join(dir, "b", "t.csv"))).toHaveLength(5);
    const manifest = JSON.parse(readFileSync(join(dir, "b", "_manifest.json"), "utf8")) as { params: unknown };
    expect(manifest.params).toEqual({ n: 5 });
  });

  it("a template column read only by an aggregate or a sample is computed whole, not streamed in parts", async () => {
    const dir = tempDir("dgen-v2-stream-");
    const path = schema(
      dir,
      `dataset d { seed: 1 }
table people {
  rows: 20
  id    int @pk = sequence(1)
  first string = faker.person.firstName()
  tag   string = lower(\`{first}.{id}\`)
  hit   bool = any(notes, label == "x-1")
}
table notes {
  rows: per people 1..3
  kind  string = one_of("x")
  num   int = ordinal
  label string = \`{kind}-{num}\`
  picks string = join(sample(people.tag, 2), "+")
}
`,
    );
    const out = join(dir, "out");
    expect((await dgen(["generate", path, "--out", out])).code).toBe(0);
    const notes = csvRows(join(out, "notes.csv"));
    expect(notes.every((r) => /^[a-z'-]+\.\d+\+[a-z'-]+\.\d+$/.test(r[3]!))).toBe(true);
    const people = csvRows(join(out, "people.csv"));
    // hit is true exactly for people with a second note (label x-1)
    const counts = new Map<number, number>();
    const text = readFileSync(join(out, "notes.csv"), "utf8").trimEnd().split("\n").slice(1);
    let person = 0;
    for (const line of text) {
      if (line.includes(",x-0,")) person++;
      counts.set(person, (counts.get(person) ?? 0) + 1);
    }
    people.forEach((r, i) => expect(r[3]).toBe(String((counts.get(i + 1) ?? 0) >= 2)));
  });
});
