/**
 * One table's generated code: its keys, the scratch row class, `fill` (a row into the scratch, with
 * bounded redraws for checks and validators), the cached lookup used by children and picks, the byte
 * writer, and the public row function, iterator and validator.
 *
 * The hot path (`write`) fills one reused scratch record and calls the sink once per cell: no
 * per-row objects.
 */
import type { ColumnPlan, CorrelationPlan, TablePlan } from "../ir/ir.js";
import { copulaNames, exprCode, initialValue, internalTs, usesStream, type ExprCtx } from "./emit-expr.js";
import { walk } from "../ir/walk.js";
import type { ModuleNames } from "./module-names.js";
import { field, jsString, propKey } from "./names.js";
import { publicTs, type PublicNames } from "./emit-types.js";
import { validatorCode } from "./emit-validators.js";
import { rowCheckLines } from "./emit-row-checks.js";
import { cellOutCall, cellOutDeclarations, cellOutParam } from "./emit-cell-out.js";
import { isWide } from "../ir/wide-decimal.js";
import { attemptDependent, attemptInvariant, rangeCheck, tableRedraws } from "../ir/redraws.js";
import { partField, stepsCode, streamName } from "./emit-steps.js";
import { locateCode, type Slices } from "./emit-slices.js";
import { intRange } from "../ir/int-range.js";

export const MAX_TRIES = 100;

export interface TableCode {
  /** Module-level declarations (state, classes, functions). */
  readonly code: string[];
  /** Statements of `configure()`. */
  readonly configure: string[];
  /** The whole-row reader `look` and its cache, emitted only when a slice needs the whole row. */
  readonly look: string[];
  readonly lookConfigure: string[];
}

const sinkMethod: Record<string, string> = {
  int: "int",
  bigint: "bigint",
  bytes: "bytes",
  array: "array",
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

/** A `per` table with the same number of children for every parent (`per part 4`): rows are arithmetic. */
export function constantChildren(t: TablePlan): number | undefined {
  return t.rows.kind === "per" && t.rows.count.k === "const" && typeof t.rows.count.v === "number"
    ? Math.max(0, t.rows.count.v)
    : undefined;
}

export function emitTable(t: TablePlan, names: ModuleNames, pub: PublicNames, slices: Slices): TableCode {
  const n = names.table(t.name);
  const code: string[] = [];
  const configure: string[] = [];
  const fixedCount = constantChildren(t);
  const per = t.rows.kind === "per" && fixedCount === undefined;
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
  if (t.rows.kind === "per") keyed.push("#rows");
  code.push(`// ---------------------------------------------------------------- table ${jsString(t.name)}`);
  const counted = t.rows.kind === "fixed";
  if (counted) code.push(`let ${n.rows} = ${t.rows.kind === "fixed" ? t.rows.count : 0};`);
  for (const k of keyed) code.push(`let ${n.key(k)} = 0;`);
  for (const k of keyed)
    configure.push(`${n.key(k)} = rt.columnKey(SEED, ${jsString(t.name)}, ${jsString(streamOf.get(k) ?? k)});`);
  // Object.hasOwn: a table may be called '__proto__' or 'constructor'. A fixed table's rows are its data.
  if (t.rows.kind === "fixed" && t.rows.data) configure.push(`${n.rows} = ${t.rows.count};`);
  else if (counted)
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
  const look: string[] = [
    `const L${n.index} = new ${n.scratch}();`,
    `let ${n.lookAt} = -1;`,
    `let lookBusy${n.index} = false;`,
  ];

  // ---- size and child index
  if (t.rows.kind === "per" && fixedCount !== undefined) {
    // The same count for every parent: no index, p = ⌊i / count⌋ and k = i mod count.
    const parent = names.table(t.rows.parent);
    code.push(`function ${n.count}(_p: number): number {\n  return ${fixedCount};\n}`);
    code.push(`function ${n.size}(): number {\n  return ${parent.size}() * ${fixedCount};\n}`);
  } else if (t.rows.kind === "per") {
    const parent = names.table(t.rows.parent);
    code.push(`let IX${n.index}: rt.ChildIndex | undefined;`);
    configure.push(`IX${n.index} = undefined;`);
    const temps: string[] = [];
    const ctx: ExprCtx = { names, table: t.name, cell: "s", temps, rows: slices.access(t.name, [t.rows.count]) };
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
  code.push(...emitKeyFunctions(t, names, slices));
  code.push(emitFill(t, names, cols, regexes, slices));

  // ---- the whole row, for other rows that read a value this table may redraw (emit-slices.ts);
  // cached for consecutive reads; a read while it is filling (a cycle of reads) fills a fresh row.
  const fillInto = (r: string) =>
    counted ? `${n.fill}(i, ${r});` : locateCode(names, t, "i", (p, k) => `${n.fill}(i, ${p}, ${k}, ${r});`);
  look.push(
    `function ${n.look}(i: number): ${n.scratch} {\n  if (${n.lookAt} === i) return L${n.index};\n  if (lookBusy${n.index}) {\n    const r = new ${n.scratch}();\n    ${fillInto("r")}\n    return r;\n  }\n  lookBusy${n.index} = true;\n  try {\n    ${fillInto(`L${n.index}`)}\n  } finally {\n    lookBusy${n.index} = false;\n  }\n  ${n.lookAt} = i;\n  return L${n.index};\n}`,
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
        ? `sink.${isWide(c.type) ? "decimalBig" : "decimal"}(${idx}, ${x}, ${c.type.kind === "decimal" ? c.type.scale : 0})`
        : `sink.${m}(${idx}, ${x})`;
    if (!c.nullable) return `    ${call(val)};`;
    return `    if (${val} === null) sink.nul(${idx});\n    else ${call(val)};`;
  });
  const seqChecks = sequenceChecks(t);
  // The same number of rows per parent (a time series, `per t n`): p and k counted along, no index.
  const arithmetic = (count: number) =>
    `  let p = Math.floor(from / ${count});\n  let k = from - p * ${count} - 1;\n  for (let i = from; i < to; i++) {\n    if (++k === ${count}) {\n      k = 0;\n      p++;\n    }\n    ${n.fill}(i, p, k, r);`;
  const loop =
    fixedCount !== undefined
      ? arithmetic(fixedCount)
      : per
        ? `  const c = ${n.ix}().cursor(from);\n  for (let i = from; i < to; i++, c.next()) {\n    ${n.fill}(i, c.parent, c.ordinal, r);`
        : every
          ? arithmetic(every.count)
          : `  for (let i = from; i < to; i++) {\n    ${n.fill}(i, r);`;
  code.push(
    `function ${n.write}(sink: rt.RowSink, from: number, to: number${cellOutParam(visible)}): void {\n  const r = W${n.index};\n${seqChecks}${loop}\n    sink.beginRow();\n${cells.join("\n")}\n    sink.endRow();\n  }\n}`,
  );

  // ---- public API
  const iface = pub.iface(t.name);
  const conv = visible.map((c) => `    ${propKey(c.name)}: ${publicValue(c, `r.${field(c.name)}`, pub)},`);
  code.push(
    `/** Row \`i\` of ${jsString(t.name)} as a plain object (the same values the writers write). */\nexport function ${pub.row(t.name)}(i: number): ${iface} {\n  const size = ${n.size}();\n  if (!(i >= 0 && i < size && Number.isInteger(i))) rt.outOfRange(${jsString(t.name)}, i, size);\n  const r = new ${n.scratch}();\n  ${counted ? `${n.fill}(i, r);` : locateCode(names, t, "i", (p, k) => `${n.fill}(i, ${p}, ${k}, r);`)}\n  return {\n${conv.join("\n")}\n  };\n}`,
  );
  code.push(
    `/** Rows [from, to) of ${jsString(t.name)}. */\nexport function* ${pub.iter(t.name)}(from = 0, to = ${n.size}()): Generator<${iface}> {\n  for (let i = from; i < to; i++) yield ${pub.row(t.name)}(i);\n}`,
  );
  code.push(emitValidate(t, names, pub, regexes));
  code.push(...regexes);
  return { code, configure, look, lookConfigure: [`${n.lookAt} = -1;`] };
}

/**
 * A correlate group's stream is named by its members, not its position, so that adding or removing
 * another group leaves this one's values alone.
 */
function corrKey(g: CorrelationPlan): string {
  return `#corr${JSON.stringify(g.columns)}`;
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
        return isWide(c.type) ? `rt.formatUnits(${x}, ${c.type.scale})` : `rt.formatDecimal(${x}, ${c.type.scale})`;
      case "date":
        return `rt.formatDate(${x})`;
      case "timestamp":
        return `rt.formatTimestamp(${x})`;
      case "bigint":
        return x;
      case "enum":
        return `${x} as ${publicTs(c.type, false, pub)}`;
      case "array":
        return c.type.element.kind === "enum" ? `${x} as ${publicTs(c.type, false, pub)}` : x;
      default:
        return x;
    }
  };
  const plain = conv(v);
  if (!c.nullable || plain === v) return plain;
  return `${v} === null ? null : ${conv(v)}`;
}

function emitFill(
  t: TablePlan,
  names: ModuleNames,
  cols: Map<string, ColumnPlan>,
  regexes: string[],
  slices: Slices,
): string {
  const n = names.table(t.name);
  const per = t.rows.kind !== "fixed"; // `per` and `every` tables: fill(i, p, k, r)
  const temps: string[] = [];
  const body: string[] = [];
  const rows = slices.access(t.name, [
    ...t.columns.map((c) => c.value),
    ...t.rules.flatMap((r) => [r.condition, ...r.assignments.map((a) => a.value)]),
    ...t.checks.map((c) => c.condition),
  ]);
  // `key`: the stream key of what is computed (series terms draw at other rows of their series).
  const ctxFor = (cell: string, key?: string): ExprCtx => ({
    names,
    table: t.name,
    cell,
    temps,
    rows,
    ...(key ? { key } : {}),
  });
  const redraws = tableRedraws(t);
  const attempt = (stable: boolean) => (stable || !redraws ? "0" : "attempt");

  // A correlate group's latent normals come first: its members read them (the group redraws with the row).
  t.correlations.forEach((_, g) => {
    const cn = copulaNames(n.index, g);
    body.push(`s = rt.cell(${n.key(`#corr${g}`)}, i, ${attempt(false)});`);
    body.push(`rt.copulaNormals(s, ${cn.l}, ${cn.z});`);
  });

  body.push(...stepsCode(t, t.steps, names, ctxFor, attempt));
  body.push(...keyChecks(t, names, slices));

  const failures: string[] = [];
  const tests: string[] = [];
  // What no redraw changes fails for good: tested first, failing at once (DG7030, DG7031).
  const dependent = attemptDependent(t);
  const fixed: string[] = [];
  t.checks.forEach((c, j) => {
    const ctx = ctxFor("s", n.key(`#check${j}`));
    if (attemptInvariant(c.condition, dependent)) {
      fixed.push(
        `if (!${exprCode(c.condition, ctx)}) rt.failFixedCheck(${jsString(oneLine(c.text))}, ${jsString(t.name)}, i);`,
      );
      return;
    }
    if (usesStream(c.condition)) tests.push(`s = rt.cell(${n.key(`#check${j}`)}, i, attempt);`);
    tests.push(`if (!${exprCode(c.condition, ctx)}) {\n  why = ${failures.length};\n  continue;\n}`);
    failures.push(`rt.failCheck(${jsString(oneLine(c.text))}, ${jsString(t.name)}, i, ${MAX_TRIES})`);
  });
  for (const c of t.columns) {
    if (c.hidden) continue;
    for (const v of c.checked) {
      const test = validatorCode(v, `r.${field(c.name)}`, c.type, "internal", regexes);
      const guarded = c.nullable ? `(r.${field(c.name)} === null || ${test})` : test;
      if (!dependent.has(c.name)) {
        fixed.push(
          `if (!${guarded}) rt.failFixedValidator(${jsString(v.kind)}, ${jsString(c.name)}, ${jsString(t.name)}, i);`,
        );
        continue;
      }
      tests.push(`if (!${guarded}) {\n  why = ${failures.length};\n  continue;\n}`);
      failures.push(`rt.failValidator(${jsString(v.kind)}, ${jsString(c.name)}, ${jsString(t.name)}, i, ${MAX_TRIES})`);
    }
  }
  tests.unshift(...fixed);

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
  if (tests.length === 0) {
    return `function ${n.fill}(${params}): void {\n${decl.join("\n")}\n${body.join("\n")}\n}`;
  }
  // Only tests that fail for good: one try, no loop.
  if (failures.length === 0) {
    return `function ${n.fill}(${params}): void {\n${decl.join("\n")}\nconst attempt = 0;\n${body.join("\n")}\n${tests.join("\n")}\n}`;
  }
  return `function ${n.fill}(${params}): void {\n${decl.join("\n")}\nlet why = 0;\nfor (let attempt = 0; attempt < ${MAX_TRIES}; attempt++) {\n${body.join("\n")}\n${tests.join("\n")}\nreturn;\n}\nswitch (why) {\n${failures.map((f, j) => `  case ${j}:\n    ${f};`).join("\n")}\n}\n}`;
}

/**
 * Keys computed from `index` (checked strictly increasing) get a function of the row index, so the
 * check can compute the previous row's key without filling it.
 */
function emitKeyFunctions(t: TablePlan, names: ModuleNames, slices: Slices): string[] {
  const n = names.table(t.name);
  return t.columns
    .filter((c) => c.increasing)
    .map((c) => {
      const temps: string[] = [];
      const ctx: ExprCtx = { names, table: t.name, cell: "s", temps, rows: slices.access(t.name, [c.value]) };
      return `/** Column ${jsString(c.name)} of row i: a function of the row index alone. */\nfunction IK${n.index}_${c.name.replace(/[^A-Za-z0-9_]/g, "_")}(i: number): number {\n  ${[...temps].join("\n  ")}\n  return ${exprCode(c.value, ctx)};\n}`;
    });
}

/** The checks that keep computed keys unique: strictly increasing in index, distinct among siblings. */
function keyChecks(t: TablePlan, names: ModuleNames, slices: Slices): string[] {
  const n = names.table(t.name);
  const out: string[] = [];
  for (const c of t.columns) {
    const x = `r.${field(c.name)}`;
    if (c.increasing) {
      const fn = `IK${n.index}_${c.name.replace(/[^A-Za-z0-9_]/g, "_")}`;
      out.push(`if (i > 0 && !(${x} > ${fn}(i - 1))) rt.failIncreasing(${jsString(c.name)}, ${jsString(t.name)}, i);`);
    }
    if (c.siblingDistinct) {
      // O(k): the earlier siblings' values, through a slice that computes this column only.
      const s = slices.request(t.name, [c.name]);
      const at = s.fnAt ? `${s.fnAt}(i - k + q, p, q)` : `${s.fn}(i - k + q)`;
      out.push(
        `for (let q = 0; q < k; q++) if (${at}.${field(c.name)} === ${x}) rt.failSiblingRepeat(${jsString(c.name)}, ${jsString(t.name)}, i);`,
      );
    }
  }
  return out;
}

/** A sequence key must stay inside its type for the last row written (the compiler checked the schema's count). */
function sequenceChecks(t: TablePlan): string {
  const lines: string[] = [];
  for (const c of t.columns) {
    const v = c.value;
    const r = intRange(c.type);
    if (v.k !== "sequence" || !r) continue;
    const last = `${v.start} + (to - 1) * ${v.step}`;
    const type =
      c.type.kind === "bigint" ? "int64" : c.type.kind === "int" && c.type.bits ? `int${c.type.bits}` : "int";
    lines.push(
      `  if (to > from && !(${last} >= ${r[0]} && ${last} <= ${r[1]})) rt.failSequence(${jsString(c.name)}, ${jsString(t.name)}, to, ${jsString(type)});\n`,
    );
  }
  return lines.join("");
}

function emitValidate(t: TablePlan, names: ModuleNames, pub: PublicNames, regexes: string[]): string {
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
  const checks = rowCheckLines(t, names);
  lines.push(...checks);
  return `/** The validators${checks.length > 0 ? " and row-local checks" : ""} a row of ${jsString(t.name)} breaks (empty when it is valid). */\nexport function ${pub.validate(t.name)}(row: ${pub.iface(t.name)}): rt.Violation[] {\n  const out: rt.Violation[] = [];\n${lines.join("\n")}\n  return out;\n}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
