/**
 * The specification's examples (copies in test/fixtures/spec): shop and people compile with no
 * diagnostic; sensors compiles (its output is Parquet, partitioned by day) without one.
 * The copies must match the shared originals when those are present.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../compiler/compile.js";
import { fileSystemHost } from "../../compiler/host.js";
import { lineCol } from "../../diagnostics/source.js";

const dir = fileURLToPath(new URL("../fixtures/spec", import.meta.url));
const dirV2 = fileURLToPath(new URL("../fixtures/spec-v2", import.meta.url));
const shared = fileURLToPath(new URL("../../../shared/spec/examples", import.meta.url));
const sharedV2 = fileURLToPath(new URL("../../../shared/spec/examples-v2", import.meta.url));
const v2Files = [
  "tpch.dgen",
  "company.dgen",
  "data/departments.csv",
  ...["adjectives", "adverbs", "auxiliaries", "colors", "nouns", "prepositions", "terminators", "verbs"].map(
    (w) => `data/tpch/${w}.csv`,
  ),
];

function check(name: string, from = dir) {
  const path = join(from, name);
  const file = { path, text: readFileSync(path, "utf8") };
  return { file, result: checkSource(file, fileSystemHost(path)) };
}

describe("the specification's examples", () => {
  it("shop.dgen and the bench table have no diagnostics", () => {
    expect(check("shop.dgen").result.diagnostics).toEqual([]);
    expect(check("users.dgen").result.diagnostics).toEqual([]);
  });

  it("people.dgen (noise, privacy, correlate) has no diagnostics", () => {
    const { result } = check("people.dgen");
    expect(result.diagnostics).toEqual([]);
    const persons = result.plan!.tables.find((t) => t.name === "persons")!;
    const col = (name: string) => persons.columns.find((c) => c.name === name)!;
    expect(col("last_name").noise).toEqual({ typo: 0.02, missing: 0, format: 0, outlier: 0 });
    expect(col("phone").noise).toEqual({ typo: 0, missing: 0, format: 0.05, outlier: 0 });
    expect(col("ssn").privacy).toEqual({ pii: true, mask: "partial", encrypt: false });
    expect(col("card_number").privacy).toEqual({ pii: false, encrypt: true });
  });

  it("sensors.dgen compiles without a diagnostic, its partition: kept for the runtime", () => {
    const { result } = check("sensors.dgen");
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.output.partition).toBe("readings by day(at)");
  });

  it("tpch.dgen and company.dgen (v2, with its sql output) have no diagnostics", () => {
    expect(check("tpch.dgen", dirV2).result.diagnostics).toEqual([]);
    const company = check("company.dgen", dirV2).result;
    expect(company.plan).toBeDefined();
    expect(company.diagnostics.map((d) => [d.code, d.severity])).toEqual([]);
  });

  it.skipIf(!existsSync(sharedV2))("the v2 copies match the shared specification", () => {
    for (const name of v2Files)
      expect(readFileSync(join(dirV2, name), "utf8"), name).toBe(readFileSync(join(sharedV2, name), "utf8"));
  });

  it.skipIf(!existsSync(shared))("the copies match the shared specification", () => {
    for (const name of ["shop.dgen", "people.dgen", "sensors.dgen", "data/places.csv", "data/categories.csv"])
      expect(readFileSync(join(dir, name), "utf8"), name).toBe(readFileSync(join(shared, name), "utf8"));
  });
});
