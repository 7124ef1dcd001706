/**
 * `dgen profile DATA [-o profile.html]`: the report's page for data without a schema — per table and
 * column the inferred type, nulls, distinct values, quartiles, a chart, outliers and anomalies (see
 * compiler/report/profile.ts). Reads what `dgen validate` reads, with its readers.
 *
 *   $ dgen profile out/shop -o profile.html
 *   wrote profile.html: 4 tables, 20 pass, 3 warn, 0 fail, 41 info
 *
 * Exit status: 0 when the page was written (warnings are findings, not failures), 1 when no data
 * could be read or the page could not be written.
 */
import { messages } from "../../diagnostics/messages.js";
import { renderText } from "../../diagnostics/render.js";
import { runtimeDiag } from "../../runtime/generate-options.js";
import { buildProfile } from "../report/profile.js";
import { readForProfile } from "../report/profile-read.js";
import { renderHtml } from "../report/render-html.js";
import { dgenVersion } from "../version.js";
import { chartLibrary, outIsFolder, wroteLine, writePage } from "./report-page.js";
import type { CommandResult } from "./result.js";

export async function profileCommand(dataPath: string, options: { readonly out: string }): Promise<CommandResult> {
  const lib = chartLibrary();
  if (!lib.ok) return { exitCode: 1, diagnostics: [], runDiagnostics: [lib.diagnostic] };
  const folder = outIsFolder(options.out);
  if (folder) return { exitCode: 1, diagnostics: [], runDiagnostics: [folder] };
  const { tables, diagnostics } = await readForProfile(dataPath);
  if (tables.length === 0 || tables.every((t) => !t.complete && t.rows === 0)) {
    const none = [runtimeDiag(messages.reportNothingRead, [dataPath, "profile"])];
    return { exitCode: 1, diagnostics: [], runDiagnostics: [...diagnostics, ...none] };
  }
  const model = buildProfile({
    data: dataPath,
    tables,
    generator: `dgen ${dgenVersion}`,
    problems: diagnostics.map((d) => renderText(d, undefined)),
  });
  const failed = writePage(options.out, renderHtml(model, lib.text));
  if (failed) return { exitCode: 1, diagnostics: [], runDiagnostics: [...diagnostics, failed] };
  const errors = diagnostics.some((d) => d.severity === "error");
  return { exitCode: errors ? 1 : 0, diagnostics: [], runDiagnostics: diagnostics, stdout: wroteLine(options.out, model) };
}
