/**
 * `--xlsx-sheets`: one workbook `<dataset>.xlsx` with a sheet per table, read back by exceljs: the
 * sheets are the tables in order, each with the cells of that table's own workbook from a plain
 * `--format xlsx` run; the manifest lists the workbook for every table; other formats refuse the flag.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, listFiles, repoRoot, tempDir } from "../helpers/cli.js";
import { manifestTables } from "../helpers/parquet.js";

const schema = join(repoRoot, "examples", "shop.dgen");
const dir = tempDir("xlsx-sheets");
const [book, apart] = [join(dir, "book"), join(dir, "apart")];
const small = ["--scale", "0.02", "--quiet", "--format", "xlsx"];

beforeAll(async () => {
  const runs = await Promise.all([
    dgen(["generate", schema, ...small, "--out", book, "--xlsx-sheets"]),
    dgen(["generate", schema, ...small, "--out", apart]),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 120_000);

async function sheets(path: string): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    out.set(ws.name, rows);
  });
  return out;
}

describe("--xlsx-sheets", () => {
  it("writes one workbook whose sheets are the tables, each as its own workbook has it", async () => {
    expect(listFiles(book).sort()).toEqual(["_manifest.json", "shop.xlsx"]);
    const tables = manifestTables(apart).map((t) => t.name);
    const got = await sheets(join(book, "shop.xlsx"));
    expect([...got.keys()]).toEqual(tables);
    for (const t of tables) {
      const want = (await sheets(join(apart, `${t}.xlsx`))).get(t);
      expect(got.get(t), t).toEqual(want);
      expect(got.get(t)!.length).toBe(manifestTables(apart).find((m) => m.name === t)!.rows + 1);
    }
    for (const t of manifestTables(book)) expect(t.files.map((f) => f.path)).toEqual(["shop.xlsx"]);
  });

  it("is refused with another format", async () => {
    const r = await dgen(["generate", schema, "--scale", "0.01", "--out", join(dir, "csv"), "--xlsx-sheets"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--xlsx-sheets");
  });
});
