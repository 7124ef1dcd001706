import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { RunError } from "../../runtime/generate-options.js";
import { FileOutput } from "../../runtime/writers/file-output.js";

const dir = mkdtempSync(join(tmpdir(), "dgen-file-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const payload = Buffer.from("id,name\n" + Array.from({ length: 50_000 }, (_, i) => `${i},name ${i % 97}\n`).join(""));

async function writeAll(path: string, compression: "none" | "gzip" | "brotli") {
  const f = await FileOutput.open(path, compression);
  for (let i = 0; i < payload.length; i += 65_536) await f.write(payload.subarray(i, i + 65_536));
  const written = await f.finish();
  await f.commit();
  return written;
}

describe("FileOutput", () => {
  it.each([
    ["none", (b: Buffer) => b],
    ["gzip", gunzipSync],
    ["brotli", brotliDecompressSync],
  ] as const)("writes %s, hashing the bytes on disk, deterministically", async (compression, decode) => {
    const a = join(dir, `a.${compression}`);
    const b = join(dir, `b.${compression}`);
    const wa = await writeAll(a, compression);
    const wb = await writeAll(b, compression);
    const onDisk = readFileSync(a);
    expect(decode(onDisk).equals(payload)).toBe(true);
    expect(wa.bytes).toBe(onDisk.length);
    expect(wa.sha256).toBe(createHash("sha256").update(onDisk).digest("hex"));
    expect(wb).toEqual(wa);
    if (compression === "gzip") expect(onDisk[9]).toBe(3);
  });

  it("abort removes the temporary file and leaves no final file", async () => {
    const path = join(dir, "aborted.csv");
    const f = await FileOutput.open(path, "gzip");
    await f.write(payload);
    expect(readdirSync(dir).some((n) => n.startsWith("aborted.csv.tmp-"))).toBe(true);
    await f.abort();
    expect(readdirSync(dir).filter((n) => n.startsWith("aborted"))).toEqual([]);
  });

  it("reports an unwritable folder as DG5009", async () => {
    const file = join(dir, "plain-file");
    writeFileSync(file, "x");
    const e = await FileOutput.open(join(file, "t.csv"), "none").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).diagnostic.code).toBe("DG5009");
    expect((e as RunError).diagnostic.message).toContain("t.csv");
  });
});
