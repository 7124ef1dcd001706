/**
 * The truth file of a stream (`--truth FILE`): one JSON line per fault the stream applied, in order of
 * the events' sequence numbers, written whole under a temporary name and renamed when the stream ends
 * (also after Ctrl-C: then it covers the events streamed until the stop). A consumer that drops the
 * second copy of each `duplicate`, sorts by `seq` and adds the `drop`s back gets the stream as
 * `generate` would have written it.
 *
 *   {"seq":17,"table":"readings","index":4031,"fault":"drop"}
 *   {"seq":90,"table":"readings","index":18127,"fault":"delay","ms":5000}
 *   {"seq":95,"table":"readings","index":19135,"fault":"reorder","after":96}
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { messages } from "../../diagnostics/messages.js";
import { runtimeDiag } from "../generate-options.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { makeFolderSync } from "../writers/folder.js";
import { tempFileName } from "../writers/temp-names.js";
import type { TruthEntry } from "./delivery.js";

export function truthText(entries: readonly TruthEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  return sorted.map((e) => JSON.stringify(e) + "\n").join("");
}

/** Writes the truth file; a diagnostic when it cannot. */
export function writeTruth(path: string, entries: readonly TruthEntry[]): Diagnostic | undefined {
  const tmp = tempFileName(path);
  try {
    makeFolderSync(dirname(path));
    writeFileSync(tmp, truthText(entries));
    renameSync(tmp, path);
    return undefined;
  } catch (e) {
    rmSync(tmp, { force: true });
    const why = e instanceof Error ? e.message.replace(/\.$/, "") : String(e);
    return runtimeDiag(messages.streamTruthUnwritable, [path, why]);
  }
}
