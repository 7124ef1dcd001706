/**
 * A string cell written in parts (strStart / part / partLower / partInt / strEnd) is byte for byte
 * the cell `str(col, joined)` writes, in every format: quoting, escaping, empty strings, unicode.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ColumnMeta } from "../../runtime/contract.js";
import { ByteBuffer } from "../../runtime/writers/byte-buffer.js";
import { createSinkFactory, SUPPORTED_FORMATS } from "../../runtime/writers/sinks.js";

const columns: ColumnMeta[] = [
  { name: "a", type: "int", kind: "int", nullable: false, scale: 0, tags: [] },
  { name: "s", type: "string", kind: "string", nullable: false, scale: 0, tags: [] },
];

type Part = { kind: "text"; s: string } | { kind: "lower"; s: string } | { kind: "int"; v: number };

function write(
  format: (typeof SUPPORTED_FORMATS)[number],
  cell: (sink: ReturnType<ReturnType<typeof createSinkFactory>["create"]>) => void,
): string {
  const out = new ByteBuffer(64);
  const sink = createSinkFactory(format, columns).create(out, true);
  sink.beginRow();
  sink.int(0, 7);
  cell(sink);
  sink.endRow();
  return Buffer.from(out.take()).toString("utf8");
}

// Parts are well-formed strings (the compiler streams only those): a surrogate pair is never split.
const text = fc
  .array(fc.constantFrom(...'aB,"\n\r\t\\ éx\u2028'.split(""), "😀", "𐈀"), { maxLength: 8 })
  .map((cs) => cs.join(""));
const ascii = fc.string({ unit: fc.constantFrom(...'aBZz09.-_@ ,"\t'.split("")) });
const part: fc.Arbitrary<Part> = fc.oneof(
  text.map((s) => ({ kind: "text" as const, s })),
  ascii.map((s) => ({ kind: "lower" as const, s })),
  fc.integer({ min: -1000, max: 100000 }).map((v) => ({ kind: "int" as const, v })),
);

describe("string cells written in parts", () => {
  for (const format of SUPPORTED_FORMATS) {
    it(`${format}: equal to str() of the joined parts`, () => {
      fc.assert(
        fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
          const joined = parts
            .map((p) => (p.kind === "text" ? p.s : p.kind === "lower" ? p.s.toLowerCase() : String(p.v)))
            .join("");
          const expected = write(format, (sink) => sink.str(1, joined));
          const actual = write(format, (sink) => {
            sink.strStart(1);
            for (const p of parts) {
              if (p.kind === "text") sink.part(p.s);
              else if (p.kind === "lower") sink.partLower(p.s);
              else sink.partInt(p.v);
            }
            sink.strEnd();
          });
          expect(actual).toBe(expected);
        }),
        { numRuns: 3000 },
      );
    });
  }
});
