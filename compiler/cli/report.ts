/**
 * `dgen report schema.dgen DATA [-o report.html]`: one self-contained HTML page about DATA against the
 * schema — per column its chart against the declared distribution, declared against measured null and
 * category shares, correlation heat maps, key and rule checks, and a verdict per line. The data is
 * read once, by the schema's bundle's `validateData()` (the code of `dgen validate`), whose row
 * observer feeds the measures; the statistics are the statistical suite's (compiler/report/stats/).
 *
 *   $ dgen report examples/shop.dgen out/shop -o report.html
 *   wrote report.html: 4 tables, 38 pass, 0 warn, 0 fail, 9 info
 *
 * Exit status: 0 when no line fails, 1 when one does (a violation, a failed test) or the data could
 * not be read (then no page is written).
 */
import { checkSourceAsync } from "../compile.js";
import { fileSystemHost } from "../host.js";
import type { Plan } from "../ir/ir.js";
import type { Program, ValidateOptions, ValidationResult } from "../../runtime/index.js";
import type { TableProgram } from "../../runtime/contract.js";
import { messages } from "../../diagnostics/messages.js";
import { renderText } from "../../diagnostics/render.js";
import { runtimeDiag } from "../../runtime/generate-options.js";
import { buildReport } from "../report/build-report.js";
import { renderHtml } from "../report/render-html.js";
import { TableMeasure } from "../report/table-measure.js";
import { dgenVersion } from "../version.js";
import { withBundle } from "./bundled.js";
import { readSchema } from "./io.js";
import { chartLibrary, outIsFolder, wroteLine, writePage } from "./report-page.js";
import { exitFor, type CommandResult } from "./result.js";

const GENERATE_ONLY = messages.formatNotWrittenYet.code;
/** Violation lines kept per (table, column, rule): the counts are complete either way. */
const EXAMPLES = 5;

interface BundleModule {
  program: Program;
  validateData(program: Program, options: ValidateOptions): Promise<ValidationResult>;
}

export interface ReportOptions {
  readonly out: string;
  readonly params?: Record<string, string>;
  readonly noCache?: boolean;
}

export async function reportCommand(schemaPath: string, dataPath: string, options: ReportOptions): Promise<CommandResult> {
  const lib = chartLibrary();
  if (!lib.ok) return { exitCode: 1, diagnostics: [], runDiagnostics: [lib.diagnostic] };
  const folder = outIsFolder(options.out);
  if (folder) return { exitCode: 1, diagnostics: [], runDiagnostics: [folder] };
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return { exitCode: 1, diagnostics: [loaded.diagnostic] };
  const checked = await checkSourceAsync(loaded.file, fileSystemHost(schemaPath), options.params ?? {});
  if (!checked.plan)
    return { exitCode: exitFor(checked.diagnostics) || 1, diagnostics: checked.diagnostics, file: loaded.file };
  const plan = checked.plan;
  return withBundle<BundleModule>(
    schemaPath,
    options.params ?? {},
    async (mod, bundled) => {
      const built = bundled.diagnostics.filter((d) => d.code !== GENERATE_ONLY);
      const measures = new Map<string, TableMeasure>();
      const result = await mod.validateData(mod.program, {
        data: dataPath,
        limit: EXAMPLES,
        observe: (t) => {
          const m = measureFor(plan, t);
          measures.set(t.name, m);
          return m.observer;
        },
      });
      const file = { file: loaded.file };
      if (!result.tables.some((t) => t.checked)) {
        const none = [runtimeDiag(messages.reportNothingRead, [dataPath, "report"])];
        return { exitCode: 1, diagnostics: built, runDiagnostics: [...result.diagnostics, ...none], ...file };
      }
      const model = buildReport({
        plan,
        result,
        measures,
        schema: schemaPath,
        data: dataPath,
        generator: `dgen ${dgenVersion}`,
        problems: result.diagnostics.map((d) => renderText(d, undefined)),
      });
      const failed = writePage(options.out, renderHtml(model, lib.text));
      if (failed) return { exitCode: 1, diagnostics: built, runDiagnostics: [...result.diagnostics, failed], ...file };
      return {
        exitCode: Math.max(model.counts.fail > 0 || !result.ok ? 1 : 0, exitFor(built)) as 0 | 1 | 2,
        diagnostics: built,
        runDiagnostics: result.diagnostics,
        ...file,
        stdout: wroteLine(options.out, model),
      };
    },
    { noCache: options.noCache === true },
  );
}

/** The measures of a table: its correlated columns kept row by row, categories ranked in declared order. */
function measureFor(plan: Plan, t: TableProgram): TableMeasure {
  const tp = plan.tables.find((x) => x.name === t.name);
  const aligned = tp ? tp.correlations.flatMap((g) => g.columns) : [];
  const orders = new Map<string, readonly string[]>();
  for (const name of aligned) {
    const c = tp!.columns.find((x) => x.name === name);
    if (c?.value.k === "choice") orders.set(name, c.value.choices.values.map(String));
  }
  return new TableMeasure(t.columns, orders, aligned);
}
