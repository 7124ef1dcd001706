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
  const isColumn = new Set(names);
  const key = (s: Step) => (s.kind === "column" ? `c:${s.name}` : `r:${s.index}`);
  /** Per column, the rules that assign to it, in source order. */
  const assigners = new Map<string, number[]>();
  t.ruleTargets.forEach((targets, i) => {
    for (const name of new Set(targets)) assigners.set(name, [...(assigners.get(name) ?? []), i]);
  });
  /** The step that produces the value of `name` as seen before rule `before` (Infinity = the final value). */
  const producer = (name: string, before: number): Step => {
    const rules = (assigners.get(name) ?? []).filter((i) => i < before);
    return rules.length ? { kind: "rule", index: rules[rules.length - 1]! } : { kind: "column", name };
  };
  const deps = new Map<string, Step[]>();
  for (const n of names)
    deps.set(
      `c:${n}`,
      [...(t.refs.get(n) ?? [])].filter((r) => isColumn.has(r)).map((r) => producer(r, Infinity)),
    );
  t.rules.forEach((_, i) => {
    const reads = [...t.ruleRefs[i]!, ...t.ruleTargets[i]!].filter((r) => isColumn.has(r));
    deps.set(
      `r:${i}`,
      reads.map((r) => producer(r, i)),
    );
  });

  const order: Step[] = [];
  const state = new Map<string, "visiting" | "done">();
  const label = (s: Step) => (s.kind === "column" ? s.name : `when #${s.index + 1}`);
  let reported = false;
  const reportCycle = (path: readonly Step[], k: string) => {
    if (reported) return;
    const from = path.findIndex((x) => key(x) === k);
    const cycle = [...path.slice(from), path[from]!].map(label).join(" → ");
    const first = path[from]!;
    schema.diagnostics.push(
      diag(messages.columnCycle, first.kind === "column" ? spanOf(first.name) : t.info.decl.name.span, [cycle]),
    );
    reported = true;
  };
  // Depth first, with an explicit stack: a chain of thousands of columns costs no call stack.
  const visit = (root: Step) => {
    if (state.has(key(root))) return;
    const path: Step[] = [];
    const frames: { step: Step; key: string; deps: readonly Step[]; next: number }[] = [];
    const enter = (s: Step) => {
      const k = key(s);
      state.set(k, "visiting");
      path.push(s);
      frames.push({ step: s, key: k, deps: deps.get(k) ?? [], next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.deps.length) {
        const d = frame.deps[frame.next++]!;
        const st = state.get(key(d));
        if (st === "visiting") reportCycle(path, key(d));
        else if (st !== "done") enter(d);
        continue;
      }
      frames.pop();
      path.pop();
      state.set(frame.key, "done");
      order.push(frame.step);
    }
  };
  for (const n of names) visit({ kind: "column", name: n });
  t.rules.forEach((_, i) => visit({ kind: "rule", index: i }));
  return order;
}
