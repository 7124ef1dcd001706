/**
 * `faker.<module>.<method>(args)`: the method must exist in @faker-js/faker (did-you-mean on both
 * names), the arguments must be constants, and the result type is found by calling the method on a
 * few fixed streams at compile time (string, int, float, bool; a Date becomes a timestamp).
 * `faker.person.firstName()` and `lastName()` without arguments are lowered to direct picks.
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

export function fakerFor(locale: string): FakerStream {
  let s = streams.get(locale);
  if (!s) {
    s = new FakerStream(localeChain(locale) ?? localeChain("en")!, 0);
    streams.set(locale, s);
  }
  return s;
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
  const mod = faker[module]!;
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(mod)).filter(
    (k) => k !== "constructor" && typeof mod[k] === "function",
  );
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
    const x = scope.check(a.value);
    if (!x) return undefined;
    const c = constJson(x);
    if (c === undefined) return report(scope, messages.notConstant, a.value.span, ["An argument of a faker method"]);
    args.push(c);
  }
  const type = sampleType(scope, call, module, method, args);
  if (!type) return undefined;
  const key = `${module}.${method}`;
  const low = args.length === 0 ? lowered[key] : undefined;
  return { k: "faker", t: v(type), path: [module, method], args, slot: scope.slot++, ...(low ? { lowered: low } : {}) };
}

function sampleType(scope: ExprScope, call: A.Call, module: string, method: string, args: unknown[]): Type | undefined {
  const stream = fakerFor(scope.schema.locale);
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
    if (value instanceof Date) kinds.add("timestamp");
    else if (typeof value === "number") {
      kinds.add("number");
      if (!Number.isInteger(value)) allInt = false;
    } else kinds.add(typeof value);
  }
  if (kinds.size !== 1)
    return report(scope, messages.typeMismatch, call.span, [
      "a method that returns one kind of value",
      [...kinds].join(" or "),
    ]);
  const kind = [...kinds][0];
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
      return report(scope, messages.typeMismatch, call.span, ["a string, number, boolean or date", kind ?? "nothing"]);
  }
}
