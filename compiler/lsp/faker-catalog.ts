/**
 * The faker modules and methods the checker accepts (the installed @faker-js/faker, as
 * check/faker-calls.ts sees it) with their signatures and first doc line, read once from faker's own
 * type declarations (`dist/*.d.ts`: `declare class PersonModule …`, `readonly person: PersonModule;`).
 * A method whose declaration is not found still completes, as `name(…)`.
 *
 *   fakerCatalog().get("person")?.get("firstName")
 *   // { signature: "firstName(sex?: SexType): string", doc: "Returns a random first name." }
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fakerFor, fakerMethods } from "../check/faker-calls.js";
import type { Doc } from "./builtin-catalog.js";

type Catalog = ReadonlyMap<string, ReadonlyMap<string, Doc>>;

let catalog: Catalog | undefined;

/** module → method → signature and doc. */
export function fakerCatalog(): Catalog {
  if (!catalog) catalog = build();
  return catalog;
}

function build(): Catalog {
  const decls = readDeclarations();
  const faker = fakerFor("en").at(0) as unknown as Record<string, Record<string, unknown>>;
  const out = new Map<string, Map<string, Doc>>();
  for (const module of Object.keys(faker).sort()) {
    const m = faker[module];
    if (module.startsWith("_") || typeof m !== "object" || m === null) continue;
    if (module === "rawDefinitions" || module === "definitions") continue;
    const methods = new Map<string, Doc>();
    const cls = decls.moduleClass.get(module);
    for (const name of fakerMethods(m).sort()) {
      const found = cls ? decls.method(cls, name) : undefined;
      methods.set(name, found ?? { signature: `${name}(…)`, doc: "" });
    }
    out.set(module, methods);
  }
  return out;
}

interface Declarations {
  readonly moduleClass: ReadonlyMap<string, string>;
  method(cls: string, name: string): Doc | undefined;
}

function readDeclarations(): Declarations {
  const classes = new Map<string, { base?: string; methods: Map<string, Doc> }>();
  const moduleClass = new Map<string, string>();
  for (const text of declarationTexts()) {
    for (const m of text.matchAll(/^ {2}readonly (\w+): (\w+Module);$/gm))
      if (!moduleClass.has(m[1]!)) moduleClass.set(m[1]!, m[2]!);
    for (const m of text.matchAll(/^declare class (\w+)(?:<[^>]*>)?(?: extends (\w+))?[^{]*\{\n([\s\S]*?)^\}/gm))
      if (!classes.has(m[1]!)) classes.set(m[1]!, { ...(m[2] ? { base: m[2] } : {}), methods: methodsOf(m[3]!) });
  }
  return {
    moduleClass,
    method(cls, name) {
      for (
        let c = classes.get(cls), depth = 0;
        c && depth < 10;
        c = c.base ? classes.get(c.base) : undefined, depth++
      ) {
        const d = c.methods.get(name);
        if (d) return d;
      }
      return undefined;
    },
  };
}

/** The methods of a class body: `  name(args): T;` at two spaces (possibly over several lines), after their JSDoc. */
function methodsOf(body: string): Map<string, Doc> {
  const out = new Map<string, Doc>();
  const lines = body.split("\n");
  let doc = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("  /**")) {
      doc = "";
      for (let j = i + 1; j < lines.length && !lines[j]!.includes("*/"); j++) {
        const t = lines[j]!.replace(/^\s*\* ?/, "").trim();
        if (t === "") break;
        doc += (doc ? " " : "") + t;
      }
      continue;
    }
    const start = /^ {2}(\w+)(<[^(]*>)?\(/.exec(line);
    if (!start) continue;
    let sig = line.trim();
    while (!/;\s*$/.test(sig) && i + 1 < lines.length) sig += ` ${lines[++i]!.trim()}`;
    sig = sig.replace(/;\s*$/, "").replace(/\s+/g, " ");
    if (!out.has(start[1]!)) out.set(start[1]!, { signature: sig, doc });
    doc = "";
  }
  return out;
}

function declarationTexts(): string[] {
  try {
    const dist = dirname(createRequire(import.meta.url).resolve("@faker-js/faker"));
    // The module classes live in one chunk (core-*.d.ts); the locale chunks hold only data types.
    const files = readdirSync(dist).filter((n) => n.endsWith(".d.ts") && !/^[a-z]{2}(_[A-Z]{2})?-/.test(n));
    return files.map((n) => readFileSync(join(dist, n), "utf8")).filter((t) => t.includes("declare class"));
  } catch {
    return [];
  }
}
