/**
 * The XLSX pre-pass. exceljs reads asynchronously and the checker is synchronous, so before checking,
 * `preloadWorkbooks` finds every XLSX path written in a `from_file(...)` call of the AST, reads each
 * file once through the host (resolved and contained exactly as the checker does) and returns a host
 * that also answers `workbook(absPath)` from what it read. It reports nothing: the checker reports
 * each problem at the call that meets it. A schema without XLSX paths gets its host back unchanged,
 * and exceljs is never loaded.
 *
 *   const host2 = await preloadWorkbooks(ast, host);
 *   host2.workbook?.(host2.realPath("data/cities.xlsx")!)   // → { ok: true, sheets: [...] }
 */
import type * as A from "../ast/nodes.js";
import type { CompilerHost } from "./context.js";
import { defaultXlsxLimits, readXlsx, sizeProblem, type XlsxLimits, type XlsxRead } from "./xlsx-read.js";

/** What reading a workbook gave: its sheets, a problem, or (for DG5003) a path that is not a readable file. */
export type WorkbookLoad = XlsxRead | { readonly ok: false; readonly problem: { readonly kind: "notAFile" } };

/** `.xlsx` (and the old `.xls`, to say so clearly) is read as a workbook; anything else as CSV. */
export function isWorkbookPath(rel: string): boolean {
  return /\.xlsx?$/i.test(rel);
}

export async function preloadWorkbooks(
  ast: A.SchemaFile,
  host: CompilerHost,
  limits: XlsxLimits = defaultXlsxLimits,
): Promise<CompilerHost> {
  const paths = workbookPaths(ast);
  if (paths.size === 0) return host;
  const root = host.rootDir.endsWith("/") ? host.rootDir : host.rootDir + "/";
  const loads = new Map<string, WorkbookLoad>();
  for (const rel of paths) {
    const abs = host.realPath(rel);
    if (abs === undefined || !abs.startsWith(root) || loads.has(abs)) continue; // the checker reports these
    const size = host.fileSize(abs);
    if (size !== undefined && size > limits.maxFileBytes) {
      loads.set(abs, { ok: false, problem: sizeProblem(size, limits) });
      continue;
    }
    const bytes = host.readFile(abs);
    loads.set(abs, bytes ? await readXlsx(bytes, limits) : { ok: false, problem: { kind: "notAFile" } });
  }
  // the host's own members copied, its prototype kept (a class-based host keeps its methods)
  const preloaded: CompilerHost = Object.assign(Object.create(host) as CompilerHost, host);
  return Object.assign(preloaded, { workbook: (abs: string) => loads.get(abs) });
}

/** Every string literal argument of every `from_file(...)` call that names a workbook. */
function workbookPaths(ast: A.SchemaFile): Set<string> {
  const found = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    const call = node as Partial<A.Call>;
    if (call.kind === "Call" && call.callee?.kind === "Ident" && call.callee.name === "from_file")
      for (const arg of call.args ?? [])
        if (arg.value.kind === "StringLit" && isWorkbookPath(arg.value.value)) found.add(arg.value.value);
    for (const [key, value] of Object.entries(node)) if (key !== "span") visit(value);
  };
  visit(ast);
  return found;
}
