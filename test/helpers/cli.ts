/**
 * Drive dgen the way a user does: spawn `node bin/dgen.mjs ...`, a built bundle, or `tsc`, and
 * collect the exit status and both streams. Nothing here imports the compiler or the runtime.
 *
 *   const r = await dgen(["generate", "examples/shop.dgen", "--out", dir, "--scale", "0.05"]);
 *   expect(r.code).toBe(0);
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** The checkout's root folder (holds bin/, dist/, examples/). */
export const repoRoot: string = fileURLToPath(new URL("../../", import.meta.url)).replace(/[\\/]$/, "");

export const shopSchema: string = join(repoRoot, "examples", "shop.dgen");

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Kill the child after this many ms (default 60 000). */
  readonly timeoutMs?: number;
}

/** Runs a program (no shell) and resolves with its exit status and output; never rejects on exit status. */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** `dgen <args>` through the installed command (`bin/dgen.mjs`, which runs dist/). */
export function dgen(args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return runProcess(process.execPath, [join(repoRoot, "bin", "dgen.mjs"), ...args], options);
}

/** `node <script> <args>`: runs a bundle written by `dgen build`. */
export function node(script: string, args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return runProcess(process.execPath, [script, ...args], options);
}

/** The checkout's TypeScript compiler (what `npx tsc` runs). */
export function tsc(args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return runProcess(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), ...args], options);
}

/** A fresh folder under the OS temp folder, removed after the test file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dgen-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, recursively, as sorted paths relative to `dir` with `/` separators. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(/[\\/]/).join("/"))
    .sort();
}

/** The lines of a stack trace (`    at f (file:1:2)`), which a user must never see. */
export function stackLines(text: string): string[] {
  return text.split("\n").filter((l) => /^\s+at\s/.test(l));
}

/**
 * Waits until process `pid` has used `seconds` of CPU (Linux: utime + stime of /proc/PID/stat, in
 * ticks of 1/100 s). dgen catches SIGINT once its first module has run, which takes a fraction of
 * that; waiting on the process's own work rather than the wall clock keeps a busy machine from
 * sending the signal before the handler is there.
 */
export async function usedCpu(pid: number, seconds: number): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 20) {
    let stat = "";
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return; // exited, or no /proc: the caller's expectations will say what happened
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if ((Number(fields[11]) + Number(fields[12])) / 100 >= seconds) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
