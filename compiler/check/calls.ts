/**
 * Calls: the generators and helpers of §5, typed and lowered; parameters checked where constant
 * (sd > 0, lo ≤ hi, p in [0, 1], weights ≥ 0 and not all 0).
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Expr, Type } from "../ir/ir.js";
import type { ExprScope } from "./context.js";
import { gen, type Handler } from "./call-args.js";
import { distribution, distributions, oneOf, pattern, sequence, uniform, weighted } from "./call-generators.js";
import { pick, sample, size } from "./row-access.js";
import { checkAggregate, isAggregateCall } from "./aggregates.js";
import { len, v2Helpers } from "./call-v2-helpers.js";
import {
  clamp,
  coalesce,
  concat,
  durationOf,
  minMax,
  numericHelper,
  round,
  stringHelper,
  temporalHelper,
} from "./call-helpers.js";
import { report } from "./report.js";
import { checkFakerCall } from "./faker-calls.js";
import { checkFromFile } from "./from-file.js";
import { seriesTerms } from "./series-calls.js";
import { realismCalls } from "./realism-calls.js";
import { T } from "./types.js";

/** Every built-in function by name (faker methods are resolved apart). */
export const builtins: Record<string, Handler> = {
  sequence,
  uniform: (s, c, e) => uniform(s, c, e),
  between: (s, c, e) => uniform(s, c, e, "between"),
  ...Object.fromEntries(Object.keys(distributions).map((n) => [n, distribution(n)])),
  one_of: oneOf,
  weighted,
  from_file: checkFromFile,
  pattern,
  uuid: (scope, call) =>
    call.args.length
      ? report(scope, messages.wrongArgCount, call.span, ["uuid", "0", call.args.length])
      : gen(scope, "uuid", T.uuid, []),
  pick,
  round,
  floor: numericHelper("floor", 1, () => T.int),
  ceil: numericHelper("ceil", 1, () => T.int),
  abs: numericHelper("abs", 1, (ts) => (ts[0]!.kind === "int" ? T.int : T.float)),
  min: minMax("min"),
  max: minMax("max"),
  clamp,
  lower: stringHelper("lower", T.string),
  upper: stringHelper("upper", T.string),
  trim: stringHelper("trim", T.string),
  len,
  str: stringHelper("str", T.string),
  concat,
  coalesce,
  year: temporalHelper("year", T.int),
  month: temporalHelper("month", T.int),
  day: temporalHelper("day", T.int),
  hour: temporalHelper("hour", T.int),
  weekday: temporalHelper("weekday", T.int),
  date: temporalHelper("toDate", T.date),
  timestamp: temporalHelper("toTimestamp", T.timestamp),
  seconds: durationOf(1000),
  minutes: durationOf(60_000),
  hours: durationOf(3_600_000),
  days: durationOf(86_400_000),
  weeks: durationOf(604_800_000),
  ...seriesTerms,
  size,
  sample,
  ...v2Helpers,
  ...realismCalls,
};

export function checkCall(scope: ExprScope, call: A.Call, expected: Type | undefined): Expr | undefined {
  if (call.callee.kind === "Member") return checkFakerCall(scope, call, expected);
  const name = call.callee.name;
  if (isAggregateCall(scope, call)) return checkAggregate(scope, call);
  const handler = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
  if (!handler) {
    const help = didYouMean(name, Object.keys(builtins));
    return report(scope, messages.unknownFunction, call.callee.span, [name], help ? { help } : {});
  }
  return handler(scope, call, expected);
}
