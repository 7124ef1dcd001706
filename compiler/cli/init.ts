/**
 * `dgen init [dir]`: a starter project — `schema.dgen` (two related tables that check and generate),
 * and `package.json` scripts to generate, check and compile it. It never replaces a file: an existing
 * `schema.dgen` stops it before anything is written (DG8060); an existing `package.json` is left as it
 * is and the scripts to add are printed instead.
 *
 *   dgen init my-data
 *   // created my-data/schema.dgen, my-data/package.json; then: cd my-data && npm run data
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { writeAtomic } from "./io.js";
import type { CommandResult } from "./result.js";

export const starterSchema = `// A starter schema: customers and their orders. \`dgen check schema.dgen\` checks it,
// \`dgen generate schema.dgen --out out\` writes out/customers.csv, out/orders.csv and a manifest.
dataset starter { seed: 1 epoch: 2025-01-01 }

enum Status { pending: 0.2, paid: 0.7, refunded: 0.1 }

table customers {
  rows: 100
  id        int       @pk = sequence(1)
  name      string    = faker.person.fullName()
  email     string    @unique @email = lower(\`user{id}@example.com\`)
  signup_at timestamp = between(2023-01-01, 2024-12-31)
}

table orders {
  rows: per customers poisson(2)
  id          int            @pk = sequence(1)
  customer_id int            @ref(customers.id) = parent.id
  placed_at   timestamp      = parent.signup_at + days(uniform(0, 90))
  status      Status
  amount      decimal(10, 2) @range(1, 1000) = round(uniform(1, 1000), 2)
}
`;

const scripts: Readonly<Record<string, string>> = {
  data: "dgen generate schema.dgen --out out",
  "data:check": "dgen check schema.dgen && dgen format --check schema.dgen",
  "data:types": "dgen compile schema.dgen -o generated",
};

const guide = (dir: string): string => `
Where things go:
  ${join(dir, "schema.dgen")}   the schema: edit it, then \`dgen check\` it (\`dgen format\` lays it out)
  ${join(dir, "out")}/          the data of \`npm run data\` (CSV files and _manifest.json; leave it out of git)
  ${join(dir, "generated")}/    the typed module of \`npm run data:types\` (commit it; \`dgen check\` in CI)
Next: cd ${dir} && npm run data
`;

export function initCommand(dir: string): CommandResult {
  const schema = join(dir, "schema.dgen");
  const pkg = join(dir, "package.json");
  if (existsSync(schema))
    return {
      exitCode: 2,
      diagnostics: [],
      runDiagnostics: [diag(messages.initWouldOverwrite, { start: 0, end: 0 }, [schema])],
    };
  const failed = writeAtomic(schema, starterSchema);
  if (failed) return { exitCode: 1, diagnostics: [], runDiagnostics: [failed] };
  let out = `created ${schema}\n`;
  if (existsSync(pkg)) {
    out += `${pkg} exists and is left as it is; add these scripts to it:\n`;
    out +=
      Object.entries(scripts)
        .map(([k, v]) => `  "${k}": "${v}"`)
        .join(",\n") + "\n";
  } else {
    const written = writeAtomic(pkg, `${JSON.stringify({ private: true, scripts }, null, 2)}\n`);
    if (written) return { exitCode: 1, diagnostics: [], runDiagnostics: [written], stdout: out };
    out += `created ${pkg} (scripts: ${Object.keys(scripts).join(", ")})\n`;
  }
  return { exitCode: 0, diagnostics: [], stdout: out + guide(dir) };
}
