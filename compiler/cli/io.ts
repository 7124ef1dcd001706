/**
 * The CLI's file edge: reading a schema into a SourceFile (or a diagnostic), and writing files
 * atomically (a temporary name in the same folder, renamed when complete).
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { SourceFile } from "../../diagnostics/source.js";
import { RunError } from "../../runtime/generate-options.js";
import { describeFsError } from "../../runtime/writers/file-output.js";
import { makeFolderSync } from "../../runtime/writers/folder.js";
import { sweepStaleFiles, tempFileName } from "../../runtime/writers/temp-names.js";

export type Loaded = { ok: true; file: SourceFile } | { ok: false; diagnostic: Diagnostic };

const noSpan = { start: 0, end: 0 };

export function readSchema(path: string): Loaded {
  try {
    if (!statSync(path).isFile())
      return { ok: false, diagnostic: diag(messages.schemaUnreadable, noSpan, [path, "it is not a file"]) };
    return { ok: true, file: { path, text: readFileSync(path, "utf8") } };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, diagnostic: diag(messages.schemaNotFound, noSpan, [path]) };
    return {
      ok: false,
      diagnostic: diag(messages.schemaUnreadable, noSpan, [path, code ? describeFsError(code, e) : String(e)]),
    };
  }
}

/**
 * Writes `text` to `path` via a temporary file (temp-names.ts), removing the leftovers of dead dgen
 * processes for that name first; returns a diagnostic instead of throwing.
 */
export function writeAtomic(path: string, text: string): Diagnostic | undefined {
  const tmp = tempFileName(path);
  try {
    makeFolderSync(dirname(path));
    sweepStaleFiles(dirname(path), path);
    if (isFolder(path)) return diag(messages.outputNotWritable, noSpan, [path, "it is a folder"]);
    writeFileSync(tmp, text, { flag: "wx" });
    renameSync(tmp, path);
    return undefined;
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder itself could not be made: there is no temporary file to remove
    }
    if (e instanceof RunError) return e.diagnostic;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") return diag(messages.diskFull, noSpan, [path]);
    return diag(messages.outputNotWritable, noSpan, [path, code ? describeFsError(code) : String(e)]);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
