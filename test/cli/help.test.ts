/**
 * Issue 12 item 5: every command's help lists its flags and an example; `dgen generate --help` (no
 * schema) and `dgen help generate` print generate's flags instead of DG5011.
 */
import { describe, expect, it } from "vitest";
import { dgen } from "../helpers/cli.js";

const commands = [
  "check",
  "compile",
  "build",
  "generate",
  "decrypt",
  "validate",
  "init",
  "new",
  "format",
  "explain",
  "fixtures",
  "report",
  "profile",
  "stream",
  "lsp",
];

describe("dgen help", () => {
  it("dgen generate --help without a schema prints the generate flags", async () => {
    const r = await dgen(["generate", "--help"]);
    expect(r.stderr).not.toContain("DG5011");
    expect(r.code).toBe(0);
    for (const flag of ["--out DIR", "--format F", "--rows TABLE=N", "--seed N", "--shard I/N", "--no-cache"])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/Example:\n {2}dgen generate \S+\.dgen/);
  });

  it("dgen help generate shows the same flags", async () => {
    const [a, b] = await Promise.all([dgen(["help", "generate"]), dgen(["generate", "-h"])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("--rows TABLE=N");
    expect(a.stdout).toBe(b.stdout);
  });

  it.each(commands)("dgen %s --help lists its options and an example", async (command) => {
    const [r, viaHelp] = await Promise.all([dgen([command, "--help"]), dgen(["help", command])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: dgen ${command}`);
    expect(r.stdout).toMatch(new RegExp(`Example:\\n {2}(DGEN_KEY=\\S+ )?dgen ${command} `));
    expect(r.stdout).toMatch(/--[a-z]/);
    expect(viaHelp.stdout).toBe(r.stdout);
  });
});
