/**
 * What `dgen validate` reports on a row: every broken validator of a cell (not just the first), broken
 * `check` rules, no generation-only warning (DG6003), a `--truth` file in the output folder left alone,
 * and TSV read as strictly as dgen writes it (no trailing lone `\`, no unknown escape).
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, stackLines, tempDir } from "../helpers/cli.js";

const root = tempDir("validate-rules");
const schema = join(root, "emp.dgen");

beforeAll(() => {
  writeFileSync(
    schema,
    `dataset staff { seed: 3 }
output { format: parquet }
table employees {
  rows: 40
  id     int    @pk = sequence(1)
  email  string @email @noise(typo: 20%) = \`e{id}@mail.test\`
  code   string @length(4, 4) @regex(/^[A-Z]+$/) @prefix("AB") = one_of("ABCD")
  lo     int    = uniform(1, 5)
  hi     int    = uniform(6, 9)
  start  date   = between(2020-01-01, 2020-12-31)
  stop   date   = start + days(uniform(1, 30))
  check lo < hi
  check stop > start
}
`,
  );
});

function folder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const HEADER = "id,email,code,lo,hi,start,stop\n";

describe("dgen validate reports every broken rule of a row", { timeout: 60_000 }, () => {
  it("all validators a cell breaks, each on its own line", async () => {
    const dir = folder("validators");
    writeFileSync(join(dir, "employees.csv"), HEADER + "1,a@b.test,x1,1,7,2020-01-01,2020-01-05\n");
    const r = await dgen(["validate", schema, dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("employees: row 1, column code: @length");
    expect(r.stdout).toContain("employees: row 1, column code: @regex");
    expect(r.stdout).toContain("employees: row 1, column code: @prefix");
    expect(r.stdout).toContain("employees: 1 row, 3 violations");
  });

  it("broken check rules, named by their text", async () => {
    const dir = folder("checks");
    writeFileSync(
      join(dir, "employees.csv"),
      HEADER +
        "1,a@b.test,ABCD,5,3,2020-01-01,2020-01-05\n" +
        "2,c@d.test,ABCD,1,7,2020-03-01,2020-02-01\n" +
        "3,e@f.test,ABCD,1,7,2020-03-01,2020-03-02\n",
    );
    const r = await dgen(["validate", schema, dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/employees: row 1, column lo, hi: check lo < hi/);
    expect(r.stdout).toMatch(/employees: row 2, column start, stop: check stop > start/);
    expect(r.stdout).toContain("employees: 3 rows, 2 violations");
  });

  it("data generated under row-local checks of every readable type passes them (csv and json)", async () => {
    const typed = join(root, "typed.dgen");
    writeFileSync(
      typed,
      `dataset typed { seed: 9 }
enum Tier { free: 0.5, pro: 0.5 }
table t {
  rows: 300
  id     int @pk = sequence(1)
  price  decimal(8, 2) = round(uniform(1.0, 500.0), 2)
  cap    decimal(8, 2) = price + 10.25
  day    date = between(2020-01-01, 2020-12-31)
  due    date = day + days(uniform(0, 9))
  at     timestamp = between(2024-01-01T00:00:00Z, 2024-06-30T00:00:00Z)
  seen   timestamp = at + hours(uniform(1, 48))
  tier   Tier
  name   string = one_of("ann", "bo", "cy")
  vip    bool = bernoulli(0.3)
  note   string? @null(40%) = one_of("x", "y")
  check cap > price and due >= day and seen > at
  check tier == "pro" or tier == "free"
  check len(name) >= 2 and (vip or not vip)
  check note == null or note != "z"
  check \`{name}-{day}\` != "nobody"
}
`,
    );
    for (const format of ["csv", "json"]) {
      const out = join(root, `typed-${format}`);
      const g = await dgen(["generate", typed, "--out", out, "--format", format, "--quiet"]);
      expect(g.code, g.stderr).toBe(0);
      const r = await dgen(["validate", typed, out]);
      expect(r.stdout + r.stderr).not.toContain("check ");
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
  });

  it("generated data with a --truth file inside the folder: the truth file is not a table (exit 0 with noise only on email)", async () => {
    const out = folder("gen");
    const g = await dgen([
      "generate",
      schema,
      "--out",
      out,
      "--format",
      "csv",
      "--truth",
      `${out}-truth.csv`,
      "--quiet",
    ]);
    expect(g.code, g.stderr).toBe(0);
    // dgen generate keeps the truth file out of the output folder (DG5030); a user may still copy it in
    copyFileSync(`${out}-truth.csv`, join(out, "truth.csv"));
    const r = await dgen(["validate", schema, out]);
    expect(r.stderr).not.toContain("DG5053");
    expect(r.stderr).not.toContain("DG6003");
    expect(stackLines(r.stderr)).toEqual([]);
    // noise dirties e-mails on purpose; nothing else is reported
    for (const line of r.stdout.split("\n").filter((l) => l.startsWith("  employees:")))
      expect(line).toMatch(/column email: @email/);
  });

  it("the schema's DG6003 (an output format not written yet) is not repeated by validate", async () => {
    const dir = folder("warn");
    writeFileSync(join(dir, "employees.csv"), HEADER + "1,a@b.test,ABCD,1,7,2020-01-01,2020-01-05\n");
    const r = await dgen(["validate", schema, dir]);
    expect(r.stderr).not.toContain("DG6003");
    expect(r.code).toBe(0);
  });
});

describe("dgen validate reads TSV as dgen writes it", { timeout: 60_000 }, () => {
  const TSV_HEADER = HEADER.replaceAll(",", "\t");
  const row = (email: string) => `1\t${email}\tABCD\t1\t7\t2020-01-01\t2020-01-05\n`;

  it("a trailing lone backslash: DG5052 naming line and column", async () => {
    const dir = folder("tsv-lone");
    writeFileSync(join(dir, "employees.tsv"), TSV_HEADER + row("a@b.test\\"));
    const r = await dgen(["validate", schema, dir]);
    expect(r.stderr).toContain("error[DG5052]");
    expect(r.stderr).toContain("a lone '\\' at the end of a field");
    expect(r.stderr).toContain("employees.tsv:2:");
    expect(r.code).toBe(1);
  });

  it("an unknown escape: DG5052", async () => {
    const dir = folder("tsv-escape");
    writeFileSync(join(dir, "employees.tsv"), TSV_HEADER + row("a\\q@b.test"));
    const r = await dgen(["validate", schema, dir]);
    expect(r.stderr).toContain("error[DG5052]");
    expect(r.stderr).toContain("unknown escape '\\q'");
    expect(r.code).toBe(1);
  });

  it("the escapes dgen writes still read", async () => {
    const dir = folder("tsv-ok");
    writeFileSync(join(dir, "employees.tsv"), TSV_HEADER + row("a@b.test"));
    const r = await dgen(["validate", schema, dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
