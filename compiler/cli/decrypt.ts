/**
 * `dgen decrypt DIR [--out DIR2]`: reads the manifest(s) of a `dgen generate` output folder, decrypts
 * the cells of every column tagged `encrypted` with `DGEN_KEY`, and writes each data file, clean,
 * under the same relative path in DIR2 (default: `DIR-decrypted` beside DIR), compressed as before —
 * byte for byte what the same run writes without `@encrypt` — plus the manifest (see
 * runtime/privacy/decrypt-manifest.ts). Files are written under temporary names and renamed only when
 * all of them are complete; the manifests come last. Every file is held to its manifest (row count,
 * size, SHA-256) and every cell to its row (the row index: the row's place in the file, plus, for a
 * shard, the rows of the shards before it, which the folder must hold).
 *
 *   $ DGEN_KEY=… dgen decrypt out/people
 *   persons.csv: 2000 rows, decrypted email, ssn
 *   wrote out/people-decrypted
 */
import { realpathSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import { RunError, runtimeDiag } from "../../runtime/generate-options.js";
import { type DecryptedFile, decryptFile } from "../../runtime/privacy/decrypt-file.js";
import {
  type CleanFile,
  cleanManifestText,
  MANIFEST_FILE,
  type ManifestFile,
  type ManifestTable,
  parseManifest,
  type ReadManifest,
} from "../../runtime/privacy/decrypt-manifest.js";
import { type EncryptionKeys, loadDecryptionKey } from "../../runtime/privacy/keys.js";
import { encode } from "../../runtime/writers/byte-buffer.js";
import { describeFsError, FileOutput } from "../../runtime/writers/file-output.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { renderAll } from "../../diagnostics/render.js";
import { exitFor, type CommandResult } from "./result.js";

export async function decryptCommand(
  dir: string,
  outOption: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  const out = outOption ?? defaultOut(dir);
  const opened: FileOutput[] = [];
  const stopOnSignal = () => {
    for (const f of opened) f.abortSync();
    process.stderr.write(renderAll([runtimeDiag(messages.interrupted, [])], undefined));
    process.exit(1);
  };
  process.on("SIGINT", stopOnSignal);
  process.on("SIGTERM", stopOnSignal);
  try {
    const manifests = await readManifests(dir);
    if (samePlace(dir, out)) return failed(runtimeDiag(messages.decryptIntoInput, [out]));
    const needsKey = manifests.some((m) => m.tables.some((t) => t.columns.some((c) => c.encrypted)));
    const keys = needsKey ? loadDecryptionKey(env) : undefined;
    const lines: string[] = [];
    const written: { manifest: ReadManifest; files: Map<string, CleanFile> }[] = [];
    for (const manifest of manifests) {
      const files = new Map<string, CleanFile>();
      for (const table of manifest.tables)
        for (const file of table.files) {
          const { path } = file;
          const firstRow = table.columns.some((c) => c.encrypted) ? firstRowOf(manifests, manifest, table.name) : 0;
          const r = await decryptOne(dir, out, manifest, table, file, firstRow, keys, opened);
          files.set(path, r);
          const names = table.columns.filter((c) => c.encrypted).map((c) => c.name);
          lines.push(
            names.length > 0
              ? `${path}: ${r.rows} rows, decrypted ${names.join(", ")}\n`
              : `${path}: copied (no encrypted column)\n`,
          );
        }
      written.push({ manifest, files });
    }
    for (const f of opened) await f.commit();
    opened.length = 0;
    for (const { manifest, files } of written) {
      const m = await FileOutput.open(join(out, manifest.name), "none");
      opened.push(m);
      await m.write(encode(cleanManifestText(manifest, files)));
      await m.finish();
      await m.commit();
      opened.length = 0;
    }
    return { exitCode: 0, diagnostics: [], stdout: `${lines.join("")}wrote ${out}\n` };
  } catch (e) {
    await Promise.all(opened.map((f) => f.abort()));
    if (e instanceof RunError) return failed(e.diagnostic);
    throw e;
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
  }
}

async function decryptOne(
  dir: string,
  out: string,
  manifest: ReadManifest,
  table: ManifestTable,
  file: ManifestFile,
  firstRow: number,
  keys: EncryptionKeys | undefined,
  opened: FileOutput[],
): Promise<DecryptedFile> {
  const { path } = file;
  const listed = {
    ...(table.rows !== undefined && table.files.length === 1 ? { rows: table.rows } : {}),
    ...(file.bytes !== undefined ? { bytes: file.bytes } : {}),
    ...(file.sha256 !== undefined ? { sha256: file.sha256 } : {}),
  };
  return decryptFile(
    {
      source: join(dir, path),
      target: join(out, path),
      file: join(dir, path),
      table: table.name,
      format: manifest.format,
      compression: manifest.compression,
      columns: table.columns,
      root: dir,
      firstRow,
      expected: listed,
    },
    keys,
    opened,
  );
}

/**
 * The table's row index of the first row a manifest's file holds: 0 for a whole run; for shard I, the
 * rows of the table in shards 1 … I−1, whose manifests must be in the folder (DG5083 otherwise).
 */
function firstRowOf(manifests: readonly ReadManifest[], manifest: ReadManifest, table: string): number {
  const shard = manifest.shard;
  if (shard === undefined) return 0;
  let first = 0;
  const missing: string[] = [];
  for (let index = 1; index < shard.index; index++) {
    const before = manifests.find((m) => m.shard?.index === index && m.shard.count === shard.count);
    const rows = before?.tables.find((t) => t.name === table)?.rows;
    if (rows === undefined) missing.push(`'_manifest.part-${String(index - 1).padStart(5, "0")}.json'`);
    else first += rows;
  }
  if (missing.length > 0)
    throw new RunError(
      runtimeDiag(
        messages.decryptShardMissing,
        [manifest.name, table, `the manifest${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`],
        "decrypt a shard in a folder that holds every shard before it (their manifests and files)",
      ),
    );
  return first;
}

/** The folder's manifests (`_manifest.json`, and the shards' `_manifest.part-NNNNN.json`), sorted. */
async function readManifests(dir: string): Promise<ReadManifest[]> {
  const notOutput = (reason: string) => new RunError(runtimeDiag(messages.notDgenOutput, [dir, reason]));
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw notOutput("it is not a folder");
    names = (await readdir(dir)).filter((n) => MANIFEST_FILE.test(n)).sort();
  } catch (e) {
    if (e instanceof RunError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw notOutput(code === "ENOENT" ? "it does not exist" : code ? describeFsError(code, e) : String(e));
  }
  if (names.length === 0) throw notOutput("it has no '_manifest.json'");
  const manifests: ReadManifest[] = [];
  for (const name of names) {
    let text: string;
    try {
      if (!inside(dir, join(dir, name)))
        throw new RunError(runtimeDiag(messages.decryptOutsideFolder, [join(dir, name), dir]));
      text = await readFile(join(dir, name), "utf8");
    } catch (e) {
      if (e instanceof RunError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new RunError(
        runtimeDiag(messages.fileUnreadable, [join(dir, name), code ? describeFsError(code, e) : String(e)]),
      );
    }
    manifests.push(parseManifest(text, join(dir, name)));
  }
  return manifests.map((m, i) => ({ ...m, name: names[i]! }));
}

/** `out/people` → `out/people-decrypted`; `.` or `..` → the absolute folder's name + `-decrypted`. */
function defaultOut(dir: string): string {
  const trimmed = dir.replace(/[\\/]+$/, "");
  const last = basename(trimmed);
  return last === "" || last === "." || last === ".." ? `${resolve(dir)}-decrypted` : `${trimmed}-decrypted`;
}

/** Whether `path`, links followed, is inside the folder `dir` (a missing path counts as inside: reading it fails). */
function inside(dir: string, path: string): boolean {
  try {
    const rel = relative(realpathSync(dir), realpathSync(path));
    return rel !== "" && rel.split(sep)[0] !== ".." && !isAbsolute(rel);
  } catch {
    return true;
  }
}

/** Whether two folder names are one folder (by real path when `b` exists). */
function samePlace(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function failed(d: Diagnostic): CommandResult {
  return { exitCode: exitFor([d]), diagnostics: [], runDiagnostics: [d] };
}
