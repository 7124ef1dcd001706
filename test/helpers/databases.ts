/**
 * The database servers of the tests (PostgreSQL 15 at 127.0.0.1:5432, user postgres, trust; MariaDB
 * at 127.0.0.1:3306, root, empty password) and the sqlite3 shell, driven through their own clients
 * (`psql`, `mariadb`, `sqlite3`), never through dgen's code. Each test makes its own throw-away
 * database with a unique name and drops it.
 *
 * Without a server the tests that need it are skipped, and say so loudly on stderr; with `CI=true`
 * a server that does not answer fails the test run instead (`.ci/run` starts the servers first).
 *
 *   const pg = await server("postgres");      // false when skipped
 *   const db = await pgCreate();  … await pgDrop(db);
 */
import { randomBytes } from "node:crypto";
import { runProcess, type Ran } from "./cli.js";

export type Server = "postgres" | "mariadb";

const PG = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-X", "-q"];
const MARIADB = ["-h", "127.0.0.1", "-P", "3306", "-u", "root", "--default-character-set=utf8mb4"];

async function answers(server: Server): Promise<Ran | undefined> {
  try {
    return server === "postgres"
      ? await runProcess("psql", [...PG, "-d", "postgres", "-Atc", "select 1"], { timeoutMs: 10_000 })
      : await runProcess("mariadb", [...MARIADB, "-N", "-e", "select 1"], { timeoutMs: 10_000 });
  } catch {
    return undefined; // the client is not installed
  }
}

/** Whether `server` answers; otherwise a loud skip notice, or under `CI=true` an error. */
export async function server(name: Server): Promise<boolean> {
  const r = await answers(name);
  if (r !== undefined && r.code === 0) return true;
  const why = r === undefined ? "its client is not installed" : `it does not answer: ${r.stderr.trim()}`;
  const text = `${name} at 127.0.0.1 is needed by these tests, but ${why}`;
  if (process.env.CI === "true") throw new Error(`${text} (CI=true: a server that does not answer is a failure)`);
  process.stderr.write(`\n*** SKIPPED: ${text}. Start it (see .ci/run) to run them. ***\n\n`);
  return false;
}

/** Whether the sqlite3 shell is installed (a loud skip notice if not; an error under CI=true). */
export async function sqliteShell(): Promise<boolean> {
  const r = await runProcess("sqlite3", ["-version"]).catch(() => undefined);
  if (r?.code === 0) return true;
  const text = "the sqlite3 shell is needed by these tests, but it is not installed";
  if (process.env.CI === "true") throw new Error(text);
  process.stderr.write(`\n*** SKIPPED: ${text}. ***\n\n`);
  return false;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

async function ok(r: Promise<Ran>): Promise<Ran> {
  const ran = await r;
  if (ran.code !== 0) throw new Error(`exit ${ran.code}: ${ran.stderr}`);
  return ran;
}

export async function pgCreate(): Promise<string> {
  const db = uniqueName("dgen_test");
  await ok(runProcess("psql", [...PG, "-d", "postgres", "-c", `CREATE DATABASE ${db}`]));
  return db;
}

export async function pgDrop(db: string): Promise<void> {
  await runProcess("psql", [...PG, "-d", "postgres", "-c", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`]);
}

/** `psql` on a database: extra arguments, a working folder. */
export function psql(db: string, args: readonly string[], cwd?: string): Promise<Ran> {
  return runProcess("psql", [...PG, "-d", db, ...args], cwd ? { cwd } : {});
}

/** One query's rows, each the text of its one column (`-At`). */
export async function pgLines(db: string, sql: string): Promise<string[]> {
  const r = await ok(psql(db, ["-At", "-c", sql]));
  return r.stdout === "" ? [] : r.stdout.replace(/\n$/, "").split("\n");
}

export async function mariadbCreate(): Promise<string> {
  const db = uniqueName("dgen_test");
  await ok(runProcess("mariadb", [...MARIADB, "-e", `CREATE DATABASE ${db} CHARACTER SET utf8mb4`]));
  return db;
}

export async function mariadbDrop(db: string): Promise<void> {
  await runProcess("mariadb", [...MARIADB, "-e", `DROP DATABASE IF EXISTS ${db}`]);
}

/** The `mariadb` client on a database, from `cwd`, with `stdin` (a file name in `cwd`) as its input. */
export function mariadb(db: string, args: readonly string[], cwd?: string, stdin?: string): Promise<Ran> {
  const redirect = stdin === undefined ? "" : ` < "${stdin}"`;
  return runProcess("sh", ["-c", `exec mariadb "$@"${redirect}`, "mariadb", ...MARIADB, db, ...args], cwd ? { cwd } : {});
}

/** `sqlite3 <path> < <stdin>` from `cwd`, as the docs tell a user to load SQL files. */
export function sqliteLoad(path: string, cwd: string, stdin: string): Promise<Ran> {
  return runProcess("sh", ["-c", `exec sqlite3 "$1" < "${stdin}"`, "sqlite3", path], { cwd });
}

export async function mariadbLines(db: string, sql: string): Promise<string[]> {
  const r = await ok(mariadb(db, ["-N", "-B", "-r", "-e", sql]));
  return r.stdout === "" ? [] : r.stdout.replace(/\n$/, "").split("\n");
}

export async function sqliteLines(path: string, sql: string): Promise<string[]> {
  const r = await ok(runProcess("sqlite3", ["-batch", "-bail", path, sql]));
  return r.stdout === "" ? [] : r.stdout.replace(/\n$/, "").split("\n");
}
