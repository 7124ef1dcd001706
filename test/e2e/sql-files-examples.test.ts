/**
 * The v1 examples (shop, library, people, saas, sensors) at small scales as SQL files for every
 * dialect, loaded with each dialect's own client: see test/helpers/sql-suite.ts.
 */
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { sqlFileSuite } from "../helpers/sql-suite.js";

const examples = join(repoRoot, "examples");
const KEY = "0f".repeat(32); // DGEN_KEY for people's @encrypt column

for (const [name, insertInto, scale] of [
  ["shop", "products", "0.05"],
  ["library", "loans", "0.05"],
  ["people", "persons", "0.01"],
  ["saas", "accounts", "0.05"],
  ["sensors", "sensors", "0.02"],
] as const) {
  sqlFileSuite(name, {
    schema: join(examples, `${name}.dgen`),
    build: [],
    // SQL files load one file per table: sensors' per-day partitions are left out (partitions.test)
    run: ["--scale", scale, ...(name === "sensors" ? ["--partition", "none"] : [])],
    insertInto,
    env: { DGEN_KEY: KEY, DGEN_MASK_KEY: KEY },
  });
}
