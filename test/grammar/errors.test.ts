/** Syntax errors: every one in a file is reported, with its code, line and column. */
import { describe, expect, it } from "vitest";
import { parse } from "./helpers.js";

const pick = (r: ReturnType<typeof parse>) =>
  r.located.map(({ code, line, column, text }) => ({ code, line, column, text }));

describe("syntax errors", () => {
  it("reports every error in a file, each at its line and column", () => {
    const src = [
      "dataset d {", // 1
      "  seed: 42 #", // 2
      "  epoch: 2025-02-30", // 3
      "}", // 4
      "table t {", // 5
      "  rows: 10", // 6
      "  id int @pk = = 5", // 7
      '  name string = "abc\\q"', // 8
      "  x string = `{a}.{}x`", // 9
      "  y string @regex(/[a-/) = 1", // 10
      "  z float = 12abc", // 11
      "  5", // 12
      "  good int = 1", // 13
      "}", // 14
      "table u {", // 15
      '  s string = "open', // 16
      "  v int = 2023-13-01", // 17
      "  w int = (1)(2)", // 18
      "}", // 19
    ].join("\n");
    expect(pick(parse(src))).toEqual([
      { code: "DG1001", line: 2, column: 12, text: "#" },
      { code: "DG1007", line: 3, column: 10, text: "2025-02-30" },
      { code: "DG1002", line: 7, column: 16, text: "=" },
      { code: "DG1009", line: 8, column: 21, text: "\\q" },
      { code: "DG1015", line: 9, column: 19, text: "{}" },
      { code: "DG1008", line: 10, column: 19, text: "/[a-/" },
      { code: "DG1006", line: 11, column: 13, text: "12abc" },
      { code: "DG1002", line: 12, column: 3, text: "5" },
      { code: "DG1003", line: 16, column: 14, text: '"open' },
      { code: "DG1007", line: 17, column: 11, text: "2023-13-01" },
      { code: "DG1016", line: 18, column: 14, text: "(2)" },
    ]);
  });

  it("says what was found and what was expected", () => {
    const r = parse("dataset d { seed: 1 }\ntable t {\n  rows: 5\n  a int = \n}\noutput { partition: t month(x) }");
    expect(r.located.map((d) => d.message)).toEqual([
      "Unexpected '}'; expected an expression.",
      "Unexpected name 'month'; expected 'by'.",
    ]);
    const stray = parse("dataset d { seed: 1 }\n42\ntable t { 7 }");
    expect(stray.located.map((d) => [d.line, d.message])).toEqual([
      [2, "Unexpected number '42'; expected 'dataset', 'enum', 'table' or 'output'."],
      [
        3,
        "Unexpected number '7'; expected a column, 'rows:', 'let', 'check', 'when', 'unique(...)', 'correlate', a setting or '}'.",
      ],
    ]);
  });

  it("goes on after a bad table item and after a bad declaration", () => {
    const r = parse(
      "dataset d { seed: 1 }\ntable a { x int = ) \n y int = 1 }\ntable b { z int = ]\n}\nenum E { a, : }",
    );
    expect(pick(r).map((d) => [d.code, d.line, d.text])).toEqual([
      ["DG1002", 2, ")"],
      ["DG1002", 4, "]"],
      ["DG1002", 6, ":"],
    ]);
    expect(r.ast.tables.map((t) => t.name.text)).toEqual(["a", "b"]);
    expect(r.ast.tables[0]!.items.map((i) => i.kind)).toEqual(["ColumnDecl", "ColumnDecl"]);
  });

  it("a broken line with braces in it does not end the table", () => {
    const src = [
      "dataset d { seed: 1 }",
      "table t {",
      '  a int = = round(1) + match x { "a" => 1, _ => 2 } + `{b}`',
      "  b int = ) { [ ] }",
      "  c int = 1",
      "}",
      "table u { rows: 1 }",
    ].join("\n");
    const r = parse(src);
    expect(pick(r).map((d) => [d.code, d.line, d.column])).toEqual([
      ["DG1002", 3, 11],
      ["DG1002", 4, 11],
    ]);
    expect(r.ast.tables.map((t) => t.name.text)).toEqual(["t", "u"]);
    expect(r.ast.tables[0]!.items.map((i) => i.kind === "ColumnDecl" && i.name.text)).toEqual(["a", "b", "c"]);
  });

  it("thousands of errors in one table, each reported", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `  c${i} int = = ${i}`);
    const r = parse(`dataset d { seed: 1 }\ntable t {\n${lines.join("\n")}\n}`);
    expect(r.located).toHaveLength(3000);
    expect(r.located.every((d) => d.code === "DG1002")).toBe(true);
    expect(r.located[2999]).toMatchObject({ line: 3002, column: 15, text: "=" });
  });

  it("unterminated comment, template and regex", () => {
    expect(pick(parse("dataset d { seed: 1 }\n/* open\ntable t { }"))).toEqual([
      { code: "DG1004", line: 2, column: 1, text: "/*" },
    ]);
    expect(pick(parse("dataset d { x: `a{b}\n y: 1 }"))).toEqual([
      { code: "DG1005", line: 1, column: 16, text: "`a{b}" },
    ]);
    expect(pick(parse("dataset d { x: `a{b"))).toMatchObject([{ code: "DG1005", line: 1, column: 16 }]);
    expect(pick(parse("dataset d { x: /ab\n y: 1 }"))).toEqual([{ code: "DG1010", line: 1, column: 16, text: "/ab" }]);
  });

  it("checks the dataset header: missing, repeated, not first", () => {
    expect(pick(parse("table t { rows: 1 }"))).toEqual([{ code: "DG1012", line: 1, column: 1, text: "" }]);
    expect(pick(parse("enum E { a }\ndataset d { }\ndataset e { }"))).toEqual([
      { code: "DG1014", line: 2, column: 1, text: "dataset d" },
      { code: "DG1013", line: 3, column: 1, text: "dataset e" },
    ]);
  });

  it("hard keywords are not names", () => {
    const r = parse("dataset d { }\ntable t { rows: 1\n  if int = 1\n}");
    expect(r.located[0]).toMatchObject({ code: "DG1002", line: 3, column: 3, text: "if" });
  });
});
