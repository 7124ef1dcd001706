#!/usr/bin/env node
// Fallback for machines without /usr/bin/time: runs a Node script in this process and, at exit, writes
// process.resourceUsage().maxRSS (bytes; it includes worker threads, which share the process) to REPORT.
//
//   node bench/rss-wrapper.mjs REPORT [node flags are not supported] script.mjs args…
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [report, script, ...args] = process.argv.slice(2);
if (!report || !script) {
  console.error("usage: node bench/rss-wrapper.mjs REPORT script.mjs [args…]");
  process.exit(2);
}
if (script.startsWith("-")) {
  console.error("rss-wrapper: node flags (such as --cpu-prof) need /usr/bin/time");
  process.exit(2);
}
const path = resolve(script);
process.argv = [process.argv[0], path, ...args];
process.on("exit", () => {
  // resourceUsage().maxRSS is in kilobytes.
  writeFileSync(report, String(process.resourceUsage().maxRSS * 1024));
});
await import(pathToFileURL(path).href);
