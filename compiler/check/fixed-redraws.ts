/**
 * Rules a redraw cannot mend (issue 8, items 15 and 16). A row that breaks a `check` or an unproven
 * validator is drawn again with the next attempt; but a key by construction keeps its value on every
 * attempt, and so does anything computed only from keys, `index`, `ordinal`, `tick`, the parent row or
 * other rows. Such a failure would repeat 100 times identically, so:
 *
 * - an unproven validator over a key whose values the compiler can list — a fixed table's column and a
 *   choice list (all of their values), a unique pattern or int range (512 spread over the space), a
 *   sequence of a counted table (its values in the planned rows, at most 512) — is tried on those
 *   values; one that breaks it is an error (DG4070) at the column, naming the value. `@range` and
 *   `@length` are tried only on a fixed table's data, where every value is written: a sequence or a
 *   range may keep them for the rows it writes;
 * - a `check` that reads nothing a redraw changes is a warning (DG4071) at the rule: it may hold for
 *   every row (an assertion), but where it does not, generation stops at once (DG7030).
 *
 * Whatever is left — a validator over another such value — stops generation at the first row that
 * breaks it (DG7031) instead of after 100 identical tries.
 *
 *   npi string @unique @luhn = pattern("1[0-9]{9}")   // DG4070: it can be "1596173446"
 *   check ordinal < 20                                  // DG4071
 */
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { ColumnPlan, TablePlan, Validator } from "../ir/ir.js";
import { attemptDependent, attemptInvariant, tableRedraws } from "../ir/redraws.js";
import { UniquePattern } from "../../runtime/text/pattern.js";
import { codePointLength, isEmail, isPhone, isUrl, isUuid, luhn } from "../../runtime/validators.js";

const SAMPLE = 512;
const SAMPLE_KEY = 0x9e3779b9;

export function checkFixedRedraws(tables: readonly TablePlan[], diagnostics: Diagnostic[]): void {
  for (const t of tables) {
    if (!tableRedraws(t)) continue;
    const dependent = attemptDependent(t);
    for (const c of t.columns) {
      if (c.hidden || dependent.has(c.name) || c.checked.length === 0) continue;
      const values = knownValues(c.value, t.rows.kind === "fixed" ? t.rows.count : undefined);
      if (!values) continue;
      const why =
        c.value.k === "data"
          ? "it is a fixed table's data"
          : c.stable
            ? "it is a key by construction"
            : "it draws nothing that a redraw changes";
      for (const v of c.checked) {
        if ((v.kind === "range" || v.kind === "length") && !values.all) continue;
        const bad = values.list.find((x) => !holds(v, x));
        if (bad === undefined) continue;
        diagnostics.push(
          diag(messages.fixedValueValidator, c.span, [c.name, v.kind, why, JSON.stringify(bad)], {
            help: `draw '${c.name}' from values that keep '@${v.kind}', draw it without a key so that a redraw can change it, or drop '@${v.kind}' (dgen validate still checks files)`,
          }),
        );
      }
    }
    for (const check of t.checks) {
      if (!check.span || !attemptInvariant(check.condition, dependent)) continue;
      diagnostics.push(
        diag(messages.fixedCheck, check.span, [check.text], {
          help: "a check mends rows by drawing their values again; one over keys, index, ordinal, tick or the parent row holds or fails for good: restrict the rows or the generators instead",
        }),
      );
    }
  }
}

/** Values a key can take, when the compiler can list them; `all` when every one of them is written. */
function knownValues(
  e: ColumnPlan["value"],
  rows: number | undefined,
): { list: readonly unknown[]; all: boolean } | undefined {
  switch (e.k) {
    case "data":
      return { list: e.values.filter((x) => x !== null), all: true };
    case "uniqueChoice":
      return { list: e.choices.values, all: false };
    case "uniqueInt":
      return { list: spread(e.size, (j) => e.lo + j), all: false };
    case "sequence":
      // Only the values of the planned rows: a sequence writes no other (`--rows` may add some: DG7031).
      if (rows === undefined) return undefined;
      return { list: Array.from({ length: Math.min(rows, SAMPLE) }, (_, j) => e.start + j * e.step), all: false };
    case "uniquePattern": {
      const p = new UniquePattern(e.spec, SAMPLE_KEY);
      return { list: spread(p.capacity, (j) => p.at(j)), all: false };
    }
    default:
      return undefined;
  }
}

/** `SAMPLE` values of `at(0 … size − 1)`, evenly spread (all of them when there are fewer). */
function spread<T>(size: number, at: (j: number) => T): T[] {
  const n = Math.min(size, SAMPLE);
  return Array.from({ length: n }, (_, j) => at(Math.floor((j * size) / n)));
}

/** A validator on one value, as the generated `validate<Table>()` decides it. */
function holds(v: Validator, x: unknown): boolean {
  const s = String(x);
  switch (v.kind) {
    case "email":
      return isEmail(s);
    case "url":
      return isUrl(s);
    case "uuid":
      return isUuid(s);
    case "luhn":
      return luhn(s);
    case "phone":
      return isPhone(s, v.country);
    case "regex":
      return new RegExp(v.pattern, v.flags).test(s);
    case "length":
      return codePointLength(s) >= v.min && codePointLength(s) <= v.max;
    case "range":
      return Number(x) >= v.min && Number(x) <= v.max;
    case "prefix":
      return s.startsWith(v.value);
    case "suffix":
      return s.endsWith(v.value);
    case "format":
      return typeof x !== "string" || new RegExp(v.regex).test(s);
  }
}
