/**
 * A MySQL or MariaDB database as a load target (`--to mysql://…`), through mysql2, which is loaded
 * only when a run asks for it. Statements are sent one at a time and awaited, so rows stream in with
 * backpressure and memory stays flat; the connection's thread id is kept so a second connection can
 * drop the tables of a failed load after this one was lost.
 *
 *   const db = await openMysql("mysql://root@127.0.0.1/shop", importModule);
 *   await db.exec("START TRANSACTION"); … await db.exec("COMMIT"); await db.close();
 */
import type { Readable } from "node:stream";

interface Connection {
  query(sql: string | { sql: string; infileStreamFactory?: () => Readable }, params?: unknown[]): Promise<[unknown, unknown]>;
  end(): Promise<void>;
  destroy(): void;
  on(event: "error", f: (e: unknown) => void): void;
}

export interface MysqlTarget {
  exists(table: string): Promise<boolean>;
  exec(sql: string): Promise<void>;
  /** The first column of each row of `sql`. */
  column(sql: string): Promise<unknown[]>;
  /** Whether the server takes `LOAD DATA LOCAL` (`local_infile`; mysql2 always offers it). */
  localInfile(): Promise<boolean>;
  /** Runs a `LOAD DATA LOCAL INFILE` that reads `rows`: the rows it took and the number of warnings. */
  loadData(sql: string, rows: () => Readable): Promise<{ affected: number; warnings: number }>;
  /** The warnings (and errors) of the last statement, `Level Code: Message` each; notes left out. */
  warnings(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openMysql(url: string, importModule: (name: string) => Promise<unknown>): Promise<MysqlTarget> {
  const mod = (await importModule("mysql2/promise")) as { default?: unknown; createConnection?: unknown };
  const create = ((mod as { createConnection?: unknown }).createConnection ??
    (mod.default as { createConnection: unknown }).createConnection) as (o: object) => Promise<Connection>;
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (database === "") throw new Error("the URL names no database (mysql://host/DATABASE)");
  const conn = await create({
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port === "" ? 3306 : Number(u.port),
    user: decodeURIComponent(u.username) || "root",
    password: decodeURIComponent(u.password),
    database,
    charset: "UTF8MB4_GENERAL_CI",
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  let lost: unknown;
  conn.on("error", (e) => (lost = e));
  const check = () => {
    if (lost !== undefined) throw lost;
  };
  return {
    exists: async (table) => {
      check();
      const [rows] = await conn.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
        [table],
      );
      return (rows as unknown[]).length > 0;
    },
    exec: async (sql) => {
      check();
      await conn.query(sql);
    },
    column: async (sql) => {
      check();
      const [rows] = await conn.query(sql);
      return (rows as Record<string, unknown>[]).map((r) => Object.values(r)[0]);
    },
    localInfile: async () => {
      check();
      const [rows] = await conn.query("SELECT @@GLOBAL.local_infile AS v");
      return String((rows as { v: unknown }[])[0]?.v) === "1";
    },
    loadData: async (sql, rows) => {
      check();
      const [r] = await conn.query({ sql, infileStreamFactory: rows });
      const h = r as { affectedRows: number; warningStatus: number };
      return { affected: h.affectedRows, warnings: h.warningStatus };
    },
    warnings: async () => {
      check();
      const [rows] = await conn.query("SHOW WARNINGS LIMIT 5");
      return (rows as { Level: string; Code: number; Message: string }[])
        .filter((w) => w.Level !== "Note")
        .map((w) => `${w.Level} ${w.Code}: ${w.Message}`);
    },
    close: async () => {
      await conn.end().catch(() => conn.destroy());
    },
  };
}
