/**
 * A full disk mid-run: a real 1 MiB tmpfs (needs root and mount; skipped where neither is allowed).
 * dgen must say which file did not fit, exit 1, print no stack trace, and leave no file under a final
 * name — only the folder it created.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dgen, listFiles, shopSchema, stackLines } from "../helpers/cli.js";

const mountPoint = mkdtempSync(join(tmpdir(), "dgen-full-"));
let mounted = false;
try {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint], { stdio: "ignore" });
  mounted = true;
} catch {
  mounted = false;
}

afterAll(() => {
  if (mounted) execFileSync("umount", [mountPoint], { stdio: "ignore" });
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)("a full disk", () => {
  it("is DG5010 naming the file, exit 1, and leaves no partial file", async () => {
    const out = join(mountPoint, "out");
    const r = await dgen(["generate", shopSchema, "--out", out, "--quiet"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[DG5010\]: The disk is full while writing '.*\.csv'/);
    expect(stackLines(r.stderr)).toEqual([]);
    expect(listFiles(out)).toEqual([]);
  });
});
