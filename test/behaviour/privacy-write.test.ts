/**
 * Privacy at write time (spec §9), through the CLI on real files: `@mask(partial | full | hash)` and
 * `@encrypt` cells checked against a run of the same schema without them, by rule — masks character by
 * character, hashes recomputed with node:crypto's HMAC-SHA-256, ciphertexts decrypted with node:crypto
 * from the documented format (HKDF-SHA-256 subkey, nonce ‖ ciphertext ‖ tag, AAD = table and column);
 * missing or malformed keys stop the run before anything is written; manifest tags; noise + mask.
 */
import { createDecipheriv, createHmac, hkdfSync } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, node, stackLines, tempDir, type Ran } from "../helpers/cli.js";
import { column, readCsv, type Csv } from "../helpers/csv.js";

const root = tempDir("privacy");

const DGEN_KEY = "0123456789abcdef".repeat(4); // 32 bytes as hex
const DGEN_MASK_KEY = Buffer.from("a mask key of thirty-two bytes!!").toString("base64");
const env = { DGEN_KEY, DGEN_MASK_KEY };

const PRIVATE = `
dataset priv {
  seed: 5
  epoch: 2025-01-01
}
table users {
  rows: 400
  id     int     @pk = sequence(1)
  name   string  @pii @mask(partial) = faker.person.firstName()
  email  string  @pii @mask(partial) = lower(\`{name}.{id}@mail.test\`)
  code   string  @mask(full) = pattern("[A-Z]{4}-[0-9]{3}")
  last   string  @mask(hash) = faker.person.lastName()
  card   string  @pii @encrypt = faker.finance.creditCardNumber()
  age    int     @encrypt = uniform(18, 90)
  born   date    @mask(partial) = between(1950-01-01, 2005-12-31)
  nick   string? @null(30%) @encrypt = faker.person.firstName()
  city   string  @pii = faker.location.city()
}
table notes {
  rows: per users 1..2
  user_id int    @ref(users.id) = parent.id
  secret  string @mask(hash) @noise(typo: 30%) = faker.lorem.word()
}
`;
const PLAIN = PRIVATE.replace(/@(pii|encrypt|mask\(\w+\)|noise\([^)]*\))/g, "");

function ok(r: Ran, what: string): void {
  expect(stackLines(r.stderr), what).toEqual([]);
  expect(r.stderr, what).toBe("");
  expect(r.code, what).toBe(0);
}

/** 4-byte big-endian length, then the UTF-8 bytes (the documented AAD pieces). */
function lp(s: string): Buffer {
  const b = Buffer.from(s, "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32BE(b.length);
  return Buffer.concat([head, b]);
}

/** Decrypts an `enc:v1:` cell independently of dgen's code. */
function decrypt(cell: string, table: string, col: string): string {
  expect(cell.startsWith("enc:v1:"), cell).toBe(true);
  const raw = Buffer.from(cell.slice("enc:v1:".length), "base64");
  const aesKey = Buffer.from(
    hkdfSync("sha256", Buffer.from(DGEN_KEY, "hex"), new Uint8Array(0), "dgen/v1/aes-256-gcm", 32),
  );
  const d = createDecipheriv("aes-256-gcm", aesKey, raw.subarray(0, 12), { authTagLength: 16 });
  d.setAAD(Buffer.concat([lp(table), lp(col)]));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString("utf8");
}

const hmac = (s: string) => createHmac("sha256", Buffer.from(DGEN_MASK_KEY, "base64")).update(s, "utf8").digest("hex");

/** What `@mask(partial)` must do to `s`, by the rule of the language reference. */
function expectPartial(masked: string, clean: string): void {
  const at = clean.lastIndexOf("@");
  const [local, domain] = at > 0 ? [clean.slice(0, at), clean.slice(at)] : [clean, ""];
  expect(masked.endsWith(domain), `${clean} → ${masked}: domain kept`).toBe(true);
  const m = Array.from(masked.slice(0, masked.length - domain.length));
  const c = Array.from(local);
  expect(m.length, `${clean} → ${masked}: one character for one`).toBe(c.length);
  if (c.length >= 3) {
    expect(m[0]).toBe(c[0]);
    expect(m[m.length - 1]).toBe(c[c.length - 1]);
    expect(
      m.slice(1, -1).every((x) => x === "*"),
      `${clean} → ${masked}`,
    ).toBe(true);
  }
}

const paths = { private: join(root, "private.dgen"), plain: join(root, "plain.dgen"), bundle: join(root, "p.mjs") };
const out = { private: join(root, "private"), plain: join(root, "plain") };
const truthPath = join(root, "truth.csv");
let masked: Record<string, Csv>;
let plain: Record<string, Csv>;

beforeAll(async () => {
  writeFileSync(paths.private, PRIVATE);
  writeFileSync(paths.plain, PLAIN);
  ok(await dgen(["build", paths.private, "-o", paths.bundle]), "build");
  ok(await node(paths.bundle, ["--out", out.private, "--truth", truthPath], { env }), "private run");
  ok(await dgen(["generate", paths.plain, "--out", out.plain]), "plain run");
  const read = (dir: string) => ({ users: readCsv(join(dir, "users.csv")), notes: readCsv(join(dir, "notes.csv")) });
  masked = read(out.private);
  plain = read(out.plain);
}, 120_000);

describe("masks and encryption, cell by cell against the clean run", () => {
  it("@mask(partial) keeps the first and last character (and an email's domain); dates are masked as text", () => {
    for (const name of ["name", "email", "born"]) {
      const m = column(masked.users!, name);
      const c = column(plain.users!, name);
      c.forEach((clean, i) => expectPartial(m[i]!, clean!));
    }
    expect(column(masked.users!, "email")[0]).toMatch(/^[a-z]\*+\d@mail\.test$/);
  });

  it("@mask(full) replaces every character with '*'", () => {
    const m = column(masked.users!, "code");
    column(plain.users!, "code").forEach((clean, i) => expect(m[i]).toBe("*".repeat(clean!.length)));
  });

  it("@mask(hash) is HMAC-SHA-256 under DGEN_MASK_KEY, as lowercase hex", () => {
    const m = column(masked.users!, "last");
    column(plain.users!, "last").forEach((clean, i) => expect(m[i]).toBe(hmac(clean!)));
  });

  it("@encrypt cells start with enc:v1: and decrypt (node:crypto) to the clean text; nulls stay null", () => {
    for (const name of ["card", "age", "nick"]) {
      const m = column(masked.users!, name);
      const c = column(plain.users!, name);
      c.forEach((clean, i) => {
        if (clean === null) expect(m[i], `${name}[${i}]`).toBeNull();
        else expect(decrypt(m[i]!, "users", name), `${name}[${i}]`).toBe(clean);
      });
    }
    const nicks = column(masked.users!, "nick");
    expect(nicks.filter((x) => x === null).length).toBeGreaterThan(60);
    // the same plaintext in different rows gives different ciphertexts
    expect(new Set(column(masked.users!, "age")).size).toBe(400);
  });

  it("@pii columns and unannotated columns are written unchanged", () => {
    for (const name of ["id", "city"]) expect(column(masked.users!, name)).toEqual(column(plain.users!, name));
    expect(column(masked.notes!, "user_id")).toEqual(column(plain.notes!, "user_id"));
  });

  it("the manifest tags pii, masked:<mode> and encrypted, and holds no key", () => {
    const text = readFileSync(join(out.private, "_manifest.json"), "utf8");
    const manifest = JSON.parse(text) as { tables: { name: string; columns: { name: string; tags: string[] }[] }[] };
    const tags = Object.fromEntries(
      manifest.tables.flatMap((t) => t.columns.map((c) => [`${t.name}.${c.name}`, c.tags] as const)),
    );
    expect(tags).toEqual({
      "users.id": ["pk"],
      "users.name": ["pii", "masked:partial"],
      "users.email": ["pii", "masked:partial"],
      "users.code": ["masked:full"],
      "users.last": ["masked:hash"],
      "users.card": ["pii", "encrypted"],
      "users.age": ["encrypted"],
      "users.born": ["masked:partial"],
      "users.nick": ["encrypted"],
      "users.city": ["pii"],
      "notes.user_id": ["ref:users.id"],
      "notes.secret": ["masked:hash", "noise"],
    });
    for (const secret of [DGEN_KEY, DGEN_MASK_KEY]) expect(text).not.toContain(secret);
    const code = readFileSync(paths.bundle, "utf8");
    for (const secret of [DGEN_KEY, DGEN_MASK_KEY]) expect(code).not.toContain(secret);
  });

  it("noise before the mask: the truth file holds the hashed clean and dirty texts, never the plain ones", () => {
    const truth = readCsv(truthPath);
    expect(truth.header).toEqual(["table", "row", "column", "noise", "clean", "dirty"]);
    expect(truth.rows.length).toBeGreaterThan(50);
    const secrets = column(plain.notes!, "secret");
    const written = column(masked.notes!, "secret");
    for (const [table, row, col, noise, clean, dirty] of truth.rows) {
      expect([table, col, noise]).toEqual(["notes", "secret", "typo"]);
      const r = Number(row);
      expect(clean).toBe(hmac(secrets[r]!));
      expect(dirty).toBe(written[r]);
      expect(dirty).not.toBe(clean);
    }
    const dirtied = new Set(truth.rows.map((r) => Number(r[1])));
    written.forEach((w, r) => {
      if (!dirtied.has(r)) expect(w, `notes[${r}]`).toBe(hmac(secrets[r]!));
    });
  });

  it("--workers 1 and 3 write the same masked and encrypted bytes (the workers get the keys)", async () => {
    const dirs = [1, 3].map((w) => join(root, `w${w}`));
    for (const [i, dir] of dirs.entries())
      ok(
        await node(paths.bundle, ["--out", dir, "--rows", "users=70000", "--workers", i === 0 ? "1" : "3", "--quiet"], {
          env,
        }),
        `workers ${i}`,
      );
    for (const f of ["users.csv", "notes.csv"])
      expect(readFileSync(join(dirs[1]!, f)).equals(readFileSync(join(dirs[0]!, f))), f).toBe(true);
  }, 180_000);
});

describe("keys only for what is written", () => {
  it.skipIf(process.env.DGEN_KEY !== undefined)(
    "--tables notes needs no DGEN_KEY (only users is encrypted), also on 3 workers, and writes what one thread with both keys writes",
    async () => {
      const dir = join(root, "notes-only");
      const r = await node(
        paths.bundle,
        ["--out", dir, "--tables", "notes", "--rows", "users=70000", "--workers", "3", "--quiet"],
        { env: { DGEN_MASK_KEY } },
      );
      ok(r, "notes only");
      expect(listFiles(dir)).toEqual(["_manifest.json", "notes.csv"]);
      const base = join(root, "notes-base");
      ok(
        await node(paths.bundle, ["--out", base, "--tables", "notes", "--rows", "users=70000", "--quiet"], { env }),
        "base",
      );
      expect(readFileSync(join(dir, "notes.csv")).equals(readFileSync(join(base, "notes.csv")))).toBe(true);
    },
    120_000,
  );
});

describe("keys are checked before anything is written", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["DGEN_KEY missing", { DGEN_MASK_KEY }, /error\[DG5040\]: .*DGEN_KEY/],
    ["DGEN_KEY malformed (31 bytes)", { DGEN_KEY: "ab".repeat(31), DGEN_MASK_KEY }, /error\[DG5041\]: .*DGEN_KEY/],
    ["DGEN_MASK_KEY missing", { DGEN_KEY }, /error\[DG5040\]: .*DGEN_MASK_KEY/],
  ];
  // The child inherits this process's environment: a "missing" case needs the variable unset here.
  const inherited = process.env.DGEN_KEY !== undefined || process.env.DGEN_MASK_KEY !== undefined;
  for (const [what, vars, message] of cases)
    it.skipIf(inherited)(
      `${what}: exit 1 with a DG message, no stack trace, no file`,
      async () => {
        const dir = join(root, `nokey-${what.replace(/\W+/g, "-")}`);
        mkdirSync(dir);
        const r = await dgen(["generate", paths.private, "--out", "o", "--truth", "t.csv"], { cwd: dir, env: vars });
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(message);
        expect(stackLines(r.stderr)).toEqual([]);
        if (vars.DGEN_KEY) expect(r.stderr).not.toContain(vars.DGEN_KEY);
        expect(listFiles(dir)).toEqual([]);
      },
      60_000,
    );
});
