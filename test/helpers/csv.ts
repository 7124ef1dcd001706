/**
 * An independent CSV reader (csv-parse), so that tests do not read dgen's output with dgen's code.
 * dgen writes null as an empty unquoted field and the empty string as `""`; `readCsv` keeps the two
 * apart (null vs "").
 */
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";

export interface Csv {
  readonly header: string[];
  /** Data rows, each as long as the header; null where the field was empty and unquoted. */
  readonly rows: (string | null)[][];
}

export function parseCsv(text: string): Csv {
  const records = parse(text, {
    bom: false,
    relax_column_count: false,
    skip_empty_lines: false,
    cast: (value: string, context: { quoting: boolean }) => (value === "" && !context.quoting ? null : value),
  }) as (string | null)[][];
  const [header, ...rows] = records;
  if (header === undefined) throw new Error("CSV without a header row");
  return { header: header.map((h) => h ?? ""), rows };
}

export function readCsv(path: string): Csv {
  return parseCsv(readFileSync(path, "utf8"));
}

/** Rows as objects keyed by column name (own properties, even for `__proto__`). */
export function csvObjects(csv: Csv): Record<string, string | null>[] {
  return csv.rows.map((r) => Object.fromEntries(csv.header.map((h, i) => [h, r[i]] as const)));
}

/** The values of one column, by name. */
export function column(csv: Csv, name: string): (string | null)[] {
  const i = csv.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in [${csv.header.join(", ")}]`);
  return csv.rows.map((r) => r[i]);
}
