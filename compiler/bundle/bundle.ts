/**
 * The only esbuild importer: bundles an emitted module with the runtime into one ESM file that runs
 * with `node` alone. Its entry runs `main(program, import.meta.url)`, so the same file is the CLI
 * program, the worker thread entry, and what `dgen generate` (its `run`) and `dgen validate` (its
 * `validateData`) import.
 */
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** A runtime module next to this file: `dist/runtime/<name>.js` when installed, the `.ts` in a checkout. */
function runtimeModule(name: string): string {
  const js = fileURLToPath(new URL(`../../runtime/${name}.js`, import.meta.url));
  if (existsSync(js)) return js;
  return fileURLToPath(new URL(`../../runtime/${name}.ts`, import.meta.url));
}

export function runtimeEntry(): string {
  return runtimeModule("index");
}

export interface BundleInput {
  /** The emitted module's file name (e.g. `shop.ts`) and text. */
  readonly moduleName: string;
  readonly moduleText: string;
  /** Where relative imports of the module resolve (unused today; the module imports only the runtime). */
  readonly resolveDir: string;
}

/** Returns the bundle's JavaScript text. Throws only on our own bugs (the module is ours). */
export async function bundle(input: BundleInput): Promise<string> {
  const entry = [
    // First, so that a bundle run by node handles signals while the rest of it loads.
    `import "dgen/early-signals";`,
    `import { program } from "dgen-schema-module";`,
    `import { main, run, validateData } from "dgen/runtime";`,
    `export { program, run, validateData };`,
    `main(program, import.meta.url);`,
  ].join("\n");
  const result = await build({
    stdin: { contents: entry, resolveDir: input.resolveDir, sourcefile: "dgen-entry.js", loader: "js" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    legalComments: "none",
    logLevel: "silent",
    banner: {
      js: `// Built by dgen from ${input.moduleName.replace(/[^\w.-]/g, "_")}. Run: node <this file> --help\nimport { createRequire as __dgenRequire } from "node:module";\nconst require = __dgenRequire(import.meta.url);`,
    },
    alias: {
      "dgen/runtime": runtimeEntry(),
      "dgen/faker-locales": runtimeModule("faker/locales"),
      "dgen/realism-data": runtimeModule("realism/data/index"),
      "dgen/early-signals": runtimeModule("early-signals"),
    },
    plugins: [
      {
        name: "dgen-schema-module",
        setup(b) {
          b.onResolve({ filter: /^dgen-schema-module$/ }, () => ({ path: input.moduleName, namespace: "dgen-schema" }));
          b.onLoad({ filter: /.*/, namespace: "dgen-schema" }, () => ({
            contents: input.moduleText,
            loader: "ts",
            resolveDir: dirname(runtimeEntry()),
          }));
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}
