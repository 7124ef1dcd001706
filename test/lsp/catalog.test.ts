/**
 * The editor's word lists follow the checker: every built-in function the checker accepts (its call
 * table and the aggregates) has a signature for completion and hover, and nothing is listed that the
 * checker would reject.
 */
import { describe, expect, it } from "vitest";
import { aggregateOps } from "../../compiler/check/aggregates.js";
import { builtins } from "../../compiler/check/calls.js";
import { functionDocs } from "../../compiler/lsp/builtin-catalog.js";

describe("the built-in catalog of dgen lsp", () => {
  it("has a signature for exactly the functions the checker knows", () => {
    const known = new Set([...Object.keys(builtins), ...aggregateOps]);
    expect(Object.keys(functionDocs).sort()).toEqual([...known].sort());
    for (const [name, d] of Object.entries(functionDocs)) expect(d.signature.startsWith(`${name}(`), name).toBe(true);
  });
});
