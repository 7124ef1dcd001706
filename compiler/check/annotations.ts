/**
 * Column annotations: keys (`@pk`, `@unique`, `@ref`), `@null(p)`, the validators of §3, noise
 * (`@noise`, §8, shares in `noise.ts`) and privacy (`@pii`, `@mask(partial|full|hash)`, `@encrypt`, §9).
 */
import type * as A from "../ast/nodes.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { NoisePlan, PrivacyPlan, Type, Validator } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";
import { reporter } from "../../diagnostics/diagnostic.js";
import { showType } from "./types.js";
import { noiseAnnotation } from "./noise.js";

export interface ColumnAnnotations {
  pk: boolean;
  unique: boolean;
  nullShare: number;
  ref?: { table: string; column: string; span: A.Span };
  validators: Validator[];
  /** `@noise(...)` as written on the column, with its span (for the warning on keys). */
  noise?: { plan: NoisePlan; span: A.Span };
  pii: boolean;
  mask?: NonNullable<PrivacyPlan["mask"]>;
  encrypt: boolean;
}

const MASK_MODES = ["partial", "full", "hash"] as const;

const validatorNames = [
  "email",
  "url",
  "uuid",
  "luhn",
  "phone",
  "regex",
  "length",
  "range",
  "prefix",
  "suffix",
  "format",
];
const known = ["pk", "unique", "null", "ref", ...validatorNames, "noise", "pii", "mask", "encrypt"];

const stringy = new Set(["string", "uuid", "enum"]);

export function checkAnnotations(schema: SchemaInfo, column: A.ColumnDecl, type: Type): ColumnAnnotations {
  const out: ColumnAnnotations = { pk: false, unique: false, nullShare: 0, validators: [], pii: false, encrypt: false };
  const err = reporter(schema.diagnostics);
  const once = new Set<string>();
  let encryptSpan: A.Span | undefined;
  for (const a of column.annotations) {
    const name = a.name.text;
    if (name === "noise" || name === "pii" || name === "mask" || name === "encrypt") {
      if (once.has(name)) {
        err(messages.duplicateAnnotation, a.span, [name, column.name.text]);
        continue;
      }
      once.add(name);
    }
    const args = a.args;
    const argCount = (n: number, text: string) => {
      if (args.length !== n || args.some((x) => x.name)) {
        err(messages.badAnnotationArgs, a.span, [name, text]);
        return false;
      }
      return true;
    };
    const num = (i: number) => {
      const e = args[i]?.value;
      if (e?.kind === "NumberLit") return e.value;
      if (e?.kind === "Unary" && e.op === "-" && e.operand.kind === "NumberLit") return -e.operand.value;
      return undefined;
    };
    const str = (i: number) => {
      const e = args[i]?.value;
      return e?.kind === "StringLit" ? e.value : undefined;
    };
    const needString = () => {
      if (!stringy.has(type.kind)) {
        err(messages.annotationNotForType, a.span, [name, showType(type)]);
        return false;
      }
      return true;
    };
    switch (name) {
      case "pk":
        if (argCount(0, "takes no arguments")) out.pk = true;
        if (column.type.nullable) err(messages.nullableKey, a.span, [column.name.text]);
        break;
      case "unique":
        if (argCount(0, "takes no arguments on a column; write 'unique(a, b)' as a table line for several columns"))
          out.unique = true;
        break;
      case "null": {
        if (!argCount(1, "takes one share, such as @null(5%)")) break;
        const p = num(0);
        if (p === undefined || p < 0 || p > 1)
          err(messages.badAnnotationArgs, args[0]!.span, [name, "takes a share between 0% and 100%"]);
        else if (!column.type.nullable)
          err(messages.nullOnNonNullable, a.span, [column.name.text], {
            fix: { span: { start: column.type.span.end, end: column.type.span.end }, replacement: "?" },
          });
        else out.nullShare = p;
        break;
      }
      case "ref": {
        const e = args[0]?.value;
        if (args.length !== 1 || !e || e.kind !== "Member" || e.object.kind !== "Ident") {
          err(messages.badAnnotationArgs, a.span, [name, "takes one 'table.column', such as @ref(customers.id)"]);
          break;
        }
        out.ref = { table: e.object.name, column: e.property.text, span: e.span };
        break;
      }
      case "email":
      case "url":
      case "uuid":
      case "luhn":
        if (argCount(0, "takes no arguments") && needString()) out.validators.push({ kind: name });
        break;
      case "phone": {
        if (args.length > 1 || (args.length === 1 && str(0) === undefined)) {
          err(messages.badAnnotationArgs, a.span, [name, 'takes an optional country code, such as @phone("US")']);
          break;
        }
        if (needString()) out.validators.push({ kind: "phone", country: (str(0) ?? "US").toUpperCase() });
        break;
      }
      case "regex": {
        const e = args[0]?.value;
        if (args.length !== 1 || !e || (e.kind !== "RegexLit" && e.kind !== "StringLit")) {
          err(messages.badAnnotationArgs, a.span, [name, "takes one regular expression, such as @regex(/^[A-Z]+$/)"]);
          break;
        }
        const pattern = e.kind === "RegexLit" ? e.pattern : e.value;
        const flags = e.kind === "RegexLit" ? e.flags : "";
        try {
          new RegExp(pattern, flags);
        } catch (x) {
          err(messages.invalidRegex, e.span, [`/${pattern}/`, String((x as Error).message)]);
          break;
        }
        if (needString()) out.validators.push({ kind: "regex", pattern, flags });
        break;
      }
      case "length":
      case "range": {
        if (!argCount(2, `takes two numbers, such as @${name}(1, 40)`)) break;
        const lo = num(0);
        const hi = num(1);
        if (lo === undefined || hi === undefined) {
          err(messages.badAnnotationArgs, a.span, [name, "takes two constant numbers"]);
          break;
        }
        if (lo > hi) {
          err(messages.badAnnotationArgs, a.span, [name, "has its lower bound above its upper bound"]);
          break;
        }
        if (name === "length") {
          if (needString()) out.validators.push({ kind: "length", min: lo, max: hi });
        } else if (["int", "float", "decimal", "bigint"].includes(type.kind))
          out.validators.push({ kind: "range", min: lo, max: hi });
        else err(messages.annotationNotForType, a.span, [name, showType(type)]);
        break;
      }
      case "prefix":
      case "suffix": {
        const s = str(0);
        if (args.length !== 1 || s === undefined) err(messages.badAnnotationArgs, a.span, [name, "takes one string"]);
        else if (needString())
          out.validators.push(name === "prefix" ? { kind: "prefix", value: s } : { kind: "suffix", value: s });
        break;
      }
      case "format": {
        const f = str(0);
        if (args.length !== 1 || f === undefined) {
          err(messages.badAnnotationArgs, a.span, [name, 'takes one format, such as @format("YYYY-MM-DD")']);
          break;
        }
        if (type.kind !== "string" && type.kind !== "date" && type.kind !== "timestamp") {
          err(messages.annotationNotForType, a.span, [name, showType(type)]);
          break;
        }
        out.validators.push({ kind: "format", format: f, regex: formatRegex(f) });
        break;
      }
      case "noise": {
        const plan = noiseAnnotation(schema, a, type);
        if (plan) out.noise = { plan, span: a.span };
        break;
      }
      case "pii":
        if (argCount(0, "takes no arguments")) out.pii = true;
        break;
      case "encrypt":
        if (argCount(0, "takes no arguments")) {
          out.encrypt = true;
          encryptSpan = a.span;
        }
        break;
      case "mask": {
        const mode = maskMode(a);
        if (mode && (MASK_MODES as readonly string[]).includes(mode)) {
          out.mask = mode as ColumnAnnotations["mask"];
          break;
        }
        const help = mode ? didYouMean(mode, MASK_MODES) : undefined;
        let found = mode ? `'${mode}'` : "an expression";
        if (a.args.length !== 1) found = a.args.length === 0 ? "no mode" : `${a.args.length} arguments`;
        err(messages.badMaskMode, a.args[0]?.span ?? a.span, [found], help ? { help } : {});
        break;
      }
      default: {
        const help = didYouMean(name, known);
        err(messages.unknownAnnotation, a.name.span, [name], help ? { help: help.replace("'", "'@") } : {});
      }
    }
  }
  if (out.mask && out.encrypt) {
    err(messages.maskAndEncrypt, encryptSpan!, [column.name.text]);
    out.encrypt = false;
  }
  return out;
}

/** The mode of `@mask(partial)` (a name, or a string): undefined when it is neither or the count is wrong. */
function maskMode(a: A.Annotation): string | undefined {
  if (a.args.length !== 1 || a.args[0]!.name) return undefined;
  const e = a.args[0]!.value;
  if (e.kind === "Ident") return e.name;
  if (e.kind === "StringLit") return e.value;
  return undefined;
}

/** `formatRegex("YYYY-MM-DD")` → `^\d{4}-\d{2}-\d{2}$` (YYYY MM DD HH mm ss SSS; other text literal). */
export function formatRegex(format: string): string {
  const tokens: [string, string][] = [
    ["YYYY", "\\d{4}"],
    ["SSS", "\\d{3}"],
    ["MM", "(0[1-9]|1[0-2])"],
    ["DD", "(0[1-9]|[12]\\d|3[01])"],
    ["HH", "([01]\\d|2[0-3])"],
    ["mm", "[0-5]\\d"],
    ["ss", "[0-5]\\d"],
  ];
  let out = "^";
  let i = 0;
  outer: while (i < format.length) {
    for (const [tok, re] of tokens)
      if (format.startsWith(tok, i)) {
        out += re;
        i += tok.length;
        continue outer;
      }
    out += format[i]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    i++;
  }
  return out + "$";
}
