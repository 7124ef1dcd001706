/**
 * The report model: what `dgen report` and `dgen profile` found, as plain JSON-safe data. The builders
 * (`build-report.ts`, `profile.ts`) make it from the data; `render-html.ts` turns it into the page. Tests
 * read the model (`--model FILE` writes it) to compare its numbers with `dgen validate` and the
 * statistical suite.
 *
 *   model.tables[0].columns[2].checks[0]
 *   // { what: "distribution", test: "KS, α = 0.001", declared: "normal(50, 10)", measured: "D = 0.0123 (critical 0.0436), p = 0.83", verdict: "pass" }
 */

/** pass / warn / fail, or info for a line that states a fact without a test. */
export type Verdict = "pass" | "warn" | "fail" | "info";

/** One line of the page: a check, its test, declared against measured, its verdict. */
export interface CheckLine {
  readonly what: string;
  readonly test: string;
  readonly declared?: string;
  readonly measured: string;
  readonly verdict: Verdict;
  /** Numbers behind the verdict, for tests and readers of the JSON (the KS distance, a p-value, a count). */
  readonly values?: Readonly<Record<string, number>>;
}

/** A histogram bin [lo, hi) (the last one closed), with the count the declaration expects. */
export interface Bin {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  readonly expected?: number;
}

export type Chart =
  /** Numbers: bins over [min, max]; `unit` says how to label the edges. */
  | { readonly kind: "histogram"; readonly unit: "number" | "date" | "timestamp"; readonly bins: readonly Bin[] }
  /** Categories (the most frequent first, at most 30, the rest as one bar "(other)"). */
  | {
      readonly kind: "bars";
      readonly labels: readonly string[];
      readonly counts: readonly number[];
      readonly expected?: readonly number[];
    };

export interface Summary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly sd: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

export interface ColumnReport {
  readonly name: string;
  /** The declared type (report) or the inferred one (profile). */
  readonly type: string;
  /** Cells read (rows of the table that had the column). */
  readonly cells: number;
  readonly nulls: number;
  /** Cells not of the column's type. */
  readonly unreadable: number;
  /** Distinct non-null values; `distinctCapped` when counting stopped at the cap. */
  readonly distinct: number;
  readonly distinctCapped: boolean;
  readonly summary?: Summary;
  /** How the values are shown in summaries: as numbers, or days/milliseconds turned back to dates. */
  readonly unit?: "number" | "date" | "timestamp";
  readonly declared?: string;
  readonly chart?: Chart;
  readonly checks: readonly CheckLine[];
}

/** Spearman correlations of a group of columns: declared (report) and measured. */
export interface Heatmap {
  readonly title: string;
  readonly columns: readonly string[];
  readonly declared?: readonly (readonly number[])[];
  readonly measured: readonly (readonly (number | null)[])[];
}

export interface TableReport {
  readonly name: string;
  readonly rows: number;
  readonly files: readonly string[];
  readonly columns: readonly ColumnReport[];
  readonly heatmaps: readonly Heatmap[];
  /** Table-wide lines: rows, keys, rules, anomalies. */
  readonly checks: readonly CheckLine[];
  readonly notes: readonly string[];
}

export interface ReportModel {
  readonly kind: "report" | "profile";
  readonly title: string;
  /** The schema (report) or the data path (profile) the page is about. */
  readonly source: string;
  readonly data: string;
  readonly generator: string;
  readonly tables: readonly TableReport[];
  readonly counts: Readonly<Record<Verdict, number>>;
  /** File problems met while reading (rendered diagnostics, one line each). */
  readonly problems: readonly string[];
}

/** Counts the verdicts of every line of the model. */
export function countVerdicts(tables: readonly TableReport[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, info: 0 };
  for (const t of tables) {
    for (const l of t.checks) counts[l.verdict]++;
    for (const c of t.columns) for (const l of c.checks) counts[l.verdict]++;
  }
  return counts;
}
