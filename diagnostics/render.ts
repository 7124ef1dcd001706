/**
 * Diagnostics for people (the source line and a caret, after rustc/esbuild) and for tools (JSON).
 *
 *   error[DG2003]: Unknown column 'cutomer_id' in table 'orders'.
 *     --> shop.dgen:14:40
 *      |
 *   14 |   customer_id int @ref(customers.id) = cutomer_id
 *      |                                        ^^^^^^^^^^
 *      = help: did you mean 'customer_id'?
 */
import { lineCol, lineText, type SourceFile } from "./source.js";
import { diag, type Diagnostic } from "./diagnostic.js";
import { messages } from "./messages.js";

/** At most this many diagnostics are printed (docs/diagnostics.md, "How many are shown"). */
export const maxShownDiagnostics = 200;

/**
 * The first `cap` diagnostics, and after them one DG1025 that counts the rest (so 100 000 errors do
 * not print 40 MB); the exit status still counts them all.
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], cap = maxShownDiagnostics): Diagnostic[] {
  if (diagnostics.length <= cap) return [...diagnostics];
  const rest = diagnostics.slice(cap);
  const errors = rest.filter((d) => d.severity === "error").length;
  const more = diag(messages.moreDiagnostics, { start: 0, end: 0 }, [rest.length, errors, cap]);
  return [...diagnostics.slice(0, cap), more];
}

export function renderText(d: Diagnostic, file: SourceFile | undefined): string {
  const out = [`${d.severity}[${d.code}]: ${d.message}`];
  // Diagnostics of the schema's text have a span; those of a run or of files (DG5/7/8) may not.
  const located = d.span.end > d.span.start || /^DG[1-4]/.test(d.code);
  if (file && !d.file && located) {
    const { line, column } = lineCol(file, d.span.start);
    out.push(`  --> ${file.path}:${line}:${column}`);
    {
      const text = lineText(file, line);
      const end = lineCol(file, Math.max(d.span.start, d.span.end));
      const width = end.line === line ? Math.max(1, end.column - column) : Math.max(1, text.length - column + 1);
      const gutter = " ".repeat(String(line).length);
      out.push(`${gutter} |`);
      out.push(`${line} | ${text.replace(/\t/g, " ")}`);
      out.push(`${gutter} | ${" ".repeat(column - 1)}${"^".repeat(width)}`);
    }
  } else if (d.file) out.push(`  --> ${d.file}`);
  for (const note of d.notes) {
    if (note.span && file && !note.file) {
      const at = lineCol(file, note.span.start);
      out.push(`  = note: ${note.message} (${file.path}:${at.line}:${at.column})`);
    } else out.push(`  = note: ${note.message}`);
  }
  if (d.help) out.push(`  = help: ${d.help}`);
  return out.join("\n");
}

export function renderAll(
  diagnostics: readonly Diagnostic[],
  file: SourceFile | undefined,
  cap = maxShownDiagnostics,
): string {
  if (diagnostics.length === 0) return "";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const summary = [
    errors ? `${errors} error${errors === 1 ? "" : "s"}` : "",
    warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const shown = capDiagnostics(diagnostics, cap);
  return (
    shown
      .map((d) =>
        d.code === messages.moreDiagnostics.code ? `${d.severity}[${d.code}]: ${d.message}` : renderText(d, file),
      )
      .join("\n\n") + `\n\n${summary}\n`
  );
}

/** One object per diagnostic with 1-based line/column ranges, for editors and CI. */
export function renderJson(
  diagnostics: readonly Diagnostic[],
  file: SourceFile | undefined,
  cap = maxShownDiagnostics,
): string {
  return (
    JSON.stringify(
      capDiagnostics(diagnostics, cap).map((d) => {
        const located = d.code !== messages.moreDiagnostics.code;
        const pos =
          located && file && !d.file
            ? { start: lineCol(file, d.span.start), end: lineCol(file, d.span.end) }
            : undefined;
        return {
          code: d.code,
          severity: d.severity,
          message: d.message,
          file: d.file ?? file?.path ?? null,
          span: d.span,
          ...(pos ? { start: pos.start, end: pos.end } : {}),
          notes: d.notes.map((n) => ({ message: n.message, ...(n.span ? { span: n.span } : {}) })),
          ...(d.help ? { help: d.help } : {}),
          ...(d.fix ? { fix: d.fix } : {}),
        };
      }),
      null,
      2,
    ) + "\n"
  );
}
