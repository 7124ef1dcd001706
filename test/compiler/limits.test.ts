/**
 * The documented limits (docs/language.md, "Limits"): input past each one is one diagnostic with its
 * code at its span — never a stack overflow (DG9001) — and input at each one compiles, and the
 * deepest accepted schema also generates. Big inputs are built in memory; the public API checks them
 * (one CLI run generates the deepest schema).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSource, compile, fileSystemHost, renderAll, renderJson, type Diagnostic } from "../../compiler/index.js";
import { dgen, tempDir } from "../helpers/cli.js";

const dir = tempDir("dgen-limits-");
const host = fileSystemHost(join(dir, "s.dgen"));
const check = (text: string) => checkSource({ path: join(dir, "s.dgen"), text }, host).diagnostics;
const codes = (ds: readonly Diagnostic[]) => [...new Set(ds.map((d) => d.code))];
const header = "dataset d { seed: 1 }\n";
/** A table `t` with one column `x` of `type` = `value`. */
const column = (type: string, value: string) => `${header}table t { rows: 3\n  x ${type} = ${value}\n}\n`;
const rep = (s: string, n: number) => s.repeat(n);

/** Each kind of nesting, `n` levels deep. */
const nestings: Record<string, (n: number) => string> = {
  parentheses: (n) => column("int", `${rep("(", n)}1${rep(")", n)}`),
  calls: (n) => column("int", `${rep("abs(", n)}1${rep(")", n)}`),
  "else-if chains": (n) => column("int", `${rep("if true then 1 else ", n)}1`),
  objects: (n) => column("json", `${rep("{a: ", n)}1${rep("}", n)}`),
  templates: (n) => column("string", `${rep("`{", n)}1${rep("}`", n)}`),
  match: (n) => column("int", `${rep("match 1 { 1 => ", n)}1${rep(", _ => 0 }", n)}`),
};

/** Each kind of flat chain, `n` long (a tree `n` deep). */
const chains: Record<string, (n: number) => string> = {
  "1 + 1 + …": (n) => column("int", Array(n).fill("1").join(" + ")),
  "- - … 1": (n) => column("int", `${rep("-", n - 1)}1`),
  "not not … true": (n) => column("bool", `${rep("not ", n - 1)}true`),
  "parent.x.x…": (n) =>
    `${header}table p { rows: 2\n  x int = 1\n}\ntable t { rows: per p 1\n  y int = parent${rep(".x", n - 1)}\n}\n`,
  "a faker path": (n) => column("string", `faker${rep(".person", n - 3)}.firstName()`),
};

describe("nesting limit (DG1020, 64 levels)", () => {
  for (const [name, build] of Object.entries(nestings)) {
    it(`${name}: 64 levels check, 65 and 2 000 are DG1020 at the token that passes the limit`, () => {
      expect(check(build(64))).toEqual([]);
      for (const n of [65, 2000]) {
        const ds = check(build(n));
        expect(codes(ds)).toEqual(["DG1020"]);
        expect(ds[0]!.span.start).toBeGreaterThan(header.length);
      }
    });
  }
});

describe("expression depth limit (DG1021, 256 levels)", () => {
  for (const [name, build] of Object.entries(chains)) {
    it(`${name}: 256 deep is checked, 257 and 5 000 are DG1021`, () => {
      // (`parent.x.x` is a type error and the faker path an unknown method: checked, not refused.)
      expect(codes(check(build(256))).filter((c) => c === "DG1021" || c === "DG9001")).toEqual([]);
      for (const n of [257, 5000]) expect(codes(check(build(n)))).toEqual(["DG1021"]);
    });
  }
});

describe("long column chains check without overflowing", () => {
  /** c0 = c1, c1 = c2, …, c(n-1) = c0. */
  const cycle = (n: number) =>
    `${header}table t { rows: 1\n${Array.from({ length: n }, (_, i) => `  c${i} int = c${(i + 1) % n}`).join("\n")}\n}\n`;

  it("a 5 000-column cycle is DG4003", () => {
    expect(codes(check(cycle(5000)))).toEqual(["DG4003"]);
  });

  it("a 20 000-deep 'let' chain declared readers first checks (was a stack overflow, DG9001)", () => {
    const lets = Array.from({ length: 20_000 }, (_, i) => `  let l${i} = ${i < 19_999 ? `l${i + 1} + 1` : "1"}`).join(
      "\n",
    );
    expect(check(`${header}table t { rows: 1\n${lets}\n  x int = l0\n}\n`)).toEqual([]);
  });

  it("a loop of 5 000 lets is one DG4080; a loop of 3 is DG4003 as before", () => {
    const loop = (n: number) =>
      `${header}table t { rows: 1\n${Array.from({ length: n }, (_, i) => `  let l${i} = l${(i + 1) % n} + 1`).join("\n")}\n  x int = l0\n}\n`;
    expect(codes(check(loop(5000)))).toEqual(["DG4080"]);
    expect(check(loop(5000))).toHaveLength(1);
    expect(codes(check(loop(3)))).toEqual(["DG4003"]);
    // A loop of names closed by a read in a child's scope (`sum(c, l0)` reads c.l0) is no loop: it checks.
    const lets = Array.from({ length: 3000 }, (_, i) => `  let l${i} = ${i < 2999 ? `l${i + 1} + 1` : "sum(c, l0)"}`);
    const child = "table c { rows: per p 1..2\n  l0 int = 1\n}\n";
    expect(check(`${header}table p { rows: 3\n  id int = 1\n${lets.join("\n")}\n}\n${child}`)).toEqual([]);
  });

  it("a chain of 3 000 lets through other tables' rows is DG4080, not a stack overflow", () => {
    const tables = Array.from(
      { length: 3000 },
      (_, i) => `table t${i} { rows: 2\n  let a = ${i < 2999 ? `t${i + 1}[0].a + 1` : "1"}\n  x int = a\n}`,
    );
    expect(codes(check(`${header}${tables.join("\n")}\n`))).toEqual(["DG4080"]);
  });

  it("a 20 000-deep 'let' chain checks", () => {
    const lets = Array.from({ length: 20_000 }, (_, i) => `  let l${i} = ${i ? `l${i - 1} + 1` : "1"}`).join("\n");
    expect(check(`${header}table t { rows: 1\n${lets}\n  x int = l19999\n}\n`)).toEqual([]);
  });
});

/** The longest table name accepted (128 bytes); its data file and temporary file must fit. */
const longestName = "n".repeat(128);

describe("the deepest accepted schema compiles and generates", () => {
  const deepest = [
    header.trimEnd(),
    "table t { rows: 3",
    `  p int = ${rep("(", 64)}1${rep(")", 64)}`,
    `  c int = ${rep("abs(", 64)}1${rep(")", 64)}`,
    `  e int = ${rep("if true then 1 else ", 64)}1`,
    `  o json = ${rep("{a: ", 64)}1${rep("}", 64)}`,
    `  s string = ${rep("`{", 64)}1${rep("}`", 64)}`,
    `  m int = ${rep("match 1 { 1 => ", 64)}1${rep(", _ => 0 }", 64)}`,
    `  a int = ${Array(256).fill("1").join(" + ")}`,
    `  n int = ${rep("-", 254)}1`,
    `  b bool = ${rep("not ", 255)}true`,
    "}",
    `table ${longestName} { rows: 2`,
    "  id int = 1",
    "}",
  ].join("\n");

  it.concurrent(
    "dgen generate writes its rows",
    async () => {
      const schema = join(dir, "deep.dgen");
      writeFileSync(schema, deepest);
      const r = await dgen(["generate", schema, "--out", join(dir, "deep-out")]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const lines = readFileSync(join(dir, "deep-out", "t.csv"), "utf8")
        .trim()
        .split("\n");
      expect(lines[0]).toBe("p,c,e,o,s,m,a,n,b");
      expect(lines[1]!.split(",").slice(0, 3)).toEqual(["1", "1", "1"]);
      expect(lines[1]!.split(",").slice(-3)).toEqual(["256", "1", "false"]);
      expect(lines.length).toBe(4);
      expect(readFileSync(join(dir, "deep-out", `${longestName}.csv`), "utf8")).toBe("id\n1\n1\n");
    },
    60_000,
  );

  it.concurrent("compile (with formatting) emits the module", async () => {
    const r = await compile({ path: join(dir, "deep.dgen"), text: deepest }, host);
    expect(r.diagnostics).toEqual([]);
    expect(r.files.get("deep.ts")).toContain("export const program");
  });
});

describe("exploding and deep 'per' chains (DG4060, DG4061, DG4062)", () => {
  const chain = (n: number) =>
    header +
    "table t0 { rows: 2\n  id int = 1\n}\n" +
    Array.from({ length: n - 1 }, (_, i) => `table t${i + 1} { rows: per t${i} 1..3\n  x int = 1\n}`).join("\n");

  it("80 tables of 'per t(i-1) 1..3' are an error at the first table past 2^53 rows, with a warning before", () => {
    const text = chain(80);
    const ds = check(text);
    expect(ds.map((d) => d.code)).toEqual(["DG4061", "DG4060"]);
    // 2·3^21 > 10^10 and 2·3^33 > 2^53: the first tables past each limit, at their `rows:` line.
    expect(text.slice(ds[0]!.span.start, ds[0]!.span.end)).toBe("rows: per t20 1..3");
    expect(text.slice(ds[1]!.span.start, ds[1]!.span.end)).toBe("rows: per t32 1..3");
  });

  it.concurrent(
    "a run that --scale takes past 2^53 rows is refused before anything is written",
    async () => {
      const schema = join(dir, "scaled.dgen");
      const per = (t: string, p: string) => `table ${t} { rows: per ${p} 1000\n  x int = 1\n}`;
      writeFileSync(
        schema,
        `${header}table a { rows: 1000\n  id int = 1\n}\n${[per("b", "a"), per("c", "b"), per("e", "c")].join("\n")}\n`,
      );
      const out = join(dir, "scaled-out");
      const r = await dgen(["generate", schema, "--out", out, "--scale", "100000"], { timeoutMs: 30_000 });
      expect(r.stderr).toContain("error[DG8001]: Invalid --scale: the run would write 1.0e+17 rows, more than 2^53.");
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    },
    40_000,
  );

  it("a chain of 256 'per' levels checks; 257 is DG4062 at the deepest table's rows: line", () => {
    expect(check(chain(257).replace(/1\.\.3/g, "1"))).toEqual([]);
    const text = chain(258).replace(/1\.\.3/g, "1");
    const ds = check(text);
    expect(ds.map((d) => d.code)).toEqual(["DG4062"]);
    expect(text.slice(ds[0]!.span.start, ds[0]!.span.end)).toBe("rows: per t256 1");
  });

  it("a chain under 10^10 rows is quiet; an unbounded count proves nothing", () => {
    expect(check(chain(20))).toEqual([]);
    expect(check(chain(80).replace(/1\.\.3/g, "poisson(2)"))).toEqual([]);
  });
});

describe("sizes and names", () => {
  it("a table name past 128 bytes is DG1023 at the name (it names a file)", () => {
    const ok = "n".repeat(128);
    const long = "n".repeat(240);
    expect(check(`${header}table ${ok} { rows: 1\n  a int = 1\n}\n`)).toEqual([]);
    const text = `${header}table ${long} { rows: 1\n  a int = 1\n}\n`;
    const ds = check(text);
    expect(ds.map((d) => d.code)).toEqual(["DG1023"]);
    expect(text.slice(ds[0]!.span.start, ds[0]!.span.end)).toBe(long);
  });

  it("a schema past 4 Mi characters is DG1024", () => {
    const text = `${header}// ${"x".repeat(4 * 1024 * 1024)}\n`;
    expect(codes(check(text))).toEqual(["DG1024"]);
  });
});

describe("diagnostics cap (DG1025)", () => {
  const text = `${header}table t { rows: 1\n${Array.from({ length: 1000 }, (_, i) => `  c${i} int = f()()`).join("\n")}\n}\n`;
  const file = { path: "s.dgen", text };

  it("text shows the first 200, one line that counts the rest, and the full count", () => {
    const ds = check(text);
    expect(ds.length).toBe(1000);
    const out = renderAll(ds, file);
    expect(out.match(/^error\[DG1016\]/gm)!.length).toBe(200);
    expect(out).toContain("warning[DG1025]: 800 more diagnostics (800 errors) not shown; dgen shows the first 200.");
    expect(out.trimEnd().endsWith("1000 errors")).toBe(true);
  });

  it("JSON holds the first 200 and one DG1025 entry", () => {
    const entries = JSON.parse(renderJson(check(text), file)) as { code: string }[];
    expect(entries.length).toBe(201);
    expect(entries.at(-1)!.code).toBe("DG1025");
  });
});
