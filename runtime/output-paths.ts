/**
 * Where a command may write. Paths are compared as real paths — the longest existing ancestor with its
 * links resolved, plus the rest — so `alias/a.csv` (with `alias` → `out`) is `out/a.csv`, and a link
 * to the schema is the schema.
 *
 *   urlScheme("s3://lake/x")                       // "s3"
 *   overwritesInput("./s.dgen", [{ path: "/w/s.dgen", what: "the schema" }])   // that input, from /w
 *   isInside("/w/out/t.csv", "/w/out")             // true
 */
import { lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";

/** A file a command reads and must never replace, and what to call it in a message. */
export interface ProtectedInput {
  readonly path: string;
  /** `the schema`, `the schema's input file`, `the running bundle`: said before the path in DG8020. */
  readonly what: string;
}

/** The scheme of a URL-looking path (`s3://…`, `gs://…`, `https://…`), else undefined. Drive letters are not schemes. */
export function urlScheme(path: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(path)?.[1];
}

/** The path with every existing ancestor's links resolved; the last component is kept as it is. */
export function canonicalPath(path: string): string {
  const abs = resolve(path);
  const parent = dirname(abs);
  if (parent === abs) return abs;
  return join(realAncestor(parent), basename(abs));
}

function realAncestor(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    const up = dirname(dir);
    return up === dir ? dir : join(realAncestor(up), basename(dir));
  }
}

/** The file a write to `path` would replace: the path itself, or a link's target when `path` is a link. */
function reached(path: string): string[] {
  const at = canonicalPath(path);
  try {
    return lstatSync(at).isSymbolicLink() ? [at, realpathSync(at)] : [at];
  } catch {
    return [at];
  }
}

/** The input that writing `target` would replace (by real path, through links either way), if any. */
export function overwritesInput(target: string, inputs: readonly ProtectedInput[]): ProtectedInput | undefined {
  const hits = new Set(reached(target));
  return inputs.find((input) => reached(input.path).some((p) => hits.has(p)));
}

/** Whether `path` is `folder` or lies below it (the folder's links resolved, the path's ancestors'). */
export function isInside(path: string, folder: string): boolean {
  const p = canonicalPath(path);
  const f = realAncestor(resolve(folder));
  return p === f || p.startsWith(f.endsWith(sep) ? f : f + sep);
}
