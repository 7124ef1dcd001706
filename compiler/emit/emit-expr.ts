/**
 * IR expressions → JavaScript expressions over the row's scratch record `r`, the row index `i`,
 * the parent index `p`, the ordinal `k` and the cell state of the column being computed.
 * Internal representations: dates are days, timestamps and durations milliseconds, decimals numbers
 * already rounded to their scale, rows of other tables and files their row index.
 */
import { realismCode, recordFieldCode } from "./emit-realism.js";
import type { Expr, RowsPlan, Type, VType } from "../ir/ir.js";
import { gbmStep } from "../../runtime/series/walk.js";
import { field, jsString } from "./names.js";
import { walk } from "../ir/walk.js";
import { snapScale } from "./exact-scale.js";
import { isWide } from "../ir/wide-decimal.js";
import type { ModuleNames } from "./module-names.js";

export interface ExprCtx {
  readonly names: ModuleNames;
  readonly table: string;
  /** The variable holding the cell state (`s`); slots derive call-site streams from it. */
  readonly cell: string;
  /** Temporaries the expression needs, declared by the caller at the top of the function. */
  readonly temps: string[];
  /**
   * The variable holding the stream key of the column (or rule, check) being computed: `walk` and
   * `gbm` draw their innovations at other rows of the series, so they need the key, not the cell.
   */
  readonly key?: string;
  /** Reading other rows: `parent.c`, `t[e].c`, `prev.c`, aggregates (emit-slices.ts). */
  readonly rows: RowAccess;
  /** Appended to the names of series-walk states, so a slice walks its own copy (emit-slices.ts). */
  readonly stateSuffix?: string;
}

export interface RowAccess {
  /** The code reading `e.column` of the row whose index is `rowCode` (an index of `e.table`). */
  field(e: Extract<Expr, { k: "rowField" }>, rowCode: string): string;
  /** The function computing an aggregate over the children of the current row, called as `f(i)`. */
  aggregate(e: Extract<Expr, { k: "agg" }>): string;
}

export const NULL_SLOT = 65535;

/** The TypeScript type of an internal value. */
export function internalTs(t: VType): string {
  const base = internalBase(t.type);
  return t.nullable && base !== "null" ? `${base} | null` : base;
}

function internalBase(t: Type): string {
  switch (t.kind) {
    case "decimal":
      return isWide(t) ? "bigint" : "number";
    case "bigint":
      return "bigint";
    case "bytes":
      return "Uint8Array";
    case "array": {
      const k = t.element.kind;
      if (k === "bigint") return "(number | string)[]";
      return k === "int" || k === "float" || k === "decimal" ? "number[]" : k === "bool" ? "boolean[]" : "string[]";
    }
    case "string":
    case "uuid":
    case "enum":
      return "string";
    case "bool":
      return "boolean";
    case "json":
      return "Record<string, unknown>";
    case "null":
      return "null";
    case "regex":
      return "RegExp";
    case "record":
      return t.record === "place" ? "rt.Place" : "rt.Route";
    default:
      return "number";
  }
}

export function initialValue(t: VType): string {
  if (t.nullable) return "null";
  switch (internalBase(t.type)) {
    case "string":
      return '""';
    case "boolean":
      return "false";
    case "Record<string, unknown>":
      return "{}";
    case "Uint8Array":
      return "new Uint8Array(0)";
    case "rt.Place":
      return "rt.NO_PLACE";
    case "rt.Route":
      return "rt.NO_ROUTE";
    case "bigint":
      return "0n";
    case "number[]":
    case "(number | string)[]":
    case "boolean[]":
    case "string[]":
      return "[]";
    default:
      return "0";
  }
}

/** True when evaluating `e` draws from the cell's stream (so the cell state must be computed). */
export function usesStream(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if ("slot" in x) found = true;
  });
  return found;
}

function num(n: number): string {
  if (Object.is(n, -0)) return "-0";
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return n < 0 ? `(${String(n)})` : String(n);
}

/** The JavaScript for a constant. */
export function constCode(v: number | string | boolean | null | bigint): string {
  if (v === null) return "null";
  if (typeof v === "string") return jsString(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v === "bigint") return `${v}n`;
  return num(v);
}

const DAY = 86_400_000;

/** A value converted to milliseconds when it is a date (for mixed date/timestamp arithmetic). */
function asMs(e: Expr, code: string): string {
  return e.t.type.kind === "date" ? `(${code} * ${DAY})` : code;
}

/** Text of a value inside a template or `str()`: the same text the writers produce. */
export function textOf(e: Expr, code: string): string {
  switch (e.t.type.kind) {
    case "string":
    case "uuid":
    case "enum":
      return code;
    case "float":
      return `rt.formatFloat(${code})`;
    case "decimal":
      return isWide(e.t.type)
        ? `rt.formatUnits(${code}, ${e.t.type.scale})`
        : `rt.formatDecimal(${code}, ${e.t.type.scale})`;
    case "date":
      return `rt.formatDate(${code})`;
    case "timestamp":
      return `rt.formatTimestamp(${code})`;
    default:
      return `String(${code})`;
  }
}

export function exprCode(e: Expr, ctx: ExprCtx): string {
  const x = (y: Expr) => exprCode(y, ctx);
  const sub = (slot: number) => callSite(ctx, slot);
  const n = ctx.names;
  switch (e.k) {
    case "const":
      return constCode(e.v);
    case "local":
      return `r.${field(e.name)}`;
    case "rowField":
      return ctx.rows.field(e, e.row.k === "prevRow" ? "" : x(e.row));
    case "parentRow":
      return "p";
    case "fileField":
      return `${n.fileColumn(e.data, e.field)}[${x(e.row)}]!`;
    case "special":
      if (e.which === "tick") return tickCode(ctx);
      return e.which === "index" ? "i" : e.which === "ordinal" ? "k" : "EPOCH_DAYS";
    case "sequence":
      return e.step === 1 ? `(${e.start} + i)` : `(${e.start} + i * ${num(e.step)})`;
    case "gen":
      return genCode(e, ctx);
    case "choice": {
      if (e.copula) return copulaCode(e, ctx);
      const c = n.choice(e.choices.id);
      return e.choices.weights
        ? `${c.values}[${c.table}.pick(${sub(e.slot)})]!`
        : `${c.values}[rt.below(${sub(e.slot)}, 0, ${e.choices.values.length})]!`;
    }
    case "pick": {
      const size = `${n.table(e.table).size}()`;
      const skew = e.zipf === undefined ? "" : `, ${num(e.zipf)}${e.spread ? ", SEED" : ""}`;
      return `rt.pickRow(${sub(e.slot)}, ${size}, ${jsString(e.table)}${skew})`;
    }
    case "realism":
      return realismCode(e, n, sub(e.slot), x);
    case "recordField":
      return recordFieldCode(e, x);
    case "fileRow": {
      const f = n.file(e.data);
      return f.weights ? `${f.weights}.pick(${sub(e.slot)})` : `rt.below(${sub(e.slot)}, 0, ${f.length})`;
    }
    case "pattern":
      return `rt.genPattern(${n.pattern(e.spec)}, ${sub(e.slot)})`;
    case "faker": {
      if (e.lowered) return `${n.lowered(e.lowered)}(${sub(e.slot)})`;
      const call = `${n.faker()}.at(${sub(e.slot)}).${e.path.join(".")}(${e.args.map((a) => jsonCode(a)).join(", ")})`;
      return e.t.type.kind === "timestamp" ? `${call}.getTime()` : call;
    }
    case "uniqueInt":
    case "uniquePattern":
    case "uniqueChoice":
      throw new Error("unique generators are emitted by the table emitter");
    case "call":
      return callCode(e, ctx);
    case "neg":
      return `(-${x(e.e)})`;
    case "not":
      return `(!${x(e.e)})`;
    case "binary":
      return binaryCode(e, ctx);
    case "if":
      return `(${x(e.c)} ? ${x(e.a)} : ${x(e.b)})`;
    case "match": {
      const m = `m${ctx.temps.length}`;
      ctx.temps.push(
        `let ${m}: ${internalTs({ type: e.subject.t.type, nullable: e.subject.t.nullable })} = ${initialValue(e.subject.t)};`,
      );
      let code = x(e.otherwise);
      for (let a = e.arms.length - 1; a >= 0; a--) {
        const arm = e.arms[a]!;
        if (arm.patterns.length === 0) continue;
        const test = arm.patterns.map((p) => `${m} === ${x(p)}`).join(" || ");
        code = `(${test} ? ${x(arm.value)} : ${code})`;
      }
      return `((${m} = ${x(e.subject)}), ${code})`;
    }
    case "template":
      if (e.parts.length === 0) return '""';
      return `(${e.parts.map((p, idx) => (typeof p === "string" ? jsString(p) : idx === 0 && p.t.type.kind !== "string" ? `"" + ${textOf(p, x(p))}` : textOf(p, x(p)))).join(" + ")})`;
    case "object":
      return `{ ${e.entries.map((en) => `${en.key === "__proto__" ? `[${jsString(en.key)}]` : jsString(en.key)}: ${jsonValue(en.value, x(en.value))}`).join(", ")} }`;
    case "series":
      return seriesCode(e, ctx);
    case "size":
      return `${n.table(e.table).size}()`;
    case "rowAt":
      return e.proven
        ? x(e.index)
        : `rt.rowIndex(${x(e.index)}, ${n.table(e.table).size}(), ${jsString(ctx.table)}, i, ${jsString(e.table)})`;
    case "distinctPick": {
      // Element k of a permutation of the target's rows keyed by (column, call site, parent): no repeats among siblings.
      const key = ctx.key ?? "0";
      const [group, k] = e.among === "siblings" ? ["p", "k"] : ["0", "i"];
      if (e.exceptParent)
        return `rt.pickDistinctExcept(rt.sub(${key}, ${e.slot}), p, k, ${n.table(e.table).size}(), ${jsString(ctx.table)}, i, ${jsString(e.table)})`;
      return `rt.pickDistinct(rt.sub(${key}, ${e.slot}), ${group}, ${k}, ${n.table(e.table).size}(), ${jsString(ctx.table)}, i, ${jsString(e.table)})`;
    }
    case "beforePick":
      return `rt.below(${sub(e.slot)}, 0, i)`;
    case "prevRow":
      return "(i - 1)";
    case "agg":
      return `${ctx.rows.aggregate(e)}(i)`;
    case "data":
      return `${n.data(e)}[i]!`;
    case "sample": {
      const size = `${n.table(e.table).size}()`;
      // Elements are held as they are written (dates as text), like array(…)'s.
      const element = { type: (e.t.type as Extract<Type, { kind: "array" }>).element, nullable: false };
      const field: Extract<Expr, { k: "rowField" }> = {
        k: "rowField",
        t: element,
        table: e.table,
        row: { k: "special", t: element, which: "index" },
        column: e.column,
      };
      const read = jsonValue(field, ctx.rows.field(field, "q"));
      return `rt.sampleOf(${sub(e.slot)}, ${x(e.n)}, ${size}, ${jsString(ctx.table)}, i, ${jsString(e.table)}).map((q) => ${read})`;
    }
    case "array": {
      // Element q draws in the stream sub(call site, q): each element its own draw.
      const j = `a${ctx.temps.length}`;
      ctx.temps.push(`let ${j} = 0;`);
      const el = exprCode(e.element, { ...ctx, cell: `c${j}` });
      return `((${j} = ${sub(e.slot)}), rt.arrayOf(${x(e.count)}, (q) => {\n  const c${j} = rt.sub(${j}, q);\n  return ${jsonValue(e.element, el)};\n}))`;
    }
    case "randomBytes":
      return `rt.randomBytes(${sub(e.slot)}, ${x(e.n)})`;
  }
}

/** The rows plan of the time-series table being emitted (the checker allows `tick` and the terms nowhere else). */
function everyOf(ctx: ExprCtx): Extract<RowsPlan, { kind: "every" }> {
  const every = ctx.names.every(ctx.table);
  if (!every) throw new Error(`internal: table ${ctx.table} is not a time series`);
  return every;
}

/** `tick`: the row's time stamp, from + ordinal × step (whole milliseconds). */
function tickCode(ctx: ExprCtx): string {
  const every = everyOf(ctx);
  return `(${num(every.fromMs)} + k * ${every.stepMs})`;
}

/**
 * A time-series term (spec §5) at the row's step k of parent p's series. `seasonal` and `trend` are
 * pure functions of the tick; `walk` and `gbm` are the call site's `rt.SeriesWalk`, whose innovations
 * come from the stream (key, row of the series, attempt 0, slot): redraws never move a series.
 */
function seriesCode(e: Extract<Expr, { k: "series" }>, ctx: ExprCtx): string {
  const every = everyOf(ctx);
  const term = e.term;
  switch (term.kind) {
    case "seasonal": {
      // amplitude · sin(2π · t / period + phase); t mod period first keeps the angle exact and small.
      const w = (2 * Math.PI) / term.periodMs;
      const angle = `(${tickCode(ctx)} % ${num(term.periodMs)}) * ${num(w)}${term.phase === 0 ? "" : ` + ${num(term.phase)}`}`;
      return `(${num(term.amplitude)} * Math.sin(${angle}))`;
    }
    case "trend":
      // rate · (tick − from), the rate being `rate` per `perMs` milliseconds.
      return `((${num(term.rate)} * (k * ${every.stepMs})) / ${num(term.perMs)})`;
    case "walk":
    case "gbm": {
      if (!ctx.key) throw new Error("internal: a series term needs the stream key of its column");
      const init =
        term.kind === "walk"
          ? `new rt.SeriesWalk(${every.count}, 0, 0, ${num(term.sd)}, false)`
          : (() => {
              const { drift, vol } = gbmStep(term.mu, term.sigma, every.stepMs);
              return `new rt.SeriesWalk(${every.count}, ${num(term.s0)}, ${num(drift)}, ${num(vol)}, true)`;
            })();
      const state = ctx.names.seriesState(`${ctx.key}$w${e.slot}${ctx.stateSuffix ?? ""}`, init);
      return `${state}.at(${ctx.key}, ${e.slot}, p, k)`;
    }
  }
}

/** A value inside a json column: dates and timestamps as their text, decimals as numbers. */
function jsonValue(e: Expr, code: string): string {
  // An int64 inside a json value or an array: a number while safe, else its digits (JSON has no BigInt).
  if (e.t.type.kind === "bigint")
    return e.t.nullable ? `(${code} === null ? null : rt.int64Json(${code}))` : `rt.int64Json(${code})`;
  if (e.t.type.kind === "date" || e.t.type.kind === "timestamp")
    return e.t.nullable ? `(${code} === null ? null : ${textOf(e, code)})` : textOf(e, code);
  return code;
}

function jsonCode(v: unknown): string {
  if (v === null || typeof v !== "object") return constCode(v as number | string | boolean | null);
  if (Array.isArray(v)) return `[${v.map(jsonCode).join(", ")}]`;
  const entries = Object.entries(v as Record<string, unknown>).map(
    ([k, val]) => `${k === "__proto__" ? `[${jsString(k)}]` : jsString(k)}: ${jsonCode(val)}`,
  );
  return `{ ${entries.join(", ")} }`;
}

/**
 * The stream of a call site: the cell state itself for slot 0 (most columns have one call), else
 * `sub(cell, slot)`. Both are bijections of the row, so uniqueness arguments hold for every slot.
 */
export function callSite(ctx: ExprCtx, slot: number): string {
  return slot === 0 ? ctx.cell : `rt.sub(${ctx.cell}, ${slot})`;
}

/** The names of a `correlate` group's emitted state: latent normals, Cholesky factor, a choice's cumulative weights. */
export function copulaNames(tableIndex: number, group: number) {
  return {
    z: `CZ${tableIndex}_${group}`,
    l: `CL${tableIndex}_${group}`,
    cumulative: (index: number) => `CW${tableIndex}_${group}_${index}`,
  };
}

/** A draw driven by its `correlate` group: the inverse CDF of the member's latent normal. */
function copulaCode(e: Extract<Expr, { k: "gen" } | { k: "choice" }>, ctx: ExprCtx): string {
  const c = e.copula!;
  const cn = copulaNames(ctx.names.table(ctx.table).index, c.group);
  const z = c.flip ? `(-${cn.z}[${c.index}]!)` : `${cn.z}[${c.index}]!`;
  const u = `rt.uniformOf(${z})`;
  if (e.k === "choice") {
    const values = ctx.names.choice(e.choices.id).values;
    return e.choices.weights
      ? `${values}[rt.invWeighted(${u}, ${cn.cumulative(c.index)})]!`
      : `${values}[rt.invUniformIndex(${u}, ${e.choices.values.length})]!`;
  }
  const a = e.args.map((y) => exprCode(y, ctx));
  switch (e.fn) {
    case "normal":
      return `(${a[0]} + ${a[1]} * ${z})`;
    case "lognormal":
      return `Math.exp(${a[0]} + ${a[1]} * ${z})`;
    case "uniformInt":
      if (e.t.type.kind === "timestamp")
        return `(rt.invUniformInt(${u}, Math.ceil(${a[0]} / 1000), Math.floor(${a[1]} / 1000)) * 1000)`;
      return `rt.invUniformInt(${u}, ${a[0]}, ${a[1]})`;
    case "uniformFloat":
      return `rt.invUniformFloat(${u}, ${a[0]}, ${a[1]})`;
    case "exponential":
      return `rt.invExponential(${u}, ${a[0]})`;
    case "poisson":
      return `rt.invPoisson(${u}, ${a[0]})`;
    case "zipf":
      return `rt.invZipf(${u}, ${a[0]}, ${a[1]})`;
    case "bernoulli":
      return `rt.invBernoulli(${u}, ${a[0]})`;
    case "beta":
      return `rt.invBeta(${u}, ${a[0]}, ${a[1]})`;
    case "gamma":
      return `rt.invGamma(${u}, ${a[0]}, ${a[1]})`;
    default:
      throw new Error(`no inverse CDF for ${e.fn}`); // the checker accepts only the ones above
  }
}

function genCode(e: Extract<Expr, { k: "gen" }>, ctx: ExprCtx): string {
  if (e.copula) return copulaCode(e, ctx);
  const t = callSite(ctx, e.slot);
  const a = e.args.map((y) => exprCode(y, ctx));
  switch (e.fn) {
    case "uniformInt":
      if (e.t.type.kind === "timestamp") {
        const [lo, hi] = e.args.map((y, idx) =>
          y.k === "const" && typeof y.v === "number"
            ? String(idx === 0 ? Math.ceil(y.v / 1000) : Math.floor(y.v / 1000))
            : `Math.${idx === 0 ? "ceil" : "floor"}(${a[idx]} / 1000)`,
        );
        return `(rt.uniformInt(${t}, ${lo}, ${hi}) * 1000)`;
      }
      return `rt.uniformInt(${t}, ${a[0]}, ${a[1]})`;
    case "uuid":
      return `rt.uuid(${t})`;
    case "zipf":
      return `rt.zipf(${t}, ${a[0]}, ${a[1]})`;
    default:
      return `rt.${e.fn}(${t}, ${a.join(", ")})`;
  }
}

function callCode(e: Extract<Expr, { k: "call" }>, ctx: ExprCtx): string {
  const a = e.args.map((y) => exprCode(y, ctx));
  const arg0 = e.args[0]!;
  const ms = () => asMs(arg0, a[0]!);
  const days = () => (arg0.t.type.kind === "date" ? a[0]! : `Math.floor(${a[0]} / ${DAY})`);
  switch (e.fn) {
    case "round": {
      // A value the code already rounds to at most these places needs no second rounding.
      const places = e.args[1]?.k === "const" ? Number(e.args[1].v) : undefined;
      const snapped = snapScale(arg0);
      if (places !== undefined && snapped !== undefined && snapped <= places) return a[0]!;
      return `rt.roundHalfEven(${a[0]}, ${a[1]})`;
    }
    case "floor":
    case "ceil":
    case "abs":
      return `Math.${e.fn}(${a[0]})`;
    case "min":
    case "max":
      return `Math.${e.fn}(${a.join(", ")})`;
    case "clamp":
      return `rt.clamp(${a[0]}, ${a[1]}, ${a[2]})`;
    case "lower":
      return `${a[0]}.toLowerCase()`;
    case "upper":
      return `${a[0]}.toUpperCase()`;
    case "trim":
      return `${a[0]}.trim()`;
    case "len":
      return `rt.codePointLength(${a[0]})`;
    case "str":
      return textOf(arg0, a[0]!);
    case "coalesce":
      return `(${a.join(" ?? ")})`;
    case "year":
      return `rt.yearOf(${days()})`;
    case "month":
      return `rt.monthOf(${days()})`;
    case "day":
      return `rt.dayOf(${days()})`;
    case "weekday":
      return `rt.weekdayOf(${days()})`;
    case "hour":
      return `Math.floor((((${ms()} % ${DAY}) + ${DAY}) % ${DAY}) / 3600000)`;
    case "toDate":
      return days();
    case "toTimestamp":
      return ms();
    case "substr":
    case "lpad":
    case "rpad":
    case "truncate":
    case "hex":
    case "unhex":
      return `rt.${e.fn}(${a.join(", ")})`;
    case "replace":
      return `rt.replaceText(${a.join(", ")})`;
    case "join": {
      const el = (arg0.t.type as Extract<Type, { kind: "array" }>).element;
      const plain = el.kind === "string" || el.kind === "enum" || el.kind === "uuid";
      return plain ? `${a[0]}.join(${a[1]})` : `${a[0]}.map((x) => String(x)).join(${a[1]})`;
    }
    case "arrayLen":
      return `${a[0]}.length`;
    case "sqrt":
    case "exp":
    case "sin":
    case "cos":
    case "pow":
      return `Math.${e.fn}(${a.join(", ")})`;
    case "ln":
      return `Math.log(${a[0]})`;
  }
}

/**
 * Arithmetic over decimals (or an int divided by a power of ten) rounded to the places its exact result
 * has, so that decimal sums and products are exact (exact-scale.ts).
 */
function exact(e: Extract<Expr, { k: "binary" }>, code: string): string {
  const scale = snapScale(e);
  return scale === undefined ? code : `rt.roundHalfEven(${code}, ${scale})`;
}

/** The whole number of days of a duration written `days(n)` (or `weeks(n)`) with an int n, else undefined. */
function wholeDays(d: Expr, ctx: ExprCtx): string | undefined {
  if (d.k === "const" && typeof d.v === "number" && d.v % DAY === 0) return String(d.v / DAY);
  if (d.k !== "binary" || d.op !== "mul" || d.l.t.type.kind !== "int") return undefined;
  const k = d.r.k === "const" && typeof d.r.v === "number" ? d.r.v : undefined;
  if (k === undefined || k % DAY !== 0) return undefined;
  const n = exprCode(d.l, ctx);
  return k === DAY ? n : `(${n} * ${k / DAY})`;
}

function binaryCode(e: Extract<Expr, { k: "binary" }>, ctx: ExprCtx): string {
  const l = exprCode(e.l, ctx);
  const r = exprCode(e.r, ctx);
  const lt = e.l.t.type.kind;
  const rt = e.r.t.type.kind;
  const temporal = (k: string) => k === "date" || k === "timestamp";
  switch (e.op) {
    case "and":
      return `(${l} && ${r})`;
    case "or":
      return `(${l} || ${r})`;
    case "eq":
    case "ne":
    case "lt":
    case "le":
    case "gt":
    case "ge": {
      const op = { eq: "===", ne: "!==", lt: "<", le: "<=", gt: ">", ge: ">=" }[e.op];
      if (temporal(lt) && temporal(rt) && lt !== rt) return `(${asMs(e.l, l)} ${op} ${asMs(e.r, r)})`;
      return `(${l} ${op} ${r})`;
    }
    case "add":
    case "sub": {
      const op = e.op === "add" ? "+" : "-";
      if (lt === "date" && rt === "duration") {
        // `date + days(n)` with a whole n: add n, not n·86 400 000 ms divided back.
        const whole = wholeDays(e.r, ctx);
        return whole !== undefined ? `(${l} ${op} ${whole})` : `(${l} ${op} Math.floor(${r} / ${DAY}))`;
      }
      if (lt === "duration" && rt === "date") return `(${r} + Math.floor(${l} / ${DAY}))`;
      if (lt === "duration" && rt === "timestamp") return `(${r} + ${l})`;
      if (temporal(lt) && temporal(rt)) return `(${asMs(e.l, l)} - ${asMs(e.r, r)})`;
      return exact(e, `(${l} ${op} ${r})`);
    }
    case "mul":
      return exact(e, `(${l} * ${r})`);
    case "div":
      return exact(e, `(${l} / ${r})`);
    case "mod":
      return `(${l} % ${r})`;
    case "concat":
      return `(${textOf(e.l, l)} + ${textOf(e.r, r)})`;
  }
}
