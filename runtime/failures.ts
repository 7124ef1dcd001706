/**
 * The errors emitted code raises while generating, each a catalog diagnostic (DG7xxx) that `run`
 * reports as it is: no stack trace reaches the user.
 */
import { messages } from "../diagnostics/messages.js";
import { RunError, runtimeDiag } from "./generate-options.js";

/** A `check` rule failed on every try: `failCheck("placed_at >= parent.signup_at", "orders", 17, 100)`. */
export function failCheck(rule: string, table: string, row: number, tries: number): never {
  throw new RunError(
    runtimeDiag(messages.checkExhausted, [rule, table, row, tries], "loosen the rule or the generators it reads"),
  );
}

/** A validator failed on every try. */
export function failValidator(validator: string, column: string, table: string, row: number, tries: number): never {
  throw new RunError(
    runtimeDiag(
      messages.validatorExhausted,
      [validator, column, table, row, tries],
      "the column's generator rarely or never satisfies the validator",
    ),
  );
}

/** A `check` over values no redraw changes failed: no other try could keep it. */
export function failFixedCheck(rule: string, table: string, row: number): never {
  throw new RunError(
    runtimeDiag(
      messages.fixedCheckBroken,
      [rule, table, row],
      "the rule reads only keys, index, ordinal, tick or other rows: restrict the rows or the generators instead",
    ),
  );
}

/** A validator failed on a value that is the same on every try (a key by construction, or computed from keys). */
export function failFixedValidator(validator: string, column: string, table: string, row: number): never {
  throw new RunError(
    runtimeDiag(
      messages.fixedValidatorBroken,
      [validator, column, table, row],
      "a key keeps its value on every try: give the table fewer rows or the validator a wider bound",
    ),
  );
}

/** A key by construction has run out of distinct values. */
export function failUnique(column: string, table: string, space: number, rows: number): never {
  throw new RunError(runtimeDiag(messages.uniqueSpaceExhausted, [column, table, space.toLocaleString("en-US"), rows]));
}

/** A value that never fit its column's type: `failColumnRange("age", "users", 7, "must be a safe integer", 100)`. */
export function failColumnRange(column: string, table: string, row: number, rule: string, tries: number): never {
  throw new RunError(runtimeDiag(messages.columnOutOfRange, [column, table, row, `${rule} on all ${tries} tries`]));
}

/** `pick(table)` from a table without rows. */
export function failEmptyPick(table: string): never {
  throw new RunError(
    runtimeDiag(messages.emptyPick, [table], `give '${table}' at least one row (see --rows and --scale)`),
  );
}

/** A row index outside the table, from the public row functions. */
export function outOfRange(table: string, row: number, size: number): never {
  throw new RangeError(`Row ${row} is outside table '${table}' (0 to ${size - 1}).`);
}

/** `t[e]` outside the table: `failRowIndex("orders", 7, "customer", 150000, 150000)`. */
export function failRowIndex(table: string, row: number, target: string, index: number, size: number): never {
  throw new RunError(
    runtimeDiag(
      messages.rowIndexOutOfRange,
      [table, row, target, String(index), size],
      `the index must be a whole number in [0, ${size})`,
    ),
  );
}

/** A key computed from `index` that is not strictly increasing (so it could repeat). */
export function failIncreasing(column: string, table: string, row: number): never {
  throw new RunError(runtimeDiag(messages.keyNotIncreasing, [column, table, row], "make the key grow with index"));
}

/** Half of a composite key that repeats an earlier sibling's value. */
export function failSiblingRepeat(column: string, table: string, row: number): never {
  throw new RunError(runtimeDiag(messages.siblingRepeats, [column, table, row]));
}

/** `pick(t, distinct)` or `sample(t.c, n)` asked for more rows than `t` has. */
export function failDistinct(table: string, row: number, wanted: number, target: string, size: number): never {
  throw new RunError(
    runtimeDiag(messages.distinctExhausted, [table, row, wanted, target, size], `give '${target}' more rows`),
  );
}

/** A sequence key whose last value leaves its type's range. */
export function failSequence(column: string, table: string, rows: number, type: string): never {
  throw new RunError(runtimeDiag(messages.sequenceOverflow, [column, table, rows, type], "use int64 or fewer rows"));
}
