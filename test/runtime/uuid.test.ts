import { describe, expect, it } from "vitest";
import { uuid } from "../../runtime/keys/uuid.js";
import { u32 } from "../../runtime/rng/stream.js";
import { streams } from "./stats.js";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuid", () => {
  it("is a v4 uuid, unique over 200 000 rows, led by u32(t, 0)", () => {
    const ts = streams("uuid", 200_000);
    const seen = new Set<string>();
    const variants = new Set<string>();
    let bad = 0;
    for (const t of ts) {
      const u = uuid(t);
      if (!V4.test(u) || parseInt(u.slice(0, 8), 16) !== u32(t, 0)) bad++;
      variants.add(u[19]);
      seen.add(u);
    }
    expect(bad).toBe(0);
    expect(seen.size).toBe(200_000);
    expect([...variants].sort().join("")).toBe("89ab");
  });
  it("uses every random nibble", () => {
    const ts = streams("uuid2", 2000);
    const positions = new Map<number, Set<string>>();
    for (const t of ts) {
      const u = uuid(t);
      for (let i = 0; i < 36; i++) {
        if (!positions.has(i)) positions.set(i, new Set());
        positions.get(i)!.add(u[i]);
      }
    }
    for (const [i, s] of positions) {
      if ([8, 13, 18, 23].includes(i)) expect([...s]).toEqual(["-"]);
      else if (i === 14) expect([...s]).toEqual(["4"]);
      else if (i === 19) expect(s.size).toBe(4);
      else expect(s.size).toBe(16);
    }
  });
});
