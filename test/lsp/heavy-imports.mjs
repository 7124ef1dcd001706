// Loaded with `node --import` before dgen: reports on stderr every import of ts-morph, prettier or esbuild
// (the heavy packages `dgen lsp` must never load). The resolve hook runs on Node's loader thread.
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (/^(ts-morph|prettier|esbuild)(\\/|$)/.test(specifier)) process.stderr.write("heavy import: " + specifier + "\\n");
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
