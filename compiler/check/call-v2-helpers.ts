/**
 * The helpers of v2 §15: strings (`substr`, `lpad`, `rpad`, `replace`, `truncate`), bytes
 * (`random_bytes`, `hex`, `unhex`), arrays (`array`, `len`, `join`) and math (`sqrt`, `exp`, `ln`,
 * `sin`, `cos`, `pow`, `pi`).
 *
 *   lpad(str(s_suppkey), 9, "0")          → "000000042"
 *   array(uniform(0, 4), one_of("a", "b")) → an array of 0 to 4 elements, each its own draw
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, HelperFn, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { bindArgs, constValue, helper, numArg, type Handler, type Param } from "./call-args.js";
import { report, requireNonNull } from "./report.js";
import { T, isStringLike, showType, v } from "./types.js";

type Kind = "string" | "int" | "number" | "bytes" | "array";

function argOf(scope: ExprScope, e: A.Expr, kind: Kind): Expr | undefined {
  if (kind === "number" || kind === "int") {
    const x = numArg(scope, e);
    if (!x) return undefined;
    if (kind === "int" && x.t.type.kind !== "int")
      return report(scope, messages.typeMismatch, e.span, ["int", showType(x.t.type)]);
    return x;
  }
  const x = scope.check(e);
  if (!x || !requireNonNull(scope, x, e.span)) return undefined;
  const ok =
    kind === "string"
      ? isStringLike(x.t.type)
      : kind === "bytes"
        ? x.t.type.kind === "bytes"
        : x.t.type.kind === "array";
  const wanted = kind === "array" ? "an array" : kind;
  return ok ? x : report(scope, messages.typeMismatch, e.span, [wanted, showType(x.t.type)]);
}

/** A helper whose parameters have fixed kinds; optional trailing string parameters default to `defaults`. */
function typed(fn: HelperFn, params: readonly (Param & { kind: Kind; default?: string })[], result: Type): Handler {
  return (scope, call) => {
    const b = bindArgs(scope, call, fn, params);
    if (!b) return undefined;
    const args: Expr[] = [];
    for (const p of params) {
      const a = b.get(p.name);
      if (!a) {
        args.push({ k: "const", t: v(T.string), v: p.default ?? "" });
        continue;
      }
      const x = argOf(scope, a, p.kind);
      if (!x) return undefined;
      args.push(x);
    }
    return helper(fn, result, args);
  };
}

const s = (name: string, extra: Partial<Param & { default: string }> = {}) => ({
  name,
  kind: "string" as const,
  ...extra,
});
const i = (name: string) => ({ name, kind: "int" as const });
const n = (name: string) => ({ name, kind: "number" as const });

export const v2Helpers: Record<string, Handler> = {
  substr: typed("substr", [s("s"), i("start"), i("len")], T.string),
  lpad: typed("lpad", [s("s"), i("n"), s("fill", { optional: true, default: " " })], T.string),
  rpad: typed("rpad", [s("s"), i("n"), s("fill", { optional: true, default: " " })], T.string),
  replace: typed("replace", [s("s"), s("from"), s("to")], T.string),
  truncate: typed("truncate", [s("s"), i("n")], T.string),
  hex: typed("hex", [{ name: "b", kind: "bytes" }], T.string),
  unhex,
  join: typed("join", [{ name: "a", kind: "array" }, s("sep", { optional: true, default: "" })], T.string),
  sqrt: typed("sqrt", [n("x")], T.float),
  exp: typed("exp", [n("x")], T.float),
  ln: typed("ln", [n("x")], T.float),
  sin: typed("sin", [n("x")], T.float),
  cos: typed("cos", [n("x")], T.float),
  pow: typed("pow", [n("x"), n("y")], T.float),
  pi: (scope, call) =>
    call.args.length
      ? report(scope, messages.wrongArgCount, call.span, ["pi", "0", call.args.length])
      : { k: "const", t: v(T.float), v: Math.PI },
  random_bytes: randomBytes,
  array,
};

/** `len(s)` of a string (code points), or `len(a)` of an array. */
export function len(scope: ExprScope, call: A.Call): Expr | undefined {
  if (call.args.length !== 1) return report(scope, messages.wrongArgCount, call.span, ["len", "1", call.args.length]);
  const a = call.args[0]!.value;
  const x = scope.check(a);
  if (!x || !requireNonNull(scope, x, a.span)) return undefined;
  if (x.t.type.kind === "array") return helper("arrayLen", T.int, [x]);
  if (!isStringLike(x.t.type))
    return report(scope, messages.typeMismatch, a.span, ["a string or an array", showType(x.t.type)]);
  return helper("len", T.int, [x]);
}

/** `unhex("c0ffee")`: a constant is checked here, so the generated code never meets a bad one. */
function unhex(scope: ExprScope, call: A.Call): Expr | undefined {
  if (call.args.length !== 1) return report(scope, messages.wrongArgCount, call.span, ["unhex", "1", call.args.length]);
  const a = call.args[0]!.value;
  const x = argOf(scope, a, "string");
  if (!x) return undefined;
  if (x.k === "const" && typeof x.v === "string" && !/^(?:[0-9a-fA-F]{2})*$/.test(x.v))
    return report(scope, messages.badParameter, a.span, ["unhex", "s", "must be an even number of hex digits"]);
  if (x.k !== "const") return report(scope, messages.notConstant, a.span, ["The text of 'unhex'"]);
  return helper("unhex", { kind: "bytes" }, [x]);
}

function randomBytes(scope: ExprScope, call: A.Call): Expr | undefined {
  if (call.args.length !== 1)
    return report(scope, messages.wrongArgCount, call.span, ["random_bytes", "1", call.args.length]);
  const nx = argOf(scope, call.args[0]!.value, "int");
  if (!nx) return undefined;
  const c = constValue(nx);
  if (c !== undefined && !(c >= 0 && c <= 1 << 20))
    return report(scope, messages.badParameter, call.args[0]!.value.span, [
      "random_bytes",
      "n",
      "must be 0 to 1048576",
    ]);
  return { k: "randomBytes", t: v({ kind: "bytes" }), n: nx, slot: scope.slot++ };
}

/** `array(count, expr)`: `count` elements, each `expr` drawn in its own stream. */
function array(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  const b = bindArgs(scope, call, "array", [{ name: "count" }, { name: "value" }]);
  if (!b) return undefined;
  const count = argOf(scope, b.get("count")!, "int");
  if (!count) return undefined;
  const c = constValue(count);
  if (c !== undefined && !(c >= 0 && c <= 1_000_000))
    return report(scope, messages.badParameter, b.get("count")!.span, ["array", "count", "must be 0 to 1000000"]);
  const slot = scope.slot++;
  const elementType = expected?.kind === "array" ? expected.element : undefined;
  const element = scope.check(b.get("value")!, elementType);
  if (!element || !requireNonNull(scope, element, b.get("value")!.span)) return undefined;
  const k = element.t.type.kind;
  if (
    k === "row" ||
    k === "fileRow" ||
    k === "record" ||
    k === "regex" ||
    k === "array" ||
    k === "json" ||
    k === "duration" ||
    k === "null"
  )
    return report(scope, messages.badArrayUse, b.get("value")!.span, [
      `An array element is a plain value (a number, string, bool, date, timestamp, uuid or enum), not ${showType(element.t.type)}`,
    ]);
  return { k: "array", t: v({ kind: "array", element: element.t.type }), count, element, slot };
}
