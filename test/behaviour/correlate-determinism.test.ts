/**
 * `correlate` keeps the determinism promises (spec §6): a group's values depend on its members, not on
 * other groups or columns; worker counts and shards change nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, tempDir } from "../helpers/cli.js";
import { column, readCsv } from "../helpers/csv.js";

const GROUP = `
  a float = normal(0, 1)
  b int   = poisson(4)
  c string = weighted({"x": 0.2, "y": 0.8})
  correlate a, b, c { a ~ b: 0.6  b ~ c: -0.3 }`;

const schema = (extra: string) => `dataset d { seed: 5 }
table t {
  rows: 40_000
  id int @pk = sequence(1)${extra}${GROUP}
}
`;

async function generate(text: string, ...flags: string[]): Promise<string> {
  const dir = tempDir("corr-det");
  const path = join(dir, "d.dgen");
  writeFileSync(path, text);
  const out = join(dir, "out");
  const r = await dgen(["generate", path, "--out", out, "--format", "csv", "--quiet", ...flags]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return join(out, "t.csv");
}

describe("correlate and determinism", () => {
  it("another column and another group before it leave the group's values identical", async () => {
    const plain = readCsv(await generate(schema("")));
    const more = readCsv(
      await generate(
        schema(`
  p float = uniform(0, 1)
  q float = exponential(1)
  correlate p, q { p ~ q: -0.5 }`),
      ),
    );
    for (const name of ["a", "b", "c"]) expect(column(more, name), name).toEqual(column(plain, name));
  });

  it("--workers 1 and 3 write the same bytes", async () => {
    const one = readFileSync(await generate(schema(""), "--workers", "1"));
    const three = readFileSync(await generate(schema(""), "--workers", "3"));
    expect(three.equals(one)).toBe(true);
  });
});
