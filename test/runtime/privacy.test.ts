/**
 * The privacy primitives of spec §9: masks, keyed hashes, key parsing and `enc:v1:` cells. The
 * cryptography is checked against node:crypto directly (HKDF, HMAC, AES-256-GCM written out here),
 * so the format is tested, not just the round trip.
 */
import { createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RunError } from "../../runtime/generate-options.js";
import { CellDecryptError, decryptCell, encryptCell } from "../../runtime/privacy/encrypt.js";
import {
  encryptionKeysFromBytes,
  loadDecryptionKey,
  loadEncryptionKey,
  loadMaskKey,
} from "../../runtime/privacy/keys.js";
import { maskFull, maskHash, maskPartial } from "../../runtime/privacy/mask.js";
import { RecordSplitter } from "../../runtime/privacy/record-splitter.js";

const codePoints = (s: string) => [...s].length;

describe("maskPartial", () => {
  it("keeps the first and last character, one * for each between", () => {
    expect(maskPartial("Smith")).toBe("S***h");
    expect(maskPartial("abc")).toBe("a*c");
    expect(maskPartial("4111111111111111")).toBe("4" + "*".repeat(14) + "1");
  });

  it("masks an email's local part and keeps the domain", () => {
    expect(maskPartial("jane.doe@example.com")).toBe("j******e@example.com");
    expect(maskPartial("jo@x.org")).toBe("j*@x.org");
    expect(maskPartial("j@x.org")).toBe("*@x.org");
    // the last @ splits: a quoted local part may hold one
    expect(maskPartial('"a@b"@host.io')).toBe('"***"@host.io');
    // no local part or no domain: not an email
    expect(maskPartial("@handle")).toBe("@*****e");
    expect(maskPartial("trailing@")).toBe("t*******@");
  });

  it("counts code points, not UTF-16 units", () => {
    expect(maskPartial("😀abc😀")).toBe("😀***😀");
    expect(maskPartial("𝒜𝒷𝒸")).toBe("𝒜*𝒸");
    expect(maskPartial("😀ü@例え.jp")).toBe("😀*@例え.jp");
    expect(maskPartial("Jörg")).toBe("J**g");
  });

  it("shows less of short values: 2 keep the first, 1 and 0 show nothing", () => {
    expect(maskPartial("Al")).toBe("A*");
    expect(maskPartial("😀😀")).toBe("😀*");
    expect(maskPartial("J")).toBe("*");
    expect(maskPartial("😀")).toBe("*");
    expect(maskPartial("")).toBe("");
  });

  it("keeps the length and both ends of any text without @ (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 3 }), (raw) => {
        const s = raw.replaceAll("@", "a");
        const m = maskPartial(s);
        const a = [...s];
        const b = [...m];
        expect(b.length).toBe(a.length);
        expect(b[0]).toBe(a[0]);
        expect(b[b.length - 1]).toBe(a[a.length - 1]);
        expect(b.slice(1, -1).every((c) => c === "*")).toBe(true);
      }),
    );
  });
});

describe("maskFull", () => {
  it("writes one * per code point", () => {
    expect(maskFull("Smith")).toBe("*****");
    expect(maskFull("a😀b")).toBe("***");
    expect(maskFull("jane@example.com")).toBe("*".repeat(16));
    expect(maskFull("")).toBe("");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(maskFull(s)).toBe("*".repeat(codePoints(s)));
      }),
    );
  });
});

describe("maskHash", () => {
  const key = randomBytes(32);
  it("is the hex HMAC-SHA-256 of the UTF-8 text", () => {
    for (const s of ["", "Smith", "jane@example.com", "日本語 😀"]) {
      const expected = createHmac("sha256", key).update(Buffer.from(s, "utf8")).digest("hex");
      expect(maskHash(key, s)).toBe(expected);
      expect(maskHash(key, s)).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("depends on the key, and is equal for equal values", () => {
    const other = randomBytes(32);
    expect(maskHash(key, "Smith")).toBe(maskHash(key, "Smith"));
    expect(maskHash(other, "Smith")).not.toBe(maskHash(key, "Smith"));
    expect(maskHash(key, "Smith")).not.toBe(maskHash(key, "Smyth"));
  });
});

/** lp(x): 4-byte big-endian length, then the UTF-8 bytes — written out independently of the module. */
function lp(s: string): Buffer {
  const b = Buffer.from(s, "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

describe("encryptCell / decryptCell", () => {
  const ikm = randomBytes(32);
  const keys = encryptionKeysFromBytes(ikm);
  const aesKey = Buffer.from(hkdfSync("sha256", ikm, Buffer.alloc(0), "dgen/v1/aes-256-gcm", 32));
  const nonceKey = Buffer.from(hkdfSync("sha256", ikm, Buffer.alloc(0), "dgen/v1/siv-nonce", 32));

  it("writes enc:v1: + base64 of nonce ‖ ciphertext ‖ tag (12 + n + 16 bytes)", () => {
    for (const plain of ["", "jane@example.com", "日本語 😀", "x".repeat(1000)]) {
      const cell = encryptCell(keys, "persons", "email", 17, plain);
      expect(cell).toMatch(/^enc:v1:[A-Za-z0-9+/]+={0,2}$/);
      const raw = Buffer.from(cell.slice(7), "base64");
      expect(raw.toString("base64")).toBe(cell.slice(7));
      expect(raw.length).toBe(12 + Buffer.byteLength(plain, "utf8") + 16);
    }
  });

  it("decrypts with node:crypto and the HKDF-derived key; the nonce is the HMAC of (table, column, row, text)", () => {
    const plain = "Jane Doe, 1990-05-01";
    const cell = encryptCell(keys, "persons", "name", 42, plain);
    const raw = Buffer.from(cell.slice("enc:v1:".length), "base64");
    const nonce = raw.subarray(0, 12);
    const tag = raw.subarray(raw.length - 16);
    const d = createDecipheriv("aes-256-gcm", aesKey, nonce);
    d.setAAD(Buffer.concat([lp("persons"), lp("name")]));
    d.setAuthTag(tag);
    const text = Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString("utf8");
    expect(text).toBe(plain);
    const expectedNonce = createHmac("sha256", nonceKey)
      .update(Buffer.concat([lp("persons"), lp("name"), lp("42"), lp(plain)]))
      .digest()
      .subarray(0, 12);
    expect(nonce.equals(expectedNonce)).toBe(true);
  });

  it("is reproducible; another row or plaintext gives another nonce", () => {
    const a = encryptCell(keys, "t", "c", 5, "same");
    expect(encryptCell(keys, "t", "c", 5, "same")).toBe(a);
    expect(encryptCell(encryptionKeysFromBytes(ikm), "t", "c", 5, "same")).toBe(a);
    const nonce = (cell: string) => Buffer.from(cell.slice(7), "base64").subarray(0, 12).toString("hex");
    const nonces = new Set([
      nonce(a),
      nonce(encryptCell(keys, "t", "c", 6, "same")),
      nonce(encryptCell(keys, "t", "c", 5, "Same")),
      nonce(encryptCell(keys, "t", "d", 5, "same")),
      nonce(encryptCell(keys, "u", "c", 5, "same")),
      // length prefixes keep ("ab", "c") and ("a", "bc") apart
      nonce(encryptCell(keys, "ab", "c", 5, "same")),
      nonce(encryptCell(keys, "a", "bc", 5, "same")),
    ]);
    expect(nonces.size).toBe(7);
    expect(encryptCell(encryptionKeysFromBytes(randomBytes(32)), "t", "c", 5, "same")).not.toBe(a);
  });

  it("round-trips any text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.string({ minLength: 1 }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (plain, column, row) => {
          const cell = encryptCell(keys, "table", column, row, plain);
          expect(decryptCell(keys, "table", column, row, cell)).toBe(plain);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a tampered cell, a wrong key, another column, table or row, and text that is not a cell", () => {
    const cell = encryptCell(keys, "persons", "email", 3, "jane@example.com");
    const fails = (f: () => unknown, kind: "malformed" | "authentication" | "row") => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CellDecryptError);
        expect((e as CellDecryptError).kind).toBe(kind);
        return;
      }
      throw new Error("expected a CellDecryptError");
    };
    const raw = Buffer.from(cell.slice(7), "base64");
    for (const at of [0, 5, 12, 20, raw.length - 1]) {
      const t = Buffer.from(raw);
      t[at]! ^= 1;
      fails(() => decryptCell(keys, "persons", "email", 3, "enc:v1:" + t.toString("base64")), "authentication");
    }
    fails(() => decryptCell(encryptionKeysFromBytes(randomBytes(32)), "persons", "email", 3, cell), "authentication");
    fails(() => decryptCell(keys, "persons", "phone", 3, cell), "authentication");
    fails(() => decryptCell(keys, "people", "email", 3, cell), "authentication");
    fails(() => decryptCell(keys, "persons", "email", 3, "jane@example.com"), "malformed");
    // the same cell read at another row: it opens, but its nonce is not that row's
    fails(() => decryptCell(keys, "persons", "email", 4, cell), "row");
    fails(() => decryptCell(keys, "persons", "email", 30, cell), "row");
    fails(() => decryptCell(keys, "persons", "email", 3, "enc:v2:" + cell.slice(7)), "malformed");
    fails(() => decryptCell(keys, "persons", "email", 3, "enc:v1:not base64!"), "malformed");
    fails(() => decryptCell(keys, "persons", "email", 3, "enc:v1:" + cell.slice(7).replace(/=+$/, "")), "malformed");
    fails(
      () => decryptCell(keys, "persons", "email", 3, "enc:v1:" + raw.subarray(0, 27).toString("base64")),
      "malformed",
    );
  });

  it("rejects a row that is not a row index", () => {
    expect(() => encryptCell(keys, "t", "c", -1, "x")).toThrow(RangeError);
    expect(() => encryptCell(keys, "t", "c", 1.5, "x")).toThrow(RangeError);
  });
});

/** The diagnostic a key loader throws. */
function thrown(f: () => unknown): { code: string; message: string; help?: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RunError);
    return (e as RunError).diagnostic;
  }
  throw new Error("expected a RunError");
}

describe("DGEN_KEY", () => {
  const bytes = randomBytes(32);
  const sameKey = (env: NodeJS.ProcessEnv) => {
    const cell = encryptCell(encryptionKeysFromBytes(bytes), "t", "c", 0, "v");
    expect(decryptCell(loadEncryptionKey(env), "t", "c", 0, cell)).toBe("v");
  };

  it("reads 64 hex digits and base64 (padded, unpadded, URL-safe), ignoring surrounding whitespace", () => {
    sameKey({ DGEN_KEY: bytes.toString("hex") });
    sameKey({ DGEN_KEY: bytes.toString("hex").toUpperCase() });
    sameKey({ DGEN_KEY: bytes.toString("base64") });
    sameKey({ DGEN_KEY: bytes.toString("base64").replace(/=+$/, "") });
    sameKey({ DGEN_KEY: bytes.toString("base64url") });
    sameKey({ DGEN_KEY: `  ${bytes.toString("hex")}\n` });
  });

  it("a missing key is DG5040, saying which variable and how to make one", () => {
    const d = thrown(() => loadEncryptionKey({}));
    expect(d.code).toBe("DG5040");
    expect(d.message).toContain("'DGEN_KEY'");
    expect(d.help).toContain("openssl rand -hex 32");
    const dec = thrown(() => loadDecryptionKey({}));
    expect(dec.code).toBe("DG5040");
    expect(dec.message).toContain("dgen decrypt");
  });

  it("an empty, short, long or garbled key is DG5041, and the message never shows it", () => {
    const cases = [
      "",
      "   ",
      bytes.toString("hex").slice(0, 62),
      bytes.toString("hex").slice(0, 43), // hex cut short, though 43 characters is a base64 length
      bytes.toString("hex").slice(0, 44),
      bytes.toString("hex") + "00",
      randomBytes(31).toString("base64"),
      randomBytes(33).toString("base64"),
      "z".repeat(64),
      bytes.toString("base64").slice(0, 42) + "!=",
      // mixed alphabets: + and _ in one value
      "+" + bytes.toString("base64url").slice(1, 42) + "_",
      "correct horse battery staple",
    ];
    for (const value of cases) {
      const d = thrown(() => loadEncryptionKey({ DGEN_KEY: value }));
      expect(d.code, value).toBe("DG5041");
      expect(d.message).toContain("'DGEN_KEY'");
      expect(d.message).toContain("32 bytes as 64 hex digits or base64");
      expect(d.help).toContain("openssl rand -hex 32");
      if (value.trim().length > 0) expect(d.message).not.toContain(value.trim());
    }
  });

  it("refuses non-canonical base64 (two texts must not give one key)", () => {
    const b64 = bytes.toString("base64"); // 43 characters + "="; the last character carries 4 unused bits
    const last = b64[42]!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const bumped = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(thrown(() => loadEncryptionKey({ DGEN_KEY: b64.slice(0, 42) + bumped + "=" })).code).toBe("DG5041");
  });
});

describe("DGEN_MASK_KEY", () => {
  it("reads hex or base64 of at least 16 bytes", () => {
    const k = randomBytes(16);
    expect(Buffer.from(loadMaskKey({ DGEN_MASK_KEY: k.toString("hex") })).equals(k)).toBe(true);
    expect(Buffer.from(loadMaskKey({ DGEN_MASK_KEY: k.toString("base64") })).equals(k)).toBe(true);
    const long = randomBytes(64);
    expect(Buffer.from(loadMaskKey({ DGEN_MASK_KEY: long.toString("hex") })).equals(long)).toBe(true);
  });

  it("missing → DG5040; empty, too short, garbled → DG5041", () => {
    expect(thrown(() => loadMaskKey({})).code).toBe("DG5040");
    for (const value of ["", randomBytes(15).toString("hex"), randomBytes(8).toString("base64"), "not a key!"]) {
      const d = thrown(() => loadMaskKey({ DGEN_MASK_KEY: value }));
      expect(d.code, value).toBe("DG5041");
      expect(d.message).toContain("'DGEN_MASK_KEY'");
    }
  });
});

describe("RecordSplitter", () => {
  it("finds the same records however the bytes are chunked (CSV quotes keep their line breaks)", () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.string({ unit: "grapheme-ascii", maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
      fc.constantFrom('"a\nb"', '"x""\n""y"', '""', '"\r\n"'),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(","));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), fc.array(fc.nat(40), { maxLength: 8 }), (records, cuts) => {
        const bytes = Buffer.from(records.map((r) => r + "\n").join(""), "utf8");
        const found: string[] = [];
        const s = new RecordSplitter(true, (buf, a, b) => found.push(buf.toString("utf8", a, b)));
        let at = 0;
        for (const c of cuts) {
          const next = Math.min(bytes.length, at + c);
          s.push(bytes.subarray(at, next));
          at = next;
        }
        s.push(bytes.subarray(at));
        expect(s.pending).toBe("none");
        expect(found).toEqual(records);
      }),
    );
  });

  it("reports an unfinished record or an open quote", () => {
    const s = new RecordSplitter(true, () => undefined);
    s.push(Buffer.from('a,b\n1,"open\n'));
    expect(s.pending).toBe("quote");
    const t = new RecordSplitter(false, () => undefined);
    t.push(Buffer.from("a\tb\n1\t2"));
    expect(t.pending).toBe("record");
  });
});
