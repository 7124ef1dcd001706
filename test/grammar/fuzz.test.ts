/** The parser never throws and every diagnostic has a span inside the text, whatever the input. */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSchema } from "../../compiler/parse.js";

const examples = ["shop", "people", "sensors"].map((n) =>
  readFileSync(new URL(`../fixtures/spec/${n}.dgen`, import.meta.url), "utf8"),
);

function checkInvariants(text: string): void {
  const { ast, diagnostics } = parseSchema({ path: "fuzz.dgen", text });
  expect(ast.kind).toBe("SchemaFile");
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^DG1\d{3}$/);
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
  }
}

const vocabulary = [
  "dataset",
  "table",
  "enum",
  "output",
  "rows",
  ":",
  "per",
  "every",
  "from",
  "to",
  "by",
  "unique",
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  ",",
  "=",
  "==",
  "@",
  "pk",
  "null",
  "5%",
  "1..5",
  "..",
  "2024-01-01",
  "2024-01-01T10:00Z",
  "5m",
  "/",
  "/a+/",
  "`",
  "`{x}`",
  "{",
  '"s"',
  '"',
  "let",
  "check",
  "when",
  "then",
  "if",
  "else",
  "match",
  "=>",
  "|",
  "_",
  "correlate",
  "~",
  "x",
  "y",
  "int",
  "string?",
  "decimal(1,2)",
  "-",
  "+",
  "*",
  "not",
  "and",
  "or",
  ".",
  "\n",
  "/*",
  "*/",
  "//",
  "\\",
  "1e",
  "0.5",
];

describe("fuzz", () => {
  it("random text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), checkInvariants), { numRuns: 400 });
  });

  it("random token soup", () => {
    const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 80 }).map((ts) => ts.join(" "));
    fc.assert(fc.property(soup, checkInvariants), { numRuns: 400 });
  });

  it("every truncation of the examples", () => {
    for (const text of examples) {
      for (let cut = 0; cut <= text.length; cut += 7) checkInvariants(text.slice(0, cut));
    }
  });

  it("examples with a random slice deleted or a random character inserted", () => {
    const edit = fc.tuple(fc.constantFrom(...examples), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(edit, ([text, at, cut, insert]) => {
        const i = at % (text.length + 1);
        checkInvariants(text.slice(0, i) + insert + text.slice(i + cut));
      }),
      { numRuns: 400 },
    );
  });
});
