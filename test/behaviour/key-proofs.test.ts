/**
 * Issue 8, item 17: keys the compiler proves unique by reading the value back. Accepted: a template
 * with a row key (`index`, a sequence, a key column) at one end behind fixed text ending in a
 * non-digit, whatever the other parts are (`{parent.first_name}.{index}@mail.test`); `parent.<key>` in
 * a table of at most one row per parent; `str(key)`; `str(date(tick))` beside `parent.<key>` on a
 * daily series. Refused: every variant where the key could be confused with the other parts. The
 * accepted schema is generated and its keys read back with an independent CSV reader.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv } from "../helpers/csv.js";

const root = tempDir("key-proofs");

const ACCEPTED = `dataset keys { seed: 3  epoch: 2024-01-01 }
table P {
  rows: 400
  id         int    @pk = sequence(1)
  first_name string     = faker.person.firstName()
}
table C {
  rows: per P 1
  pid   int    @unique @ref(P.id) = parent.id
  sid   string @unique = str(pid)
  mail  string @unique = \`{parent.first_name}.{index}@mail.test\`
  lower string @unique = lower(\`{parent.first_name}-{index}\`)
  first string @unique = \`{index}/{parent.first_name}\`
}
table O {
  rows: per P 0..1
  pid int @unique = parent.id
}
table S {
  rows: per P every 1d from 2024-01-01 to 2024-01-08
  sensor int = parent.id
  day    string = str(date(tick))
  unique(sensor, day)
}
`;

// Each line is one key that is not provably unique, with the code expected at that line.
const REFUSED: [string, string][] = [
  ["glued  string @unique = `{parent.first_name}{index}@mail.test`", "DG4002"],
  ["middle string @unique = `{parent.first_name}.{index}.{parent.first_name}`", "DG4002"],
  ["ord    string @unique = `{parent.first_name}.{ordinal}@mail.test`", "DG4002"],
  ["after  string @unique = `{index}{parent.first_name}`", "DG4002"],
  ["minus  string @unique = `{parent.first_name}.{index - 1}`", "DG4002"],
  ["pkey   int    @unique = parent.id", "DG4002"],
  ["name   string @unique = str(parent.first_name)", "DG4002"],
];

const refusedSchema = `dataset keys { seed: 3 }
table P {
  rows: 40
  id         int    @pk = sequence(1)
  first_name string     = faker.person.firstName()
}
table C {
  rows: per P 2
${REFUSED.map(([line]) => `  ${line}`).join("\n")}
}
table S {
  rows: per P every 12h from 2024-01-01 to 2024-01-08
  sensor int = parent.id
  day    string = str(date(tick))
  unique(sensor, day)
}
`;

let out = "";

beforeAll(async () => {
  const path = join(root, "accepted.dgen");
  writeFileSync(path, ACCEPTED);
  out = join(root, "out");
  const r: Ran = await dgen(["generate", path, "--out", out, "--format", "csv"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}, 60_000);

describe("keys proven by reading the value back", () => {
  it("are accepted, and the written keys are distinct", () => {
    const c = readCsv(join(out, "C.csv"));
    expect(c.rows.length).toBe(400);
    for (const name of ["pid", "sid", "mail", "lower", "first"])
      expect(new Set(column(c, name)).size, name).toBe(c.rows.length);
    const o = readCsv(join(out, "O.csv"));
    expect(new Set(column(o, "pid")).size).toBe(o.rows.length);
    const s = readCsv(join(out, "S.csv"));
    const pairs = s.rows.map((r) => `${r[0]}|${r[1]}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("are refused when a part could be confused with the key", async () => {
    const path = join(root, "refused.dgen");
    writeFileSync(path, refusedSchema);
    const r = await dgen(["check", path, "--format", "json"]);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as { code: string; start: { line: number } }[];
    const firstLine = 9;
    const expected = REFUSED.map(([, code], i) => [code, firstLine + i]);
    // A half-day series has two rows a day: `(sensor, day)` repeats.
    expected.push(["DG4008", firstLine + REFUSED.length + 5]);
    expect(diags.map((d) => [d.code, d.start.line])).toEqual(expected);
  });
});
