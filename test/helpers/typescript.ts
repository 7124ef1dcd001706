/**
 * Type-check emitted modules the way a user's project does: a tsconfig in a temp folder, strict,
 * with `dgen/runtime` mapped to the checkout's runtime sources, run through the checkout's `tsc`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, tsc, type Ran } from "./cli.js";

/** Writes `<dir>/tsconfig.json` for `files` (relative to `dir`) and runs `tsc --strict --noEmit -p`. */
export function typecheck(dir: string, files: readonly string[]): Promise<Ran> {
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "bundler",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      allowImportingTsExtensions: true,
      types: ["node"],
      typeRoots: [join(repoRoot, "node_modules", "@types")],
      paths: { "dgen/runtime": [join(repoRoot, "runtime", "index.ts")] },
    },
    files,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
  return tsc(["-p", join(dir, "tsconfig.json"), "--strict", "--noEmit", "--pretty", "false"], { cwd: dir });
}
