/**
 * `dgen decrypt DIR [--out DIR2]`: reads the manifest(s) of a `dgen generate` output folder, decrypts
 * the cells of every column tagged `encrypted` with `DGEN_KEY`, and writes each data file, clean,
 * under the same relative path in DIR2 (default: `DIR-decrypted` beside DIR), compressed as before —
 * byte for byte what the same run writes without `@encrypt` — plus the manifest (see
 * runtime/privacy/decrypt-manifest.ts). Files are written under temporary names and renamed only when
 * all of them are complete; the manifests come last.
 *
 *   $ DGEN_KEY=… dgen decrypt out/people
 *   persons.csv: 2000 rows, decrypted email, ssn
 *   wrote out/people-decrypted
 */
import { realpathSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { RunError, runtimeDiag } from "../../runtime/generate-options.js";
import { type DecryptedFile, decryptFile } from "../../runtime/privacy/decrypt-file.js";
import {
  type CleanFile,
  cleanManifestText,
  MANIFEST_FILE,
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
        for (const path of table.files) {
          const r = await decryptOne(dir, out, manifest, table, path, keys, opened);
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
  table: ReadManifest["tables"][number],
  path: string,
  keys: EncryptionKeys | undefined,
  opened: FileOutput[],
): Promise<DecryptedFile> {
  return decryptFile(
    {
      source: join(dir, path),
      target: join(out, path),
      file: join(dir, path),
      table: table.name,
      format: manifest.format,
      compression: manifest.compression,
      columns: table.columns,
    },
    keys,
    opened,
  );
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
      text = await readFile(join(dir, name), "utf8");
    } catch (e) {
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
