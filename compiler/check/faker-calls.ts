/**
 * `faker.<module>.<method>(args)`: the method must exist in @faker-js/faker (did-you-mean on both
 * names) — declared on the module's class or any class it extends (`faker.date.past` and
 * `faker.helpers.arrayElement` live on a base class), never on `Object.prototype` — the arguments must
 * be constants (a list `["a", "b"]` of constants too; dates and timestamps are passed as ISO text),
 * and the result type is found by calling the method on a few fixed streams at compile time (string,
 * int, float, bool; a Date becomes a timestamp). Date methods read no clock: their reference date is
 * the dataset's epoch, here and in the generated code. `faker.person.firstName()` and `lastName()`
 * without arguments are lowered to direct picks.
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { suggest } from "../../diagnostics/spelling.js";
import type { Expr, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { report } from "./report.js";
import { T, v } from "./types.js";
import { FakerStream } from "../../runtime/faker/faker-stream.js";
import { localeChain } from "../../runtime/faker/all-locales.js";

const streams = new Map<string, FakerStream>();
const DAY_MS = 86_400_000;

/** A Faker for `locale` whose reference date is `epochDays` (the dataset's epoch), as in the generated code. */
export function fakerFor(locale: string, epochDays = 0): FakerStream {
  const id = `${locale}@${epochDays}`;
  let s = streams.get(id);
  if (!s) {
    s = new FakerStream(localeChain(locale) ?? localeChain("en")!, epochDays * DAY_MS);
    streams.set(id, s);
  }
  return s;
}

/** Every method of a faker module: own and inherited, up to (not including) `Object.prototype`. */
export function fakerMethods(mod: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (let p = Object.getPrototypeOf(mod); p && p !== Object.prototype; p = Object.getPrototypeOf(p))
    for (const k of Object.getOwnPropertyNames(p)) if (k !== "constructor" && typeof mod[k] === "function") out.add(k);
  return [...out];
}

function path(e: A.Expr): string[] | undefined {
  if (e.kind === "Ident") return [e.name];
  if (e.kind === "Member") {
    const p = path(e.object);
    return p ? [...p, e.property.text] : undefined;
  }
  return undefined;
}

function constJson(x: Expr): unknown {
  if (x.k === "const" && typeof x.v === "number" && x.t.type.kind === "date") return isoDate(x.v * DAY_MS);
  if (x.k === "const" && typeof x.v === "number" && x.t.type.kind === "timestamp") return isoDate(x.v);
  if (x.k === "const") return typeof x.v === "bigint" ? Number(x.v) : x.v;
  if (x.k === "object") {
    const o: Record<string, unknown> = {};
    for (const e of x.entries) {
      const val = constJson(e.value);
      if (val === undefined) return undefined;
      o[e.key] = val;
    }
    return o;
  }
  return undefined;
}

/** Milliseconds → ISO text (faker parses it back); a date beyond JavaScript's range is no constant. */
function isoDate(ms: number): string | undefined {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** An argument: a constant, an object of constants, or a list `[…]` of either. */
function constArg(scope: ExprScope, e: A.Expr): { value: unknown } | "failed" | "notConstant" {
  if (e.kind === "ArrayLit") {
    const items: unknown[] = [];
    for (const el of e.elements) {
      const c = constArg(scope, el);
      if (c === "failed" || c === "notConstant") return c;
      items.push(c.value);
    }
    return { value: items };
  }
  const x = scope.check(e);
  if (!x) return "failed";
  const c = constJson(x);
  return c === undefined ? "notConstant" : { value: c };
}

const lowered: Record<string, "firstName" | "lastName"> = {
  "person.firstName": "firstName",
  "person.lastName": "lastName",
};

export function checkFakerCall(scope: ExprScope, call: A.Call, _expected: Type | undefined): Expr | undefined {
  const p = path(call.callee);
  if (!p || p[0] !== "faker" || p.length !== 3) {
    const name = p ? p.join(".") : "this expression";
    return report(scope, messages.unknownFunction, call.callee.span, [name], {
      help: "calls are either built-in functions or faker.<module>.<method>()",
    });
  }
  const [, module, method] = p as [string, string, string];
  const faker = fakerFor(scope.schema.locale).at(0) as unknown as Record<string, Record<string, unknown>>;
  const modules = Object.keys(faker).filter(
    (k) =>
      !k.startsWith("_") &&
      typeof faker[k] === "object" &&
      faker[k] !== null &&
      k !== "rawDefinitions" &&
      k !== "definitions",
  );
  if (!modules.includes(module)) {
    const s = suggest(module, modules);
    return report(
      scope,
      messages.unknownFaker,
      call.callee.span,
      [`faker.${module}.${method}`],
      s ? { help: `did you mean 'faker.${s}'?` } : {},
    );
  }
  const methods = fakerMethods(faker[module]!);
  if (!methods.includes(method)) {
    const s = suggest(method, methods);
    return report(
      scope,
      messages.unknownFaker,
      call.callee.span,
      [`faker.${module}.${method}`],
      s ? { help: `did you mean 'faker.${module}.${s}'?` } : {},
    );
  }
  const args: unknown[] = [];
  for (const a of call.args) {
    if (a.name)
      return report(scope, messages.unknownArgument, a.name.span, [a.name.text, `faker.${module}.${method}`], {
        help: "pass faker's options as an object, e.g. { min: 1, max: 9 }",
      });
    const c = constArg(scope, a.value);
    if (c === "failed") return undefined;
    if (c === "notConstant")
      return report(scope, messages.notConstant, a.value.span, ["An argument of a faker method"]);
    args.push(c.value);
  }
  const type = sampleType(scope, call, module, method, args);
  if (!type) return undefined;
  const key = `${module}.${method}`;
  const low = args.length === 0 ? lowered[key] : undefined;
  return { k: "faker", t: v(type), path: [module, method], args, slot: scope.slot++, ...(low ? { lowered: low } : {}) };
}

function sampleType(scope: ExprScope, call: A.Call, module: string, method: string, args: unknown[]): Type | undefined {
  const stream = fakerFor(scope.schema.locale, scope.schema.epochDays);
  const kinds = new Set<string>();
  let allInt = true;
  for (let t = 1; t <= 12; t++) {
    let value: unknown;
    try {
      const f = stream.at(t * 0x9e3779b9) as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
      value = f[module]![method]!(...args);
    } catch (err) {
      return report(scope, messages.badParameter, call.span, [
        `faker.${module}.${method}`,
        "arguments",
        String((err as Error).message ?? err).replace(/\.$/, ""),
      ]);
    }
    // A list (`location.nearbyGPSCoordinate()`, `helpers.arrayElements([…])`) is typed by its elements.
    const list = Array.isArray(value);
    for (const x of list ? (value as unknown[]) : [value]) {
      const kind = x instanceof Date ? "timestamp" : typeof x;
      kinds.add(list ? `a list of ${kind}` : kind);
      if (typeof x === "number" && !Number.isInteger(x)) allInt = false;
    }
    if (list && (value as unknown[]).length === 0) kinds.add("a list of nothing");
  }
  if (kinds.size === 2 && kinds.has("a list of nothing")) kinds.delete("a list of nothing");
  if (kinds.size !== 1)
    return report(scope, messages.typeMismatch, call.span, [
      "a method that returns one kind of value",
      [...kinds].join(" or "),
    ]);
  const kind = [...kinds][0];
  if (kind?.startsWith("a list of ")) {
    const of = kind.slice("a list of ".length);
    const element = of === "timestamp" ? undefined : scalarType(of, allInt);
    if (element) return { kind: "array", element };
    return report(scope, messages.typeMismatch, call.span, ["a list of strings, numbers or booleans", kind]);
  }
  return (
    scalarType(kind, allInt) ??
    report(scope, messages.typeMismatch, call.span, ["a string, number, boolean or date", kind ?? "nothing"])
  );
}

function scalarType(kind: string | undefined, allInt: boolean): Type | undefined {
  switch (kind) {
    case "string":
      return T.string;
    case "boolean":
      return T.bool;
    case "timestamp":
      return T.timestamp;
    case "number":
      return allInt ? T.int : T.float;
    default:
      return undefined;
  }
}
