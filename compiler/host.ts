/**
 * The file-system host for the compiler (the CLI's edge): resolves choices files inside the
 * schema's folder, following symlinks so that a link cannot lead outside it.
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { CompilerHost } from "./check/context.js";

export function fileSystemHost(schemaPath: string): CompilerHost {
  const rootDir = realpathOr(dirname(resolve(schemaPath)));
  return {
    rootDir: rootDir.endsWith(sep) ? rootDir : rootDir + sep,
    realPath(rel) {
      try {
        return realpathSync(resolve(rootDir, rel));
      } catch {
        return undefined;
      }
    },
    readFile(abs) {
      try {
        if (!statSync(abs).isFile()) return undefined;
        return readFileSync(abs);
      } catch {
        return undefined;
      }
    },
    fileSize(abs) {
      try {
        return statSync(abs).size;
      } catch {
        return undefined;
      }
    },
  };
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
