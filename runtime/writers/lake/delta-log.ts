/**
 * Delta Lake's transaction log, as far as dgen writes it (protocol reader 1 / writer 2): version 0
 * holds `commitInfo`, `protocol`, `metaData` (the schema string and partition columns) and one `add`
 * per data file with its statistics; an append is a later version with `commitInfo` and `add`s only.
 * One action per line (docs/cli.md, "Delta Lake").
 *
 *   deltaSchema(table.columns, undefined)   // {"type":"struct","fields":[{"name":"id","type":"long",…}]}
 *   logPath(3)                              // "_delta_log/00000000000000000003.json"
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ColumnMeta } from "../../contract.js";
import type { PartitionSpec } from "../../partition.js";
import { NULL_PARTITION } from "../../partition.js";
import type { ParquetColumn } from "../parquet/schema.js";
import { deltaValue, type FileStats } from "./file-stats.js";
import { deltaType } from "./lake-types.js";

export function logPath(version: number): string {
  return `_delta_log/${String(version).padStart(20, "0")}.json`;
}

/** The partition column of a Delta table: the column itself, or a string/int/date column for a part of a date. */
export function deltaPartitionField(spec: PartitionSpec): { name: string; type: string } | undefined {
  if (spec.part === "value") return undefined;
  return { name: spec.name, type: spec.part === "year" ? "integer" : spec.part === "day" ? "date" : "string" };
}

/** The schema string of `metaData`: the table's columns, and the partition column of `month(c)` and the like. */
export function deltaSchema(columns: readonly ColumnMeta[], spec: PartitionSpec | undefined): string {
  const fields: unknown[] = columns.map((c) => ({
    name: c.name,
    type: deltaType(c),
    nullable: c.nullable,
    metadata: {},
  }));
  const extra = spec === undefined ? undefined : deltaPartitionField(spec);
  if (extra !== undefined) fields.push({ name: extra.name, type: extra.type, nullable: true, metadata: {} });
  return JSON.stringify({ type: "struct", fields });
}

/** A partition value (the router's text) as Delta serializes it: timestamps as `YYYY-MM-DD HH:MM:SS.ffffff`. */
export function deltaPartitionValue(value: string, column: ColumnMeta, spec: PartitionSpec): string | null {
  if (value === NULL_PARTITION) return null;
  if (spec.part === "value" && column.kind === "timestamp") {
    const m = /^(.*)T(\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(value);
    if (m !== null) return `${m[1]} ${m[2]}.${(m[3] ?? "").padEnd(6, "0")}`;
  }
  return value;
}

export interface DeltaFile {
  /** Relative to the table folder, with `/`. */
  readonly path: string;
  readonly bytes: number;
  readonly stats: FileStats;
  /** The partition value (the router's text), for a partitioned table. */
  readonly partition?: string;
}

export interface DeltaCommit {
  readonly version: number;
  readonly columns: readonly ColumnMeta[];
  readonly parquet: readonly ParquetColumn[];
  readonly spec: PartitionSpec | undefined;
  readonly files: readonly DeltaFile[];
  readonly now: number;
  readonly tableId: string;
  readonly engine: string;
  readonly append: boolean;
}

/** The text of one log entry: newline-delimited actions. */
export function deltaEntry(c: DeltaCommit): string {
  const partitionColumns = c.spec === undefined ? [] : [c.spec.name];
  const lines: unknown[] = [
    {
      commitInfo: {
        timestamp: c.now,
        operation: "WRITE",
        operationParameters: {
          mode: c.append ? "Append" : "ErrorIfExists",
          partitionBy: JSON.stringify(partitionColumns),
        },
        isBlindAppend: true,
        engineInfo: c.engine,
      },
    },
  ];
  if (c.version === 0) {
    lines.push({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } });
    lines.push({
      metaData: {
        id: c.tableId,
        format: { provider: "parquet", options: {} },
        schemaString: deltaSchema(c.columns, c.spec),
        partitionColumns,
        configuration: {},
        createdTime: c.now,
      },
    });
  }
  for (const f of c.files) {
    const partitionValues: Record<string, string | null> = {};
    if (c.spec !== undefined)
      partitionValues[c.spec.name] = deltaPartitionValue(
        f.partition ?? NULL_PARTITION,
        c.columns[c.spec.column]!,
        c.spec,
      );
    lines.push({
      add: {
        path: f.path.replaceAll("%", "%25"), // a URI reference: the folders' own %XX escapes stay literal
        partitionValues,
        size: f.bytes,
        modificationTime: c.now,
        dataChange: true,
        stats: JSON.stringify(deltaStats(c.columns, c.parquet, f.stats)),
      },
    });
  }
  return lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
}

function deltaStats(columns: readonly ColumnMeta[], parquet: readonly ParquetColumn[], s: FileStats): unknown {
  const minValues: Record<string, unknown> = {};
  const maxValues: Record<string, unknown> = {};
  const nullCount: Record<string, number> = {};
  columns.forEach((c, i) => {
    const cs = s.columns[i]!;
    if (c.kind !== "array") nullCount[c.name] = cs.nullCount;
    if (cs.min === undefined || cs.max === undefined) return;
    const lo = deltaValue(parquet[i]!, cs.min);
    const hi = deltaValue(parquet[i]!, cs.max);
    if (lo === undefined || hi === undefined) return;
    minValues[c.name] = lo;
    maxValues[c.name] = hi;
  });
  return { numRecords: s.rows, minValues, maxValues, nullCount };
}

/** What an append needs of an existing table: its last version and its schema. */
export interface DeltaState {
  readonly version: number;
  readonly schemaString: string;
  readonly partitionColumns: readonly string[];
  readonly minWriterVersion: number;
  readonly tableId: string;
}

/**
 * The table in `folder`, read by replaying its JSON log (dgen writes no checkpoints); undefined when the
 * folder holds no log entry. Throws an Error with the reason when the log cannot be replayed.
 */
export function readDeltaState(folder: string): DeltaState | undefined {
  let names: string[];
  try {
    names = readdirSync(join(folder, "_delta_log"));
  } catch {
    return undefined;
  }
  const versions = names
    .map((n) => /^(\d{20})\.json$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  if (versions.length === 0) return undefined;
  if (versions[0] !== 0)
    throw new Error("its log starts after version 0 (a checkpointed table; dgen replays JSON entries only)");
  let meta: { schemaString: string; partitionColumns: string[]; id: string } | undefined;
  let minWriterVersion = 0;
  for (const v of versions) {
    const text = readFileSync(join(folder, logPath(v)), "utf8");
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      let action: Record<
        string,
        { schemaString?: string; partitionColumns?: string[]; id?: string; minWriterVersion?: number }
      >;
      try {
        action = JSON.parse(line) as typeof action;
      } catch {
        throw new Error(`${logPath(v)} is not JSON lines`);
      }
      if (action.metaData !== undefined)
        meta = {
          schemaString: String(action.metaData.schemaString),
          partitionColumns: action.metaData.partitionColumns ?? [],
          id: String(action.metaData.id),
        };
      if (action.protocol !== undefined) minWriterVersion = Number(action.protocol.minWriterVersion);
    }
  }
  if (meta === undefined) throw new Error("its log has no metaData action");
  const version = versions[versions.length - 1]!;
  return {
    version,
    schemaString: meta.schemaString,
    partitionColumns: meta.partitionColumns,
    minWriterVersion,
    tableId: meta.id,
  };
}

/** Why an existing table cannot take this run's rows, if it cannot. */
export function deltaMismatch(
  state: DeltaState,
  columns: readonly ColumnMeta[],
  spec: PartitionSpec | undefined,
): string | undefined {
  if (state.minWriterVersion > 2) return `it needs writer version ${state.minWriterVersion}; dgen writes version 2`;
  if (state.schemaString !== deltaSchema(columns, spec)) return "its schema is another";
  const want = spec === undefined ? [] : [spec.name];
  if (JSON.stringify(state.partitionColumns) !== JSON.stringify(want))
    return `it is partitioned by [${state.partitionColumns.join(", ")}], this run by [${want.join(", ")}]`;
  return undefined;
}
