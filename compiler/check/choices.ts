/**
 * Constant choice sets (`one_of`, `weighted`, enums, choices files), shared between call sites with
 * the same values and weights so the module embeds each once.
 */
import type { ChoiceSet } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";

export function choiceSet(
  schema: SchemaInfo,
  values: readonly (string | number)[],
  weights?: readonly number[],
): ChoiceSet {
  const key = JSON.stringify([values, weights ?? null]);
  const found = schema.choices.find((c) => JSON.stringify([c.values, c.weights ?? null]) === key);
  if (found) return found;
  const set: ChoiceSet = { id: `C${schema.choices.length}`, values, ...(weights ? { weights } : {}) };
  schema.choices.push(set);
  return set;
}
