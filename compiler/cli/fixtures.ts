/**
 * `dgen fixtures schema.dgen [--rows t=N …] [-o test/fixtures.ts]`: a TypeScript module of typed
 * literal rows, small enough to read and commit. The rows are those `dgen generate` writes with these
 * row counts (the same bundle and program, with clean values: no noise, no mask, no encryption), and every
 * table is generated whole, so each foreign key of a fixture row points at a fixture row.
 */
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Program } from "../../runtime/contract.js";
import type { CellOut } from "../../runtime/noise/column-out.js";
import { runtimeDiag } from "../../runtime/generate-options.js";
import type { ProtectedInput } from "../../runtime/output-paths.js";
import { fixedRows } from "../../runtime/run-plan.js";
import { checkSourceAsync } from "../compile.js";
import { fixtureModule, type FixtureOptions } from "../fixtures/fixture-module.js";
import { PublicRows, type PublicRow } from "../fixtures/public-rows.js";
import { dgenVersion } from "../version.js";
import { withBundle } from "./bundled.js";
import { overwriteProblem, readingHost, urlProblem } from "./inputs.js";
import { readSchema, writeAtomic } from "./io.js";
import { exitFor, type CommandResult } from "./result.js";

/** At most this many rows in a fixture table. */
export const FIXTURE_ROW_LIMIT = 10_000;

const noSpan = { start: 0, end: 0 };
/** Fixtures hold the clean rows: noise, masks and encryption are transforms of written files. */
const CLEAN: CellOut = { keys: {}, clean: true };

/** The module's text, or the result that says why there is none. */
export async function fixturesText(
  schemaPath: string,
  options: FixtureOptions,
): Promise<{ text?: string; result: CommandResult; inputs: readonly ProtectedInput[] }> {
  const reads = readingHost(schemaPath);
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { result: { exitCode: 1, diagnostics: [loaded.diagnostic] }, inputs: [] };
  const checked = await checkSourceAsync(loaded.file, reads.host, options.params);
  const plan = checked.plan;
  if (!plan) {
    const failed: CommandResult = { exitCode: exitFor(checked.diagnostics) || 1, diagnostics: checked.diagnostics, file: loaded.file };
    return { result: failed, inputs: [] };
  }
  let text: string | undefined;
  const result = await withBundle<{ program: Program }>(schemaPath, options.params, async ({ program }, built) => {
    const problems: Diagnostic[] = [];
    const tables = fixtureRows(program, options, problems);
    if (!tables) return { exitCode: exitFor(problems) || 1, diagnostics: built.diagnostics, runDiagnostics: problems };
    text = fixtureModule(plan, dgenVersion, options, tables);
    return { exitCode: 0, diagnostics: built.diagnostics, ...(built.file ? { file: built.file } : {}) };
  });
  return { ...(text !== undefined ? { text } : {}), result, inputs: reads.inputs() };
}

/** Runs the program with the fixture counts; undefined (with `problems`) when the options do not fit. */
function fixtureRows(
  program: Program,
  options: FixtureOptions,
  problems: Diagnostic[],
): { name: string; rows: PublicRow[] }[] | undefined {
  const rows: Record<string, number> = Object.create(null);
  for (const t of program.tables)
    if (t.rows.kind === "fixed" && !t.rows.data) rows[t.name] = Math.min(t.rows.count, options.defaultRows);
  for (const [name, n] of Object.entries(options.rows)) rows[name] = n;
  const counts = fixedRows(program, { rows }, problems);
  const names = program.tables.map((t) => t.name);
  const chosen = new Set(options.tables ?? names);
  for (const name of chosen)
    if (!names.includes(name)) problems.push(runtimeDiag(messages.unknownTableOption, [name, "--tables"]));
  if (problems.length > 0) return undefined;
  const seed = options.seed !== undefined ? BigInt(options.seed) : program.seed;
  program.configure({ seed, rows: counts });
  for (const t of program.tables) {
    if (!chosen.has(t.name)) continue;
    const missing = t.dependsOn.find((d) => d !== t.name && !chosen.has(d));
    if (missing !== undefined) problems.push(diag(messages.fixtureTablesOpen, noSpan, [t.name, missing]));
    const size = program.size(t.name);
    if (size > FIXTURE_ROW_LIMIT) problems.push(diag(messages.fixtureTooLarge, noSpan, [t.name, size, FIXTURE_ROW_LIMIT]));
  }
  if (problems.length > 0) return undefined;
  return program.tables
    .filter((t) => chosen.has(t.name))
    .map((t) => {
      const sink = new PublicRows(t.columns);
      t.write(sink, 0, program.size(t.name), CLEAN);
      return { name: t.name, rows: sink.rows };
    });
}

/** `dgen fixtures`: writes the module to `out` (atomically), or to stdout for `-`. */
export async function fixturesCommand(
  schemaPath: string,
  out: string,
  options: FixtureOptions,
): Promise<CommandResult> {
  const r = await fixturesText(schemaPath, options);
  if (r.text === undefined) return r.result;
  if (out === "-") return { ...r.result, stdout: r.text };
  const url = urlProblem("-o", out);
  if (url) return { ...r.result, exitCode: 2, runDiagnostics: [url] };
  const over = overwriteProblem("-o", out, r.inputs);
  if (over) return { ...r.result, exitCode: 2, runDiagnostics: [over] };
  const problem = writeAtomic(out, r.text);
  if (problem) return { ...r.result, exitCode: 1, runDiagnostics: [problem] };
  return { ...r.result, stdout: `wrote ${out}\n` };
}
