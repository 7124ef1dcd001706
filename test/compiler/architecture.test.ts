/**
 * The import graph the architecture promises (docs/architecture.md): `runtime/`, `grammar/` and
 * `diagnostics/` never import `compiler/`; `runtime/` never imports `grammar/`; the IR and the emitter
 * never import the checker; and no value import
 * cycle exists among the files of `compiler/` or `runtime/` (type-only imports do not count: they
 * vanish when compiled).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return sources(rel);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** file → the files it imports for their values (relative imports only). */
function valueImports(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(join(root, f), "utf8");
    const deps: string[] = [];
    for (const m of text.matchAll(/^(?:import|export) (?!type\b)[^;]*?from "(\.[^"]+)";/gms))
      deps.push(normalize(join(dirname(f), m[1]!.replace(/\.js$/, ".ts"))));
    graph.set(f, deps);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      for (;;) {
        const w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
        if (w === v) break;
      }
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

const all = ["grammar", "diagnostics", "compiler", "runtime"].flatMap(sources);
const graph = valueImports(all);

describe("architecture", () => {
  it("runtime/, grammar/ and diagnostics/ import nothing from compiler/; runtime/ nothing from grammar/", () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph)
      for (const d of deps) {
        const up = d.startsWith("compiler/") && !file.startsWith("compiler/");
        const grammar = d.startsWith("grammar/") && file.startsWith("runtime/");
        if (up || grammar) wrong.push(`${file} → ${relative(root, join(root, d))}`);
      }
    expect(wrong).toEqual([]);
  });

  it("the IR and the emitter import nothing from the checker (phases run parse → check → IR → emit)", () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph)
      if (file.startsWith("compiler/emit/") || file.startsWith("compiler/ir/"))
        for (const d of deps) if (d.startsWith("compiler/check/")) wrong.push(`${file} → ${d}`);
    expect(wrong).toEqual([]);
  });

  it("has no import cycle in compiler/ or runtime/", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("sees the files it checks (a broken walk would pass vacuously)", () => {
    expect(graph.get("compiler/check/expr.ts")).toContain("compiler/check/calls.ts");
    expect(all.length).toBeGreaterThan(150);
  });
});
