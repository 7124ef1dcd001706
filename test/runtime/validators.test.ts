import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMAIL, isEmail, isPhone, luhn, codePointLength } from "../../runtime/validators.js";

describe("validators", () => {
  it("isEmail accepts exactly what the EMAIL regular expression accepts", () => {
    const chars = fc.constantFrom(..."aZ09.-_+@'! é".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (cs) => {
        const s = cs.join("");
        expect(isEmail(s)).toBe(s.length <= 254 && EMAIL.test(s));
      }),
      { numRuns: 20_000 },
    );
    for (const ok of ["a@b.co", "o'neil.x+1@mail.example.org", "x@a-b.c"]) expect(isEmail(ok)).toBe(true);
    for (const bad of ["", "@b.co", "a@", "a@b", "a@-b.co", "a@b-.co", "a b@c.de", "a@b..co", "a@@b.co"])
      expect(isEmail(bad)).toBe(false);
  });
  it("luhn ignores spaces and dashes", () => {
    expect(luhn("4539 1488 0343 6467")).toBe(true);
    expect(luhn("4539-1488-0343-6468")).toBe(false);
    expect(luhn("45x9")).toBe(false);
  });
  it("phones and lengths", () => {
    expect(isPhone("(555) 234-5678", "US")).toBe(true);
    expect(isPhone("555.234.5678", "US")).toBe(true);
    expect(isPhone("123-456-7890", "US")).toBe(false);
    expect(isPhone("+49 30 1234567", "DE")).toBe(true);
    expect(codePointLength("a😀b")).toBe(3);
  });
});
