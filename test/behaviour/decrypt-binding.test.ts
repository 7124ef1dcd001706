/**
 * `dgen decrypt` binds every encrypted cell to its row: a cell swapped with, or replayed over, another
 * row's cell, swapped rows, a deleted row, a file cut at a row boundary, a file changed outside its
 * encrypted cells, and a data file that is a link out of the folder are all refused — exit 1, a DG code
 * naming the table, row and column (or file), and no clean file left under a final name.
 */
import { randomBytes } from "node:crypto";
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, stackLines, tempDir } from "../helpers/cli.js";

const root = tempDir("decrypt-binding");
const env = { DGEN_KEY: randomBytes(32).toString("hex") };

const SCHEMA = `
dataset bound {
  seed: 5
  epoch: 2025-01-01
}
table people {
  rows: 12
  id     int    @pk = sequence(1)
  email  string @encrypt = lower(\`p{id}@mail.test\`)
  city   string = one_of("Oslo", "Lima", "Kyiv")
  salary int    @encrypt = uniform(1000, 9000)
}
table visits {
  rows: per people 1..3
  id      uuid @pk = uuid()
  person  int  @ref(people.id) = parent.id
  note    string @encrypt = one_of("a", "b", "c")
}
`;

const schema = join(root, "bound.dgen");
const clean = { csv: join(root, "clean-csv"), jsonl: join(root, "clean-jsonl") };

beforeAll(async () => {
  writeFileSync(schema, SCHEMA);
  for (const format of ["csv", "jsonl"] as const) {
    const r = await dgen(["generate", schema, "--out", clean[format], "--format", format, "--quiet"], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
});

let n = 0;
/** A copy of a clean run whose file `name` is changed by `edit` (its lines, without the final line break). */
function tampered(format: "csv" | "jsonl", name: string, edit: (lines: string[]) => string[]): string {
  const dir = join(root, `t${++n}`);
  cpSync(clean[format], dir, { recursive: true });
  const path = join(dir, name);
  const lines = readFileSync(path, "utf8").replace(/\n$/, "").split("\n");
  writeFileSync(path, edit(lines).join("\n") + "\n");
  return dir;
}

async function refused(dir: string, code: string): Promise<string> {
  const out = `${dir}-out`;
  const r = await dgen(["decrypt", dir, "--out", out], { env });
  expect(r.stderr).toContain(`error[${code}]`);
  expect(r.code).toBe(1);
  expect(stackLines(r.stderr)).toEqual([]);
  expect(listFiles(out)).toEqual([]);
  return r.stderr;
}

/** CSV lines: index 0 is the header, so data row k (1-based) is lines[k]. */
function setField(line: string, i: number, value: string): string {
  const f = line.split(",");
  f[i] = value;
  return f.join(",");
}
const field = (line: string, i: number) => line.split(",")[i]!;

describe("dgen decrypt binds each cell to its row", () => {
  it("the untouched run decrypts (exit 0)", async () => {
    const r = await dgen(["decrypt", clean.csv, "--out", join(root, "ok")], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, "ok", "people.csv"), "utf8")).toContain("p3@mail.test");
  });

  it("two encrypted cells of one column swapped between rows: DG5080 naming table, row and column", async () => {
    const dir = tampered("csv", "people.csv", (l) => {
      const a = field(l[2]!, 1);
      const b = field(l[5]!, 1);
      l[2] = setField(l[2]!, 1, b);
      l[5] = setField(l[5]!, 1, a);
      return l;
    });
    const err = await refused(dir, "DG5080");
    expect(err).toContain("table 'people', row 2, column 'email'");
  });

  it("a cell replayed over another row's cell: DG5080", async () => {
    const dir = tampered("csv", "people.csv", (l) => {
      l[7] = setField(l[7]!, 3, field(l[1]!, 3));
      return l;
    });
    const err = await refused(dir, "DG5080");
    expect(err).toContain("table 'people', row 7, column 'salary'");
  });

  it("two whole rows swapped: DG5080 at the first of them", async () => {
    const dir = tampered("csv", "people.csv", (l) => {
      [l[3], l[4]] = [l[4]!, l[3]!];
      return l;
    });
    const err = await refused(dir, "DG5080");
    expect(err).toContain("table 'people', row 3, column 'email'");
  });

  it("JSON Lines rows swapped: DG5080", async () => {
    const dir = tampered("jsonl", "people.jsonl", (l) => {
      [l[0], l[1]] = [l[1]!, l[0]!];
      return l;
    });
    const err = await refused(dir, "DG5080");
    expect(err).toContain("table 'people', row 1, column 'email'");
  });

  it("a row deleted in the middle: DG5080 at the row that moved up", async () => {
    const dir = tampered("csv", "people.csv", (l) => l.filter((_, i) => i !== 6));
    const err = await refused(dir, "DG5080");
    expect(err).toContain("table 'people', row 6, column 'email'");
  });

  it("the file cut at a row boundary (the last rows deleted): DG5081 with both counts", async () => {
    const dir = tampered("csv", "people.csv", (l) => l.slice(0, 10));
    const err = await refused(dir, "DG5081");
    expect(err).toContain("people.csv");
    expect(err).toContain("9 rows of table 'people'");
    expect(err).toContain("lists 12");
  });

  it("a file changed outside its encrypted cells: DG5082 (its SHA-256 is not the manifest's)", async () => {
    const dir = tampered("csv", "people.csv", (l) => {
      l[4] = setField(l[4]!, 2, field(l[4]!, 2) === "Oslo" ? "Lima" : "Oslo");
      return l;
    });
    const err = await refused(dir, "DG5082");
    expect(err).toContain("people.csv");
  });

  it("a data file that is a link out of the folder: DG5084, nothing read through it", async () => {
    const dir = join(root, "linked");
    cpSync(clean.csv, dir, { recursive: true });
    const outside = join(root, "outside.csv");
    cpSync(join(dir, "visits.csv"), outside);
    rmSync(join(dir, "visits.csv"));
    symlinkSync(outside, join(dir, "visits.csv"));
    const err = await refused(dir, "DG5084");
    expect(err).toContain("visits.csv");
  });
});

describe("dgen decrypt of shards binds rows to the table's row index", () => {
  const shards = join(root, "shards");
  beforeAll(async () => {
    for (const s of ["1/3", "2/3", "3/3"]) {
      const r = await dgen(["generate", schema, "--out", shards, "--shard", s, "--quiet"], { env });
      expect(r.code).toBe(0);
    }
  });

  it("all shards decrypt into the single run's rows", async () => {
    const out = join(root, "shards-out");
    const r = await dgen(["decrypt", shards, "--out", out], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const parts = listFiles(out).filter((p) => p.startsWith("people/"));
    const rows = parts.flatMap((p) => readFileSync(join(out, p), "utf8").trim().split("\n").slice(1));
    const single = readFileSync(join(root, "ok", "people.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    expect(rows).toEqual(single);
  });

  it("a shard file swapped with another shard's file: DG5080", async () => {
    const dir = join(root, "shards-swapped");
    cpSync(shards, dir, { recursive: true });
    const a = readFileSync(join(dir, "people", "part-00000.csv"));
    const b = readFileSync(join(dir, "people", "part-00001.csv"));
    writeFileSync(join(dir, "people", "part-00000.csv"), b);
    writeFileSync(join(dir, "people", "part-00001.csv"), a);
    await refused(dir, "DG5080");
  });

  it("a later shard alone, without the manifests before it: DG5083 says which are missing", async () => {
    const dir = join(root, "shard-gap");
    cpSync(shards, dir, { recursive: true });
    rmSync(join(dir, "_manifest.part-00000.json"));
    rmSync(join(dir, "people", "part-00000.csv"));
    rmSync(join(dir, "visits", "part-00000.csv"));
    const err = await refused(dir, "DG5083");
    expect(err).toContain("_manifest.part-00000.json");
  });
});
