/**
 * SQL names → `.dgen` identifiers. The language's names are `[A-Za-z_][A-Za-z0-9_]*` and never a hard
 * keyword; it has no quoted names, so a name that is not one is rewritten (accents dropped, other
 * characters `_`, a keyword or a name the generated expressions use gets a `_` suffix) and the writer
 * notes the SQL name beside it. Names stay unique within their scope, case-insensitively.
 *
 *   const n = new NameScope(); n.name("order date")   // "order_date"
 *   n.name("table")                                    // "table_"
 *   n.name("prénom")                                   // "prenom"
 */

const HARD = new Set(
  "dataset enum table output let check when then if else match and or not true false null correlate".split(" "),
);
/**
 * Names the writer's expressions read (`index == 0`, `ordinal + 1`, `epoch - 2y`): a column of that
 * name would shadow them. (`parent` is not renamed: a table with such a column is never made a `per` table.)
 */
const TAKEN = new Set("index ordinal tick epoch prev".split(" "));
/** Type names, for enums (an enum called `int` would hide the type). */
const TYPES = new Set("int int16 int32 int64 bigint float decimal string bool date timestamp uuid json bytes".split(" "));

export class NameScope {
  private readonly used = new Set<string>();
  constructor(private readonly forTypes = false) {}

  /** A fresh identifier for `sql`; `fallback` when nothing of it survives (`名前` → `c3`). */
  name(sql: string, fallback = "x"): string {
    let base = sql
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9_]+/g, "_")
      .replace(/^_+|_+$/g, "");
    if (base === "") base = fallback;
    if (/^[0-9]/.test(base)) base = `_${base}`;
    if (HARD.has(base) || TAKEN.has(base) || (this.forTypes && TYPES.has(base))) base = `${base}_`;
    let out = base;
    for (let i = 2; this.used.has(out.toLowerCase()); i++) out = `${base}_${i}`;
    this.used.add(out.toLowerCase());
    return out;
  }
}

/** A `.dgen` string literal (JSON escapes), safe for any text. */
export function dgenString(text: string): string {
  return JSON.stringify(text);
}

/** A name for a comment: bare when it is plain, else quoted with JSON escapes (no line breaks, no `*\/`). */
export function shown(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_ ]*$/.test(name) && !name.includes("  ") ? name : JSON.stringify(name);
}
