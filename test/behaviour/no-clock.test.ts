/**
 * §6: no generated code and nothing on the runtime's generation path reads Math.random() or the
 * clock. Only the progress display (timing, not values) and temporary file names may.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, repoRoot, tempDir } from "../helpers/cli.js";
import { writeFileSync } from "node:fs";

const forbidden = /Math\.random|Date\.now|new Date\(|performance\.now|process\.hrtime/;
const allowed = new Set([
  "runtime/run-progress.ts", // rows/s and ETA only
  "runtime/writers/lake/commit-clock.ts", // a Delta/Iceberg commit's time, never a value
  "runtime/events/clock.ts", // dgen stream's pacing, never a value
  "runtime/object-store/upload-progress.ts", // the upload's MiB/s on a terminal only
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("no randomness or time outside the stream", () => {
  it("generated modules and the runtime never read Math.random or the clock", () => {
    const offenders: string[] = [];
    for (const f of [...files(join(repoRoot, "generated")), ...files(join(repoRoot, "runtime"))]) {
      const rel = relative(repoRoot, f);
      if (allowed.has(rel)) continue;
      readFileSync(f, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (forbidden.test(line) && !/^\s*(\*|\/\/)/.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it("pick() from a table without rows stops with DG7006 instead of writing a dangling key", async () => {
    const dir = tempDir("dgen-empty-pick-");
    const schema = join(dir, "s.dgen");
    writeFileSync(
      schema,
      "dataset d { seed: 1 }\ntable a { rows: 3  id int @pk = sequence(1) }\ntable b { rows: 4  a_id int @ref(a.id) = pick(a).id }\n",
    );
    const r = await dgen(["generate", schema, "--out", join(dir, "out"), "--rows", "a=0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DG7006]: 'pick(a)' has nothing to draw: table 'a' has no rows.");
  });
});
