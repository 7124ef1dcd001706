/**
 * The v2 examples (company, TPC-H at sf 0.01) as SQL files for every dialect, loaded with each
 * dialect's own client: see test/helpers/sql-suite.ts.
 */
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { sqlFileSuite } from "../helpers/sql-suite.js";

const examples = join(repoRoot, "examples");

sqlFileSuite("company", {
  schema: join(examples, "company.dgen"),
  build: ["--param", "staff=150"],
  run: [],
  insertInto: "projects",
  direct: true,
});

sqlFileSuite("tpch", {
  schema: join(examples, "tpch.dgen"),
  build: ["--param", "sf=0.01"],
  run: [],
  insertInto: "supplier",
});
