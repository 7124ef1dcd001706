/**
 * The edges of `dgen report` and `dgen profile`: reading Chart.js's minified UMD build from dgen's own
 * installation (it is inlined into the page, which loads nothing), and writing the page under a
 * temporary name renamed into place, so a half-written page never carries the final name.
 *
 *   const lib = chartLibrary();            // { ok: true, text: "/*! Chart.js v4.6.1 …" }
 *   writePage("report.html", html);        // undefined, or the diagnostic of a failed write
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { runtimeDiag, RunError } from "../../runtime/generate-options.js";
import { fileError } from "../../runtime/writers/file-output.js";
import type { ReportModel } from "../report/model.js";
import { onInterrupt } from "./interrupt.js";

export function chartLibrary(): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  try {
    const main = createRequire(import.meta.url).resolve("chart.js");
    return { ok: true, text: readFileSync(join(dirname(main), "chart.umd.min.js"), "utf8") };
  } catch (e) {
    return { ok: false, diagnostic: runtimeDiag(messages.reportLibraryMissing, [e instanceof Error ? e.message : String(e)]) };
  }
}

/** The diagnostic for an output path that is a folder; undefined when it is free or a file. */
export function outIsFolder(path: string): Diagnostic | undefined {
  try {
    return statSync(path).isDirectory() ? runtimeDiag(messages.reportOutIsFolder, [path]) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `html` to `path` through a temporary file beside it; returns a diagnostic when that fails. */
export function writePage(path: string, html: string): Diagnostic | undefined {
  const folder = outIsFolder(path);
  if (folder) return folder;
  const tmp = join(dirname(path), `.${basename(path)}.dgen-${process.pid}.tmp`);
  const remove = () => rmSync(tmp, { force: true });
  const forget = onInterrupt(remove);
  try {
    writeFileSync(tmp, html);
    renameSync(tmp, path);
    return undefined;
  } catch (e) {
    remove();
    const mapped = fileError(e, path);
    if (mapped instanceof RunError) return mapped.diagnostic;
    throw e;
  } finally {
    forget();
  }
}

/** The line printed after a page is written. */
export function wroteLine(out: string, model: ReportModel): string {
  const c = model.counts;
  const n = model.tables.length;
  return `wrote ${out}: ${n} table${n === 1 ? "" : "s"}, ${c.pass} pass, ${c.warn} warn, ${c.fail} fail, ${c.info} info\n`;
}
