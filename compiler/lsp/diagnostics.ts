/**
 * The compiler's diagnostics as LSP diagnostics: the span as a UTF-16 range, the code (`DG3004`), the
 * severity, the catalog sentence with its `help` line, and each note with a span as related
 * information. A diagnostic in another file (a choices CSV) is shown at the top of the schema with
 * that file's name, since only the schema is open here.
 *
 *   toLspDiagnostic(file, uri, d)
 *   // { range: {…}, severity: 1, code: "DG2003", source: "dgen", message: "Unknown column … \nhelp: did you mean …" }
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../diagnostics/source.js";
import { toRange } from "./positions.js";

export function toLspDiagnostic(file: SourceFile, uri: string, d: Diagnostic): LspDiagnostic {
  const elsewhere = d.file !== undefined;
  const help = d.help !== undefined ? `\nhelp: ${d.help}` : "";
  const remarks = d.notes
    .filter((n) => n.span === undefined || n.file !== undefined)
    .map((n) => `\nnote: ${n.message}${n.file !== undefined ? ` (${n.file})` : ""}`)
    .join("");
  const related = d.notes
    .filter((n) => n.span !== undefined && n.file === undefined)
    .map((n) => ({ location: { uri, range: toRange(file, n.span!) }, message: n.message }));
  return {
    range: toRange(file, elsewhere ? { start: 0, end: 0 } : d.span),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: "dgen",
    message: `${elsewhere ? `${d.file}: ` : ""}${d.message}${help}${remarks}`,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}
