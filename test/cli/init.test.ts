/**
 * `dgen init` (issue 12 item 3): a starter schema that checks, is formatted and generates; package.json
 * scripts; and never a replaced file (DG8060, an existing package.json left as it is).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dgen, tempDir } from "../helpers/cli.js";

const root = tempDir("init");

describe("dgen init", () => {
  it("writes a starter schema that checks, is formatted and generates, and package.json scripts", async () => {
    const dir = join(root, "fresh");
    const r = await dgen(["init", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Where things go");
    const schema = join(dir, "schema.dgen");
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["data"]).toBe("dgen generate schema.dgen --out out");
    const [check, format, gen] = await Promise.all([
      dgen(["check", schema]),
      dgen(["format", "--check", schema]),
      dgen(["generate", schema, "--out", join(dir, "out"), "--quiet", "--no-cache"]),
    ]);
    expect(check.code).toBe(0);
    expect(format.code).toBe(0);
    expect(gen.code).toBe(0);
    expect(readFileSync(join(dir, "out", "orders.csv"), "utf8").split("\n")[0]).toContain("customer_id");
  }, 60_000);

  it("refuses to replace an existing schema.dgen (DG8060) and writes nothing", async () => {
    const dir = join(root, "taken");
    mkdirSync(dir);
    writeFileSync(join(dir, "schema.dgen"), "mine");
    const r = await dgen(["init", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[DG8060]");
    expect(readFileSync(join(dir, "schema.dgen"), "utf8")).toBe("mine");
    expect(existsSync(join(dir, "package.json"))).toBe(false);
  });

  it("leaves an existing package.json as it is and prints the scripts to add", async () => {
    const dir = join(root, "project");
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), '{ "name": "mine" }\n');
    const r = await dgen(["init", dir]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "package.json"), "utf8")).toBe('{ "name": "mine" }\n');
    expect(r.stdout).toContain('"data": "dgen generate schema.dgen --out out"');
    expect(existsSync(join(dir, "schema.dgen"))).toBe(true);
  });
});
