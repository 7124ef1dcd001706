#!/usr/bin/env node
// `npm run bench:lsp`: how fast does `dgen lsp` answer on a 50-table schema once it has parsed it?
// Starts `node bin/dgen.mjs lsp` and talks to it with vscode-languageserver-protocol (as the tests do),
// opens a generated schema of 50 tables (10 columns each, parents, picks, enums, faker), waits for its
// first diagnostics, then times, request by request: hover on columns and references, completion
// after `parent.`, `faker.person.` and in an expression, and diagnostics after a one-character edit
// (didChange → publishDiagnostics of that version). The baseline is the round trip of a request with
// nothing to do (hover in a comment), measured in the same run. The goal (issue 12): answers within
// 100 ms after the first parse.
//
//   npm run bench:lsp                 200 hovers, 200 completions, 40 edits
//   npm run bench:lsp -- --n 50
import { spawn } from "node:child_process";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opt } = parseArgs({ options: { n: { type: "string", default: "200" } } });
const N = Math.max(10, Number.parseInt(opt.n, 10) || 200);
const TABLES = 50;

function schema() {
  const lines = [
    "// bench: 50 tables",
    "dataset bench { seed: 1 }",
    "enum Status { open: 0.5, held: 0.3, closed: 0.2 }",
    "",
  ];
  for (let i = 0; i < TABLES; i++) {
    const root = i % 5 === 0;
    lines.push(`table t${i} {`);
    lines.push(root ? "  rows: 1000" : `  rows: per t${i - 1} poisson(2)`);
    if (!root && i > 5) lines.push(`  let p = pick(t${i - (i % 5) - 5})`);
    lines.push("  id int @pk = sequence(1)");
    if (!root) lines.push(`  parent_id int @ref(t${i - 1}.id) = parent.id`);
    lines.push("  name string = faker.person.firstName()");
    lines.push("  email string = lower(`{name}.{id}@example.com`)");
    lines.push("  age int @range(18, 90) = clamp(round(normal(40, 12)), 18, 90)");
    lines.push("  score float = lognormal(1, 0.5)");
    lines.push("  status Status");
    lines.push("  created timestamp = between(2020-01-01, 2024-12-31)");
    lines.push("  note string? @null(20%) = faker.lorem.sentence()");
    lines.push(root ? "  level int = uniform(1, 5)" : "  level int = parent.level + 1");
    if (!root && i > 5) lines.push("  picked_age int = p.age");
    lines.push("}", "");
  }
  return lines.join("\n");
}

const text = schema();
const lineList = text.split("\n");
const positions = (needle, delta) =>
  lineList.flatMap((l, line) => (l.includes(needle) ? [{ line, character: l.indexOf(needle) + delta }] : []));

const child = spawn(process.execPath, [join(ROOT, "bin", "dgen.mjs"), "lsp", "--stdio"], {
  stdio: ["pipe", "pipe", "inherit"],
});
const connection = createProtocolConnection(
  new StreamMessageReader(child.stdout),
  new StreamMessageWriter(child.stdin),
);
const waiting = new Map();
connection.onNotification("textDocument/publishDiagnostics", (p) => {
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    w(p);
  }
});
connection.listen();
const uri = pathToFileURL(join(os.tmpdir(), "dgen-bench-lsp.dgen")).href;
const diagnosticsOf = (version) => new Promise((resolve) => waiting.set(version, resolve));

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

let t = process.hrtime.bigint();
await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
const startMs = ms(t);
await connection.sendNotification("initialized", {});
t = process.hrtime.bigint();
const first = diagnosticsOf(1);
await connection.sendNotification("textDocument/didOpen", {
  textDocument: { uri, languageId: "dgen", version: 1, text },
});
const opened = await first;
const firstMs = ms(t);
if (opened.diagnostics.some((d) => d.severity === 1))
  throw new Error(`the bench schema has errors: ${JSON.stringify(opened.diagnostics.slice(0, 3))}`);

async function timeRequests(method, list) {
  const out = [];
  for (let i = 0; i < N; i++) {
    const position = list[i % list.length];
    const t0 = process.hrtime.bigint();
    await connection.sendRequest(method, { textDocument: { uri }, position });
    out.push(ms(t0));
  }
  return out;
}

await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 4 } }); // the first parse
const hoverPositions = [
  ...positions("  age int", 3),
  ...positions("parent.id", 8),
  ...positions("p.age", 3),
  ...positions("score", 3),
];
const results = {
  "baseline (hover in a comment)": await timeRequests("textDocument/hover", [{ line: 0, character: 4 }]),
  "hover (column, parent.x, let.x)": await timeRequests("textDocument/hover", hoverPositions),
  "completion after parent.": await timeRequests("textDocument/completion", positions("parent.", 7)),
  "completion after faker.person.": await timeRequests("textDocument/completion", positions("faker.person.", 13)),
  "completion in an expression": await timeRequests("textDocument/completion", positions("= clamp", 2)),
  "definition (parent.x, @ref)": await timeRequests("textDocument/definition", [
    ...positions("parent.id", 8),
    ...positions("@ref(t", 6),
  ]),
};

// Edits: one character (0.5 ↔ 0.6 in a score), then at once a hover and a completion elsewhere (the
// check of the new text runs meanwhile), then the diagnostics of that version.
const edits = [];
const hoverAfter = [];
const completionAfter = [];
const scoreLines = positions("lognormal(1, 0.5)", 15);
const parentDots = positions("parent.", 7);
for (let v = 2; v < 2 + Math.max(10, Math.round(N / 5)); v++) {
  const at = scoreLines[v % scoreLines.length];
  const range = { start: at, end: { line: at.line, character: at.character + 1 } };
  const t0 = process.hrtime.bigint();
  const published = diagnosticsOf(v);
  await connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: v },
    contentChanges: [{ range, text: v % 2 === 0 ? "6" : "5" }],
  });
  let t1 = process.hrtime.bigint();
  await connection.sendRequest("textDocument/hover", {
    textDocument: { uri },
    position: hoverPositions[(v * 7) % hoverPositions.length],
  });
  hoverAfter.push(ms(t1));
  t1 = process.hrtime.bigint();
  await connection.sendRequest("textDocument/completion", {
    textDocument: { uri },
    position: parentDots[(v * 3) % parentDots.length],
  });
  completionAfter.push(ms(t1));
  await published;
  edits.push(ms(t0));
}
results["hover right after an edit"] = hoverAfter;
results["completion right after an edit"] = completionAfter;
results["diagnostics after an edit"] = edits;

await connection.sendRequest("shutdown");
await connection.sendNotification("exit");

const base = quantile(results["baseline (hover in a comment)"], 0.5);
console.log(
  `dgen bench:lsp — ${TABLES} tables, ${lineList.length} lines, ${(text.length / 1024).toFixed(1)} KiB; node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
);
console.log(
  `  initialize ${startMs.toFixed(0)} ms (loading the server); first diagnostics after didOpen ${firstMs.toFixed(0)} ms`,
);
console.log("");
console.log("| request | n | p50 ms | p95 ms | p50 / baseline |");
console.log("|---|---|---|---|---|");
for (const [name, xs] of Object.entries(results)) {
  const p50 = quantile(xs, 0.5);
  console.log(
    `| ${name} | ${xs.length} | ${p50.toFixed(2)} | ${quantile(xs, 0.95).toFixed(2)} | ${(p50 / base).toFixed(1)}× |`,
  );
}
