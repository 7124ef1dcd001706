/**
 * Which `partition:` a lake table can take (DG5224 otherwise). Delta writes the partition value as a
 * column of its own for `year(c)`, `month(c)` and `day(c)`, so that name must be free; Iceberg maps a
 * column to an identity partition and the parts of a date to its year/month/day transforms.
 *
 *   lakePartitionProblem("iceberg", spec, columns)   // undefined, or why not
 */
import type { ColumnMeta } from "../../contract.js";
import type { PartitionSpec } from "../../partition.js";
import { icebergPartitionProblem } from "./iceberg-metadata.js";
import type { LakeFormat } from "./lake-types.js";

export function lakePartitionProblem(
  format: LakeFormat,
  spec: PartitionSpec,
  columns: readonly ColumnMeta[],
): string | undefined {
  if (format === "iceberg") return icebergPartitionProblem(spec, columns[spec.column]!);
  if (spec.part !== "value" && columns.some((c) => c.name === spec.name))
    return `the partition column '${spec.name}' it adds is the name of a column of the table`;
  return undefined;
}
