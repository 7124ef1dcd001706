/**
 * Orders a row's evaluation: columns and lets by what they read, `when` rules after the values
 * they read and before the readers of the columns they assign (rules on one column apply in source
 * order). A cycle is an error that names it. Ties keep declaration order, so the order is stable.
 */
import type { Span } from "../ast/nodes.js";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Step } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";
import type { CheckedTable } from "./table.js";

export function orderSteps(schema: SchemaInfo, t: CheckedTable, spanOf: (name: string) => Span): Step[] {
  const names = t.columns.map((c) => c.name);
  const key = (s: Step) => (s.kind === "column" ? `c:${s.name}` : `r:${s.index}`);
  /** The step that produces the value of `name` as seen after rule `before` (exclusive); Infinity = final. */
  const producer = (name: string, before: number): Step => {
    let last: Step = { kind: "column", name };
    t.ruleTargets.forEach((targets, i) => {
      if (i < before && targets.includes(name)) last = { kind: "rule", index: i };
    });
    return last;
  };
  const deps = new Map<string, Step[]>();
  for (const n of names)
    deps.set(
      `c:${n}`,
      [...(t.refs.get(n) ?? [])].filter((r) => names.includes(r)).map((r) => producer(r, Infinity)),
    );
  t.rules.forEach((_, i) => {
    const reads = [...t.ruleRefs[i]!, ...t.ruleTargets[i]!].filter((r) => names.includes(r));
    deps.set(
      `r:${i}`,
      reads.map((r) => producer(r, i)),
    );
  });

  const order: Step[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: Step[] = [];
  const label = (s: Step) => (s.kind === "column" ? s.name : `when #${s.index + 1}`);
  let reported = false;
  const visit = (s: Step) => {
    const k = key(s);
    const st = state.get(k);
    if (st === "done") return;
    if (st === "visiting") {
      if (!reported) {
        const from = stack.findIndex((x) => key(x) === k);
        const cycle = [...stack.slice(from), s].map(label).join(" → ");
        const first = stack[from]!;
        schema.diagnostics.push(
          diag(messages.columnCycle, first.kind === "column" ? spanOf(first.name) : t.info.decl.name.span, [cycle]),
        );
        reported = true;
      }
      return;
    }
    state.set(k, "visiting");
    stack.push(s);
    for (const d of deps.get(k) ?? []) visit(d);
    stack.pop();
    state.set(k, "done");
    order.push(s);
  };
  for (const n of names) visit({ kind: "column", name: n });
  t.rules.forEach((_, i) => visit({ kind: "rule", index: i }));
  return order;
}
