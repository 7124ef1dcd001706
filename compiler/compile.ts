/**
 * The compiler's pure entry points: sources in, diagnostics and files out. Nothing here writes a
 * file; choices files are read through the host (XLSX workbooks before checking, since their reader
 * is async). Phases: parse → (read workbooks) → check (→ Plan) → emit → format.
 *
 *   const r = await compile({ path: "shop.dgen", text, host });
 *   r.files.get("shop.ts")   // the generated module
 */
import { sortDiagnostics, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/diagnostic.js";
import { messages } from "../diagnostics/messages.js";
import { checkSchema } from "./check/check-schema.js";
import type { CompilerHost } from "./check/context.js";
import { preloadWorkbooks } from "./check/workbooks.js";
import { emitModuleParts, joinModule } from "./emit/emit-module.js";
import type { Plan } from "./ir/ir.js";
import { parseSchema } from "./parse.js";
import type { SourceFile } from "../diagnostics/source.js";
import { dgenVersion } from "./version.js";

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly plan?: Plan;
}

export interface CompileOptions {
  /** Where emitted code imports the runtime from (default `dgen/runtime`). */
  readonly runtimeImport?: string;
  /** Skip ts-morph and prettier (for bundles, where nobody reads the TypeScript). */
  readonly format?: boolean;
  /** `--param NAME=VALUE` overrides of the schema's parameters (v2 §13). */
  readonly params?: Readonly<Record<string, string>>;
}

export interface CompileResult extends CheckResult {
  /** File name → contents; one `<schema>.ts` when there are no errors. */
  readonly files: Map<string, string>;
}

/**
 * Parse and check: every diagnostic of the file, and the Plan when there is no error. Synchronous, so
 * it cannot read XLSX choices files (their reader is async): a schema that has one gets DG5025 at that
 * call; use `checkSourceAsync` (or `compile`), which reads them first.
 */
export function checkSource(
  file: SourceFile,
  host: CompilerHost,
  params: Readonly<Record<string, string>> = {},
): CheckResult {
  try {
    const parsed = parseSchema(file);
    if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
    return checkParsed(parsed, file, host, params);
  } catch (e) {
    return { diagnostics: [internalError(e)] };
  }
}

/** `checkSource`, after reading the schema's XLSX choices files through the host (`preloadWorkbooks`). */
export async function checkSourceAsync(
  file: SourceFile,
  host: CompilerHost,
  params: Readonly<Record<string, string>> = {},
): Promise<CheckResult> {
  try {
    const parsed = parseSchema(file);
    if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
    return checkParsed(parsed, file, await preloadWorkbooks(parsed.ast, host), params);
  } catch (e) {
    return { diagnostics: [internalError(e)] };
  }
}

function checkParsed(
  parsed: ReturnType<typeof parseSchema>,
  file: SourceFile,
  host: CompilerHost,
  params: Readonly<Record<string, string>>,
): CheckResult {
  const checked = checkSchema(parsed.ast, file, host, "", params);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]);
  return checked.plan ? { diagnostics, plan: checked.plan } : { diagnostics };
}

export async function compile(
  file: SourceFile,
  host: CompilerHost,
  options: CompileOptions = {},
): Promise<CompileResult> {
  const checked = await checkSourceAsync(file, host, options.params);
  if (!checked.plan) return { ...checked, files: new Map() };
  try {
    const name = moduleFileName(file.path);
    const parts = emitModuleParts(checked.plan, {
      dgenVersion,
      runtimeImport: options.runtimeImport ?? "dgen/runtime",
    });
    // ts-morph and prettier are heavy: only the committed module (`dgen compile`) needs them;
    // `dgen check` never loads them, and bundles take the parts joined plainly.
    if (options.format === false) return { ...checked, files: new Map([[name, joinModule(parts)]]) };
    const { assembleModule } = await import("./emit/ts-project.js");
    const text = await (await import("./emit/format.js")).formatTs(assembleModule(name, parts));
    return { ...checked, files: new Map([[name, text]]) };
  } catch (e) {
    return { diagnostics: [...checked.diagnostics, internalError(e)], files: new Map() };
  }
}

/** `shop.dgen` → `shop.ts`. */
export function moduleFileName(schemaPath: string): string {
  const base = schemaPath
    .split(/[\\/]/)
    .pop()!
    .replace(/\.dgen$/i, "");
  return `${base.replace(/[^A-Za-z0-9_.-]/g, "_") || "schema"}.ts`;
}

function internalError(e: unknown): Diagnostic {
  const reason = e instanceof Error ? `${e.message}` : String(e);
  return diag(messages.internal, { start: 0, end: 0 }, [reason]);
}
