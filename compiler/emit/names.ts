/**
 * Names and literals in emitted code. Schema names never reach the code as raw identifiers: fields
 * and locals are prefixed (`f_first_name`), exported names are checked against reserved words and
 * each other, property keys are quoted, and `__proto__` is always a computed key. Strings are JSON
 * with U+2028/U+2029 escaped; comments never contain schema text other than sanitised file names.
 */

const reserved = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async of " +
    "arguments eval undefined NaN Infinity Object Array String Number Boolean Symbol Date Math JSON Promise Map Set Error RegExp Record Partial Readonly Generator Iterable BigInt Function " +
    "program configure size schema rt"
  ).split(" "),
);

/** A JavaScript string literal for any text: `jsString('a"b\u2028')` → `"a\"b\u2028"`. */
export function jsString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Text for a `//` comment: control characters and line separators become `?`. */
export function commentSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
}

/** An object/interface property key: `"first_name"`, and the computed `["__proto__"]` where needed. */
export function propKey(name: string): string {
  return name === "__proto__" ? `[${jsString(name)}]` : jsString(name);
}

/** Field of a scratch row: user names are identifiers, so a prefix makes any of them safe. */
export function field(name: string): string {
  return `f_${name}`;
}

export function pascal(name: string): string {
  return name
    .split(/_+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

export function camel(name: string): string {
  const p = pascal(name);
  return p ? p[0]!.toLowerCase() + p.slice(1) : name;
}

/** `customers` → `customer`, `categories` → `category`, `order_items` → `order_item`. */
export function singular(name: string): string {
  if (/ies$/.test(name)) return name.slice(0, -3) + "y";
  if (/(ss|us|is)$/.test(name)) return name;
  if (/(x|ch|sh|ss)es$/.test(name)) return name.slice(0, -2);
  if (/s$/.test(name)) return name.slice(0, -1);
  return name;
}

/** Hands out exported names, never a reserved word and never the same twice. */
export class NameTable {
  private readonly used = new Set<string>();

  take(wanted: string, suffix: string): string {
    let name = /^[A-Za-z_$][\w$]*$/.test(wanted) ? wanted : `_${wanted.replace(/[^\w$]/g, "_")}`;
    if (!name || reserved.has(name) || this.used.has(name)) name = `${name}${suffix}`;
    let n = 2;
    const base = name;
    while (reserved.has(name) || this.used.has(name)) name = `${base}${n++}`;
    this.used.add(name);
    return name;
  }
}
