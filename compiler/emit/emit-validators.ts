/**
 * Validators inlined into emitted code, on the internal form of a value (while generating, where a
 * date is a day number) or on its public form (in `validate<Table>()`, where it is text).
 */
import type { Type, Validator } from "../ir/ir.js";
import { jsString } from "./names.js";

/** A boolean expression that holds when `x` satisfies `v`; regexes become module constants. */
export function validatorCode(
  v: Validator,
  x: string,
  type: Type,
  form: "internal" | "public",
  regexes: string[],
): string {
  const text = () => {
    if (form === "public") return x;
    if (type.kind === "date") return `rt.formatDate(${x})`;
    if (type.kind === "timestamp") return `rt.formatTimestamp(${x})`;
    return x;
  };
  const regex = (pattern: string, flags: string) => {
    const name = `RE${regexes.length}_${Math.abs(hash(pattern + "/" + flags)).toString(36)}`;
    const decl = `const ${name} = new RegExp(${jsString(pattern)}, ${jsString(flags)});`;
    const existing = regexes.find((r) => r.endsWith(`= new RegExp(${jsString(pattern)}, ${jsString(flags)});`));
    if (existing) return existing.slice(6, existing.indexOf(" ="));
    regexes.push(decl);
    return name;
  };
  switch (v.kind) {
    case "email":
      return `rt.isEmail(${x})`;
    case "url":
      return `rt.isUrl(${x})`;
    case "uuid":
      return `rt.isUuid(${x})`;
    case "luhn":
      return `rt.luhn(${x})`;
    case "phone":
      return `rt.isPhone(${x}, ${jsString(v.country)})`;
    case "regex":
      return `${regex(v.pattern, v.flags)}.test(${x})`;
    case "length":
      return `(rt.codePointLength(${x}) >= ${v.min} && rt.codePointLength(${x}) <= ${v.max})`;
    case "range": {
      const num = form === "public" && (type.kind === "decimal" || type.kind === "bigint") ? `Number(${x})` : x;
      return `(${num} >= ${v.min} && ${num} <= ${v.max})`;
    }
    case "prefix":
      return `${x}.startsWith(${jsString(v.value)})`;
    case "suffix":
      return `${x}.endsWith(${jsString(v.value)})`;
    case "format":
      return `${regex(v.regex, "")}.test(${text()})`;
  }
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
