/**
 * Imported first by every bundle's entry (compiler/bundle/bundle.ts), so that a bundle run by `node`
 * handles Ctrl-C and SIGTERM while its own code is still loading (a schema of hundreds of tables
 * takes a while): see process-entry.ts. In a bundle, `import.meta.url` is the bundle's own file.
 */
import { isMainThread } from "node:worker_threads";
import { handleSignals, isProcessEntry } from "./process-entry.js";

if (isMainThread && isProcessEntry(import.meta.url)) handleSignals();
