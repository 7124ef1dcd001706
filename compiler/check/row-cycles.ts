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
 *
 * The row count of a `per` table is a value too (`T.#rows`): its rows are numbered parent by parent
 * (`runtime/keys/child-index.ts`), so an aggregate over it, `t[e]`, `pick`, `sample` and `size` of it,
 * and a read of one of its rows by a child, need the count of every parent row — what
 * `rows: per P <count>` reads (`parent.x`), and the parent table's own count. A count that reads a
 * parent value which aggregates the table back, or that is drawn with a parent row that may be drawn
 * again while the parent aggregates the table, recursed without end at run time:
 *
 *   table days   { total decimal(6, 2) = sum(visits, amount) ... }   // may not fit: days redraws
 *   table visits { rows: per days poisson(parent.expected) ... }     // expected comes with days' whole row
 *   → days.total → visits (its row count) → days (its whole row) → days.total
 */
import { diag, type Diagnostic, type Note } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Span } from "../../diagnostics/span.js";
import type { Expr, TablePlan } from "../ir/ir.js";
import { attemptDependent, rangeCheck, tableRedraws } from "../ir/redraws.js";
import { walk } from "../ir/walk.js";

interface Edge {
  readonly to: string;
  /** Through another row (or the same column of an earlier row). */
  readonly cross: boolean;
  /** How `from` reads `to`, for the cycle's notes: "from <why> to". */
  readonly why: string;
}

const node = (table: string, column: string) => `${table}.${column}`;
/** A table's whole row (when it redraws) and its row count (a `per` table): no column is named so. */
const WHOLE = "*";
const ROWS = "#rows";

export function checkRowCycles(
  tables: readonly TablePlan[],
  diagnostics: Diagnostic[],
  rowsSpan: (table: string) => Span | undefined = () => undefined,
): void {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const dependent = new Map(tables.map((t) => [t.name, attemptDependent(t)]));
  const edges = new Map<string, Edge[]>();
  const add = (from: string, e: Edge) => {
    let list = edges.get(from);
    if (!list) edges.set(from, (list = []));
    list.push(e);
  };
  /** The row count of `table` when its rows are numbered from other rows' counts (not a counted table). */
  const rowsOf = (table: string) => {
    const t = byName.get(table);
    return t && t.rows.kind !== "fixed" ? node(table, ROWS) : undefined;
  };
  /** `from` reaches rows of `table` by their number: it needs the table's row count. */
  const numbers = (from: string, table: string, how: string) => {
    const to = rowsOf(table);
    if (to) add(from, { to, cross: true, why: `${how} '${table}', so it needs` });
  };
  /** Edges for what `e`, evaluated in a row of `table`, reads. */
  const reads = (from: string, table: string, e: Expr) =>
    walk(e, (x) => {
      if (x.k === "local") add(from, { to: node(table, x.name), cross: false, why: "reads" });
      else if (x.k === "rowField" || x.k === "sample") {
        add(from, target(x.table, x.column));
        // `prev` is the row before, found without the count; any other row is located by number.
        if (x.k === "sample" || x.row.k !== "prevRow") numbers(from, x.table, "reads a row of");
      } else if (x.k === "size") numbers(from, x.table, "reads the size of");
      else if (x.k === "rowAt" || x.k === "pick" || x.k === "distinctPick" || x.k === "beforePick")
        numbers(from, x.table, "picks a row of");
      else if (x.k === "agg") {
        numbers(from, x.table, "aggregates over the rows of");
        // The aggregate reads the child rows' values that its expression reads.
        if (x.e)
          walk(x.e, (y) => {
            if (y.k === "local")
              add(from, { ...target(x.table, y.name), why: `aggregates over '${x.table}', reading` });
            else if (y.k === "rowField" || y.k === "sample") add(from, target(y.table, y.column));
          });
      }
    });
  /** The node a read of `table.column` from another row depends on: the column, or its whole row. */
  const target = (table: string, column: string): Edge => {
    const t = byName.get(table);
    return t && tableRedraws(t) && dependent.get(table)!.has(column)
      ? { to: node(table, WHOLE), cross: true, why: `reads ${node(table, column)}, which is drawn with` }
      : { to: node(table, column), cross: true, why: "reads" };
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
      const whole = node(t.name, WHOLE);
      for (const c of t.columns) add(whole, { to: node(t.name, c.name), cross: false, why: "computes" });
      for (const ch of t.checks) reads(whole, t.name, ch.condition);
    }
    if (t.rows.kind !== "fixed") {
      // The count of every parent row (what `rows: per P <count>` reads), over every row of the parent.
      const count = node(t.name, ROWS);
      if (t.rows.kind === "per") reads(count, t.name, t.rows.count);
      numbers(count, t.rows.parent, "counts its rows for every row of");
    }
  }

  const state = new Map<string, "visiting" | "done">();
  const stack: { at: string; edge: Edge }[] = [];
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
      stack.push({ at: frame.at, edge: e });
      if (s === "visiting") {
        const from = stack.findIndex((x) => x.at === e.to);
        const cycle = stack.slice(from);
        if (cycle.some((x) => x.edge.cross)) report(cycle);
        stack.pop();
      } else enter(e.to);
    }
  };

  const columnSpan = (n: string) => {
    const [table, column] = splitNode(n);
    return byName.get(table)?.columns.find((x) => x.name === column)?.span;
  };
  /** Why a table may draw a row again, and where: its first check, unproven validator or unproven range. */
  const redrawReason = (table: string): { text: string; span?: Span } | undefined => {
    const t = byName.get(table);
    if (!t) return undefined;
    const check = t.checks[0];
    if (check) return { text: `'check ${check.text}' may fail`, ...spanOf(check.span) };
    for (const c of t.columns) {
      if (c.hidden) continue;
      const v = c.checked[0];
      if (v) return { text: `'${c.name}' may break '@${v.kind}'`, span: c.span };
      const range = rangeCheck(c);
      if (range) return { text: `'${c.name}' ${range.rule}, which is not proven`, span: c.span };
    }
    return undefined;
  };
  const nodeSpan = (n: string): Span | undefined => {
    const [table, column] = splitNode(n);
    if (column === ROWS) return rowsSpan(table);
    if (column === WHOLE) return redrawReason(table)?.span;
    return columnSpan(n);
  };
  const report = (cycle: readonly { at: string; edge: Edge }[]) => {
    const key = cycle
      .map((x) => x.at)
      .sort()
      .join();
    if (reported.has(key)) return;
    reported.add(key);
    // Name it from a column (a count's `rows:` line when no column is in it): that is where to look.
    let first = cycle.findIndex((x) => columnSpan(x.at) !== undefined);
    if (first < 0)
      first = Math.max(
        0,
        cycle.findIndex((x) => nodeSpan(x.at) !== undefined),
      );
    const hops = [...cycle.slice(first), ...cycle.slice(0, first)];
    const names = hops.map((x) => x.at).concat(hops[0]!.at);
    const span = nodeSpan(hops[0]!.at) ?? { start: 0, end: 0 };
    const notes: Note[] = hops.map((x) => {
      const [table, column] = splitNode(x.at);
      const reason = column === WHOLE ? redrawReason(table) : undefined;
      const hop = `${show(x.at)} ${x.edge.why} ${show(x.edge.to)}`;
      return {
        message: reason ? `${hop}: '${table}' may draw a row again (${reason.text})` : hop,
        ...spanOf(nodeSpan(x.at)),
      };
    });
    const counts = hops.some((x) => x.at.endsWith(`.${ROWS}`));
    const redraws = hops.some((x) => x.at.endsWith(`.${WHOLE}`));
    const help = counts
      ? "a row count is computed for every parent row before any row of its table: it may read only parent values that do not read the table's rows back (an aggregate, t[e], pick, sample or size)" +
        (redraws
          ? "; a table that may draw a row again gives its drawn values only with its whole row, so bound what it redraws for or count from a value no redraw changes"
          : "")
      : "a value may read other rows' values only where they do not read it back (through parent, prev, t[e] or an aggregate)";
    diagnostics.push(diag(messages.rowCycle, span, [names.map(show).join(" → ")], { help, notes }));
  };
  for (const n of [...edges.keys()].sort()) if (!state.has(n)) visit(n);
}

/** `t.c`, `t (its whole row)`, `t (its row count)`. */
function show(n: string): string {
  const [table, column] = splitNode(n);
  return column === WHOLE ? `${table} (its whole row)` : column === ROWS ? `${table} (its row count)` : n;
}

const spanOf = (span: Span | undefined): { span?: Span } => (span ? { span } : {});

function splitNode(n: string): [string, string] {
  const dot = n.lastIndexOf(".");
  return [n.slice(0, dot), n.slice(dot + 1)];
}
