/**
 * A PostgreSQL database as a load target (`--to postgresql://…`): node-postgres for statements and
 * pg-copy-streams for `COPY … FROM STDIN`, fed the COPY text that `pg-copy-sink.ts` writes for SQL
 * files, chunk by chunk with backpressure. Both are loaded only when a run asks for them.
 */
import type { Writable } from "node:stream";

interface Client {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  query<T>(stream: T): T;
  end(): Promise<void>;
  on(event: "error", f: (e: unknown) => void): void;
}

export interface PgCopy {
  write(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
  /** Ends the COPY with a failure (CopyFail), so the connection takes statements again. */
  abort(): Promise<void>;
}

export interface PgTarget {
  exists(table: string): Promise<boolean>;
  exec(sql: string): Promise<void>;
  /** A COPY of `sql` (`COPY "t" (…) FROM STDIN`): write chunks, then `end`. */
  copy(sql: string): Promise<PgCopy>;
  close(): Promise<void>;
}

export async function openPostgres(url: string, importModule: (name: string) => Promise<unknown>): Promise<PgTarget> {
  const pg = (await importModule("pg")) as { default?: { Client: unknown }; Client?: unknown };
  const copyStreams = (await importModule("pg-copy-streams")) as { from?: unknown; default?: { from: unknown } };
  const Client = (pg.default?.Client ?? pg.Client) as new (o: { connectionString: string; application_name: string }) => Client;
  const from = (copyStreams.from ?? copyStreams.default?.from) as (sql: string) => Writable;
  const client = new Client({ connectionString: url, application_name: "dgen" });
  let lost: unknown;
  client.on("error", (e) => (lost = e)); // a dropped connection: the next step fails with it
  await client.connect();
  const check = () => {
    if (lost !== undefined) throw lost;
  };
  return {
    exists: async (table) => {
      check();
      const r = await client.query("SELECT to_regclass($1) IS NOT NULL AS found", ['"' + table.replaceAll('"', '""') + '"']);
      return r.rows[0]?.found === true;
    },
    exec: async (sql) => {
      check();
      await client.query(sql);
    },
    copy: async (sql) => {
      check();
      const stream = client.query(from(sql));
      let failure: unknown;
      const done = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", (e) => {
          failure = e;
          reject(e);
        });
      });
      done.catch(() => {});
      return {
        write: async (bytes) => {
          if (failure !== undefined) throw failure;
          if (!stream.write(bytes))
            await new Promise<void>((resolve) => {
              const go = () => {
                stream.off("drain", go);
                stream.off("error", go);
                resolve();
              };
              stream.on("drain", go);
              stream.on("error", go);
            });
          if (failure !== undefined) throw failure;
        },
        end: async () => {
          stream.end();
          await done;
        },
        abort: async () => {
          if (failure === undefined) (stream as Writable).destroy(new Error("the load was stopped"));
          await done.catch(() => {});
        },
      };
    },
    close: async () => {
      await client.end().catch(() => {});
    },
  };
}
