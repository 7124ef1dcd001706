/**
 * The specification's examples (copies in test/fixtures/spec): shop compiles with no diagnostic;
 * people and sensors are answered only with "not supported yet" (DG6001) for the constructs of later
 * issues, each at its span. The copies must match the shared originals when those are present.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../compiler/compile.js";
import { fileSystemHost } from "../../compiler/host.js";
import { lineCol } from "../../compiler/source.js";

const dir = fileURLToPath(new URL("../fixtures/spec", import.meta.url));
const shared = fileURLToPath(new URL("../../../shared/spec/examples", import.meta.url));

function check(name: string) {
  const path = join(dir, name);
  const file = { path, text: readFileSync(path, "utf8") };
  return { file, result: checkSource(file, fileSystemHost(path)) };
}

describe("the specification's examples", () => {
  it("shop.dgen and the bench table have no diagnostics", () => {
    expect(check("shop.dgen").result.diagnostics).toEqual([]);
    expect(check("users.dgen").result.diagnostics).toEqual([]);
  });

  it("people.dgen: only DG6001 for @pii, @mask, @noise, @encrypt and correlate", () => {
    const { file, result } = check("people.dgen");
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set(["DG6001"]));
    const texts = result.diagnostics.map((d) => file.text.slice(d.span.start, d.span.end));
    for (const construct of ["@pii", "@mask(partial)", "@noise(typo: 2%)", "@encrypt"])
      expect(texts).toContain(construct);
    expect(texts.some((t) => t.startsWith("correlate age, income, credit_score"))).toBe(true);
  });

  it("sensors.dgen: only DG6001 for every, tick, the series terms, parquet and partition", () => {
    const { file, result } = check("sensors.dgen");
    expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set(["DG6001"]));
    const texts = result.diagnostics.map((d) => file.text.slice(d.span.start, d.span.end));
    expect(texts).toEqual(expect.arrayContaining(["tick", "seasonal", "trend", "walk", "parquet"]));
    expect(texts.some((t) => t.startsWith("every 5m"))).toBe(true);
    expect(texts.some((t) => t.startsWith("partition:"))).toBe(true);
    expect(result.diagnostics.every((d) => lineCol(file, d.span.start).line > 1)).toBe(true);
  });

  it.skipIf(!existsSync(shared))("the copies match the shared specification", () => {
    for (const name of ["shop.dgen", "people.dgen", "sensors.dgen", "data/places.csv", "data/categories.csv"])
      expect(readFileSync(join(dir, name), "utf8"), name).toBe(readFileSync(join(shared, name), "utf8"));
  });
});
