/**
 * A SQLite database as a load target (`--to sqlite:path.db`), through better-sqlite3, which is loaded
 * only when a run asks for it (so a bundle without it still runs everything else).
 *
 *   const db = await openSqlite("out/shop.db", importModule);
 *   db.begin(); db.exec("CREATE TABLE …"); db.commit(); db.close();
 */

interface Database {
  exec(sql: string): unknown;
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
  readonly inTransaction: boolean;
}

export interface SqliteTarget {
  exists(table: string): boolean;
  exec(sql: string): void;
  begin(): void;
  commit(): void;
  /** Undoes everything since `begin` (a no-op when no transaction is open). */
  rollback(): void;
  close(): void;
}

export async function openSqlite(path: string, importModule: (name: string) => Promise<unknown>): Promise<SqliteTarget> {
  const mod = (await importModule("better-sqlite3")) as { default?: unknown };
  const Ctor = (mod.default ?? mod) as new (path: string) => Database;
  const db = new Ctor(path);
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  return {
    exists: (table) => has.get(table) !== undefined,
    exec: (sql) => void db.exec(sql),
    begin: () => {
      // Foreign keys are checked at the commit, so cycles load in any order.
      db.exec("PRAGMA foreign_keys = ON; BEGIN; PRAGMA defer_foreign_keys = ON;");
    },
    commit: () => void db.exec("COMMIT"),
    rollback: () => {
      if (db.inTransaction) db.exec("ROLLBACK");
    },
    close: () => db.close(),
  };
}
