/**
 * The generate run shared by `dgen generate` and `node schema.mjs`: plan, generate every selected
 * table in chunks (in this thread or on worker threads, same bytes either way), write each file and
 * the manifest under a temporary name, then commit them all (runtime/commit.ts: the old manifest
 * goes first, the new one comes last).
 *
 *   const r = await run(program, { out: "out/shop", rows: { customers: 1000 } }, {});
 *   r.ok && r.tables.map((t) => t.files[0].path)   // ["customers.csv", "orders.csv"]
 *
 * Never throws on user input or I/O problems: they come back as diagnostics, and no file is left
 * under a final name unless it is complete. The keys of `@encrypt` and `@mask(hash)` are loaded, and
 * the output paths checked (no URL, no input of the run replaced, the `--truth` file outside the
 * output folder), before any row is written; the truth file is committed with the data files.
 * `--out s3://bucket/prefix` writes the run into a local staging folder this way, then uploads it
 * (runtime/object-store/s3-run.ts).
 */
import { zstdReady } from "./writers/zstd.js";
import { availableParallelism } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { messages } from "../diagnostics/messages.js";
import type { Program } from "./contract.js";
import {
  type GenerateOptions,
  type OutputFile,
  RunError,
  type RunEnv,
  type RunResult,
  runtimeDiag,
  type TableResult,
} from "./generate-options.js";
import { commitRun, commitSeam } from "./commit.js";
import { overwritesInput, urlScheme } from "./output-paths.js";
import { manifestName, manifestText } from "./run-manifest.js";
import { type PlannedFile, planRun, type RunPlan } from "./run-plan.js";
import { Progress } from "./run-progress.js";
import { type ChunkBytes, generateChunk } from "./workers/chunk.js";
import type { CellOut } from "./noise/column-out.js";
import { TRUTH_HEADER, TruthLog } from "./noise/truth.js";
import { truthTarget } from "./noise/truth-path.js";
import { keySource, loadWriteKeys } from "./noise/write-keys.js";
import { CHUNK_ROWS, splitRows } from "./workers/chunks.js";
import { ordered } from "./workers/ordered.js";
import { WorkerPool } from "./workers/pool.js";
import { ByteBuffer, encode } from "./writers/byte-buffer.js";
import { fileError, FileOutput } from "./writers/file-output.js";
import { makeFolder } from "./writers/folder.js";
import { sweepStaleFiles } from "./writers/temp-names.js";
import { sqlScripts } from "./sql/sql-scripts.js";
import { StdoutOutput } from "./writers/stdout-output.js";
import { loadDatabase } from "./db/load.js";
import { runToObjectStore } from "./object-store/s3-run.js";
import { isS3Url } from "./object-store/s3-url.js";
import { MAX_PARTITIONS, partitionFolder } from "./partition.js";
import type { FileAssembler } from "./writers/sinks.js";
import { type WorkbookAssembler, XlsxFormat } from "./writers/xlsx/xlsx-format.js";
import {
  commitLakeTables,
  type LakeCommit,
  type LakeTarget,
  openLakeTables,
  prepareLakeCommits,
} from "./writers/lake/lake-table.js";

export type { GenerateOptions, RunEnv, RunResult } from "./generate-options.js";

interface Task {
  readonly file: PlannedFile;
  readonly from: number;
  readonly to: number;
  readonly startsFile: boolean;
}

export async function run(program: Program, options: GenerateOptions, env: RunEnv = {}): Promise<RunResult> {
  const params = Object.keys(options.params ?? {});
  if (params.length > 0)
    return failed(
      runtimeDiag(
        messages.badParam,
        [params[0]!, "parameters are built into this program"],
        `rebuild it with 'dgen build <schema.dgen> --param ${params[0]}=…', or run 'dgen generate <schema.dgen> --param …'`,
      ),
    );
  if (options.to !== undefined) return loadDatabase(program, options, env);
  const target = options.out ?? program.output.path;
  if (target !== undefined && isS3Url(target)) {
    const from = options.out !== undefined ? "--out" : "the schema's output path";
    return runToObjectStore(program, options, env, target, from, run);
  }
  if (options.manifest !== undefined)
    return failed(runtimeDiag(messages.badOption, ["--manifest", "it is for a database load (--to); a run into files writes _manifest.json"]));
  let planned: ReturnType<typeof planRun>;
  try {
    planned = planRun(program, options, availableParallelism());
  } catch (e) {
    return failed(toDiagnostic(e));
  }
  const plan = planned.plan;
  if (plan === undefined) return { ok: false, diagnostics: planned.diagnostics, tables: [] };
  const where = placeProblem(plan, options, env);
  if (where !== undefined) return failed(where);
  let lakeTargets: LakeTarget[] | undefined;
  if (plan.lake !== undefined) {
    const opened = openLakeTables(plan.lake, plan.out, plan.files);
    if (!Array.isArray(opened)) return failed(opened as Diagnostic);
    lakeTargets = opened;
  }
  const written = plan.files.map((f) => f.table);
  const keyEnv = env.env ?? process.env;
  let cells: CellOut;
  let truthPath: string | undefined;
  try {
    const keys = loadWriteKeys(written, keyEnv);
    cells = options.truth !== undefined ? { truth: new TruthLog(), keys } : { keys };
  } catch (e) {
    return failed(toDiagnostic(e));
  }
  if (options.truth !== undefined) {
    const target = truthTarget(
      options.truth,
      plan.out,
      plan.files.map((f) => f.path),
      manifestName(plan.shard),
    );
    if (target.problem) return failed(target.problem);
    truthPath = target.path;
  }

  const stderr = env.stderr ?? process.stderr;
  const tty = env.isTTY ?? (stderr as { isTTY?: boolean }).isTTY === true;
  const total = plan.files.reduce((n, f) => n + f.to - f.from, 0);
  const progress = new Progress(options.progress !== false && tty ? stderr : undefined, total);
  const guard = new Guard();
  const commit = { invalidated: false };
  const seam = commitSeam(keyEnv);
  let pool: WorkerPool | undefined;
  try {
    if (plan.format === "parquet" && plan.codec === "zstd") await zstdReady();
    const workers =
      env.workerEntry === undefined ? 1 : Math.min(plan.workers, Math.max(1, Math.ceil(total / CHUNK_ROWS)));
    if (workers > 1) {
      const started = new WorkerPool(env.workerEntry!, workers, {
        dgenWorker: true,
        settings: plan.settings,
        format: plan.format,
        ...(plan.dialect !== undefined ? { dialect: plan.dialect } : {}),
        ...(plan.csv !== undefined ? { csv: plan.csv } : {}),
        codec: plan.codec,
        csvSafe: plan.csvSafe,
        truth: truthPath !== undefined,
        keys: keySource(written, keyEnv),
        ...(plan.partition !== undefined ? { partition: plan.partition } : {}),
      });
      guard.onInterrupt = (e) => started.cancel(e);
      pool = started;
    }
    const tables = await writeTables(plan, pool, guard, progress, cells, truthPath, env.stdout);
    if (plan.stdout) return { ok: true, diagnostics: [], tables };
    const scripts = plan.dialect !== undefined ? await writeSqlScripts(plan, guard) : [];
    const lakeCommits: LakeCommit[] =
      plan.lake !== undefined
        ? await prepareLakeCommits(plan.lake, plan.out, lakeTargets!, tables, lakeOutput(plan, guard), `dgen/${program.dgenVersion}`)
        : [];
    // A lake table's commit file (and Iceberg's version hint) is committed by the lake, after the data files.
    const commitFiles = new Set(lakeCommits.flatMap((c) => [c.entry, ...(c.hint ? [c.hint] : [])]));
    const files = guard.outputs.filter((f): f is FileOutput => f instanceof FileOutput && !commitFiles.has(f));
    const manifestPath = resolve(plan.out, manifestName(plan.shard));
    const faker = program.fakerVersion ?? env.fakerVersion ?? null;
    const manifest = await FileOutput.open(manifestPath, "none");
    guard.outputs.push(manifest);
    try {
      seam?.(0);
    } catch (e) {
      throw fileError(e, manifestPath);
    }
    await manifest.write(encode(manifestText(program, plan, tables, faker, scripts)));
    await manifest.finish();
    for (const f of [...files, ...commitFiles, manifest]) await f.sync();
    // From the check to the end of the commit, nothing awaits: a signal is handled after it.
    guard.check();
    const lake = lakeCommits.length > 0 ? { lake: () => commitLakeTables(lakeCommits) } : {};
    commitRun({ folder: plan.out, files, manifest, ...lake }, commit, seam);
    guard.outputs.length = 0;
    return { ok: true, diagnostics: [], tables, manifestPath, ...(truthPath !== undefined ? { truthPath } : {}) };
  } catch (e) {
    await Promise.all(guard.outputs.map((f) => f.abort()));
    const d = guard.interrupted && !commit.invalidated ? runtimeDiag(messages.interrupted, []) : toDiagnostic(e);
    const incomplete = commit.invalidated ? [runtimeDiag(messages.outputIncomplete, [plan.out])] : [];
    return { ok: false, diagnostics: [d, ...incomplete], tables: [] };
  } finally {
    progress.end();
    guard.dispose();
    await pool?.close();
  }
}

async function writeTables(
  plan: RunPlan,
  pool: WorkerPool | undefined,
  guard: Guard,
  progress: Progress,
  cells: CellOut,
  truthPath: string | undefined,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<TableResult[]> {
  if (!plan.stdout) {
    await makeFolder(plan.out);
    sweepStaleFiles(plan.out);
  }
  let truth: FileOutput | undefined;
  if (truthPath !== undefined) {
    await makeFolder(dirname(truthPath));
    sweepStaleFiles(dirname(truthPath), truthPath);
    truth = await FileOutput.open(truthPath, "none");
    guard.outputs.push(truth);
    await truth.write(TRUTH_HEADER);
  }
  const tasks: Task[] = [];
  for (const file of plan.files) {
    for (const [from, to] of splitRows(file.from, file.to, file.chunkRows))
      tasks.push({ file, from, to, startsFile: from === file.from });
  }
  const buffer = new ByteBuffer();
  const produce = pool
    ? (t: Task) => pool.request({ table: t.file.table.name, from: t.from, to: t.to, startsFile: t.startsFile })
    : async (t: Task) =>
        generateChunk(t.file.table, t.file.factory, buffer, t.from, t.to, t.startsFile, cells, t.file.partition);
  const chunks = ordered<Task, ChunkBytes>(tasks, produce, pool ? pool.size * 2 : 1);
  const results: TableResult[] = [];
  let next = 0;
  let book: { output: FileOutput; assembler: WorkbookAssembler } | undefined;
  for (const file of plan.files) {
    progress.beginTable(file.table.name);
    if (plan.workbook !== undefined) {
      // --xlsx-sheets: every table's sheets go into one workbook, listed for each table below.
      if (book === undefined) {
        const output = await FileOutput.open(join(plan.out, plan.workbook), "none");
        guard.outputs.push(output);
        book = { output, assembler: XlsxFormat.workbook() };
      }
      await book.output.write(book.assembler.startTable(file.table.name, file.table.columns));
      while (next < tasks.length && tasks[next]!.file === file) {
        const step = await chunks.next();
        guard.check();
        const task = tasks[next++]!;
        for (const bytes of book.assembler.chunk(step.value!.bytes, step.value!.meta)) await book.output.write(bytes);
        if (truth !== undefined && step.value!.truth !== undefined) await truth.write(step.value!.truth);
        progress.advance(task.to - task.from);
      }
      results.push({ name: file.table.name, rows: file.to - file.from, files: [] });
      continue;
    }
    if (file.partition !== undefined) {
      const take = async () => {
        const step = await chunks.next();
        guard.check();
        const task = tasks[next++]!;
        return { chunk: step.value!, rows: task.to - task.from };
      };
      const more = () => next < tasks.length && tasks[next]!.file === file;
      results.push(await writePartitions(plan, file, guard, progress, truth, take, more));
      continue;
    }
    const finalPath = join(plan.out, file.path);
    if (!plan.stdout && dirname(file.path) !== ".") {
      await makeFolder(dirname(finalPath));
      sweepStaleFiles(dirname(finalPath));
    }
    const output = plan.stdout ? new StdoutOutput(stdout) : await FileOutput.open(finalPath, plan.compression);
    guard.outputs.push(output);
    await output.write(file.factory.header);
    // Block formats (Parquet, XLSX) place each chunk themselves and end the file from what they saw.
    const assembler = file.factory.assembler?.();
    while (next < tasks.length && tasks[next].file === file) {
      const step = await chunks.next();
      guard.check();
      const task = tasks[next++];
      const chunk = step.value!;
      if (assembler === undefined) await output.write(chunk.bytes);
      else for (const bytes of assembler.chunk(chunk.bytes, chunk.meta)) await output.write(bytes);
      if (truth !== undefined && chunk.truth !== undefined) await truth.write(chunk.truth);
      progress.advance(task.to - task.from);
    }
    await output.write(assembler !== undefined ? assembler.end() : file.factory.footer);
    const written = await output.finish();
    const summary = plan.lake !== undefined ? { summary: assembler?.summary?.() } : {};
    const files: OutputFile[] = [{ path: plan.stdout ? "-" : file.path, ...written, ...summary }];
    results.push({ name: file.table.name, rows: file.to - file.from, files });
  }
  if (book !== undefined) {
    await book.output.write(book.assembler.end());
    const written = await book.output.finish();
    const files: OutputFile[] = [{ path: plan.workbook!, ...written }];
    await truth?.finish();
    return results.map((r) => ({ ...r, files }));
  }
  await truth?.finish();
  return results;
}

interface OpenPartition {
  readonly path: string;
  readonly output: FileOutput;
  readonly assembler: FileAssembler | undefined;
}

/**
 * A partitioned table: every chunk's pieces go to the files of their partitions, opened as each
 * partition first appears (at most MAX_PARTITIONS, DG7051), and ended when the table is done. The
 * pieces come in chunk order, so each file's bytes are the same for any worker count.
 */
async function writePartitions(
  plan: RunPlan,
  file: PlannedFile,
  guard: Guard,
  progress: Progress,
  truth: FileOutput | undefined,
  take: () => Promise<{ chunk: ChunkBytes; rows: number }>,
  more: () => boolean,
): Promise<TableResult> {
  const spec = file.partition!;
  const open = new Map<string, OpenPartition>();
  const [folder, name] = [dirname(file.path), basename(file.path)];
  while (more()) {
    const { chunk, rows } = await take();
    for (const piece of chunk.parts ?? []) {
      let p = open.get(piece.value);
      if (p === undefined) {
        if (open.size >= MAX_PARTITIONS)
          throw new RunError(runtimeDiag(messages.tooManyPartitions, [file.table.name, MAX_PARTITIONS, piece.value]));
        const path = `${folder}/${partitionFolder(spec, piece.value)}/${name}`;
        const finalPath = join(plan.out, path);
        await makeFolder(dirname(finalPath));
        sweepStaleFiles(dirname(finalPath));
        const output = await FileOutput.open(finalPath, plan.compression);
        guard.outputs.push(output);
        await output.write(file.factory.header);
        p = { path, output, assembler: file.factory.assembler?.() };
        open.set(piece.value, p);
      } else if (file.factory.separator !== undefined) await p.output.write(file.factory.separator);
      if (p.assembler === undefined) await p.output.write(piece.bytes);
      else for (const bytes of p.assembler.chunk(piece.bytes, piece.meta)) await p.output.write(bytes);
    }
    if (truth !== undefined && chunk.truth !== undefined) await truth.write(chunk.truth);
    progress.advance(rows);
  }
  const files: OutputFile[] = [];
  for (const [value, p] of open) {
    await p.output.write(p.assembler !== undefined ? p.assembler.end() : file.factory.footer);
    const lake = plan.lake !== undefined ? { partition: value, summary: p.assembler?.summary?.() } : {};
    files.push({ path: p.path, ...(await p.output.finish()), ...lake });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { name: file.table.name, rows: file.to - file.from, files };
}

/** Opens a lake table's commit file under a temporary name, in a folder made (and swept) for it. */
function lakeOutput(plan: RunPlan, guard: Guard): (path: string) => Promise<FileOutput> {
  return async (path) => {
    const finalPath = join(plan.out, path);
    await makeFolder(dirname(finalPath));
    sweepStaleFiles(dirname(finalPath));
    const output = await FileOutput.open(finalPath, "none");
    guard.outputs.push(output);
    return output;
  };
}

/** `_schema.sql` and `_load.sql` of a SQL run, under temporary names like the data files. */
async function writeSqlScripts(plan: RunPlan, guard: Guard): Promise<OutputFile[]> {
  const written: OutputFile[] = [];
  for (const script of sqlScripts(plan)) {
    const output = await FileOutput.open(join(plan.out, script.path), "none");
    guard.outputs.push(output);
    await output.write(encode(script.text));
    written.push({ path: script.path, ...(await output.finish()) });
  }
  return written;
}

/**
 * Watches SIGINT/SIGTERM and process exit while a run has files open: a signal removes every
 * temporary file at once, cancels the workers' requests and stops the run (DG7005) at its next
 * step; an exit removes whatever is left.
 */
class Guard {
  /** Files of the run; `--out -` adds its standard output, which has nothing to commit or remove. */
  readonly outputs: (FileOutput | StdoutOutput)[] = [];
  interrupted = false;
  onInterrupt: ((e: RunError) => void) | undefined;
  private readonly onSignal = () => {
    this.interrupted = true;
    for (const f of this.outputs) f.abortSync();
    this.onInterrupt?.(new RunError(runtimeDiag(messages.interrupted, [])));
  };
  private readonly onExit = () => {
    for (const f of this.outputs) f.abortSync();
  };

  constructor() {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
    process.on("exit", this.onExit);
  }

  /** Throws DG7005 once a signal has come. */
  check(): void {
    if (this.interrupted) throw new RunError(runtimeDiag(messages.interrupted, []));
  }

  dispose(): void {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
    process.off("exit", this.onExit);
  }
}

/**
 * What is wrong with where the run would write, before anything is written: a URL for a folder
 * (DG5060), or a data file, the manifest or the truth file that would replace an input (DG8020).
 */
function placeProblem(plan: RunPlan, options: GenerateOptions, env: RunEnv): Diagnostic | undefined {
  const outFrom = options.out !== undefined ? "--out" : "the schema's output path";
  for (const [path, from] of [
    [plan.out, outFrom],
    [options.truth, "--truth"],
  ] as const) {
    const scheme = path === undefined ? undefined : urlScheme(path);
    if (scheme !== undefined) return runtimeDiag(messages.urlOutputPath, [path!, scheme, from]);
  }
  const inputs = env.inputs ?? [];
  if (inputs.length === 0) return undefined;
  const targets = [...plan.files.map((f) => f.path), manifestName(plan.shard)];
  for (const t of targets) {
    const hit = overwritesInput(join(plan.out, t), inputs);
    if (hit !== undefined) return runtimeDiag(messages.writesOverInput, ["--out", plan.out, describeInput(hit)]);
  }
  const hit = options.truth === undefined ? undefined : overwritesInput(options.truth, inputs);
  if (hit !== undefined) return runtimeDiag(messages.writesOverInput, ["--truth", options.truth!, describeInput(hit)]);
  return undefined;
}

function describeInput(input: { path: string; what: string }): string {
  return `${input.what} '${input.path}'`;
}

function toDiagnostic(e: unknown): Diagnostic {
  if (e instanceof RunError) return e.diagnostic;
  const reason = e instanceof Error ? e.message : String(e);
  return runtimeDiag(messages.internal, [reason.replace(/\.$/, "")]);
}

function failed(d: Diagnostic): RunResult {
  return { ok: false, diagnostics: [d], tables: [] };
}
