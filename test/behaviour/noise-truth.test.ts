/**
 * Noise (spec §8) and `--truth`, through the CLI on real files: the truth file describes exactly the
 * cells that differ from a run of the same schema without noise; shares hold; keys are never dirtied
 * by a table default; worker counts and shards write the same data and truth; `missing` empties even
 * non-nullable cells; the specification's people.dgen generates.
 *
 * Data and truth are read back with csv-parse (test/helpers/csv.ts), JSONL with JSON.parse.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, repoRoot, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { readCsv, type Csv } from "../helpers/csv.js";
import { bundleModule } from "../helpers/typescript.js";

const root = tempDir("noise");

const NOISY = `
dataset nz {
  seed: 11
  epoch: 2025-01-01
}
enum Kind { a: 0.5, b: 0.3, c: 0.2 }
table items {
  rows: 20_000
  noise: { typo: 2%, missing: 1% }
  id     int            @pk              = sequence(1)
  code   string         @unique          = pattern("[A-Z]{3}[0-9]{5}")
  name   string         @noise(typo: 5%, missing: 2%, format: 3%) = faker.person.lastName()
  phone  string         @noise(format: 10%) = pattern("[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}")
  qty    int            @noise(outlier: 4%, typo: 2%) = uniform(1, 100)
  price  decimal(8, 2)  @noise(format: 5%, outlier: 1%) = round(uniform(1.0, 90000.0), 2)
  score  float          = normal(50, 10)
  born   date           @noise(format: 6%) = between(1950-01-01, 2005-12-31)
  seen   timestamp      @noise(format: 4%) = between(2024-01-01T00:00:00Z, 2024-12-31T00:00:00Z)
  kind   Kind           @noise(missing: 3%)
  label  string         = \`{name}-{id}\`
  note   string?        @null(50%) = faker.lorem.word()
  check qty >= 1
}
table parts {
  rows: per items 1..3
  noise: { typo: 10%, missing: 10%, format: 10% }
  item_id int     @ref(items.id) = parent.id
  n       int     = ordinal + 1
  note    string  = faker.lorem.word()
  unique(item_id, n)
}
`;

/** NOISY without any noise: every `@noise(...)` and `noise: {...}` removed. */
const CLEAN = NOISY.replace(/@noise\([^)]*\)/g, "").replace(/^\s*noise: \{[^}]*\}\n/gm, "");

const ROWS = 20_000;
/** The shares asked for in NOISY, per column and kind (the table default for score, label, note). */
const SHARES: Record<string, Record<string, number>> = {
  name: { typo: 0.05, missing: 0.02, format: 0.03 },
  phone: { format: 0.1 },
  qty: { outlier: 0.04, typo: 0.02 },
  price: { format: 0.05, outlier: 0.01 },
  score: { typo: 0.02, missing: 0.01 },
  born: { format: 0.06 },
  seen: { format: 0.04 },
  kind: { missing: 0.03 },
  label: { typo: 0.02, missing: 0.01 },
};

interface TruthRow {
  table: string;
  row: number;
  column: string;
  noise: string;
  clean: string;
  dirty: string | null;
}

function ok(r: Ran, what: string): void {
  expect(stackLines(r.stderr), what).toEqual([]);
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

function readTruth(path: string): TruthRow[] {
  const csv = readCsv(path);
  expect(csv.header).toEqual(["table", "row", "column", "noise", "clean", "dirty"]);
  return csv.rows.map((r) => ({
    table: r[0]!,
    row: Number(r[1]),
    column: r[2]!,
    noise: r[3]!,
    clean: r[4]!,
    dirty: r[5] ?? null,
  }));
}

/** The cell of `table`, `row`, `column` in a CSV output folder. */
function cellOf(tables: Record<string, Csv>, table: string, row: number, column: string): string | null {
  const csv = tables[table]!;
  const i = csv.header.indexOf(column);
  expect(i, `${table}.${column} exists`).toBeGreaterThanOrEqual(0);
  return csv.rows[row]![i]!;
}

const paths = {
  noisy: join(root, "noisy.dgen"),
  clean: join(root, "clean.dgen"),
  bundle: join(root, "noisy.mjs"),
};
const out = { noisy: join(root, "noisy"), clean: join(root, "clean") };
const truthPath = join(root, "truth.csv");
let truth: TruthRow[];
let noisy: Record<string, Csv>;
let clean: Record<string, Csv>;

beforeAll(async () => {
  writeFileSync(paths.noisy, NOISY);
  writeFileSync(paths.clean, CLEAN);
  expect(CLEAN).not.toContain("noise");
  ok(await dgen(["generate", paths.noisy, "--out", out.noisy, "--truth", truthPath]), "noisy run");
  ok(await dgen(["generate", paths.clean, "--out", out.clean]), "clean run");
  ok(await dgen(["build", paths.noisy, "-o", paths.bundle]), "build");
  truth = readTruth(truthPath);
  noisy = { items: readCsv(join(out.noisy, "items.csv")), parts: readCsv(join(out.noisy, "parts.csv")) };
  clean = { items: readCsv(join(out.clean, "items.csv")), parts: readCsv(join(out.clean, "parts.csv")) };
}, 180_000);

describe("the truth file describes the dirt", () => {
  it("every truth row's dirty text is the data cell (an empty, unquoted field for missing)", () => {
    expect(truth.length).toBeGreaterThan(1000);
    for (const t of truth) {
      const cell = cellOf(noisy, t.table, t.row, t.column);
      if (t.noise === "missing") {
        expect(t.dirty, `${t.table}[${t.row}].${t.column}`).toBeNull();
        expect(cell, `${t.table}[${t.row}].${t.column}`).toBeNull();
      } else {
        expect(cell, `${t.table}[${t.row}].${t.column} (${t.noise})`).toBe(t.dirty);
        expect(t.dirty, `${t.table}[${t.row}].${t.column} (${t.noise}) changed`).not.toBe(t.clean);
      }
    }
  });

  it("the clean run equals the noisy run everywhere but the truth cells, which hold the clean text", () => {
    const dirtied = new Map(truth.map((t) => [`${t.table}\u0000${t.row}\u0000${t.column}`, t]));
    let compared = 0;
    for (const table of ["items", "parts"]) {
      const a = clean[table]!;
      const b = noisy[table]!;
      expect(b.header).toEqual(a.header);
      expect(b.rows.length, table).toBe(a.rows.length);
      a.rows.forEach((row, r) =>
        a.header.forEach((column, c) => {
          const t = dirtied.get(`${table}\u0000${r}\u0000${column}`);
          compared++;
          if (t === undefined) {
            if (b.rows[r]![c] !== row[c]) expect(b.rows[r]![c], `${table}[${r}].${column} not in truth`).toBe(row[c]);
          } else expect(row[c], `${table}[${r}].${column}: truth's clean`).toBe(t.clean);
        }),
      );
    }
    expect(compared).toBeGreaterThan(ROWS * 12);
  });

  it("the module's row functions return the clean values: item(row)[column] is the truth's clean text, and valid", async () => {
    const gen = join(root, "gen");
    ok(await dgen(["compile", paths.noisy, "-o", gen]), "compile");
    const outfile = join(root, "noisy-module.mjs");
    await bundleModule(root, join(gen, "noisy.ts"), outfile);
    type Row = Record<string, unknown>;
    const mod = (await import(pathToFileURL(outfile).href)) as {
      item(i: number): Row;
      part(i: number): Row;
      validateItem(row: Row): unknown[];
      validatePart(row: Row): unknown[];
    };
    for (const t of truth) {
      const row = t.table === "items" ? mod.item(t.row) : mod.part(t.row);
      expect(String(row[t.column]), `${t.table}[${t.row}].${t.column}`).toBe(t.clean);
      expect(t.table === "items" ? mod.validateItem(row) : mod.validatePart(row)).toEqual([]);
    }
  }, 60_000);

  it("rows come in table, row, then column order", () => {
    const order = (t: TruthRow) => [t.table === "items" ? 0 : 1, t.row, noisy[t.table]!.header.indexOf(t.column)];
    for (let i = 1; i < truth.length; i++) {
      const [a, b] = [order(truth[i - 1]!), order(truth[i]!)];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      expect(cmp, `truth rows ${i - 1} and ${i}`).toBeLessThan(0);
    }
  });

  it("shares hold at 20 000 rows (within four standard deviations), per column and kind", () => {
    const counts = new Map<string, number>();
    for (const t of truth.filter((x) => x.table === "items"))
      counts.set(`${t.column}/${t.noise}`, (counts.get(`${t.column}/${t.noise}`) ?? 0) + 1);
    const expected = new Set<string>();
    for (const [column, kinds] of Object.entries(SHARES))
      for (const [kind, p] of Object.entries(kinds)) {
        expected.add(`${column}/${kind}`);
        const got = (counts.get(`${column}/${kind}`) ?? 0) / ROWS;
        const sd = Math.sqrt((p * (1 - p)) / ROWS);
        expect(Math.abs(got - p), `${column}/${kind}: ${got} vs ${p}`).toBeLessThan(4 * sd);
      }
    // and nothing else in items is dirtied (note is nullable: its default noise only hits non-null cells)
    const others = [...counts.keys()].filter((k) => !expected.has(k) && !k.startsWith("note/"));
    expect(others).toEqual([]);
    const noteAt = clean.items!.header.indexOf("note");
    const notes = clean.items!.rows.filter((r) => r[noteAt] !== null).length;
    expect(notes).toBeGreaterThan(ROWS * 0.45);
    const noteTypos = (counts.get("note/typo") ?? 0) / notes;
    expect(Math.abs(noteTypos - 0.02)).toBeLessThan(4 * Math.sqrt((0.02 * 0.98) / notes));
  });

  it("each kind writes what the language says", () => {
    const of = (column: string, noise: string) => truth.filter((t) => t.column === column && t.noise === noise);
    for (const t of of("name", "typo")) {
      const [c, d] = [Array.from(t.clean), Array.from(t.dirty!)];
      expect(Math.abs(c.length - d.length), t.dirty!).toBeLessThanOrEqual(1);
      if (c.length === d.length) {
        const diff = c.flatMap((ch, i) => (ch === d[i] ? [] : [i]));
        expect(diff.length, `${t.clean} → ${t.dirty}: a swap of two neighbours`).toBe(2);
        expect(diff[1]! - diff[0]!).toBe(1);
        expect([c[diff[0]!], c[diff[1]!]]).toEqual([d[diff[1]!], d[diff[0]!]]);
      } else {
        // one character dropped or doubled: removing one character of the longer gives the shorter
        const [long, short] = c.length > d.length ? [c, d] : [d, c];
        expect(
          long.some((_, i) => [...long.slice(0, i), ...long.slice(i + 1)].join("") === short.join("")),
          `${t.clean} → ${t.dirty}`,
        ).toBe(true);
      }
    }
    for (const t of of("name", "format"))
      expect([t.clean.toUpperCase(), t.clean.toLowerCase(), ` ${t.clean} `], t.dirty!).toContain(t.dirty);
    for (const t of of("phone", "format")) {
      const [a, b, c] = t.clean.split("-");
      expect([`(${a}) ${b}-${c}`, `${a}.${b}.${c}`, `${a}${b}${c}`], t.dirty!).toContain(t.dirty);
    }
    for (const t of of("born", "format")) {
      const [y, m, d] = t.clean.split("-");
      expect([`${m}/${d}/${y}`, `${d}.${m}.${y}`], t.dirty!).toContain(t.dirty);
    }
    for (const t of of("seen", "format")) {
      const m = /^(\d{4})-(\d{2})-(\d{2})T([\d:.]+)Z$/.exec(t.clean)!;
      const [, y, mo, d, time] = m;
      expect([`${mo}/${d}/${y} ${time}`, `${d}.${mo}.${y} ${time}`, `${y}-${mo}-${d} ${time}`]).toContain(t.dirty);
    }
    for (const t of of("price", "format")) {
      // the same number in another notation: strip the grouping and read the decimal separator
      const dirty = t.dirty!;
      const european = /,\d{2}$/.test(dirty);
      const value = european ? dirty.replaceAll(".", "").replace(",", ".") : dirty.replaceAll(",", "");
      expect(Number(value), `${t.clean} → ${dirty}`).toBe(Number(t.clean));
    }
    for (const t of [...of("qty", "outlier"), ...of("price", "outlier")]) {
      const ratio = Math.abs(Number(t.dirty) / Number(t.clean));
      expect(ratio, `${t.clean} → ${t.dirty}`).toBeGreaterThanOrEqual(9.5);
      expect(ratio, `${t.clean} → ${t.dirty}`).toBeLessThan(1001);
    }
    for (const t of of("price", "outlier")) expect(t.dirty).toMatch(/^-?\d+\.\d{2}$/);
    for (const t of of("qty", "outlier")) expect(t.dirty).toMatch(/^-?\d+$/);
  });

  it("a table default never dirties keys: @pk, @unique, @ref and the columns of unique(...)", () => {
    const keys = new Set(["items.id", "items.code", "parts.item_id", "parts.n"]);
    expect(truth.filter((t) => keys.has(`${t.table}.${t.column}`))).toEqual([]);
    // while the parts table's default does dirty its other column
    expect(truth.filter((t) => t.table === "parts" && t.column === "note").length).toBeGreaterThan(100);
    const ids = noisy.items!.rows.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ROWS);
  });
});

describe("--truth and the run", () => {
  it("--workers 1 and 3 write the same data and the same truth file", async () => {
    const runs = [1, 3].map((w) => ({ out: join(root, `w${w}`), truth: join(root, `w${w}-truth.csv`), w }));
    for (const r of runs)
      ok(
        await node(paths.bundle, [
          "--out",
          r.out,
          "--rows",
          "items=70000",
          "--workers",
          String(r.w),
          "--truth",
          r.truth,
          "--quiet",
        ]),
        `--workers ${r.w}`,
      );
    const [a, b] = runs;
    expect(readFileSync(b!.truth).equals(readFileSync(a!.truth)), "truth files").toBe(true);
    for (const f of ["items.csv", "parts.csv"])
      expect(readFileSync(join(b!.out, f)).equals(readFileSync(join(a!.out, f))), f).toBe(true);
    // 70 000 items are three chunks: the truth file covers rows of all of them
    const rows = readTruth(a!.truth)
      .filter((t) => t.table === "items")
      .map((t) => t.row);
    expect(Math.max(...rows)).toBeGreaterThan(65_536);
  }, 120_000);

  it("the shards' truth files, table by table and in shard order, are the single run's; rows keep their table index", async () => {
    const shards = join(root, "shards");
    mkdirSync(shards);
    const texts: string[] = [];
    for (const i of [1, 2, 3]) {
      const file = join(root, `shard-${i}-truth.csv`);
      ok(await node(paths.bundle, ["--out", shards, "--shard", `${i}/3`, "--truth", file]), `shard ${i}`);
      texts.push(readFileSync(file, "utf8"));
    }
    const header = "table,row,column,noise,clean,dirty\n";
    for (const t of texts) expect(t.startsWith(header)).toBe(true);
    // each shard holds its slice of every table, so per table the shards' lines, in order, are the run's
    const lines = (text: string, table: string) => text.split("\n").filter((l) => l.startsWith(`${table},`));
    const whole = readFileSync(truthPath, "utf8");
    for (const table of ["items", "parts"]) {
      const joined = texts.flatMap((t) => lines(t, table));
      expect(joined.length, table).toBeGreaterThan(100);
      expect(joined.join("\n") === lines(whole, table).join("\n"), table).toBe(true);
    }
    // the rows keep their index in the table: shard 3's first items row is past two thirds of the table
    expect(Number(lines(texts[2]!, "items")[0]!.split(",")[1])).toBeGreaterThanOrEqual(Math.floor((ROWS * 2) / 3));
  }, 120_000);

  it("missing writes null even in a non-nullable column (JSONL), and the schema says the column is not nullable", async () => {
    const dir = join(root, "jsonl");
    const file = join(root, "jsonl-truth.csv");
    ok(await node(paths.bundle, ["--out", dir, "--format", "jsonl", "--truth", file]), "jsonl run");
    const rows = readFileSync(join(dir, "items.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const missing = readTruth(file).filter((t) => t.table === "items" && t.column === "name" && t.noise === "missing");
    expect(missing.length).toBeGreaterThan(100);
    for (const t of missing) expect(rows[t.row]!.name, `row ${t.row}`).toBeNull();
    const manifest = JSON.parse(readFileSync(join(dir, "_manifest.json"), "utf8")) as {
      tables: { name: string; columns: { name: string; type: string; tags: string[] }[] }[];
    };
    const cols = manifest.tables.find((t) => t.name === "items")!.columns;
    expect(cols.find((c) => c.name === "name")).toEqual({ name: "name", type: "string", tags: ["noise"] });
    expect(cols.find((c) => c.name === "id")!.tags).toEqual(["pk"]);
    expect(cols.find((c) => c.name === "score")!.tags).toEqual(["noise"]); // the table default
    // a typo'd number is text in JSON, an outlier stays a number
    const truthRows = readTruth(file);
    const typo = truthRows.find((t) => t.column === "qty" && t.noise === "typo")!;
    expect(rows[typo.row]!.qty).toBe(typo.dirty);
    const outlier = truthRows.find((t) => t.column === "qty" && t.noise === "outlier")!;
    expect(rows[outlier.row]!.qty).toBe(Number(outlier.dirty));
  }, 60_000);

  it("a run without noisy columns writes the header alone; a relative FILE is relative to the working directory", async () => {
    const dir = join(root, "cwd");
    mkdirSync(dir);
    ok(
      await dgen(["generate", paths.clean, "--out", "o", "--truth", "sub/t.csv", "--rows", "items=10"], { cwd: dir }),
      "clean",
    );
    expect(readFileSync(join(dir, "sub", "t.csv"), "utf8")).toBe("table,row,column,noise,clean,dirty\n");
    expect(listFiles(dir)).toEqual(["o/_manifest.json", "o/items.csv", "o/parts.csv", "sub/t.csv"]);
  }, 60_000);

  it("--truth naming a folder or a data file is DG5030, exit 1, and nothing is written", async () => {
    const dir = join(root, "bad-truth");
    mkdirSync(join(dir, "folder"), { recursive: true });
    const asFolder = await dgen(["generate", paths.noisy, "--out", "o", "--truth", "folder"], { cwd: dir });
    expect(asFolder.code).toBe(1);
    expect(asFolder.stderr).toContain("error[DG5030]: The truth file 'folder' is a folder");
    const asData = await dgen(["generate", paths.noisy, "--out", "o", "--truth", "o/items.csv"], { cwd: dir });
    expect(asData.code).toBe(1);
    expect(asData.stderr).toContain(
      "error[DG5030]: The truth file 'o/items.csv' would replace the data file 'items.csv'",
    );
    expect(stackLines(asFolder.stderr + asData.stderr)).toEqual([]);
    expect(listFiles(dir)).toEqual([]);
  }, 60_000);
});

describe("a failed run", () => {
  it("leaves no truth file and no data file (DG7003 while generating)", async () => {
    const dir = join(root, "failed");
    mkdirSync(dir);
    const schema = join(dir, "s.dgen");
    writeFileSync(
      schema,
      `dataset f { seed: 1 }\ntable t {\n  rows: 50\n  code int @unique @noise(typo: 50%) = uniform(1, 100)\n}\n`,
    );
    const r = await dgen(["generate", schema, "--out", "o", "--rows", "t=200", "--truth", "t.csv"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG7003]");
    expect(r.stderr).toContain("warning[DG3054]");
    expect(stackLines(r.stderr)).toEqual([]);
    expect(listFiles(dir)).toEqual(["s.dgen"]);
  }, 60_000);
});

describe("the specification's people.dgen", () => {
  it("generates as JSONL with DGEN_KEY set: masked ssn, encrypted cards, a typo'd last_name, reformatted phones", async () => {
    const dir = join(root, "people");
    const file = join(root, "people-truth.csv");
    const key = "5f".repeat(32);
    const r = await dgen(
      [
        "generate",
        join(repoRoot, "test/fixtures/spec/people.dgen"),
        "--rows",
        "persons=2000",
        "--out",
        dir,
        "--truth",
        file,
      ],
      { env: { DGEN_KEY: key } },
    );
    ok(r, "people");
    expect(listFiles(dir)).toEqual(["_manifest.json", "persons.jsonl"]);
    const rows = readFileSync(join(dir, "persons.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string | number | null>);
    expect(rows).toHaveLength(2000);
    for (const p of rows) {
      expect(p.ssn).toMatch(/^[1-8]\*{9}\d$/);
      expect(p.card_number).toMatch(/^enc:v1:[A-Za-z0-9+/]+={0,2}$/);
    }
    const t = readTruth(file);
    expect(new Set(t.map((x) => `${x.column}/${x.noise}`))).toEqual(new Set(["last_name/typo", "phone/format"]));
    const typos = t.filter((x) => x.noise === "typo").length / 2000;
    const formats = t.filter((x) => x.noise === "format").length / 2000;
    expect(Math.abs(typos - 0.02)).toBeLessThan(0.013);
    expect(Math.abs(formats - 0.05)).toBeLessThan(0.02);
    for (const x of t) expect(rows[x.row]![x.column]).toBe(x.dirty);
    const manifest = JSON.parse(readFileSync(join(dir, "_manifest.json"), "utf8")) as {
      tables: { columns: { name: string; tags: string[] }[] }[];
    };
    const tags = Object.fromEntries(manifest.tables[0]!.columns.map((c) => [c.name, c.tags]));
    expect(tags.ssn).toEqual(["unique", "pii", "masked:partial"]);
    expect(tags.last_name).toEqual(["pii", "noise"]);
    expect(tags.phone).toEqual(["pii", "noise"]);
    expect(tags.card_number).toEqual(["encrypted"]);
    expect(tags.email).toEqual(["pii"]);
    expect(readFileSync(join(dir, "_manifest.json"), "utf8")).not.toContain(key);
  }, 120_000);
});
