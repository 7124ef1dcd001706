import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * `npm test` runs the suite in two groups (DGEN_TEST_GROUP): `parallel`, two files at a time (most
 * tests wait on a dgen child process, so one file at a time left a core idle), then `serial`, one
 * file at a time: the tests that share state outside their temporary folders — the database servers
 * (one MariaDB test switches `local_infile` off server-wide), the brokers (restarted mid-stream), a
 * stream's pacing, signals and full disks timed against a run. Without the variable (`npm run
 * test:unit`, `npx vitest run FILE`) every file is included, one at a time.
 */
const SERIAL = [
  "test/e2e/db-*.test.ts",
  "test/e2e/sql-*.test.ts",
  "test/e2e/import-*.test.ts",
  "test/e2e/tpch.test.ts",
  "test/e2e/stream-*.test.ts",
  "test/e2e/s3.test.ts",
  "test/behaviour/commit-protocol.test.ts",
  "test/behaviour/output-safety.test.ts",
  "test/behaviour/full-disk.test.ts",
  "test/behaviour/validate-limits.test.ts",
];
const group = process.env["DGEN_TEST_GROUP"];
const ALL = ["test/**/*.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "dgen/runtime": fileURLToPath(new URL("./runtime/index.ts", import.meta.url)),
      "dgen/faker-locales": fileURLToPath(new URL("./runtime/faker/locales.ts", import.meta.url)),
    },
  },
  test: {
    include: group === "serial" ? SERIAL : ALL,
    exclude: group === "parallel" ? ["**/node_modules/**", ...SERIAL] : ["**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: group === "parallel" ? 2 : 1 } },
  },
});
