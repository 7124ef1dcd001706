/**
 * No SQL name or label can break an imported schema: random table, column and enum-label texts
 * (quotes, backslashes, `*\/`, `//`, line breaks, U+2028, emoji, keywords, digits first, empty) go
 * through the writer (compiler/import/write-dgen.ts) and the result passes the checker with no error,
 * keeps every label exactly (read back from the checked enum), and names each renamed SQL name.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSourceAsync } from "../../compiler/compile.js";
import { fileSystemHost } from "../../compiler/host.js";
import type { ImportModel } from "../../compiler/import/model.js";
import { writeDgen } from "../../compiler/import/write-dgen.js";

const hostile = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("table", "check", "index", "parent", "epoch", "select", "order date", "it's \"q\"", "*/ //", "a\nb", "x\u2028y", "名前", "prénom", "1st", "", "__proto__", "\\", "😀"),
);

describe("dgen import: names", () => {
  it("writes a schema that passes dgen check for any names and labels", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(hostile, { minLength: 2, maxLength: 2 }),
        fc.uniqueArray(hostile, { minLength: 3, maxLength: 3 }),
        fc.uniqueArray(hostile.filter((s) => s !== ""), { minLength: 1, maxLength: 4 }),
        async ([t1, t2], [c1, c2, c3], labels) => {
          const model: ImportModel = {
            dialect: "postgres",
            notes: [`a note with ${c1}`],
            tables: [
              {
                name: t1!,
                columns: [
                  { name: c1!, sqlType: `int ${c2}`, type: { kind: "int", bits: 32 }, nullable: false, autoIncrement: true },
                  { name: c2!, sqlType: "text", type: { kind: "enum", labels, typeName: c3! }, nullable: true, autoIncrement: false, defaultText: c3! },
                ],
                primaryKey: [c1!],
                uniques: [],
                foreignKeys: [],
                checks: [],
              },
              {
                name: t2!,
                columns: [
                  { name: c3!, sqlType: "int", type: { kind: "int", bits: 32 }, nullable: false, autoIncrement: false },
                  { name: c1!, sqlType: "varchar(9)", type: { kind: "string", maxLength: 9 }, nullable: false, autoIncrement: false },
                ],
                primaryKey: [],
                uniques: [],
                foreignKeys: [{ columns: [c3!], table: t1!, refColumns: [c1!] }],
                checks: [],
              },
            ],
          };
          const { text, renamed } = writeDgen(model, { rows: 5, name: t1!, source: `x ${t2}` });
          const r = await checkSourceAsync({ path: "/tmp/names.dgen", text }, fileSystemHost("/tmp/names.dgen"));
          expect(r.diagnostics.filter((d) => d.severity === "error"), text).toEqual([]);
          for (const l of labels) expect(text).toContain(JSON.stringify(l));
          // Every renamed name is a declared .dgen name, and the SQL name is noted beside it.
          for (const n of renamed) {
            const name = n.dgen.split(".").pop()!;
            expect(text).toMatch(new RegExp(`\\n(table |  )${name} `));
          }
          expect(text.match(/SQL name /g)?.length ?? 0).toBe(renamed.length);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
