/**
 * Schema parameters (v2 §13): `param sf: float = 1` declares a named constant; `--param sf=10`
 * overrides its value for one compilation. A parameter is a constant wherever it is read, so row
 * counts, generator bounds and key capacities that use it are checked with the value in force.
 *
 *   param staff: int = 2_000      →  params.get("staff") = { type: int, value: 2000 }
 *   --param staff=50              →  50 (a value that does not parse as an int is DG8003)
 */
import type * as A from "../ast/nodes.js";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { Type } from "../ir/ir.js";
import { dateDays } from "../ast/build-literals.js";

export type ParamValue = number | string | boolean;

export interface ParamInfo {
  readonly name: string;
  readonly type: Type;
  /** The value in force: the override, else the declared default. Dates are days since 1970-01-01. */
  readonly value: ParamValue;
  readonly decl: A.ParamDecl;
}

const paramTypes = ["int", "float", "string", "date", "bool"];

/** The declared parameters with their values; problems go to `diagnostics`. */
export function checkParams(
  ast: A.SchemaFile,
  overrides: Readonly<Record<string, string>>,
  diagnostics: Diagnostic[],
): Map<string, ParamInfo> {
  const params = new Map<string, ParamInfo>();
  for (const p of ast.params) {
    const name = p.name.text;
    if (params.has(name)) {
      diagnostics.push(diag(messages.duplicateName, p.name.span, ["parameter", name]));
      continue;
    }
    const typeName = p.type.name.text;
    if (!paramTypes.includes(typeName) || p.type.args.length > 0 || p.type.array || p.type.nullable) {
      diagnostics.push(
        diag(messages.badParamDecl, p.type.span, [name, `its type must be one of ${paramTypes.join(", ")}`]),
      );
      continue;
    }
    const type = { kind: typeName } as Type;
    const value = literalValue(p.value, type);
    if (value === undefined) {
      diagnostics.push(diag(messages.badParamDecl, p.value.span, [name, `its default must be a ${typeName} literal`]));
      continue;
    }
    params.set(name, { name, type, value, decl: p });
  }
  for (const [name, text] of Object.entries(overrides)) {
    const info = params.get(name);
    if (!info) {
      const help = didYouMean(name, params.keys());
      diagnostics.push(
        diag(
          messages.badParam,
          { start: 0, end: 0 },
          [name, params.size > 0 ? "the schema has no such parameter" : "the schema declares no parameters"],
          help ? { help } : {},
        ),
      );
      continue;
    }
    const value = parseParam(text, info.type);
    if (value === undefined) {
      diagnostics.push(
        diag(messages.badParam, { start: 0, end: 0 }, [
          name,
          `${JSON.stringify(text)} is not ${info.type.kind === "int" ? "an" : "a"} ${info.type.kind}`,
        ]),
      );
      continue;
    }
    params.set(name, { ...info, value });
  }
  return params;
}

/** A parameter's default: a literal of its type (a negative number too). */
function literalValue(e: A.Expr, type: Type): ParamValue | undefined {
  const negative = e.kind === "Unary" && e.op === "-";
  const x = negative ? e.operand : e;
  switch (type.kind) {
    case "int":
      return x.kind === "NumberLit" && x.isInteger && Number.isSafeInteger(x.value)
        ? (negative ? -1 : 1) * x.value
        : undefined;
    case "float":
      return x.kind === "NumberLit" ? (negative ? -1 : 1) * x.value : undefined;
    case "string":
      return !negative && x.kind === "StringLit" ? x.value : undefined;
    case "bool":
      return !negative && x.kind === "BoolLit" ? x.value : undefined;
    case "date":
      return !negative && x.kind === "DateLit" ? x.days : undefined;
    default:
      return undefined;
  }
}

/** `--param NAME=VALUE`'s value as the parameter's type: `parseParam("0.1", float)` → 0.1. */
export function parseParam(text: string, type: Type): ParamValue | undefined {
  const t = text.trim();
  switch (type.kind) {
    case "int":
      return /^[+-]?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : undefined;
    case "float":
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && Number.isFinite(Number(t)) ? Number(t) : undefined;
    case "bool":
      return t === "true" ? true : t === "false" ? false : undefined;
    case "date":
      return dateDays(t);
    default:
      return text;
  }
}
