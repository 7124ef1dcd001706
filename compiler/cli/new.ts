/**
 * Domain packs: ready, commented schemas shipped in the package's `packs/` folder (ecommerce, market,
 * sensors, weather, healthcare, banking, social, people). `dgen new <pack> [dir]` copies one into a
 * folder as `<pack>.dgen`, never replacing a file (DG5311); `pack:<name>` in place of a schema path
 * names the shipped file itself (`dgen generate pack:market --out out/market`). An unknown name is
 * DG5310, which lists the packs and suggests the closest one.
 *
 *   dgen new market my-data      // created my-data/market.dgen
 *   resolveSchemaArg("pack:market")   // { ok: true, path: "<package>/packs/market.dgen" }
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import { writeAtomic } from "./io.js";
import type { CommandResult } from "./result.js";

/** The shipped packs, in the order `dgen new` lists them. */
export const packNames = [
  "ecommerce",
  "market",
  "sensors",
  "weather",
  "healthcare",
  "banking",
  "social",
  "people",
] as const;

const noSpan = { start: 0, end: 0 };

/**
 * The package's `packs/` folder: two levels above this file in the sources (compiler/cli/), three in
 * the build (dist/compiler/cli/).
 */
export function packsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "../../packs"), join(here, "../../../packs")];
  return candidates.find((d) => existsSync(join(d, "ecommerce.dgen"))) ?? candidates[0]!;
}

/** The shipped file of pack `name`, or DG5310 with the list of packs and a did-you-mean. */
export function packPath(name: string): { ok: true; path: string } | { ok: false; diagnostic: Diagnostic } {
  if ((packNames as readonly string[]).includes(name)) return { ok: true, path: join(packsDir(), `${name}.dgen`) };
  const help = didYouMean(name, packNames);
  return {
    ok: false,
    diagnostic: diag(messages.unknownPack, noSpan, [name, packNames.join(", ")], help ? { help } : {}),
  };
}

/** A schema argument: `pack:<name>` is the shipped pack's file; anything else is a path, unchanged. */
export function resolveSchemaArg(arg: string): { ok: true; path: string } | { ok: false; diagnostic: Diagnostic } {
  return arg.startsWith("pack:") ? packPath(arg.slice("pack:".length)) : { ok: true, path: arg };
}

/** `dgen new <pack> [dir]`: writes `<dir>/<pack>.dgen`, a copy of the shipped pack. */
export function newCommand(name: string, dir: string): CommandResult {
  const found = packPath(name.startsWith("pack:") ? name.slice("pack:".length) : name);
  if (!found.ok) return { exitCode: 2, diagnostics: [], runDiagnostics: [found.diagnostic] };
  const target = join(dir, `${name.replace(/^pack:/, "")}.dgen`);
  if (existsSync(target))
    return { exitCode: 2, diagnostics: [], runDiagnostics: [diag(messages.newWouldOverwrite, noSpan, [target])] };
  const failed = writeAtomic(target, readFileSync(found.path, "utf8"));
  if (failed) return { exitCode: 1, diagnostics: [], runDiagnostics: [failed] };
  return {
    exitCode: 0,
    diagnostics: [],
    stdout:
      `created ${target}\n` +
      `Next: dgen check ${target} && dgen generate ${target} --out out/${name.replace(/^pack:/, "")}\n` +
      `(its opening comment lists the --param values it takes)\n`,
  };
}
