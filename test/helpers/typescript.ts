/**
 * Use emitted modules the way a user's project does: the temp folder gets `node_modules/dgen`
 * linked to this checkout (as `npm install dgen` would give it), so `dgen/runtime`,
 * `dgen/faker-locales` and any other import of the emitted code resolve through the package's own
 * `exports`, for `tsc` (types from dist/*.d.ts) and for esbuild (code from dist/*.js).
 */
import { build } from "esbuild";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, tsc, type Ran } from "./cli.js";

/** Makes `<dir>/node_modules/dgen` point at the checkout (once). */
export function linkDgenPackage(dir: string): void {
  const link = join(dir, "node_modules", "dgen");
  if (existsSync(link)) return;
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(repoRoot, link, process.platform === "win32" ? "junction" : "dir");
}

/** Writes `<dir>/tsconfig.json` for `files` (relative to `dir`) and runs `tsc --strict --noEmit -p`. */
export function typecheck(dir: string, files: readonly string[]): Promise<Ran> {
  linkDgenPackage(dir);
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "bundler",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
      typeRoots: [join(repoRoot, "node_modules", "@types")],
    },
    files,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
  return tsc(["-p", join(dir, "tsconfig.json"), "--strict", "--noEmit", "--pretty", "false"], { cwd: dir });
}

/** Bundles an emitted module (in `dir`) with esbuild into one ESM file that `import()` can load. */
export async function bundleModule(dir: string, entry: string, outfile: string): Promise<void> {
  linkDgenPackage(dir);
  await build({
    entryPoints: [entry],
    absWorkingDir: dir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "silent",
    banner: {
      js: `import { createRequire as __dgenRequire } from "node:module"; const require = __dgenRequire(import.meta.url);`,
    },
  });
}
