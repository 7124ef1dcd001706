/**
 * `@encrypt` and `dgen decrypt` as a user meets them: a schema with encrypted columns of every kind is
 * generated with DGEN_KEY set, then decrypted, and compared with a run of the same schema without the
 * `@encrypt` annotations — byte for byte, in several formats and compressions. Encrypted cells are
 * also opened here with node:crypto alone (HKDF → AES-256-GCM), so the file format is checked
 * independently of dgen's own decryption.
 */
import { createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, repoRoot, stackLines, tempDir } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";

const root = tempDir("decrypt");
const KEY = randomBytes(32);
const env = { DGEN_KEY: KEY.toString("hex") };

const ENCRYPTED = `
dataset vault {
  seed: 11
  epoch: 2025-01-01
}
enum Tier { free: 0.6, pro: 0.3, enterprise: 0.1 }
table accounts {
  rows: 1500
  id        int       @pk = sequence(1)
  name      string    @pii @encrypt = faker.person.fullName()
  email     string?   @encrypt @null(15%) = lower(\`{name}.{id}@mail.test\`)
  note      string    @encrypt = one_of("plain", "Smith, Jane", "say \\"hi\\"", "tab\\there", "line\\nbreak", "ünïcødé 😀", "")
  score     int       @encrypt = uniform(-50, 100)
  balance   decimal(10, 2) @encrypt = round(normal(100, 80), 2)
  ratio     float     @encrypt = normal(0, 1)
  born      date      @encrypt = between(1950-01-01, 2005-12-31)
  seen      timestamp @encrypt = between(2024-01-01T00:00:00Z, 2024-12-31T00:00:00Z)
  active    bool      @encrypt
  tier      Tier      @encrypt
  token     uuid      @encrypt = uuid()
  settings  json      @encrypt = { theme: one_of("light", "dark"), seats: uniform(1, 9) }
  city      string    = faker.location.city()
  big       int64     @encrypt = sequence(9007199254740990)
  small     int16     @encrypt = uniform(-5, 5)
  badge     bytes     @encrypt = random_bytes(6)
  tags      string[]  @encrypt = array(uniform(0, 3), one_of("a", "b,c", "d"))
}
table logins {
  rows: per accounts 0..3
  id          uuid     @pk = uuid()
  account_id  int      @ref(accounts.id) = parent.id
  ip          string   @encrypt = faker.internet.ipv4()
  at          timestamp = between(2024-01-01T00:00:00Z, 2024-12-31T00:00:00Z)
}
`;
const PLAIN = ENCRYPTED.replaceAll(" @encrypt", "");

const encryptedSchema = join(root, "vault.dgen");
const plainSchema = join(root, "vault-plain.dgen");

beforeAll(() => {
  expect(PLAIN).not.toContain("@encrypt");
  writeFileSync(encryptedSchema, ENCRYPTED);
  writeFileSync(plainSchema, PLAIN);
});

/** The csv pair of the first case (encrypted with 3 workers, and clean), made once for the tests that read it. */
let csvPair: Promise<void> | undefined;
function csvRuns(): Promise<void> {
  csvPair ??= (async () => {
    const flags = ["--format", "csv", "--compression", "none"];
    await generate(encryptedSchema, join(root, "enc-csv"), [...flags, "--workers", "3"]);
    await generate(plainSchema, join(root, "plain-csv"), flags);
  })();
  return csvPair;
}

async function generate(schema: string, out: string, flags: string[], extraEnv = env): Promise<void> {
  const r = await dgen(["generate", schema, "--out", out, "--quiet", ...flags], { env: extraEnv });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

/** The HKDF-derived AES key, computed here from the DGEN_KEY bytes. */
const aesKey = Buffer.from(hkdfSync("sha256", KEY, Buffer.alloc(0), "dgen/v1/aes-256-gcm", 32));

function lp(s: string): Buffer {
  const b = Buffer.from(s, "utf8");
  const n = Buffer.alloc(4);
  n.writeUInt32BE(b.length);
  return Buffer.concat([n, b]);
}

/** Opens an `enc:v1:` cell with node:crypto alone. */
function openCell(table: string, column: string, cell: string): string {
  expect(cell).toMatch(/^enc:v1:[A-Za-z0-9+/]+={0,2}$/);
  const raw = Buffer.from(cell.slice(7), "base64");
  const d = createDecipheriv("aes-256-gcm", aesKey, raw.subarray(0, 12));
  d.setAAD(Buffer.concat([lp(table), lp(column)]));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString("utf8");
}

describe("dgen decrypt gives back what a run without @encrypt writes", () => {
  const cases: [string, string, string[]][] = [
    ["csv", "none", ["--workers", "3"]], // made by csvRuns()
    ["json", "gzip", []],
    ["jsonl", "brotli", ["--workers", "2"]],
    ["tsv", "none", []],
  ];
  for (const [format, compression, extra] of cases)
    it(`${format}, compression ${compression}`, async () => {
      const flags = ["--format", format, "--compression", compression];
      const enc = join(root, `enc-${format}`);
      const plain = join(root, `plain-${format}`);
      if (format === "csv") await csvRuns();
      else {
        await generate(encryptedSchema, enc, [...flags, ...extra]);
        await generate(plainSchema, plain, flags);
      }
      const out = join(root, `dec-${format}`);
      const r = await dgen(["decrypt", enc, "--out", out], { env });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("decrypted name, email, note, score");
      expect(listFiles(out)).toEqual(listFiles(plain));
      for (const f of listFiles(plain).filter((p) => !p.startsWith("_manifest"))) {
        expect(readFileSync(join(enc, f)).equals(readFileSync(join(plain, f))), f).toBe(false);
        expect(readFileSync(join(out, f)).equals(readFileSync(join(plain, f))), f).toBe(true);
      }
      const m = JSON.parse(readFileSync(join(out, "_manifest.json"), "utf8"));
      const p = JSON.parse(readFileSync(join(plain, "_manifest.json"), "utf8"));
      expect(m.decrypted).toBe(true);
      expect(m.tables).toEqual(p.tables); // no column left tagged `encrypted`; sizes and hashes of the clean files
    });

  it("the encrypted cells open with node:crypto and hold the clean run's text", async () => {
    await csvRuns();
    const enc = join(root, "enc-csv");
    const plain = join(root, "plain-csv");
    const e = parseCsv(readFileSync(join(enc, "accounts.csv"), "utf8"));
    const p = parseCsv(readFileSync(join(plain, "accounts.csv"), "utf8"));
    expect(e.header).toEqual(p.header);
    expect(e.rows.length).toBe(1500);
    const city = e.header.indexOf("city");
    let nulls = 0;
    e.rows.forEach((row, i) => {
      row.forEach((cell, c) => {
        const name = e.header[c]!;
        if (name === "id" || c === city) return expect(cell).toBe(p.rows[i]![c]);
        if (cell === null) {
          nulls++;
          return expect(p.rows[i]![c]).toBeNull();
        }
        expect(openCell("accounts", name, cell)).toBe(p.rows[i]![c]);
      });
    });
    expect(nulls).toBeGreaterThan(100); // email @null(15%): nulls stay null, unencrypted
    const manifest = JSON.parse(readFileSync(join(enc, "_manifest.json"), "utf8"));
    const tags = Object.fromEntries(
      manifest.tables[0].columns.map((c: { name: string; tags: string[] }) => [c.name, c.tags]),
    );
    expect(tags.name).toEqual(["pii", "encrypted"]);
    expect(tags.city).toEqual([]);
  });

  it("the same key and seed give the same encrypted bytes (synthetic nonces)", async () => {
    await csvRuns();
    const again = join(root, "enc-csv-again");
    await generate(encryptedSchema, again, ["--format", "csv"]);
    for (const f of ["accounts.csv", "logins.csv"])
      expect(readFileSync(join(again, f)).equals(readFileSync(join(root, "enc-csv", f))), f).toBe(true);
    const e = parseCsv(readFileSync(join(again, "accounts.csv"), "utf8"));
    // equal plaintexts in different rows still look different
    const note = e.header.indexOf("note");
    const cells = e.rows.map((r) => r[note]);
    expect(new Set(cells).size).toBe(cells.length);
  });

  it("people.dgen (noise, masks, an encrypted card number) decrypts to the run without @encrypt", async () => {
    const dir = join(root, "people");
    cpSync(join(repoRoot, "test", "fixtures", "spec"), dir, { recursive: true });
    const schema = readFileSync(join(dir, "people.dgen"), "utf8");
    expect(schema).toContain("@encrypt");
    writeFileSync(join(dir, "people-plain.dgen"), schema.replaceAll(" @encrypt", ""));
    const flags = ["--rows", "persons=800"];
    await generate(join(dir, "people.dgen"), join(dir, "enc"), flags);
    await generate(join(dir, "people-plain.dgen"), join(dir, "plain"), flags);
    const r = await dgen(["decrypt", join(dir, "enc")], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${join(dir, "enc")}-decrypted`);
    const clean = readFileSync(join(dir, "enc-decrypted", "persons.jsonl"));
    expect(clean.equals(readFileSync(join(dir, "plain", "persons.jsonl")))).toBe(true);
    for (const line of clean.toString("utf8").trim().split("\n")) {
      const card = (JSON.parse(line) as { card_number: string }).card_number;
      expect(luhn(card), card).toBe(true);
    }
  });
});

function luhn(s: string): boolean {
  const digits = s.replace(/\D/g, "");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

describe("dgen decrypt errors", () => {
  const enc = join(root, "errors-enc");
  beforeAll(async () => {
    writeFileSync(encryptedSchema, ENCRYPTED);
    await generate(encryptedSchema, enc, ["--rows", "accounts=40"]);
  });

  it("a wrong key: exit 1, names file, row and column, writes nothing", async () => {
    const out = join(root, "wrong-key");
    const r = await dgen(["decrypt", enc, "--out", out], {
      env: { DGEN_KEY: randomBytes(32).toString("base64") },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5042]");
    expect(r.stderr).toContain(`${join(enc, "accounts.csv")}', row 1, column 'name'`);
    expect(stackLines(r.stderr)).toEqual([]);
    expect(listFiles(out)).toEqual([]);
  });

  it("an empty or malformed DGEN_KEY: exit 1, DG5041, the key never shown", async () => {
    const missing = await dgen(["decrypt", enc, "--out", join(root, "nokey")], {
      env: { DGEN_KEY: "" },
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error[DG5041]");
    const bad = "0123456789abcdef".repeat(3);
    const r = await dgen(["decrypt", enc, "--out", join(root, "badkey")], { env: { DGEN_KEY: bad } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5041]");
    expect(r.stderr).toContain("expected 32 bytes as 64 hex digits or base64");
    expect(r.stderr).toContain("help: use the key the data was encrypted with");
    expect(r.stderr).not.toContain(bad);
    expect(existsSync(join(root, "badkey"))).toBe(false);
  });

  it("generating @encrypt with an empty DGEN_KEY fails before writing anything", async () => {
    const out = join(root, "gen-nokey");
    const r = await dgen(["generate", encryptedSchema, "--out", out, "--quiet"], { env: { DGEN_KEY: "" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5041]: The environment variable 'DGEN_KEY' is not a valid key: it is empty");
    expect(r.stderr).toContain("openssl rand -hex 32");
    expect(listFiles(out)).toEqual([]);
  });

  it("not a dgen output folder (exit 1); --out naming the input (exit 2)", async () => {
    const r = await dgen(["decrypt", join(repoRoot, "examples")], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG5044]");
    expect(r.stderr).toContain("_manifest.json");
    const gone = await dgen(["decrypt", join(root, "no-such-folder")], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("does not exist");
    const same = await dgen(["decrypt", enc, "--out", enc + "/"], { env });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("error[DG8010]");
    for (const x of [r, gone, same]) expect(stackLines(x.stderr)).toEqual([]);
  });

  it("usage: a missing folder argument is a usage error; --help lists decrypt", async () => {
    const r = await dgen(["decrypt"], { env });
    expect(r.code).toBe(2);
    const help = await dgen(["--help"]);
    expect(help.stdout).toContain("decrypt");
  });
});
