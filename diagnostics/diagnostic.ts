/**
 * A diagnostic: a code from the catalog, a sentence, a span, notes with their own spans, and an optional fix.
 * Diagnostics are values; nothing in the compiler throws on user input.
 */
import type { Span } from "./span.js";
import type { MessageDef } from "./messages.js";

export type Severity = "error" | "warning";

export interface Note {
  readonly message: string;
  /** Where the note points; absent for a plain remark. */
  readonly span?: Span;
  /** The file the note's span is in, when it is not the schema (a choices file, say). */
  readonly file?: string;
}

/** A machine-applicable edit: replace `span` with `replacement`. */
export interface Fix {
  readonly span: Span;
  readonly replacement: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** The file the span is in; absent means the schema being compiled. */
  readonly file?: string;
  readonly notes: readonly Note[];
  /** "did you mean 'customer_id'?" and similar, rendered as `= help: ...`. */
  readonly help?: string;
  readonly fix?: Fix;
}

export interface DiagnosticExtras {
  readonly notes?: readonly Note[];
  readonly help?: string;
  readonly fix?: Fix;
  readonly file?: string;
}

/** `diag(messages.unknownColumn, span, ["cutomer_id", "orders"], { help: "did you mean 'customer_id'?" })` */
export function diag<A extends readonly unknown[]>(
  def: MessageDef<A>,
  span: Span,
  args: A,
  extras: DiagnosticExtras = {},
): Diagnostic {
  const d: Diagnostic = {
    code: def.code,
    severity: def.severity,
    message: def.format(...args),
    span,
    notes: extras.notes ?? [],
    ...(extras.help !== undefined ? { help: extras.help } : {}),
    ...(extras.fix !== undefined ? { fix: extras.fix } : {}),
    ...(extras.file !== undefined ? { file: extras.file } : {}),
  };
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order for output: by file, then position, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? "").localeCompare(b.file ?? "") ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      a.code.localeCompare(b.code),
  );
}

export type Report = <A extends readonly unknown[]>(
  def: MessageDef<A>,
  span: Span,
  args: A,
  extras?: DiagnosticExtras,
) => void;

/** A function that adds diagnostics to `into`: `const err = reporter(diagnostics); err(messages.x, span, [...])`. */
export function reporter(into: Diagnostic[]): Report {
  return (def, span, args, extras) => {
    into.push(diag(def, span, args, extras));
  };
}
