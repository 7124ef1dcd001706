/**
 * One table's generated code: its keys, the scratch row class, `fill` (a row into the scratch, with
 * bounded redraws for checks and validators), the cached lookup used by children and picks, the byte
 * writer, and the public row function, iterator and validator.
 *
 * The hot path (`write`) fills one reused scratch record and calls the sink once per cell: no
 * per-row objects.
 */
import type { ColumnPlan, CorrelationPlan, Expr, TablePlan } from "../ir/ir.js";
import { copulaNames, exprCode, initialValue, internalTs, usesStream, NULL_SLOT, type ExprCtx } from "./emit-expr.js";
import { walk } from "../ir/walk.js";
import type { ModuleNames } from "./module-names.js";
import { field, jsString, propKey } from "./names.js";
import { publicTs, type PublicNames } from "./emit-types.js";
import { validatorCode } from "./emit-validators.js";
import { cellOutCall, cellOutDeclarations, cellOutParam } from "./emit-cell-out.js";

export const MAX_TRIES = 100;

export interface TableCode {
  /** Module-level declarations (state, classes, functions). */
  readonly code: string[];
  /** Statements of `configure()`. */
  readonly configure: string[];
}

const sinkMethod: Record<string, string> = {
  int: "int",
  bigint: "int",
  float: "float",
  decimal: "decimal",
  string: "str",
  uuid: "str",
  enum: "str",
  bool: "bool",
  date: "date",
  timestamp: "timestamp",
  json: "json",
};

export function valueKind(c: ColumnPlan): string {
  return c.type.kind === "enum" ? "string" : c.type.kind;
}

function streamName(c: ColumnPlan): string {
  return c.name;
}

export function emitTable(t: TablePlan, names: ModuleNames, pub: PublicNames): TableCode {
  const n = names.table(t.name);
  const code: string[] = [];
  const configure: string[] = [];
  const per = t.rows.kind === "per";
  /** A time-series table: whole series of `count` rows, parent p = ⌊i / count⌋, ordinal k = i mod count. */
  const every = t.rows.kind === "every" ? t.rows : undefined;
  const cols = new Map(t.columns.map((c) => [c.name, c]));
  const visible = t.columns.filter((c) => !c.hidden);
  const regexes: string[] = [];

  // ---- keys: one per stream-using column, rule and check
  const keyed: string[] = [];
  const needsKey = (c: ColumnPlan) =>
    usesStream(c.value) || c.nullShare > 0 || ["uniqueInt", "uniquePattern", "uniqueChoice"].includes(c.value.k);
  for (const c of t.columns) if (needsKey(c)) keyed.push(streamName(c));
  t.rules.forEach((r, j) => {
    if (usesStream(r.condition) || r.assignments.some((a) => usesStream(a.value))) keyed.push(`#when${j}`);
  });
  t.checks.forEach((c, j) => {
    if (usesStream(c.condition)) keyed.push(`#check${j}`);
  });
  // A key's stream name, where it differs from the name its variable is made from.
  const streamOf = new Map<string, string>();
  t.correlations.forEach((g, gi) => {
    keyed.push(`#corr${gi}`);
    streamOf.set(`#corr${gi}`, corrKey(g));
  });
  if (per) keyed.push("#rows");
  code.push(`// ---------------------------------------------------------------- table ${jsString(t.name)}`);
  if (!per && !every) code.push(`let ${n.rows} = ${t.rows.kind === "fixed" ? t.rows.count : 0};`);
  for (const k of keyed) code.push(`let ${n.key(k)} = 0;`);
  for (const k of keyed)
    configure.push(`${n.key(k)} = rt.columnKey(SEED, ${jsString(t.name)}, ${jsString(streamOf.get(k) ?? k)});`);
  // Object.hasOwn: a table may be called '__proto__' or 'constructor'.
  if (!per && !every)
    configure.push(
      `${n.rows} = Object.hasOwn(settings.rows, ${jsString(t.name)}) ? settings.rows[${jsString(t.name)}]! : ${t.rows.kind === "fixed" ? t.rows.count : 0};`,
    );

  // ---- correlate groups: the Cholesky factor (constants), the row's latent normals, inverse-CDF tables
  t.correlations.forEach((g, gi) => {
    const cn = copulaNames(n.index, gi);
    const m = g.columns.length;
    const flat = g.cholesky.flatMap((row) => row.map((x) => (x === 0 ? "0" : String(x))));
    code.push(`const ${cn.l} = new Float64Array([${flat.join(", ")}]);`);
    code.push(`const ${cn.z} = new Float64Array(${m});`);
  });
  for (const c of t.columns)
    walk(c.value, (x) => {
      if (x.k === "choice" && x.copula && x.choices.weights) {
        let acc = 0;
        const cum = x.choices.weights.map((w) => (acc += w));
        code.push(
          `const ${copulaNames(n.index, x.copula.group).cumulative(x.copula.index)} = new Float64Array([${cum.join(", ")}]);`,
        );
      }
    });

  // ---- unique generators: created lazily, sized at first use
  for (const c of t.columns) {
    const v = c.value;
    const holder = `U${n.index}_${c.name}`;
    if (v.k === "uniqueInt" || v.k === "uniqueChoice") {
      code.push(`let ${holder}: rt.Permutation | undefined;`);
      configure.push(`${holder} = undefined;`);
    } else if (v.k === "uniquePattern") {
      code.push(`let ${holder}: rt.UniquePattern | undefined;`);
      configure.push(`${holder} = undefined;`);
    }
  }

  // ---- scratch row
  code.push(`/** A row of ${jsString(t.name)} in its internal form (dates as days, timestamps as ms). */`);
  code.push(
    `class ${n.scratch} {\n${[
      ...t.columns.map(
        (c) =>
          `  ${field(c.name)}: ${internalTs({ type: c.type, nullable: c.nullable })} = ${initialValue({ type: c.type, nullable: c.nullable })};`,
      ),
      ...t.columns.flatMap((c) =>
        (c.stream ?? []).flatMap((p, k) => (p.kind === "value" ? [`  ${partField(c, k)}: string = "";`] : [])),
      ),
    ].join("\n")}\n}`,
  );
  code.push(`const W${n.index} = new ${n.scratch}();`);
  code.push(`const L${n.index} = new ${n.scratch}();`);
  code.push(`let ${n.lookAt} = -1;`);
  configure.push(`${n.lookAt} = -1;`);

  // ---- size and child index
  if (t.rows.kind === "per") {
    const parent = names.table(t.rows.parent);
    code.push(`let IX${n.index}: rt.ChildIndex | undefined;`);
    configure.push(`IX${n.index} = undefined;`);
    const temps: string[] = [];
    const ctx: ExprCtx = { names, table: t.name, cell: "s", temps };
    const body = exprCode(t.rows.count, ctx);
    code.push(
      `/** Children of parent row p: a pure function of p. */\nfunction ${n.count}(p: number): number {\n${temps.join("\n")}\n  const s = rt.cell(${n.key("#rows")}, p, 0);\n  return Math.max(0, ${body});\n}`,
    );
    code.push(
      `function ${n.ix}(): rt.ChildIndex {\n  return (IX${n.index} ??= new rt.ChildIndex(${parent.size}(), ${n.count}));\n}`,
    );
    code.push(`function ${n.size}(): number {\n  return ${n.ix}().total;\n}`);
  } else if (every) {
    // No child index: every parent has the same number of rows.
    const parent = names.table(every.parent);
    code.push(`function ${n.size}(): number {\n  return ${parent.size}() * ${every.count};\n}`);
  } else {
    code.push(`function ${n.size}(): number {\n  return ${n.rows};\n}`);
  }

  // ---- fill
  code.push(emitFill(t, names, cols, regexes));

  // ---- lookup (children and picks read other rows through it; cached for consecutive reads)
  const locate = per
    ? `const at = ${n.ix}().locate(i);\n    ${n.fill}(i, at.parent, at.ordinal, L${n.index});`
    : every
      ? `${n.fill}(i, Math.floor(i / ${every.count}), i % ${every.count}, L${n.index});`
      : `${n.fill}(i, L${n.index});`;
  code.push(
    `function ${n.look}(i: number): ${n.scratch} {\n  if (${n.lookAt} !== i) {\n    ${locate}\n    ${n.lookAt} = i;\n  }\n  return L${n.index};\n}`,
  );

  // ---- writer (noisy, masked and encrypted cells: emit-cell-out.ts)
  const outs = cellOutDeclarations(t.name, visible, n);
  code.push(...outs.code);
  configure.push(...outs.configure);
  const cells = visible.map((c, idx) => {
    const transformed = cellOutCall(c, idx, n, c.stream ? streamJoin(c) : `r.${field(c.name)}`);
    if (transformed) return transformed;
    if (c.stream)
      return `    sink.strStart(${idx});\n${streamCalls(c)
        .map((x) => `    ${x};`)
        .join("\n")}\n    sink.strEnd();`;
    const m = sinkMethod[c.type.kind]!;
    const val = `r.${field(c.name)}`;
    const call = (x: string) =>
      m === "decimal"
        ? `sink.decimal(${idx}, ${x}, ${c.type.kind === "decimal" ? c.type.scale : 0})`
        : `sink.${m}(${idx}, ${x})`;
    if (!c.nullable) return `    ${call(val)};`;
    return `    if (${val} === null) sink.nul(${idx});\n    else ${call(val)};`;
  });
  const loop = per
    ? `  const c = ${n.ix}().cursor(from);\n  for (let i = from; i < to; i++, c.next()) {\n    ${n.fill}(i, c.parent, c.ordinal, r);`
    : every
      ? `  let p = Math.floor(from / ${every.count});\n  let k = from - p * ${every.count} - 1;\n  for (let i = from; i < to; i++) {\n    if (++k === ${every.count}) {\n      k = 0;\n      p++;\n    }\n    ${n.fill}(i, p, k, r);`
      : `  for (let i = from; i < to; i++) {\n    ${n.fill}(i, r);`;
  code.push(
    `function ${n.write}(sink: rt.RowSink, from: number, to: number${cellOutParam(visible)}): void {\n  const r = W${n.index};\n${loop}\n    sink.beginRow();\n${cells.join("\n")}\n    sink.endRow();\n  }\n}`,
  );

  // ---- public API
  const iface = pub.iface(t.name);
  const conv = visible.map((c) => `    ${propKey(c.name)}: ${publicValue(c, `r.${field(c.name)}`, pub)},`);
  code.push(
    `/** Row \`i\` of ${jsString(t.name)} as a plain object (the same values the writers write). */\nexport function ${pub.row(t.name)}(i: number): ${iface} {\n  const size = ${n.size}();\n  if (!(i >= 0 && i < size && Number.isInteger(i))) rt.outOfRange(${jsString(t.name)}, i, size);\n  const r = new ${n.scratch}();\n  ${per ? `const at = ${n.ix}().locate(i);\n  ${n.fill}(i, at.parent, at.ordinal, r);` : every ? `${n.fill}(i, Math.floor(i / ${every.count}), i % ${every.count}, r);` : `${n.fill}(i, r);`}\n  return {\n${conv.join("\n")}\n  };\n}`,
  );
  code.push(
    `/** Rows [from, to) of ${jsString(t.name)}. */\nexport function* ${pub.iter(t.name)}(from = 0, to = ${n.size}()): Generator<${iface}> {\n  for (let i = from; i < to; i++) yield ${pub.row(t.name)}(i);\n}`,
  );
  code.push(emitValidate(t, pub, regexes));
  code.push(...regexes);
  return { code, configure };
}

/**
 * A correlate group's stream is named by its members, not its position, so that adding or removing
 * another group leaves this one's values alone.
 */
function corrKey(g: CorrelationPlan): string {
  return `#corr${JSON.stringify(g.columns)}`;
}

/** The scratch field holding value part `k` of a streamed column. */
function partField(c: ColumnPlan, k: number): string {
  return `${field(c.name)}$${k}`;
}

/** The sink calls that write a streamed column's parts from the scratch row `r`. */
function streamCalls(c: ColumnPlan): string[] {
  return c.stream!.map((p, k) => {
    if (p.kind === "lit") return `sink.part(${jsString(p.text)})`;
    const x = p.kind === "column" ? `r.${field(p.column)}` : `r.${partField(c, k)}`;
    if (p.kind === "column" && p.int) return `sink.partInt(${x})`;
    return p.lower ? `sink.partLower(${x})` : `sink.part(${x})`;
  });
}

/** A streamed column's value as one string (for the public row): its parts joined. */
function streamJoin(c: ColumnPlan): string {
  const pieces = c.stream!.map((p, k) => {
    if (p.kind === "lit") return jsString(p.text);
    const x = p.kind === "column" ? `r.${field(p.column)}` : `r.${partField(c, k)}`;
    if (p.kind === "column" && p.int) return `String(${x})`;
    return p.lower ? `${x}.toLowerCase()` : x;
  });
  return `(${pieces.join(" + ")})`;
}

function publicValue(c: ColumnPlan, v: string, pub: PublicNames): string {
  if (c.stream) return streamJoin(c);
  const conv = (x: string) => {
    switch (c.type.kind) {
      case "decimal":
        return `rt.formatDecimal(${x}, ${c.type.scale})`;
      case "date":
        return `rt.formatDate(${x})`;
      case "timestamp":
        return `rt.formatTimestamp(${x})`;
      case "bigint":
        return `BigInt(${x})`;
      case "enum":
        return `${x} as ${publicTs(c.type, false, pub)}`;
      default:
        return x;
    }
  };
  const plain = conv(v);
  if (!c.nullable || plain === v) return plain;
  return `${v} === null ? null : ${conv(v)}`;
}

function emitFill(t: TablePlan, names: ModuleNames, cols: Map<string, ColumnPlan>, regexes: string[]): string {
  const n = names.table(t.name);
  const per = t.rows.kind !== "fixed"; // `per` and `every` tables: fill(i, p, k, r)
  const temps: string[] = [];
  const body: string[] = [];
  // `key`: the stream key of what is computed (series terms draw at other rows of their series).
  const ctxFor = (cell: string, key?: string): ExprCtx => ({
    names,
    table: t.name,
    cell,
    temps,
    ...(key ? { key } : {}),
  });
  const redraws =
    t.checks.length > 0 || t.columns.some((c) => !c.hidden && (c.checked.length > 0 || rangeCheck(c) !== undefined));
  const attempt = (stable: boolean) => (stable || !redraws ? "0" : "attempt");

  // A correlate group's latent normals come first: its members read them (the group redraws with the row).
  t.correlations.forEach((_, g) => {
    const cn = copulaNames(n.index, g);
    body.push(`s = rt.cell(${n.key(`#corr${g}`)}, i, ${attempt(false)});`);
    body.push(`rt.copulaNormals(s, ${cn.l}, ${cn.z});`);
  });

  for (const step of t.steps) {
    if (step.kind === "column") {
      const c = cols.get(step.name);
      if (!c) continue;
      body.push(...columnCode(t, c, names, ctxFor("s", n.key(streamName(c))), attempt(c.stable)));
    } else {
      const rule = t.rules[step.index]!;
      const keyName = n.key(`#when${step.index}`);
      const uses = usesStream(rule.condition) || rule.assignments.some((a) => usesStream(a.value));
      if (uses) body.push(`s = rt.cell(${keyName}, i, ${attempt(false)});`);
      const ctx = ctxFor("s", keyName);
      const assigns = rule.assignments.map(
        (a) => `r.${field(a.column)} = ${storeCode(cols.get(a.column)!, a.value, ctx)};`,
      );
      body.push(`if (${exprCode(rule.condition, ctx)}) {\n  ${assigns.join("\n  ")}\n}`);
    }
  }

  const failures: string[] = [];
  const tests: string[] = [];
  t.checks.forEach((c, j) => {
    const ctx = ctxFor("s", n.key(`#check${j}`));
    if (usesStream(c.condition)) tests.push(`s = rt.cell(${n.key(`#check${j}`)}, i, attempt);`);
    tests.push(`if (!${exprCode(c.condition, ctx)}) {\n  why = ${failures.length};\n  continue;\n}`);
    failures.push(`rt.failCheck(${jsString(oneLine(c.text))}, ${jsString(t.name)}, i, ${MAX_TRIES})`);
  });
  for (const c of t.columns) {
    if (c.hidden) continue;
    for (const v of c.checked) {
      const test = validatorCode(v, `r.${field(c.name)}`, c.type, "internal", regexes);
      const guarded = c.nullable ? `(r.${field(c.name)} === null || ${test})` : test;
      tests.push(`if (!${guarded}) {\n  why = ${failures.length};\n  continue;\n}`);
      failures.push(`rt.failValidator(${jsString(v.kind)}, ${jsString(c.name)}, ${jsString(t.name)}, i, ${MAX_TRIES})`);
    }
  }

  for (const c of t.columns) {
    const check = c.hidden ? undefined : rangeCheck(c);
    if (!check) continue;
    const x = `r.${field(c.name)}`;
    const test = check.test(x);
    tests.push(
      `if (!${c.nullable ? `(${x} === null || ${test})` : test}) {\n  why = ${failures.length};\n  continue;\n}`,
    );
    failures.push(
      `rt.failColumnRange(${jsString(c.name)}, ${jsString(t.name)}, i, ${jsString(check.rule)}, ${MAX_TRIES})`,
    );
  }

  const params = per ? "i: number, p: number, k: number, r: " + n.scratch : "i: number, r: " + n.scratch;
  const decl = [...temps, "let s = 0;"];
  if (failures.length === 0) {
    return `function ${n.fill}(${params}): void {\n${decl.join("\n")}\n${body.join("\n")}\n}`;
  }
  return `function ${n.fill}(${params}): void {\n${decl.join("\n")}\nlet why = 0;\nfor (let attempt = 0; attempt < ${MAX_TRIES}; attempt++) {\n${body.join("\n")}\n${tests.join("\n")}\nreturn;\n}\nswitch (why) {\n${failures.map((f, j) => `  case ${j}:\n    ${f};`).join("\n")}\n}\n}`;
}

/** Constant bounds of a value when its expression fixes them: `clamp(x, lo, hi)`, `uniform(lo, hi)`, a constant. */
function constBounds(e: Expr): [number, number] | undefined {
  const num = (x: Expr | undefined) => (x?.k === "const" && typeof x.v === "number" ? x.v : undefined);
  if (e.k === "const") return num(e) === undefined ? undefined : [num(e)!, num(e)!];
  if (e.k === "call" && e.fn === "clamp") {
    const lo = num(e.args[1]);
    const hi = num(e.args[2]);
    return lo !== undefined && hi !== undefined ? [lo, hi] : undefined;
  }
  if (
    e.k === "gen" &&
    (e.fn === "uniformInt" || e.fn === "uniformFloat") &&
    e.t.type.kind !== "timestamp" &&
    e.t.type.kind !== "date"
  ) {
    const lo = num(e.args[0]);
    const hi = num(e.args[1]);
    return lo !== undefined && hi !== undefined ? [lo, hi] : undefined;
  }
  if (e.k === "call" && e.fn === "round") return constBounds(e.args[0]!);
  return undefined;
}

/**
 * The check that keeps a value inside its column's type, when the expression does not prove it:
 * an int must be a safe integer (float arithmetic can give 1e300 or Infinity), a decimal(p, s) must
 * have at most p − s digits before the point.
 */
function rangeCheck(c: ColumnPlan): { test: (x: string) => string; rule: string } | undefined {
  const b = constBounds(c.value);
  if (c.type.kind === "int") {
    const v = c.value;
    // Float arithmetic rounded into an int can leave the safe range (1e300, Infinity); sums of ints cannot in practice.
    const risky =
      (v.k === "call" && ["round", "floor", "ceil", "abs"].includes(v.fn)) ||
      (v.k === "binary" && v.op === "mul") ||
      v.k === "faker";
    if (!risky || (b && Number.isSafeInteger(b[0]) && Number.isSafeInteger(b[1]))) return undefined;
    return { test: (x) => `(Number.isSafeInteger(${x}))`, rule: "must be a safe integer (|x| ≤ 2^53 − 1)" };
  }
  if (c.type.kind === "decimal") {
    const limit = 10 ** (c.type.precision - c.type.scale);
    if (b && Math.abs(b[0]) < limit && Math.abs(b[1]) < limit) return undefined;
    const from = c.value.t.type;
    if (from.kind === "decimal" && from.precision - from.scale <= c.type.precision - c.type.scale) return undefined; // already checked where it was made
    return {
      test: (x) => `(Math.abs(${x}) < ${limit})`,
      rule: `must fit ${c.typeText} (less than ${limit} in magnitude)`,
    };
  }
  return undefined;
}

function columnCode(t: TablePlan, c: ColumnPlan, names: ModuleNames, ctx: ExprCtx, attempt: string): string[] {
  const n = names.table(t.name);
  const out: string[] = [];
  const key = n.key(streamName(c));
  const target = `r.${field(c.name)}`;
  const v = c.value;
  if (c.stream) {
    // Only the drawn parts are computed; the writers stream the parts, the row function joins them.
    const values = c.stream.flatMap((p, k) => (p.kind === "value" ? [{ k, value: p.value }] : []));
    if (values.some((x) => usesStream(x.value))) out.push(`s = rt.cell(${key}, i, ${attempt});`);
    for (const x of values) out.push(`r.${partField(c, x.k)} = ${exprCode(x.value, ctx)};`);
    return out;
  }
  if (v.k === "uniqueInt" || v.k === "uniqueChoice" || v.k === "uniquePattern") {
    const holder = `U${n.index}_${c.name}`;
    if (v.k === "uniquePattern") {
      out.push(`${holder} ??= new rt.UniquePattern(${names.pattern(v.spec)}, ${key});`);
      out.push(
        `${target} = i < ${holder}.capacity ? ${holder}.at(i) : rt.failUnique(${jsString(c.name)}, ${jsString(t.name)}, ${holder}.capacity, ${n.size}());`,
      );
    } else {
      const size = v.k === "uniqueInt" ? v.size : v.choices.values.length;
      out.push(`${holder} ??= new rt.Permutation(${size}, ${key});`);
      const value =
        v.k === "uniqueInt" ? `${v.lo} + ${holder}.at(i)` : `${names.choice(v.choices.id).values}[${holder}.at(i)]!`;
      out.push(
        `${target} = i < ${size} ? ${value} : rt.failUnique(${jsString(c.name)}, ${jsString(t.name)}, ${size}, ${n.size}());`,
      );
    }
    return out;
  }
  const needsCell = usesStream(v) || c.nullShare > 0;
  if (needsCell) out.push(`s = rt.cell(${key}, i, ${attempt});`);
  const value = storeCode(c, v, ctx);
  if (c.nullShare > 0) {
    const threshold = Math.round(c.nullShare * 4294967296);
    out.push(`${target} = rt.u32(rt.sub(s, ${NULL_SLOT}), 0) < ${threshold} ? null : ${value};`);
  } else out.push(`${target} = ${value};`);
  return out;
}

/** The value as stored in a column: rounded to a decimal's scale, a date widened to a timestamp. */
function storeCode(c: ColumnPlan, v: Expr, ctx: ExprCtx): string {
  const code = exprCode(v, ctx);
  const roundedEnough =
    v.k === "call" &&
    v.fn === "round" &&
    v.args[1]?.k === "const" &&
    Number(v.args[1].v) <= (c.type.kind === "decimal" ? c.type.scale : 0);
  if (
    c.type.kind === "decimal" &&
    !roundedEnough &&
    !(v.t.type.kind === "decimal" && v.t.type.scale <= c.type.scale) &&
    v.t.type.kind !== "int"
  )
    return v.t.nullable
      ? `(${code} === null ? null : rt.roundHalfEven(${code}, ${c.type.scale}))`
      : `rt.roundHalfEven(${code}, ${c.type.scale})`;
  if (c.type.kind === "timestamp" && v.t.type.kind === "date") return `(${code} * 86400000)`;
  // Timestamps are whole milliseconds; arithmetic with fractional durations may leave a fraction.
  if (c.type.kind === "timestamp" && (v.k === "binary" || v.k === "call" || v.k === "if" || v.k === "match"))
    return v.t.nullable ? `rt.wholeMs(${code})` : `Math.floor(${code})`;
  return code;
}

function emitValidate(t: TablePlan, pub: PublicNames, regexes: string[]): string {
  const lines: string[] = [];
  for (const c of t.columns) {
    if (c.hidden) continue;
    const get = `row[${jsString(c.name)}]`;
    if (!c.nullable)
      lines.push(
        `  if (${get} === null || ${get} === undefined) out.push({ column: ${jsString(c.name)}, rule: "not null" });`,
      );
    for (const v of c.validators) {
      const test = validatorCode(v, `x`, c.type, "public", regexes);
      lines.push(
        `  {\n    const x = ${get};\n    if (x !== null && x !== undefined && !${test}) out.push({ column: ${jsString(c.name)}, rule: ${jsString(v.kind)} });\n  }`,
      );
    }
  }
  return `/** The validators a row of ${jsString(t.name)} breaks (empty when it is valid). */\nexport function ${pub.validate(t.name)}(row: ${pub.iface(t.name)}): rt.Violation[] {\n  const out: rt.Violation[] = [];\n${lines.join("\n")}\n  return out;\n}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
