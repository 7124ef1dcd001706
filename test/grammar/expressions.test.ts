/** Expressions: precedence, literals and their values, regex versus division, soft keywords. */
import { describe, expect, it } from "vitest";
import type { Binary, Call, ColumnDecl, MatchExpr, ObjectLit, TemplateLit } from "../../compiler/ast/nodes.js";
import { column, expr, parseClean, table, textOf } from "./helpers.js";

describe("literals", () => {
  it.each([
    ["42", 42, true, false],
    ["1_000_000", 1_000_000, true, false],
    ["3.5", 3.5, false, false],
    ["1e6", 1e6, false, false],
    ["2.5e-3", 2.5e-3, false, false],
    ["5%", 0.05, false, true],
    ["0.5%", 0.005, false, true],
  ])("number %s", (raw, value, isInteger, isPercent) => {
    expect(expr(raw)).toEqual({ kind: "NumberLit", span: expect.any(Object), raw, value, isInteger, isPercent });
  });

  it.each([
    ["250ms", 250],
    ["90s", 90_000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["1.5h", 5_400_000],
    ["7d", 604_800_000],
    ["2w", 1_209_600_000],
    ["1y", 365 * 86_400_000],
  ])("duration %s", (raw, ms) => {
    expect(expr(raw)).toMatchObject({ kind: "DurationLit", raw, ms });
  });

  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2024-02-29", Date.UTC(2024, 1, 29) / 86_400_000],
    ["2000-02-29", Date.UTC(2000, 1, 29) / 86_400_000],
    ["2025-01-01", 20089],
    ["0001-01-01", -719162],
  ])("date %s", (raw, days) => {
    expect(expr(raw)).toMatchObject({ kind: "DateLit", raw, days });
  });

  it.each([
    ["2025-01-01T10:00:00Z", Date.UTC(2025, 0, 1, 10)],
    ["2025-01-01T10:00Z", Date.UTC(2025, 0, 1, 10)],
    ["2025-01-01T10:00:00.250Z", Date.UTC(2025, 0, 1, 10, 0, 0, 250)],
    ["2025-01-01T10:00:00+02:00", Date.UTC(2025, 0, 1, 8)],
    ["2025-01-01T10:00:00-01:30", Date.UTC(2025, 0, 1, 11, 30)],
  ])("timestamp %s", (raw, ms) => {
    expect(expr(raw)).toMatchObject({ kind: "TimestampLit", raw, ms });
  });

  it("strings decode JSON escapes", () => {
    expect(expr(String.raw`"a\"b\\c\n\u00e9\/"`)).toMatchObject({ kind: "StringLit", value: 'a"b\\c\né/' });
  });

  it("booleans, null, arrays and objects with string or name keys", () => {
    expect(expr("[true, false, null,]")).toMatchObject({
      kind: "ArrayLit",
      elements: [{ kind: "BoolLit", value: true }, { kind: "BoolLit", value: false }, { kind: "NullLit" }],
    });
    const obj = expr(`{"US": 0.5, DE: 0.2 null: 1}`) as ObjectLit;
    expect(obj.entries.map((e) => [e.key.text, e.keyIsString])).toEqual([
      ["US", true],
      ["DE", false],
      ["null", false],
    ]);
  });

  it("template escapes and expressions of any kind", () => {
    const text = 'dataset d { x: `a\\{b\\}\\`\\\\{upper(x)}{parent.id}{ {"k": 1} }` }';
    const t = parseClean(text).datasets[0]!.settings[0]!.value as TemplateLit;
    expect(t.parts.map((p) => p.kind)).toEqual(["TemplateText", "Call", "Member", "ObjectLit"]);
    expect(t.parts[0]).toMatchObject({ value: "a{b}`\\" });
    expect(t.parts.map((p) => textOf(text, p.span))).toEqual(["a\\{b\\}\\`\\\\", "upper(x)", "parent.id", '{"k": 1}']);
  });

  it("templates nest inside interpolations", () => {
    const t = expr("`<{ `in{x}` }>`") as TemplateLit;
    expect(t.parts.map((p) => p.kind)).toEqual(["TemplateText", "TemplateLit", "TemplateText"]);
  });
});

describe("regex literals and division", () => {
  it("a regex where an operand is expected, with flags", () => {
    expect(expr("/^[A-Z]{3}-\\d{4}$/i")).toMatchObject({ kind: "RegexLit", pattern: "^[A-Z]{3}-\\d{4}$", flags: "i" });
    expect(expr("f(1, /a[/]b/)")).toMatchObject({
      kind: "Call",
      args: [{}, { value: { kind: "RegexLit", pattern: "a[/]b" } }],
    });
    expect(expr("if c then /x/ else /y/")).toMatchObject({ then: { kind: "RegexLit" }, else: { kind: "RegexLit" } });
  });

  it("division after an operand", () => {
    expect(expr("0.2 / 1d")).toMatchObject({
      kind: "Binary",
      op: "/",
      left: { value: 0.2 },
      right: { kind: "DurationLit", ms: 86_400_000 },
    });
    expect(expr("a / b / c")).toMatchObject({ op: "/", left: { op: "/", left: { name: "a" } }, right: { name: "c" } });
    expect(expr("(a) / 2")).toMatchObject({ op: "/" });
    expect(expr("f(x)/2")).toMatchObject({ op: "/" });
  });
});

describe("precedence", () => {
  const shape = (e: unknown): unknown => {
    const n = e as Record<string, unknown>;
    switch (n.kind) {
      case "Binary":
        return [shape(n.left), n.op, shape(n.right)];
      case "Unary":
        return [n.op, shape(n.operand)];
      case "RangeExpr":
        return [shape(n.low), "..", shape(n.high)];
      case "Ident":
        return n.name;
      case "NumberLit":
        return n.value;
      default:
        return n.kind;
    }
  };
  it.each([
    ["1 + 2 * 3", [1, "+", [2, "*", 3]]],
    ["1 - 2 - 3", [[1, "-", 2], "-", 3]],
    ["-a * b", [["-", "a"], "*", "b"]],
    ["a % b + c", [["a", "%", "b"], "+", "c"]],
    ["a or b and not c == d", ["a", "or", ["b", "and", ["not", ["c", "==", "d"]]]]],
    ["a < b + 1", ["a", "<", ["b", "+", 1]]],
    ["1..n + 1", [1, "..", ["n", "+", 1]]],
    ["x >= 1..5", ["x", ">=", [1, "..", 5]]],
    ["a != b or c <= d", [["a", "!=", "b"], "or", ["c", "<=", "d"]]],
  ])("%s", (source, expected) => {
    expect(shape(expr(source))).toEqual(expected);
  });

  it("if and match take whole expressions", () => {
    expect(expr("x + if c then 1 else 2 + 3")).toMatchObject({
      op: "+",
      right: { kind: "IfExpr", else: { kind: "Binary", op: "+" } },
    });
    const m = expr(`match country { "US" => 1, "DE" | "AT" => 2
      _ => 3, }`) as MatchExpr;
    expect(m.subject).toMatchObject({ name: "country" });
    expect(m.arms.map((a) => [a.patterns.length, a.wildcard])).toEqual([
      [1, false],
      [2, false],
      [0, true],
    ]);
  });

  it("spans of binary chains cover the operands, parentheses included", () => {
    const text = "dataset d { x: (a + b) * c }";
    const e = parseClean(text).datasets[0]!.settings[0]!.value as Binary;
    expect(textOf(text, e.span)).toBe("(a + b) * c");
    expect(textOf(text, e.left.span)).toBe("a + b");
  });
});

describe("soft keywords and table items", () => {
  const src = `dataset d { seed: 1 }
table t {
  rows: 5
  from     date = 2024-01-01
  to       date = from + 7d
  unique   int  @unique = sequence(1)
  index    int  = index
  rows2    int  = rows
  per      string? @null(1%)
  every    int
  unique(from, to, unique)
  noise: { typo: 2%, missing: 1% }
  let by = from
  check to > from and not (unique < 0)
  when per == "x" then every = 1, index = 2
  correlate unique, every { unique ~ every: 0.5, every ~ unique: -0.1 }
}`;
  it("names like from, to, unique, rows are columns; unique(...) is a key; name: value is a setting", () => {
    const ast = parseClean(src);
    const kinds = table(ast, "t").items.map((i) => i.kind);
    expect(kinds).toEqual([
      "RowsDecl",
      "ColumnDecl",
      "ColumnDecl",
      "ColumnDecl",
      "ColumnDecl",
      "ColumnDecl",
      "ColumnDecl",
      "ColumnDecl",
      "UniqueDecl",
      "Setting",
      "LetDecl",
      "CheckDecl",
      "WhenDecl",
      "CorrelateDecl",
    ]);
    expect(column(ast, "t", "to").value).toMatchObject({ op: "+", left: { name: "from" } });
    expect(column(ast, "t", "unique").annotations[0]!.name.text).toBe("unique");
    expect((column(ast, "t", "per") as ColumnDecl).value).toBeUndefined();
    expect(table(ast, "t").items[8]).toMatchObject({ columns: [{ text: "from" }, { text: "to" }, { text: "unique" }] });
    expect(table(ast, "t").items[12]).toMatchObject({
      assignments: [{ target: { text: "every" } }, { target: { text: "index" } }],
    });
  });

  it("item spans are exact", () => {
    const ast = parseClean(src);
    const items = table(ast, "t").items;
    expect(items.map((i) => textOf(src, i.span).split("\n")[0])).toContain("unique   int  @unique = sequence(1)");
    const call = column(ast, "t", "unique").value as Call;
    expect(textOf(src, call.span)).toBe("sequence(1)");
    expect(textOf(src, call.args[0]!.span)).toBe("1");
  });

  it("enums with commas, line breaks or both; settings with commas", () => {
    const ast = parseClean('dataset d { seed: 1, locale: "en", }\nenum A { x\n y, z }\nenum B { a: 0.5, b: 50% }');
    expect(ast.enums[0]!.members.map((m) => m.name.text)).toEqual(["x", "y", "z"]);
    expect(ast.enums[1]!.members[1]!.weight).toMatchObject({ value: 0.5 });
    expect(ast.datasets[0]!.settings).toHaveLength(2);
  });

  it("comments anywhere", () => {
    const ast = parseClean("/* a */ dataset d { // x\n seed: /* y */ 1 }\n// end");
    expect(ast.datasets[0]!.settings[0]!.value).toMatchObject({ value: 1 });
  });
});
