#!/usr/bin/env node
// Fallback for machines without /usr/bin/time: runs a Node script in this process and, at exit, writes
// {"rss": process.resourceUsage().maxRSS in bytes, "cpuMs": user + system CPU} to REPORT (worker threads
// share the process, so they are included).
//
//   node [--node-flags] bench/rss-wrapper.mjs REPORT script.mjs args…
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [report, script, ...args] = process.argv.slice(2);
if (!report || !script) {
  console.error("usage: node bench/rss-wrapper.mjs REPORT script.mjs [args…]");
  process.exit(2);
}
const path = resolve(script);
process.argv = [process.argv[0], path, ...args];
process.on("exit", () => {
  // resourceUsage().maxRSS is in kilobytes.
  const u = process.resourceUsage();
  writeFileSync(report, JSON.stringify({ rss: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
await import(pathToFileURL(path).href);
