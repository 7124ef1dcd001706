/**
 * `dgen stream schema.dgen --rate 500/s [--count N | --duration 10m] [--tables …] --to TARGET`: the
 * schema's rows as JSON events, in event time, paced, to stdout, an HTTP endpoint or a broker. It gets
 * the bundle exactly as `dgen generate` does (bundled.ts) and streams its `program` with
 * runtime/events/, so every event's `data` is the row `generate --format jsonl` writes for the same
 * seed. The ticks of time-series tables (their first instant and step) come from the schema's plan.
 *
 *   dgen stream examples/sensors.dgen --rate 500/s --count 1000 --to stdout
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import { parseArgs } from "../../runtime/args.js";
import type { Program } from "../../runtime/contract.js";
import { runtimeDiag } from "../../runtime/generate-options.js";
import {
  faultSharesProblem,
  type FaultShares,
  NO_FAULTS,
  parseCount,
  parseDelay,
  parseDuration,
  parseRate,
  parseShare,
  type StreamOptions,
} from "../../runtime/events/event-options.js";
import type { SeriesTicks } from "../../runtime/events/event-run.js";
import { targetKind } from "../../runtime/events/targets/open-target.js";
import { STREAM_USAGE } from "../../runtime/events/event-usage.js";
import { safeUrl } from "../../runtime/db/url-text.js";
import { withBundle } from "./bundled.js";
import { readingHost } from "./inputs.js";
import { exitFor, type CommandResult } from "./result.js";


const OWN_WITH_VALUE = ["--to", "--rate", "--count", "--duration", "--event-time", "--drop", "--duplicate", "--delay", "--reorder", "--truth", "--give-up"];
const PASSED_WITH_VALUE = ["--seed", "--rows", "--scale", "--tables", "--param"];
const OWN_FLAGS = ["--quiet", "--no-cache", "--help", "-h"];
const GENERATE_ONLY = [
  "--out",
  "--format",
  "--dialect",
  "--if-exists",
  "--manifest",
  "--null-as",
  "--no-header",
  "--delimiter",
  "--compression",
  "--workers",
  "--shard",
  "--partition",
  "--xlsx-sheets",
  "--csv-safe",
];

interface Parsed {
  readonly options?: StreamOptions;
  readonly params: Readonly<Record<string, string>>;
  readonly noCache: boolean;
  readonly help: boolean;
  readonly diagnostics: Diagnostic[];
}

/** The command line of `dgen stream` after the schema. */
export function parseStreamArgs(argv: readonly string[]): Parsed {
  const diagnostics: Diagnostic[] = [];
  const bad = (option: string, rule: string, help?: string) =>
    diagnostics.push(runtimeDiag(messages.streamBadOption, [option, rule], help));
  const passed: string[] = [];
  const own: Record<string, string[]> = Object.create(null);
  let noCache = false;
  let help = false;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (OWN_FLAGS.includes(name)) {
      if (eq > 0) bad(name, "it takes no value");
      else if (name === "--quiet") quiet = true;
      else if (name === "--no-cache") noCache = true;
      else help = true;
      continue;
    }
    if (GENERATE_ONLY.includes(name)) {
      diagnostics.push(runtimeDiag(messages.streamNotAFlag, [name]));
      if (eq < 0 && i + 1 < argv.length && !argv[i + 1]!.startsWith("--") && !["--no-header", "--xlsx-sheets", "--csv-safe"].includes(name)) i++;
      continue;
    }
    const known = [...OWN_WITH_VALUE, ...PASSED_WITH_VALUE];
    if (!known.includes(name)) {
      if (name.startsWith("-")) bad(`option '${name}'`, "no such option", didYouMean(name, [...known, ...OWN_FLAGS]));
      else bad(`argument '${arg}'`, "dgen stream takes one schema and options (see --help)");
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) value = argv[++i];
    if (value === undefined) {
      bad(name, "it needs a value");
      continue;
    }
    if (PASSED_WITH_VALUE.includes(name)) passed.push(name, value);
    else (own[name] ??= []).push(value);
  }
  const generate = parseArgs(passed);
  diagnostics.push(...generate.diagnostics);
  const { params, ...generateOptions } = generate.options;
  const result = { params: params ?? {}, noCache, help, diagnostics };
  if (help) return result;

  const one = (name: string): string | undefined => {
    const values = own[name];
    if (values !== undefined && values.length > 1) bad(name, "it is given more than once");
    return values?.[0];
  };
  const to = one("--to");
  if (to === undefined) bad("--to", "it is needed: stdout, or a URL of an HTTP endpoint or a broker");
  else {
    const kind = targetKind(to);
    if (typeof kind !== "string") diagnostics.push(runtimeDiag(messages.streamBadTarget, [safeUrl(to), kind.problem]));
  }
  const rateText = one("--rate");
  let rate: number | "max" | undefined;
  if (rateText === undefined) bad("--rate", "it is needed: events a second as N/s, or max");
  else {
    const r = parseRate(rateText);
    if (typeof r === "string" && r !== "max") bad(`--rate '${rateText}'`, r);
    else rate = r;
  }
  const value = <T,>(name: string, parse: (t: string) => T | string): T | undefined => {
    const text = one(name);
    if (text === undefined) return undefined;
    const v = parse(text);
    if (typeof v === "string") {
      bad(`${name} '${text}'`, v);
      return undefined;
    }
    return v;
  };
  const count = value("--count", parseCount);
  const durationMs = value("--duration", parseDuration);
  const drop = value("--drop", parseShare);
  const duplicate = value("--duplicate", parseShare);
  const delay = value("--delay", parseDelay);
  const reorder = value("--reorder", parseShare);
  const giveUpMs = value("--give-up", parseDuration);
  const truth = one("--truth");
  if (truth === "") bad("--truth", "expected a file name");
  const eventTime: Record<string, string> = Object.create(null);
  for (const text of own["--event-time"] ?? []) {
    const m = /^([^.]+)\.([^.]+)$/.exec(text);
    if (m === null) diagnostics.push(runtimeDiag(messages.streamBadEventTime, [text, "expected TABLE.COLUMN, as in orders.placed_at"]));
    else if (eventTime[m[1]!] !== undefined)
      diagnostics.push(runtimeDiag(messages.streamBadEventTime, [text, `table '${m[1]}' has an event time already`]));
    else eventTime[m[1]!] = m[2]!;
  }
  const faults: FaultShares = {
    ...NO_FAULTS,
    ...(drop !== undefined ? { drop } : {}),
    ...(duplicate !== undefined ? { duplicate } : {}),
    ...(delay !== undefined ? { delay: delay.share, delayMs: delay.ms } : {}),
    ...(reorder !== undefined ? { reorder } : {}),
  };
  const shares = faultSharesProblem(faults);
  if (shares !== undefined) bad("--drop/--duplicate/--delay/--reorder", shares);
  if (diagnostics.length > 0 || to === undefined || rate === undefined) return result;
  const options: StreamOptions = {
    rate,
    to,
    eventTime,
    faults,
    generate: generateOptions,
    progress: !quiet,
    ...(count !== undefined ? { count } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(truth !== undefined ? { truth } : {}),
    ...(giveUpMs !== undefined ? { giveUpMs } : {}),
  };
  return { ...result, options };
}

export async function streamCommand(schemaPath: string, argv: readonly string[]): Promise<CommandResult> {
  const parsed = parseStreamArgs(argv);
  if (parsed.help) return { exitCode: 0, diagnostics: [], stdout: `Usage: dgen stream <schema.dgen> [flags]\n\n${STREAM_USAGE}` };
  if (parsed.options === undefined)
    return { exitCode: exitFor(parsed.diagnostics) || 2, diagnostics: [], runDiagnostics: parsed.diagnostics };
  const options = parsed.options;
  return withBundle<{ program: Program }>(
    schemaPath,
    parsed.params,
    async (mod, built) => {
      const series = await seriesTicks(schemaPath, mod.program, parsed.params);
      const { streamEvents } = await import("../../runtime/events/event-run.js");
      const r = await streamEvents(mod.program, options, { series });
      const toStdout = targetKind(options.to) === "stdout";
      const rate = r.seconds > 0 ? Math.round(r.events / r.seconds) : 0;
      const summary =
        r.ok && !toStdout
          ? `${r.events} events, ${r.acknowledged} messages acknowledged by ${safeUrl(options.to)} in ${r.seconds.toFixed(1)} s (${rate} events/s)\n`
          : undefined;
      return {
        exitCode: exitFor([...built.diagnostics, ...r.diagnostics]),
        diagnostics: built.diagnostics,
        runDiagnostics: r.diagnostics,
        ...(built.file ? { file: built.file } : {}),
        ...(summary ? { stdout: summary } : {}),
      };
    },
    { noCache: parsed.noCache },
  );
}

/**
 * The first tick and step of each time-series table, read from the schema's plan: the compiled
 * program numbers a series' rows but does not carry its times. Checked again here (no emit, no
 * esbuild), only when the program has such a table.
 */
async function seriesTicks(
  schemaPath: string,
  program: Program,
  params: Readonly<Record<string, string>>,
): Promise<Map<string, SeriesTicks>> {
  const ticks = new Map<string, SeriesTicks>();
  if (!program.tables.some((t) => t.seriesLength !== undefined)) return ticks;
  // The checker alone (compile.ts would also load the emitter).
  const { parseSchema } = await import("../parse.js");
  const { preloadWorkbooks } = await import("../check/workbooks.js");
  const { checkSchema } = await import("../check/check-schema.js");
  const { readSchema } = await import("./io.js");
  const loaded = readSchema(schemaPath);
  if (!loaded.ok) return ticks;
  const parsed = parseSchema(loaded.file);
  const host = await preloadWorkbooks(parsed.ast, readingHost(schemaPath).host);
  const checked = checkSchema(parsed.ast, loaded.file, host, "", params);
  for (const t of checked.plan?.tables ?? [])
    if (t.rows.kind === "every") ticks.set(t.name, { fromMs: t.rows.fromMs, stepMs: t.rows.stepMs });
  return ticks;
}
