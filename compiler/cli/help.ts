/**
 * The text after each command's `--help` (and `dgen help <command>`): an example for every command,
 * and for `generate` the flags of runtime/args.ts (the bundle's parser, so both lists are one list).
 *
 *   dgen help generate   // Usage: dgen generate [options] <schema> [flags...] … Flags: --out DIR … Example: …
 */
import { USAGE } from "../../runtime/args.js";
import { STREAM_USAGE } from "../../runtime/events/event-usage.js";

const examples: Readonly<Record<string, string>> = {
  check: "dgen check examples/shop.dgen generated/shop.ts test/fixtures.ts   # also: stale generated files",
  compile: "dgen compile examples/shop.dgen -o generated/",
  build: "dgen build examples/shop.dgen -o shop.mjs && node shop.mjs --out data --rows customers=1000",
  generate: "dgen generate examples/shop.dgen --out data --format jsonl --seed 7 --scale 0.1",
  decrypt: "DGEN_KEY=… dgen decrypt data -o data-clean",
  validate: "dgen validate examples/shop.dgen data --limit 5",
  init: "dgen init my-data && dgen generate my-data/schema.dgen --out my-data/out",
  format: "dgen format examples/shop.dgen        # or: dgen format --check examples/*.dgen",
  explain: "dgen explain examples/shop.dgen --format json",
  fixtures: "dgen fixtures examples/shop.dgen --rows customers=3 --rows products=4 -o test/fixtures.ts",
  new: "dgen new market my-data && dgen generate my-data/market.dgen --out out   # or: dgen generate pack:market --out out",
  report: "dgen report examples/shop.dgen data -o report.html",
  profile: "dgen profile data -o profile.html",
  lsp: "dgen lsp --stdio      # started by an editor, which talks LSP over stdin and stdout",
  stream: "dgen stream examples/sensors.dgen --rate 500/s --duration 10m --to nats://127.0.0.1:4222",
  import: "dgen import schema.sql --dialect postgres -o shop.dgen   # or: dgen import postgresql://user@host/db -o shop.dgen",
};

/** "Example:" text for `command`'s help. */
export function exampleHelp(command: string): string {
  const example = examples[command];
  return example === undefined ? "" : `\nExample:\n  ${example}\n`;
}

/** The flags of `dgen generate` (runtime/args.ts's USAGE without its first line) and its example. */
export function generateHelp(): string {
  const flags = USAGE.split("\n").slice(2).join("\n");
  return (
    "\nFlags (parsed as the bundle parses them, so `node <schema>.mjs` takes the same ones):\n" +
    flags +
    "  --no-cache          compile and bundle anew instead of using the compile cache\n" +
    exampleHelp("generate")
  );
}

/** The flags of `dgen stream` and its example. */
export function streamHelp(): string {
  return `\n${STREAM_USAGE}${exampleHelp("stream")}`;
}
