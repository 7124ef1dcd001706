/**
 * The files a command reads, so that no command writes over them (DG8020): the schema, and every
 * choices file the compiler read through the host, recorded as it reads them.
 *
 *   const reads = readingHost("s.dgen");
 *   await compile(file, reads.host);
 *   overwriteProblem("-o", "s.dgen", reads.inputs())   // DG8020 "-o 's.dgen' would write over the schema 's.dgen'; …"
 */
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { overwritesInput, type ProtectedInput, urlScheme } from "../../runtime/output-paths.js";
import type { CompilerHost } from "../check/context.js";
import { fileSystemHost } from "../host.js";

export function readingHost(schemaPath: string): { host: CompilerHost; inputs: () => ProtectedInput[] } {
  const base = fileSystemHost(schemaPath);
  const read = new Set<string>();
  const host: CompilerHost = {
    ...base,
    realPath(rel) {
      const p = base.realPath(rel);
      if (p !== undefined) read.add(p);
      return p;
    },
    readFile(abs) {
      read.add(abs);
      return base.readFile(abs);
    },
  };
  return {
    host,
    inputs: () => [
      { path: schemaPath, what: "the schema" },
      ...[...read].sort().map((path) => ({ path, what: "the schema's input file" })),
    ],
  };
}

/** DG8020 when writing `target` would replace one of `inputs`. */
export function overwriteProblem(
  option: string,
  target: string,
  inputs: readonly ProtectedInput[],
): Diagnostic | undefined {
  const hit = overwritesInput(target, inputs);
  if (hit === undefined) return undefined;
  return diag(messages.writesOverInput, { start: 0, end: 0 }, [option, target, `${hit.what} '${hit.path}'`]);
}

/** DG5060 when `-o` looks like a URL (`s3://…`), which would otherwise become a local folder `s3:`. */
export function urlProblem(option: string, path: string): Diagnostic | undefined {
  const scheme = urlScheme(path);
  if (scheme === undefined) return undefined;
  return diag(messages.urlOutputPath, { start: 0, end: 0 }, [path, scheme, option]);
}
