/**
 * The compile cache of `dgen generate` and `dgen validate` (compiler/cli/bundle-cache.ts), driven
 * through the CLI: a second run takes the kept bundle and writes the same bytes; a changed input
 * file or schema is never served stale; runs at the same time on an empty cache all succeed and
 * leave one whole entry; `--no-cache` leaves the cache alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, tempDir, type Ran } from "../helpers/cli.js";

const root = tempDir("cache");

const SCHEMA = `dataset s { seed: 3 }
table a {
  rows: 50
  id int @pk = sequence(1)
  let c = from_file("colours.csv")
  colour string = c.colour
}
`;

function ok(r: Ran): Ran {
  expect(r.stderr, r.stdout).not.toMatch(/error\[/);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

function project(name: string, colours: string): { dir: string; schema: string; cache: string } {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "s.dgen"), SCHEMA);
  writeFileSync(join(dir, "colours.csv"), `colour\n${colours}\n`);
  return { dir, schema: join(dir, "s.dgen"), cache: join(dir, "cache") };
}

/** Every entry of the cache: `<key>/<variant>` folders holding a bundle, and stray temporaries. */
function entries(cache: string): { whole: string[]; temporaries: string[] } {
  const whole: string[] = [];
  const temporaries: string[] = [];
  if (!existsSync(cache)) return { whole, temporaries };
  for (const key of readdirSync(cache)) {
    if (key.includes(".tmp-")) temporaries.push(key);
    else
      for (const v of readdirSync(join(cache, key)))
        if (v.includes(".tmp-")) temporaries.push(`${key}/${v}`);
        else if (existsSync(join(cache, key, v, "bundle.mjs")) && existsSync(join(cache, key, v, "meta.json")))
          whole.push(`${key}/${v}`);
  }
  return { whole, temporaries };
}

const column = (csv: string) =>
  csv
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[1]);

describe("the compile cache", () => {
  it("serves a second run from the kept bundle, with the same bytes as a run without the cache", async () => {
    const p = project("second", "red\ngreen");
    const env = { DGEN_CACHE_DIR: p.cache };
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o1")], { env }));
    expect(entries(p.cache).whole).toHaveLength(1);
    const kept = readdirSync(p.cache);
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o2")], { env }));
    expect(readdirSync(p.cache)).toEqual(kept);
    expect(entries(p.cache).whole).toHaveLength(1);
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o3"), "--no-cache"], { env }));
    const a = readFileSync(join(p.dir, "o2", "a.csv"), "utf8");
    expect(a).toBe(readFileSync(join(p.dir, "o1", "a.csv"), "utf8"));
    expect(a).toBe(readFileSync(join(p.dir, "o3", "a.csv"), "utf8"));
    // validate takes the same entry
    const v = ok(await dgen(["validate", p.schema, join(p.dir, "o2")], { env }));
    expect(v.stdout).toMatch(/0 violations/);
    expect(entries(p.cache).whole).toHaveLength(1);
  }, 120_000);

  it("is never stale: a changed input file or schema gives the new data", async () => {
    const p = project("stale", "red\ngreen");
    const env = { DGEN_CACHE_DIR: p.cache };
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o1")], { env }));
    expect(new Set(column(readFileSync(join(p.dir, "o1", "a.csv"), "utf8")))).toEqual(new Set(["red", "green"]));
    writeFileSync(join(p.dir, "colours.csv"), "colour\nblue\n");
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o2")], { env }));
    expect(new Set(column(readFileSync(join(p.dir, "o2", "a.csv"), "utf8")))).toEqual(new Set(["blue"]));
    writeFileSync(p.schema, SCHEMA.replace("rows: 50", "rows: 7"));
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o3")], { env }));
    expect(column(readFileSync(join(p.dir, "o3", "a.csv"), "utf8"))).toHaveLength(7);
    // the input back as it was: the first entry serves again, and gives the first data
    writeFileSync(p.schema, SCHEMA);
    writeFileSync(join(p.dir, "colours.csv"), "colour\nred\ngreen\n");
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o4")], { env }));
    expect(readFileSync(join(p.dir, "o4", "a.csv"), "utf8")).toBe(readFileSync(join(p.dir, "o1", "a.csv"), "utf8"));
    expect(entries(p.cache).whole).toHaveLength(3);
  }, 120_000);

  it("shares an entry between copies of a schema in two folders only while their input files are the same", async () => {
    const a = project("copy-a", "red\ngreen");
    const env = { DGEN_CACHE_DIR: a.cache };
    ok(await dgen(["generate", a.schema, "--out", join(a.dir, "o")], { env }));
    const b = project("copy-b", "red\ngreen");
    ok(await dgen(["generate", b.schema, "--out", join(b.dir, "o")], { env }));
    expect(entries(a.cache).whole).toHaveLength(1);
    expect(readFileSync(join(b.dir, "o", "a.csv"), "utf8")).toBe(readFileSync(join(a.dir, "o", "a.csv"), "utf8"));
    const c = project("copy-c", "blue");
    ok(await dgen(["generate", c.schema, "--out", join(c.dir, "o")], { env }));
    expect(new Set(column(readFileSync(join(c.dir, "o", "a.csv"), "utf8")))).toEqual(new Set(["blue"]));
    expect(entries(a.cache).whole).toHaveLength(2);
  }, 120_000);

  it("takes runs at the same time on an empty cache: all succeed, one whole entry, no temporaries", async () => {
    const p = project("concurrent", "red\ngreen\nblue");
    const env = { DGEN_CACHE_DIR: p.cache };
    const runs = await Promise.all(
      [0, 1, 2, 3].map((i) => dgen(["generate", p.schema, "--out", join(p.dir, `o${i}`)], { env })),
    );
    runs.forEach(ok);
    const first = readFileSync(join(p.dir, "o0", "a.csv"), "utf8");
    for (const i of [1, 2, 3]) expect(readFileSync(join(p.dir, `o${i}`, "a.csv"), "utf8")).toBe(first);
    expect(entries(p.cache)).toEqual({ whole: [expect.any(String)], temporaries: [] });
  }, 120_000);

  it("--no-cache neither reads nor writes the cache", async () => {
    const p = project("none", "red");
    const env = { DGEN_CACHE_DIR: p.cache };
    ok(await dgen(["generate", p.schema, "--out", join(p.dir, "o1"), "--no-cache"], { env }));
    ok(await dgen(["validate", p.schema, join(p.dir, "o1"), "--no-cache"], { env }));
    expect(existsSync(p.cache)).toBe(false);
  }, 120_000);
});
