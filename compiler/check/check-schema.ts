/**
 * The checker's entry: dataset settings, enums, tables (in dependency order), output settings.
 * Pure apart from reading choices files through the host. Returns a Plan when there are no errors.
 */
import { geoOf } from "./geo.js";
import { partitionText } from "./partition.js";
import { createHash } from "node:crypto";
import type * as A from "../ast/nodes.js";
import { diag, reporter, hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Plan, TablePlan, Type } from "../ir/ir.js";
import { MAX_PRECISION } from "../ir/wide-decimal.js";
import { checkWideDecimals } from "./wide-decimals.js";
import type { SourceFile } from "../../diagnostics/source.js";
import type { ColumnInfo, CompilerHost, EnumInfo, SchemaInfo, TableInfo } from "./context.js";
import { applyCorrelations } from "./correlate.js";
import { checkKeys, maxRows } from "./keys.js";
import { rowTotalDiagnostics } from "./row-totals.js";
import { orderSteps } from "./order.js";
import { checkTable, type CheckedTable } from "./table.js";
import { T, v } from "./types.js";
import { fakerLocales, localeChain } from "../../runtime/faker/all-locales.js";
import { proveValidators } from "./prove.js";
import { planStreams } from "./stream.js";
import { checkParams } from "./params.js";
import { newScope } from "./scope.js";
import { resolveCounts } from "./fixed-rows.js";
import { proveBounds } from "./bounds.js";
import { checkRowCycles } from "./row-cycles.js";
import { checkFixedRedraws } from "./fixed-redraws.js";

const builtinTypes = [
  "int",
  "int16",
  "int32",
  "int64",
  "bigint",
  "float",
  "decimal",
  "string",
  "bool",
  "date",
  "timestamp",
  "uuid",
  "json",
  "bytes",
];
export const supportedFormats = ["csv", "tsv", "json", "jsonl", "sql", "parquet", "xlsx", "geojson", "delta", "iceberg"];
const laterFormats: string[] = [];
/** File compressions of the text formats, and `snappy`, a Parquet page codec (the runtime checks the pair). */
const compressions = ["none", "gzip", "brotli", "zstd", "snappy"];
const dialects = ["postgres", "mysql", "sqlite", "mssql"];

export function checkSchema(
  ast: A.SchemaFile,
  file: SourceFile,
  host: CompilerHost,
  extraHash = "",
  paramOverrides: Readonly<Record<string, string>> = {},
): { plan?: Plan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const params = checkParams(ast, paramOverrides, diagnostics);
  const err = reporter(diagnostics);
  const dataset = ast.datasets[0];
  let seed = 0n;
  let locale = "en";
  let epochDays = 20089; // 2025-01-01
  if (dataset)
    for (const s of dataset.settings) {
      const val = s.value;
      switch (s.name.text) {
        case "seed":
          if (val.kind === "NumberLit" && val.isInteger) seed = BigInt(val.raw.replace(/_/g, ""));
          else if (val.kind === "Unary" && val.op === "-" && val.operand.kind === "NumberLit" && val.operand.isInteger)
            seed = -BigInt(val.operand.raw.replace(/_/g, ""));
          else err(messages.badSetting, val.span, ["seed", "a whole number"]);
          break;
        case "locale":
          if (val.kind !== "StringLit")
            err(messages.badSetting, val.span, ["locale", 'a faker locale id such as "en" or "de"']);
          else if (!fakerLocales.includes(val.value)) {
            const help = didYouMean(val.value, fakerLocales);
            err(
              messages.badSetting,
              val.span,
              ["locale", `${JSON.stringify(val.value)} is not a faker locale`],
              help ? { help } : {},
            );
          } else locale = val.value;
          break;
        case "epoch":
          if (val.kind === "DateLit") epochDays = val.days;
          else err(messages.badSetting, val.span, ["epoch", "a date such as 2025-01-01"]);
          break;
        default: {
          const help = didYouMean(s.name.text, ["seed", "locale", "epoch"]);
          err(messages.unknownSetting, s.name.span, [s.name.text, "the dataset header"], help ? { help } : {});
        }
      }
    }

  const schema: SchemaInfo = {
    tables: new Map(),
    enums: new Map(),
    epochDays,
    locale,
    host,
    diagnostics,
    choices: [],
    files: [],
    params,
    counts: new Map(),
    newScope: (table, where, selfName) => newScope(schema, table, where, selfName),
  };

  for (const e of ast.enums) {
    if (schema.enums.has(e.name.text) || builtinTypes.includes(e.name.text)) {
      err(messages.duplicateName, e.name.span, [
        builtinTypes.includes(e.name.text) ? "type name" : "enum",
        e.name.text,
      ]);
      continue;
    }
    const values: string[] = [];
    const seen = new Set<string>();
    const weights: number[] = [];
    for (const m of e.members) {
      if (seen.has(m.name.text)) err(messages.duplicateName, m.name.span, ["enum member", m.name.text]);
      seen.add(m.name.text);
      values.push(m.name.text);
      if (m.weight) {
        const w = m.weight;
        if (w.kind !== "NumberLit" || !(w.value >= 0))
          err(messages.badWeights, w.span, ["each weight must be a number of at least 0"]);
        else weights.push(w.value);
      }
    }
    const weighted = e.members.some((m) => m.weight);
    if (weighted && e.members.some((m) => !m.weight)) err(messages.badEnumWeights, e.name.span, [e.name.text]);
    else if (weighted && weights.length === values.length && weights.every((w) => w === 0))
      err(messages.badWeights, e.span, ["they must not all be 0"]);
    if (values.length === 0) err(messages.badWeights, e.span, ["an enum needs at least one member"]);
    const info: EnumInfo = {
      name: e.name.text,
      values,
      decl: e,
      ...(weighted && weights.length === values.length ? { weights } : {}),
    };
    schema.enums.set(e.name.text, info);
  }

  for (const t of ast.tables) {
    // A table's name is the name of its data file (plus an extension and a temporary suffix).
    if (new TextEncoder().encode(t.name.text).length > maxTableNameBytes)
      err(messages.nameTooLong, t.name.span, ["table", maxTableNameBytes]);
    if (schema.tables.has(t.name.text)) {
      err(messages.duplicateName, t.name.span, ["table", t.name.text]);
      continue;
    }
    schema.tables.set(t.name.text, declareTable(schema, t));
  }
  for (const info of schema.tables.values()) {
    const rows = info.decl.items.find((i): i is A.RowsDecl => i.kind === "RowsDecl");
    if (rows?.count.kind !== "PerRows") continue;
    const p = rows.count.parent;
    if (!schema.tables.has(p.text)) {
      const help = didYouMean(p.text, schema.tables.keys());
      err(messages.unknownTable, p.span, [p.text], help ? { help } : {});
    } else info.parent = p.text;
    info.timeSeries = !!rows.count.every;
  }

  const counted = resolveCounts(schema);
  const checked = new Map<string, CheckedTable>();
  for (const info of schema.tables.values())
    checked.set(info.name, checkTable(schema, file, info, counted.get(info.name)));

  const order = tableOrder(schema, checked);
  const bounds = new Map<string, number | undefined>();
  const tables: TablePlan[] = [];
  for (const name of order) {
    const t = checked.get(name)!;
    const bound = maxRows(t.rows, bounds);
    bounds.set(name, bound);
    const assigned = new Set(t.ruleTargets.flat());
    const proven = proveValidators(checkKeys(schema, t, bound, checked), assigned, localeChain(locale));
    const correlateDecls = t.info.decl.items.filter((i): i is A.CorrelateDecl => i.kind === "CorrelateDecl");
    const { columns, correlations } = applyCorrelations(correlateDecls, name, proven, schema.diagnostics);
    const spanOf = (n: string) => schema.tables.get(name)!.columns.get(n)?.decl.name.span ?? t.info.decl.name.span;
    const steps = orderSteps(schema, t, spanOf);
    if (!t.rows) continue;
    tables.push({
      name,
      rows: t.rows,
      columns,
      steps,
      rules: t.rules,
      checks: t.checks,
      dependsOn: [...t.tableRefs].filter((x) => x !== name).sort(),
      uniques: t.uniqueLines.map((u) => u.columns.map((c) => c.text)),
      correlations,
      primaryKey: columns.filter((c) => c.pk).map((c) => c.name),
      foreignKeys: t.foreignKeyLines.map((f) => ({
        columns: f.columns.map((c) => c.text),
        table: f.table.text,
        refColumns: f.refColumns.map((c) => c.text),
      })),
      ...geoOf(t.geoLine, name, columns, schema.diagnostics),
    });
  }

  const proven = proveBounds(tables);
  diagnostics.push(...rowTotalDiagnostics(proven, (name) => rowsSpan(schema.tables.get(name)!.decl)));
  checkFixedRedraws(proven, diagnostics);
  checkWideDecimals(proven, diagnostics);
  if (!hasErrors(diagnostics)) checkRowCycles(proven, diagnostics, (name) => rowsSpan(schema.tables.get(name)!.decl));
  const output = checkOutput(ast, schema);
  if (!dataset || hasErrors(diagnostics)) return { diagnostics };
  const schemaHash = createHash("sha256")
    .update(file.text)
    .update(JSON.stringify([schema.files, schema.choices]))
    .update(extraHash)
    .digest("hex");
  const plan: Plan = {
    dataset: dataset.name.text,
    seed,
    locale,
    epochDays,
    schemaHash,
    sourceName: file.path.split(/[\\/]/).pop()!,
    enums: [...schema.enums.values()].map((e) => ({
      name: e.name,
      values: e.values,
      ...(e.weights ? { weights: e.weights } : {}),
    })),
    tables: planStreams(proven, localeChain(locale)),
    choices: schema.choices,
    files: schema.files,
    output,
    params: Object.fromEntries([...params.values()].map((p) => [p.name, p.value])),
  };
  return { plan, diagnostics };
}

/** The longest table name, in UTF-8 bytes (docs/language.md, "Limits"): file names stop at 255. */
export const maxTableNameBytes = 128;

/** A table's `rows:` line (its name when it has none). */
function rowsSpan(t: A.TableDecl): A.Span {
  return t.items.find((i) => i.kind === "RowsDecl")?.span ?? t.name.span;
}

function declareTable(schema: SchemaInfo, t: A.TableDecl): TableInfo {
  const columns = new Map<string, ColumnInfo>();
  for (const item of t.items) {
    if (item.kind !== "ColumnDecl" && item.kind !== "LetDecl") continue;
    const name = item.name.text;
    if (columns.has(name)) {
      schema.diagnostics.push(
        diag(messages.duplicateName, item.name.span, ["column", name], {
          notes: [{ message: `'${name}' is first declared here`, span: columns.get(name)!.decl.name.span }],
        }),
      );
      continue;
    }
    if (item.kind === "LetDecl") {
      columns.set(name, { name, decl: item, hidden: true });
      continue;
    }
    const type = resolveType(schema, item.type);
    // A column whose type did not resolve has no type: readers and its own value are not checked further.
    columns.set(name, { name, decl: item, hidden: false, ...(type ? { type: v(type, item.type.nullable) } : {}) });
  }
  return { name: t.name.text, decl: t, columns, timeSeries: false };
}

function resolveType(schema: SchemaInfo, ref: A.TypeRef): Type | undefined {
  const name = ref.name.text;
  const err = reporter(schema.diagnostics);
  // `T[]`: an array of T (its elements are plain values).
  const wrap = (t: Type): Type | undefined => {
    if (!ref.array) return t;
    if (t.kind === "json" || t.kind === "bytes") {
      err(messages.badArrayUse, ref.span, [`An array of ${name} is not a column type`]);
      return undefined;
    }
    return { kind: "array", element: t };
  };
  if (name === "decimal") {
    const [p, s] = ref.args;
    if (ref.args.length !== 2 || p?.kind !== "NumberLit" || s?.kind !== "NumberLit" || !p.isInteger || !s.isInteger) {
      err(messages.badDecimal, ref.span, ["write decimal(precision, scale), such as decimal(10, 2)"]);
      return undefined;
    }
    if (p.value < 1 || p.value > MAX_PRECISION || s.value < 0 || s.value > p.value) {
      err(messages.badDecimal, ref.span, [`precision must be 1 to ${MAX_PRECISION} and scale 0 to the precision`]);
      return undefined;
    }
    return wrap({ kind: "decimal", precision: p.value, scale: s.value });
  }
  if (ref.args.length > 0) {
    err(messages.badDecimal, ref.span, [`'${name}' takes no arguments`]);
    return undefined;
  }
  if (builtinTypes.includes(name)) return wrap(builtinType(name));
  const en = schema.enums.get(name);
  if (en) return wrap({ kind: "enum", name, values: en.values });
  const help = didYouMean(name, [...builtinTypes, ...schema.enums.keys()]);
  err(messages.unknownType, ref.name.span, [name], help ? { help } : {});
  return undefined;
}

/** A built-in type by name: `int16` → int of 16 bits, `int64` (and v1's `bigint`) → bigint. */
function builtinType(name: string): Type {
  switch (name) {
    case "json":
      return T.json;
    case "int16":
      return { kind: "int", bits: 16 };
    case "int32":
      return { kind: "int", bits: 32 };
    case "int64":
    case "bigint":
      return T.bigint;
    default:
      return { kind: name } as Type;
  }
}

/**
 * Tables in dependency order: parents and the tables a table reads first, where the reads allow it.
 * Reads may form cycles (v2 §14: rows are computed by index, never materialised), so only a cycle of
 * `per` parents — a table that would have to exist before its own parent — is an error.
 */
function tableOrder(schema: SchemaInfo, checked: Map<string, CheckedTable>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  let reported = false;
  const visit = (name: string, hard: boolean) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const from = stack.indexOf(name);
      const onCycle = stack.slice(from);
      // A cycle is an error only when every step on it is a `per` parent.
      const allParents = onCycle.every((t, i) => schema.tables.get(t)?.parent === (onCycle[i + 1] ?? name));
      if (hard && allParents && !reported) {
        const cycle = [...onCycle, name].join(" → ");
        schema.diagnostics.push(diag(messages.tableCycle, schema.tables.get(name)!.decl.name.span, [cycle]));
        reported = true;
      }
      return;
    }
    state.set(name, "visiting");
    stack.push(name);
    const parent = schema.tables.get(name)?.parent;
    if (parent && checked.has(parent)) visit(parent, true);
    for (const d of [...(checked.get(name)?.tableRefs ?? [])].sort())
      if (d !== name && d !== parent && checked.has(d)) visit(d, false);
    stack.pop();
    state.set(name, "done");
    order.push(name);
  };
  for (const name of checked.keys()) visit(name, false);
  return order;
}

function checkOutput(ast: A.SchemaFile, schema: SchemaInfo): Plan["output"] {
  const err = reporter(schema.diagnostics);
  const out: { format?: string; path?: string; compression?: string; dialect?: string; partition?: string } = {};
  for (const extra of ast.outputs.slice(1)) err(messages.duplicateName, extra.span, ["block", "output"]);
  const o = ast.outputs[0];
  if (!o) return out;
  for (const s of o.settings) {
    if (s.kind === "PartitionSetting") {
      if (out.partition !== undefined) err(messages.duplicateName, s.span, ["setting", "partition"]);
      const text = partitionText(s, schema);
      if (text !== undefined) out.partition = text;
      continue;
    }
    const val = s.value;
    const word = val.kind === "Ident" ? val.name : val.kind === "StringLit" ? val.value : undefined;
    switch (s.name.text) {
      case "format":
        if (word && supportedFormats.includes(word)) out.format = word;
        else if (word && laterFormats.includes(word)) {
          // The schema compiles; a run in this format stops with DG6001 (runtime/run-plan.ts) until it is written.
          err(messages.formatNotWrittenYet, val.span, [word]);
          out.format = word;
        } else {
          const help = word ? didYouMean(word, [...supportedFormats, ...laterFormats]) : undefined;
          err(
            messages.badFormat,
            val.span,
            [word ?? "?", [...supportedFormats, ...laterFormats].join(", ")],
            help ? { help } : {},
          );
        }
        break;
      case "dialect":
        // The SQL dialect (v2 §16), recorded for the SQL writer.
        if (word && dialects.includes(word)) out.dialect = word;
        else {
          const help = word ? didYouMean(word, dialects) : undefined;
          err(messages.badSetting, val.span, ["dialect", dialects.join(", ")], help ? { help } : {});
        }
        break;
      case "path":
        if (val.kind === "StringLit") out.path = val.value;
        else err(messages.badSetting, val.span, ["path", 'a string such as "out/shop"']);
        break;
      case "compression":
        if (word && compressions.includes(word)) out.compression = word;
        else {
          const help = word ? didYouMean(word, compressions) : undefined;
          err(messages.badCompression, val.span, [word ?? "?", compressions.join(", ")], help ? { help } : {});
        }
        break;
      default: {
        const help = didYouMean(s.name.text, ["format", "path", "compression", "partition", "dialect"]);
        err(messages.unknownSetting, s.name.span, [s.name.text, "the output block"], help ? { help } : {});
      }
    }
  }
  return out;
}
