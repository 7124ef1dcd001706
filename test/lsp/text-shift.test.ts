/**
 * text-shift.ts: offsets between two versions of a text through the one region that changed — the
 * mapping that lets `dgen lsp` answer a hover from an earlier keystroke's parse.
 */
import { describe, expect, it } from "vitest";
import { textShift } from "../../compiler/lsp/text-shift.js";

describe("textShift", () => {
  it("maps offsets before and after an edit, and none inside it", () => {
    const before = "a = 1\nb = 2\n";
    const after = "a = 100\nb = 2\n";
    const s = textShift(before, after);
    expect(s.toOld(2)).toBe(2); // "=" before the edit
    expect(after[8]).toBe("b");
    expect(s.toOld(8)).toBe(6); // "b" moved two to the right
    expect(before[s.toOld(8)!]).toBe("b");
    expect(s.toOld(5)).toBeUndefined(); // the inserted "00"
    expect(s.toOld(4)).toBeUndefined(); // "1" became "100": the number touching the edit is inside it
    expect(s.toNew(6)).toBe(8);
    // A span's end at the edit's start maps: `a =` ends where "100" begins.
    expect(s.toNew(3)).toBe(3);
  });

  it("handles deletions, insertions at either end, and equal texts", () => {
    const del = textShift("table t { x int }\n", "table t { }\n");
    expect(del.toOld("table t { }\n".indexOf("\n"))).toBe("table t { x int }\n".indexOf("\n"));
    expect(del.toNew("table t { x int }".indexOf("x") + 1)).toBeUndefined();
    const grown = textShift("x = age\n", "x = ages\n");
    expect(grown.toOld(5)).toBeUndefined(); // inside "ages", which was "age"
    const head = textShift("abc", "//\nabc");
    expect(head.toOld(4)).toBe(1);
    const same = textShift("abc", "abc");
    expect([0, 1, 2, 3].map((i) => same.toOld(i))).toEqual([0, 1, 2, 3]);
  });
});
