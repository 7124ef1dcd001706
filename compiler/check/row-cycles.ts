/**
 * Cycles through other rows (v2 §14). Tables may read each other in a cycle (departments name their
 * head, employees their department), because no table is materialised: a value of another row is
 * computed when it is read. What must not cycle is a value: `o_totalprice` summing a lineitem column
 * that reads `parent.o_totalprice`, or `x = prev.x + 1`, would recurse without end. This pass builds
 * the graph of values — a column or `let` of a table, reading its own row's values and other rows'
 * (`parent.c`, `t[e].c`, `prev.c`, `sample(t.c, n)`, aggregates over children) — and reports a cycle
 * that goes through another row, naming it. Same-row cycles are `order.ts`'s (DG4003).
 *
 * A table that redraws rows computes an attempt-dependent value only with its whole row, so reading
 * one reads every value of that row (`emit-slices.ts` does the same).
 */
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, TablePlan } from "../ir/ir.js";
import { attemptDependent, tableRedraws } from "../ir/redraws.js";
import { walk } from "../ir/walk.js";

interface Edge {
  readonly to: string;
  /** Through another row (or the same column of an earlier row). */
  readonly cross: boolean;
}

const node = (table: string, column: string) => `${table}.${column}`;

export function checkRowCycles(tables: readonly TablePlan[], diagnostics: Diagnostic[]): void {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const dependent = new Map(tables.map((t) => [t.name, attemptDependent(t)]));
  const edges = new Map<string, Edge[]>();
  const add = (from: string, e: Edge) => {
    let list = edges.get(from);
    if (!list) edges.set(from, (list = []));
    list.push(e);
  };
  /** Edges for what `e`, evaluated in a row of `table`, reads. */
  const reads = (from: string, table: string, e: Expr) =>
    walk(e, (x) => {
      if (x.k === "local") add(from, { to: node(table, x.name), cross: false });
      else if (x.k === "rowField" || x.k === "sample") add(from, { to: target(x.table, x.column), cross: true });
      else if (x.k === "agg" && x.e) {
        // The aggregate reads the child rows' values that its expression reads.
        walk(x.e, (y) => {
          if (y.k === "local") add(from, { to: target(x.table, y.name), cross: true });
          else if (y.k === "rowField" || y.k === "sample") add(from, { to: target(y.table, y.column), cross: true });
        });
      }
    });
  /** The node a read of `table.column` from another row depends on: the column, or its whole row. */
  const target = (table: string, column: string) => {
    const t = byName.get(table);
    return t && tableRedraws(t) && dependent.get(table)!.has(column) ? node(table, "*") : node(table, column);
  };
  for (const t of tables) {
    for (const c of t.columns) reads(node(t.name, c.name), t.name, c.value);
    for (const r of t.rules)
      for (const a of r.assignments) {
        reads(node(t.name, a.column), t.name, r.condition);
        reads(node(t.name, a.column), t.name, a.value);
      }
    if (tableRedraws(t)) {
      // The whole row: every value and every check.
      const whole = node(t.name, "*");
      for (const c of t.columns) add(whole, { to: node(t.name, c.name), cross: false });
      for (const ch of t.checks) reads(whole, t.name, ch.condition);
    }
  }

  const state = new Map<string, "visiting" | "done">();
  const stack: { at: string; cross: boolean }[] = [];
  const reported = new Set<string>();
  // Depth first, with an explicit stack of frames: a chain of thousands of reads costs no call stack.
  const visit = (root: string) => {
    const frames: { at: string; edges: readonly Edge[]; next: number }[] = [];
    const enter = (at: string) => {
      state.set(at, "visiting");
      frames.push({ at, edges: edges.get(at) ?? [], next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next >= frame.edges.length) {
        frames.pop();
        state.set(frame.at, "done");
        stack.pop(); // the edge that led here (none for the root)
        continue;
      }
      const e = frame.edges[frame.next++]!;
      const s = state.get(e.to);
      if (s === "done") continue;
      stack.push({ at: frame.at, cross: e.cross });
      if (s === "visiting") {
        const from = stack.findIndex((x) => x.at === e.to);
        const cycle = stack.slice(from);
        if (cycle.some((x) => x.cross)) report(cycle.map((x) => x.at).concat(e.to));
        stack.pop();
      } else enter(e.to);
    }
  };
  const report = (names: string[]) => {
    const key = [...names].sort().join();
    if (reported.has(key)) return;
    reported.add(key);
    const [table, column] = splitNode(names[0]!);
    const t = byName.get(table);
    const c = t?.columns.find((x) => x.name === column);
    const span = c?.span ?? { start: 0, end: 0 };
    diagnostics.push(
      diag(messages.rowCycle, span, [names.map((n) => n.replace(/\.\*$/, " (its whole row)")).join(" → ")], {
        help: "a value may read other rows' values only where they do not read it back (through parent, prev, t[e] or an aggregate)",
      }),
    );
  };
  for (const n of [...edges.keys()].sort()) if (!state.has(n)) visit(n);
}

function splitNode(n: string): [string, string] {
  const dot = n.lastIndexOf(".");
  return [n.slice(0, dot), n.slice(dot + 1)];
}
