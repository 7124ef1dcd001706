/**
 * Where dgen may write, driven through the CLI on real files: no command writes over the schema or a
 * file the schema reads (compared by real path, so links do not help), the truth file stays outside
 * the output folder, a URL is not a folder name, an output folder that cannot be made is one quick
 * error, and file-system errors read as words, not as `EEXIST (EEXIST: …)`.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, listFiles, stackLines, tempDir, type Ran } from "../helpers/cli.js";

const root = tempDir("safety");

const SCHEMA = `dataset s { seed: 1 }
table a {
  rows: 20
  id int @pk = sequence(1)
  let n = from_file("names.csv")
  name string @noise(typo: 50%) = n.name
}
`;
const NAMES = "name\nann\nbob\ncid\n";

/** A fresh folder holding `s.dgen` and the `names.csv` it reads. */
function project(name: string, schema = SCHEMA): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "s.dgen"), schema);
  writeFileSync(join(dir, "names.csv"), NAMES);
  return dir;
}

/** One error with this code, this exit status, no stack trace. */
function refused(r: Ran, code: string, exit: number): void {
  expect(stackLines(r.stderr + r.stdout), "stack trace lines").toEqual([]);
  expect(
    [...r.stderr.matchAll(/error\[(DG\d{4})\]/g)].map((m) => m[1]),
    r.stderr,
  ).toEqual([code]);
  expect(r.code, r.stderr).toBe(exit);
}

/** The schema and its input are as they were. */
function inputsIntact(dir: string): void {
  expect(readFileSync(join(dir, "s.dgen"), "utf8")).toBe(SCHEMA);
  expect(readFileSync(join(dir, "names.csv"), "utf8")).toBe(NAMES);
}

describe("no command writes over its input", () => {
  it("--truth naming the schema, or the CSV it reads, is DG8020 and both stay as they were", async () => {
    const dir = project("truth-input");
    const schema = await dgen(["generate", "s.dgen", "--out", "out", "--truth", "s.dgen", "--quiet"], { cwd: dir });
    refused(schema, "DG8020", 2);
    expect(schema.stderr).toContain("--truth 's.dgen' would write over the schema 's.dgen'");
    const csv = await dgen(["generate", "s.dgen", "--out", "out", "--truth", "./names.csv", "--quiet"], { cwd: dir });
    refused(csv, "DG8020", 2);
    expect(csv.stderr).toContain("--truth './names.csv' would write over the schema's input file");
    inputsIntact(dir);
    expect(listFiles(dir)).toEqual(["names.csv", "s.dgen"]);
  });

  it("--truth through a link to the schema's folder is refused too: paths are compared as real paths", async () => {
    const dir = project("truth-link");
    symlinkSync(dir, join(root, "truth-link-alias"));
    const r = await dgen(["generate", "s.dgen", "--out", "out", "--truth", join(root, "truth-link-alias", "s.dgen")], {
      cwd: dir,
    });
    refused(r, "DG8020", 2);
    inputsIntact(dir);
  });

  it("--truth inside the output folder, also through a link to it, is DG5030 and the truth is not lost", async () => {
    const dir = project("truth-inside");
    mkdirSync(join(dir, "out"));
    symlinkSync(join(dir, "out"), join(dir, "alias"));
    const direct = await dgen(["generate", "s.dgen", "--out", "out", "--truth", "out/truth.csv"], { cwd: dir });
    refused(direct, "DG5030", 1);
    expect(direct.stderr).toContain("is inside the output folder");
    const linked = await dgen(["generate", "s.dgen", "--out", "out", "--truth", "alias/a.csv"], { cwd: dir });
    refused(linked, "DG5030", 1);
    expect(listFiles(join(dir, "out"))).toEqual([]);
    const outside = await dgen(["generate", "s.dgen", "--out", "out", "--truth", "truth.csv", "--quiet"], { cwd: dir });
    expect(outside.code, outside.stderr).toBe(0);
    expect(readFileSync(join(dir, "truth.csv"), "utf8")).toMatch(/^table,row,column,noise,clean,dirty\n/);
  });

  it("a data file that would replace the CSV the schema reads is DG8020", async () => {
    // table 'names' writes names.csv; the output folder is the schema's own
    const schema = SCHEMA.replace("table a", "table names");
    const dir = project("data-over-input", schema);
    const r = await dgen(["generate", "s.dgen", "--out", ".", "--quiet"], { cwd: dir });
    refused(r, "DG8020", 2);
    expect(readFileSync(join(dir, "names.csv"), "utf8")).toBe(NAMES);
    expect(listFiles(dir)).toEqual(["names.csv", "s.dgen"]);
  });

  it("dgen build -o naming the schema or its input, directly or through a link, is DG8020", async () => {
    const dir = project("build-over");
    symlinkSync(join(dir, "s.dgen"), join(dir, "link.dgen"));
    for (const target of ["s.dgen", "names.csv", "link.dgen", join(dir, ".", "s.dgen")]) {
      const r = await dgen(["build", "s.dgen", "-o", target], { cwd: dir });
      refused(r, "DG8020", 2);
    }
    // the link itself as the schema, the real file as the target
    refused(await dgen(["build", "link.dgen", "-o", join(dir, "s.dgen")], { cwd: dir }), "DG8020", 2);
    inputsIntact(dir);
    expect(readdirSync(dir).sort()).toEqual(["link.dgen", "names.csv", "s.dgen"]);
  });

  it("dgen compile -o whose module would replace a file the schema reads is DG8020", async () => {
    const dir = project("compile-over", SCHEMA.replace("names.csv", "s.ts"));
    writeFileSync(join(dir, "s.ts"), NAMES);
    const r = await dgen(["compile", "s.dgen", "-o", "."], { cwd: dir });
    refused(r, "DG8020", 2);
    expect(readFileSync(join(dir, "s.ts"), "utf8")).toBe(NAMES);
  });
});

describe("output paths", () => {
  // s3:// is object storage (test/e2e/s3.test.ts); other URL schemes stay refused.
  it("--out gs://… is DG5060 and writes no local folder named 'gs:'", async () => {
    const dir = project("url-flag");
    const r = await dgen(["generate", "s.dgen", "--out", "gs://lake/x", "--quiet"], { cwd: dir });
    refused(r, "DG5060", 1);
    expect(r.stderr).toContain("'gs://lake/x'");
    expect(listFiles(dir)).toEqual(["names.csv", "s.dgen"]);
  });

  it("the schema's output path 'https://…' is DG5060 too, and so are --truth gs://… and build/compile -o", async () => {
    const dir = project("url-schema", `${SCHEMA}output { path: "https://lake/x" }\n`);
    refused(await dgen(["generate", "s.dgen", "--quiet"], { cwd: dir }), "DG5060", 1);
    const truth = await dgen(["generate", "s.dgen", "--out", "o", "--truth", "gs://b/t.csv"], { cwd: dir });
    refused(truth, "DG5060", 1);
    refused(await dgen(["build", "s.dgen", "-o", "s3://lake/s.mjs"], { cwd: dir }), "DG5060", 1);
    refused(await dgen(["compile", "s.dgen", "-o", "s3://lake/gen"], { cwd: dir }), "DG5060", 1);
    expect(listFiles(dir)).toEqual(["names.csv", "s.dgen"]);
  });

  it("--out under /proc ends at once with DG5009 instead of spinning", async () => {
    const dir = project("proc");
    const r = await dgen(["generate", "s.dgen", "--out", "/proc/nope", "--quiet"], { cwd: dir, timeoutMs: 20_000 });
    refused(r, "DG5009", 1);
    expect(r.stderr).toContain("'/proc/nope'");
  });

  it("file-system errors are words naming the path, never 'EEXIST (EEXIST: …)'", async () => {
    const dir = project("words");
    writeFileSync(join(dir, "a-file"), "x\n");
    mkdirSync(join(dir, "a-folder"));
    const runs = [
      await dgen(["generate", "s.dgen", "--out", "a-file", "--quiet"], { cwd: dir }),
      await dgen(["build", "s.dgen", "-o", "a-folder"], { cwd: dir }),
      await dgen(["compile", "s.dgen", "-o", "a-file"], { cwd: dir }),
    ];
    for (const r of runs) {
      refused(r, "DG5009", 1);
      expect(r.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
      expect(r.stderr).toMatch(/Cannot write to '.*a-(file|folder)': [a-z]/);
    }
  });
});
