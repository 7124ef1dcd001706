/**
 * A run into Delta Lake or Iceberg tables (`--format delta|iceberg`): one folder per table,
 * `<out>/<table>/`, holding dgen's Parquet data files and the table's log. Three steps, around the
 * ordinary run (runtime/run.ts):
 *
 *   1. `openLakeTables` before any row is written: each table's folder is read; an existing table is
 *      DG5220 with `--mode error` (the default), and with `--mode append` must have this run's schema
 *      and partitioning (DG5221) and be readable (DG5222);
 *   2. `prepareLakeCommits` once every data file is complete under its temporary name: the log entry
 *      (Delta) or the manifest, manifest list, metadata and version hint (Iceberg), under temporary
 *      names too;
 *   3. `commitLakeTables`, inside the run's commit after the data files' renames: each table's commit
 *      file is linked to its final name exclusively, so of two writers of one version one loses
 *      (DG5223) and the table keeps the winner's; Iceberg's `version-hint.text` is replaced after it.
 *
 * Data files get names no run repeats (`part-00000-<run id>.parquet`), so until the commit file appears
 * a reader of the table sees none of them, and an interrupted run leaves the table at its last version.
 */
import { randomInt, randomUUID } from "node:crypto";
import { linkSync, unlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";
import { messages } from "../../../diagnostics/messages.js";
import type { ColumnMeta, TableProgram } from "../../contract.js";
import { type OutputFile, RunError, runtimeDiag, type TableResult } from "../../generate-options.js";
import { NULL_PARTITION, type PartitionSpec } from "../../partition.js";
import type { FileOutput } from "../file-output.js";
import { fileError } from "../file-output.js";
import type { ParquetSummary } from "../parquet/parquet-format.js";
import { type ParquetColumn, parquetColumn } from "../parquet/schema.js";
import { deltaEntry, deltaMismatch, type DeltaState, logPath, readDeltaState } from "./delta-log.js";
import { fileStats, type FileStats, icebergBound } from "./file-stats.js";
import { avroFile, MANIFEST_LIST_SCHEMA, manifestSchema, readAvroFile } from "./iceberg-avro.js";
import {
  icebergMismatch,
  icebergPartitionSpec,
  icebergSchema,
  type IcebergState,
  partitionAvroFields,
  partitionDatum,
  readIcebergState,
} from "./iceberg-metadata.js";
import { icebergIds, type LakeFormat, lakeColumnOptions } from "./lake-types.js";
import { commitTime } from "./commit-clock.js";

export type LakeMode = "error" | "append";
export const LAKE_MODES: readonly LakeMode[] = ["error", "append"];

/** The lake settings of a run plan. */
export interface LakePlan {
  readonly format: LakeFormat;
  readonly mode: LakeMode;
  /** In every data file's name, so that no two runs write the same name. */
  readonly runId: string;
  /** Iceberg: the base URI of the output folder in the tables' metadata (default `file://` + its absolute path). */
  readonly location?: string;
}

/** One table of the run and what its folder held before it. */
export interface LakeTarget {
  readonly table: TableProgram;
  /** The table's folder, as `<out>/<table>`. */
  readonly folder: string;
  readonly spec: PartitionSpec | undefined;
  readonly previous: DeltaState | IcebergState | undefined;
}

const NAMES = { delta: "Delta", iceberg: "Iceberg" } as const;

/** The data file of a table's piece, relative to the output folder (Iceberg keeps data under `data/`). */
export function lakeDataPath(lake: LakePlan, table: string, shard: number): string {
  const dataDir = lake.format === "iceberg" ? "data/" : "";
  return `${table}/${dataDir}part-${String(shard).padStart(5, "0")}-${lake.runId}.parquet`;
}

export function newRunId(): string {
  return randomUUID();
}

/** Step 1: each table's folder, checked against `--mode`; a diagnostic when the run must not start. */
export function openLakeTables(
  lake: LakePlan,
  out: string,
  tables: readonly { table: TableProgram; partition?: PartitionSpec }[],
): LakeTarget[] | Diagnostic {
  const targets: LakeTarget[] = [];
  for (const { table, partition } of tables) {
    const folder = join(out, table.name);
    let previous: DeltaState | IcebergState | undefined;
    try {
      previous = lake.format === "delta" ? readDeltaState(folder) : readIcebergState(folder);
    } catch (e) {
      if (lake.mode === "error") return runtimeDiag(messages.lakeTableExists, [folder, NAMES[lake.format], 0]);
      return runtimeDiag(messages.lakeUnreadable, [folder, NAMES[lake.format], (e as Error).message]);
    }
    if (previous !== undefined) {
      if (lake.mode === "error")
        return runtimeDiag(
          messages.lakeTableExists,
          [folder, NAMES[lake.format], previous.version],
          "pass --mode append to add this run's rows as a new commit, or write to another folder",
        );
      const why =
        lake.format === "delta"
          ? deltaMismatch(previous as DeltaState, table.columns, partition)
          : icebergMismatch(previous as IcebergState, table.columns, partition);
      if (why !== undefined)
        return runtimeDiag(messages.lakeSchemaDiffers, [folder, NAMES[lake.format], table.name, why]);
    }
    targets.push({ table, folder, spec: partition, previous });
  }
  return targets;
}

/** A table's commit, ready: its files under temporary names. */
export interface LakeCommit {
  readonly format: LakeFormat;
  readonly folder: string;
  readonly version: number;
  /** The log entry (Delta) or `vN.metadata.json` (Iceberg): linked exclusively. */
  readonly entry: FileOutput;
  /** Iceberg's manifest and manifest list: renamed with the data files. */
  readonly files: readonly FileOutput[];
  /** Iceberg's `version-hint.text`: renamed last. */
  readonly hint?: FileOutput;
}

/** Opens a file of the run under a temporary name (the run tracks it for removal on failure). */
export type OpenOutput = (pathInOut: string) => Promise<FileOutput>;

/**
 * Step 2: the commit files of every table, under temporary names, from the data files written
 * (`results`: their paths, sizes, partitions and Parquet summaries). Adds the commit files to the
 * tables' results, so that the run's manifest lists them.
 */
export async function prepareLakeCommits(
  lake: LakePlan,
  out: string,
  targets: readonly LakeTarget[],
  results: TableResult[],
  open: OpenOutput,
  engine: string,
): Promise<LakeCommit[]> {
  const commits: LakeCommit[] = [];
  const now = commitTime();
  for (const target of targets) {
    const result = results.find((r) => r.name === target.table.name)!;
    const options = lakeColumnOptions(lake.format, target.table.columns);
    const parquet = target.table.columns.map((c, k) => parquetColumn(c, options(k)));
    const prefix = `${target.table.name}/`;
    const files = result.files.map((f) => ({
      path: f.path.slice(prefix.length),
      bytes: f.bytes,
      stats: fileStats(parquet, f.summary as ParquetSummary),
      ...(f.partition !== undefined ? { partition: f.partition } : {}),
    }));
    const commit =
      lake.format === "delta"
        ? await prepareDelta(target, files, parquet, open, now, engine)
        : await prepareIceberg(lake, out, target, files, parquet, open, now, engine);
    const added: OutputFile[] = [];
    for (const f of [...commit.files, commit.entry, ...(commit.hint ? [commit.hint] : [])])
      added.push({ path: f.finalPath.slice(resolve(out).length + 1).replaceAll("\\", "/"), ...(await f.finish()) });
    results[results.indexOf(result)] = { ...result, files: [...result.files.map(plainFile), ...added] };
    commits.push(commit);
  }
  return commits;
}

/** A result file without the writer's summary (which is for the log, not the manifest). */
function plainFile(f: OutputFile): OutputFile {
  return { path: f.path, bytes: f.bytes, sha256: f.sha256 };
}

interface DataFile {
  readonly path: string;
  readonly bytes: number;
  readonly stats: FileStats;
  readonly partition?: string;
}

async function prepareDelta(
  target: LakeTarget,
  files: readonly DataFile[],
  parquet: readonly ParquetColumn[],
  open: OpenOutput,
  now: number,
  engine: string,
): Promise<LakeCommit> {
  const previous = target.previous as DeltaState | undefined;
  const version = previous === undefined ? 0 : previous.version + 1;
  const text = deltaEntry({
    version,
    columns: target.table.columns,
    parquet,
    spec: target.spec,
    files,
    now,
    tableId: previous?.tableId ?? randomUUID(),
    engine,
    append: previous !== undefined,
  });
  const entry = await open(`${target.table.name}/${logPath(version)}`);
  await entry.write(new TextEncoder().encode(text));
  return { format: "delta", folder: target.folder, version, entry, files: [] };
}

async function prepareIceberg(
  lake: LakePlan,
  out: string,
  target: LakeTarget,
  files: readonly DataFile[],
  parquet: readonly ParquetColumn[],
  open: OpenOutput,
  now: number,
  engine: string,
): Promise<LakeCommit> {
  const name = target.table.name;
  const columns = target.table.columns;
  const previous = target.previous as IcebergState | undefined;
  const old = previous?.metadata;
  const base = lake.location ?? pathToFileURL(resolve(out)).href;
  const location = (old?.location as string | undefined) ?? `${base.replace(/\/$/, "")}/${encodeURIComponent(name)}`;
  const uri = (rel: string) => `${location}/${rel.replaceAll("%", "%25")}`;
  const version = (previous?.version ?? 0) + 1;
  const sequence = Number(old?.["last-sequence-number"] ?? 0) + 1;
  const snapshotId = randomInt(1, 2 ** 47);
  const parentId = old?.["current-snapshot-id"] as number | undefined;
  const schema = icebergSchema(columns);
  const spec = icebergPartitionSpec(target.spec);
  const ids = icebergIds(columns);

  const entries = files.map((f) => ({
    status: 1,
    snapshot_id: snapshotId,
    sequence_number: sequence,
    file_sequence_number: sequence,
    data_file: {
      content: 0,
      file_path: uri(f.path),
      file_format: "PARQUET",
      partition:
        target.spec === undefined
          ? {}
          : { [target.spec.name]: partitionDatum(target.spec, columns[target.spec.column]!, f.partition ?? "") },
      record_count: f.stats.rows,
      file_size_in_bytes: f.bytes,
      column_sizes: null,
      value_counts: counts(columns, ids.field, () => f.stats.rows),
      null_value_counts: counts(columns, ids.field, (k) => f.stats.columns[k]!.nullCount),
      nan_value_counts: null,
      lower_bounds: bounds(parquet, ids.field, f.stats, "min"),
      upper_bounds: bounds(parquet, ids.field, f.stats, "max"),
      key_metadata: null,
      split_offsets: null,
      equality_ids: null,
      sort_order_id: null,
    },
  }));
  const manifestBytes = await avroFile(manifestSchema(partitionAvroFields(target.spec, columns)), entries, {
    schema: JSON.stringify(schema),
    "schema-id": "0",
    "partition-spec": JSON.stringify(spec.fields),
    "partition-spec-id": "0",
    "format-version": "2",
    content: "data",
  });
  const manifestRel = `metadata/${lake.runId}-m0.avro`;
  const manifest = await open(`${name}/${manifestRel}`);
  await manifest.write(manifestBytes);

  const rows = files.reduce((n, f) => n + f.stats.rows, 0);
  const earlier = old === undefined ? [] : await earlierManifests(old, location, join(target.folder));
  const listed = [
    ...earlier,
    {
      manifest_path: uri(manifestRel),
      manifest_length: manifestBytes.length,
      partition_spec_id: 0,
      content: 0,
      sequence_number: sequence,
      min_sequence_number: sequence,
      added_snapshot_id: snapshotId,
      added_files_count: files.length,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: rows,
      existing_rows_count: 0,
      deleted_rows_count: 0,
      partitions:
        target.spec === undefined
          ? null
          : [
              {
                contains_null: files.some((f) => f.partition === NULL_PARTITION),
                contains_nan: false,
                lower_bound: null,
                upper_bound: null,
              },
            ],
      key_metadata: null,
    },
  ];
  const listRel = `metadata/snap-${snapshotId}-1-${lake.runId}.avro`;
  const list = await open(`${name}/${listRel}`);
  await list.write(
    await avroFile(MANIFEST_LIST_SCHEMA, listed, {
      "snapshot-id": String(snapshotId),
      "parent-snapshot-id": parentId === undefined ? "null" : String(parentId),
      "sequence-number": String(sequence),
      "format-version": "2",
    }),
  );

  const totalRecords = Number(
    (old?.snapshots as { summary?: Record<string, string> }[] | undefined)?.at(-1)?.summary?.["total-records"] ?? 0,
  );
  const totalFiles = Number(
    (old?.snapshots as { summary?: Record<string, string> }[] | undefined)?.at(-1)?.summary?.["total-data-files"] ?? 0,
  );
  const snapshot = {
    "snapshot-id": snapshotId,
    ...(parentId !== undefined ? { "parent-snapshot-id": parentId } : {}),
    "sequence-number": sequence,
    "timestamp-ms": now,
    "manifest-list": uri(listRel),
    summary: {
      operation: "append",
      "added-data-files": String(files.length),
      "added-records": String(rows),
      "total-data-files": String(totalFiles + files.length),
      "total-records": String(totalRecords + rows),
      "engine-name": engine,
    },
    "schema-id": 0,
  };
  const metadata = {
    "format-version": 2,
    "table-uuid": (old?.["table-uuid"] as string | undefined) ?? randomUUID(),
    location,
    "last-sequence-number": sequence,
    "last-updated-ms": now,
    "last-column-id": ids.last,
    "current-schema-id": 0,
    schemas: [schema],
    "default-spec-id": 0,
    "partition-specs": [spec],
    "last-partition-id": target.spec === undefined ? 999 : 1000,
    "default-sort-order-id": 0,
    "sort-orders": [{ "order-id": 0, fields: [] }],
    properties: { "write.format.default": "parquet", "created-by": engine },
    "current-snapshot-id": snapshotId,
    refs: { main: { "snapshot-id": snapshotId, type: "branch" } },
    snapshots: [...((old?.snapshots as unknown[] | undefined) ?? []), snapshot],
    "snapshot-log": [
      ...((old?.["snapshot-log"] as unknown[] | undefined) ?? []),
      { "timestamp-ms": now, "snapshot-id": snapshotId },
    ],
    "metadata-log": [
      ...((old?.["metadata-log"] as unknown[] | undefined) ?? []),
      ...(previous !== undefined
        ? [
            {
              "timestamp-ms": Number(old?.["last-updated-ms"] ?? now),
              "metadata-file": `${location}/metadata/v${previous.version}.metadata.json`,
            },
          ]
        : []),
    ],
  };
  const entry = await open(`${name}/metadata/v${version}.metadata.json`);
  await entry.write(new TextEncoder().encode(JSON.stringify(metadata, null, 2) + "\n"));
  const hint = await open(`${name}/metadata/version-hint.text`);
  await hint.write(new TextEncoder().encode(String(version)));
  return { format: "iceberg", folder: target.folder, version, entry, files: [manifest, list], hint };
}

/** The manifests of the table's current snapshot, read from its manifest list, to be listed again. */
async function earlierManifests(
  old: Record<string, unknown>,
  location: string,
  folder: string,
): Promise<Record<string, unknown>[]> {
  const current = old["current-snapshot-id"];
  const snap = (old.snapshots as { "snapshot-id": number; "manifest-list"?: string }[] | undefined)?.find(
    (s) => s["snapshot-id"] === current,
  );
  if (snap?.["manifest-list"] === undefined) return [];
  return readAvroFile(localPath(snap["manifest-list"], location, folder));
}

/** A file of the table named by its URI, on the local disk (the table may have been moved since). */
function localPath(uri: string, location: string, folder: string): string {
  if (uri.startsWith(`${location}/`)) return join(folder, decodeURIComponent(uri.slice(location.length + 1)));
  throw new RunError(
    runtimeDiag(messages.lakeUnreadable, [
      folder,
      "Iceberg",
      `its manifest list '${uri}' is outside the table's location`,
    ]),
  );
}

function counts(
  columns: readonly ColumnMeta[],
  ids: readonly number[],
  value: (k: number) => number,
): { key: number; value: number }[] {
  return columns.flatMap((c, k) => (c.kind === "array" ? [] : [{ key: ids[k]!, value: value(k) }]));
}

function bounds(
  parquet: readonly ParquetColumn[],
  ids: readonly number[],
  s: FileStats,
  which: "min" | "max",
): { key: number; value: Buffer }[] {
  const out: { key: number; value: Buffer }[] = [];
  parquet.forEach((c, k) => {
    const raw = s.columns[k]![which];
    const b = raw === undefined ? undefined : icebergBound(c, raw);
    if (b !== undefined) out.push({ key: ids[k]!, value: Buffer.from(b) });
  });
  return out;
}

/**
 * Step 3, inside the run's commit (no await): each table's commit file appears under its final name,
 * created exclusively (a hard link of the finished temporary file), then Iceberg's version hint.
 */
export function commitLakeTables(commits: readonly LakeCommit[]): void {
  for (const c of commits) {
    try {
      linkSync(c.entry.tempPath, c.entry.finalPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST")
        throw new RunError(runtimeDiag(messages.lakeConcurrentCommit, [c.folder, NAMES[c.format], c.version]));
      throw fileError(e, c.entry.finalPath);
    }
    try {
      unlinkSync(c.entry.tempPath);
    } catch {
      // the temporary name is removed with the run's other leftovers
    }
    c.hint?.commitSync();
  }
}
