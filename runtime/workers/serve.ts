/**
 * The worker side: configure the program as the main thread did, then turn chunk requests into bytes.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Program, TableProgram } from "../contract.js";
import { ByteBuffer } from "../writers/byte-buffer.js";
import { type SinkFactory, tableSinkFactory } from "../writers/sinks.js";
import { errorDiagnostic, generateChunk } from "./chunk.js";
import type { ChunkReply, ChunkRequest, WorkerInit } from "./protocol.js";
import type { CellOut } from "../noise/column-out.js";
import { TruthLog } from "../noise/truth.js";
import { loadGivenKeys } from "../noise/write-keys.js";
import { zstdReady } from "../writers/zstd.js";

export function serveWorker(program: Program): void {
  const parent = parentPort;
  if (parent === null) return;
  const port = parent; // non-null inside `serve` too
  const init = workerData as WorkerInit;
  let broken: Diagnostic | undefined;
  let cells: CellOut | undefined;
  try {
    program.configure(init.settings);
    const keys = loadGivenKeys(init.keys ?? {});
    cells = init.truth ? { truth: new TruthLog(), keys } : { keys };
  } catch (e) {
    broken = errorDiagnostic(e, program.tables[0]?.name ?? "", 0);
  }
  const tables = new Map<string, { table: TableProgram; factory: SinkFactory }>();
  const out = new ByteBuffer();
  // Parquet's zstd pages need the WebAssembly loaded first; messages wait for it, in order.
  const ready = init.codec === "zstd" ? zstdReady() : Promise.resolve();
  port.on("message", (req: ChunkRequest) => void ready.then(() => serve(req), () => serve(req)));
  function serve(req: ChunkRequest): void {
    let reply: ChunkReply;
    try {
      if (broken) throw broken;
      let entry = tables.get(req.table);
      if (entry === undefined) {
        const table = program.tables.find((t) => t.name === req.table)!;
        entry = {
          table,
          factory: tableSinkFactory(init.format, table, {
            ...(init.dialect !== undefined ? { dialect: init.dialect } : {}),
            ...(init.csv !== undefined ? { csv: init.csv } : {}),
            ...(init.codec !== undefined ? { codec: init.codec } : {}),
            ...(init.csvSafe !== undefined ? { csvSafe: init.csvSafe } : {}),
          }),
        };
        tables.set(req.table, entry);
      }
      const partition = init.partition?.table === req.table ? init.partition : undefined;
      const { bytes, truth, meta, parts } = generateChunk(
        entry.table,
        entry.factory,
        out,
        req.from,
        req.to,
        req.startsFile,
        cells,
        partition,
      );
      const transfer = [
        bytes.buffer as ArrayBuffer,
        ...(truth ? [truth.buffer as ArrayBuffer] : []),
        ...(parts ?? []).map((p) => p.bytes.buffer as ArrayBuffer),
      ];
      const extra = { ...(meta !== undefined ? { meta } : {}), ...(parts !== undefined ? { parts } : {}) };
      port.postMessage(
        { id: req.id, bytes, ...(truth ? { truth } : {}), ...extra } satisfies ChunkReply,
        transfer,
      );
      return;
    } catch (e) {
      const d = e === broken ? broken! : errorDiagnostic(e, req.table, req.from);
      reply = { id: req.id, diagnostic: d };
    }
    port.postMessage(reply);
  }
}
