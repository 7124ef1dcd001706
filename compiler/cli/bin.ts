/**
 * The `dgen` command line (commander). Commands return results; this file prints them and sets the
 * exit status: 0 success, 1 errors in the schema or the data, 2 wrong usage. Never a stack trace.
 */
// First: signals are handled from the first moment (see interrupt.ts).
import "./signals-first.js";
import { Command, CommanderError } from "commander";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { renderAll, renderJson } from "../../diagnostics/render.js";
import { dgenVersion } from "../version.js";
import { exampleHelp, generateHelp, streamHelp } from "./help.js";
import type { CommandResult } from "./result.js";

// Commands are loaded when they run: `check` never loads TypeScript, ts-morph, prettier or esbuild.

function print(result: CommandResult, format: string): void {
  if (result.stdout && format !== "json") process.stdout.write(result.stdout);
  // Diagnostics of a run (DG5/7/8 from the runtime) have no place in the schema: no caret for them.
  const run = result.runDiagnostics ?? [];
  if (format === "json") process.stdout.write(renderJson([...result.diagnostics, ...run], result.file));
  else {
    if (result.diagnostics.length > 0) process.stderr.write(renderAll(result.diagnostics, result.file));
    if (run.length > 0) process.stderr.write(renderAll(run, undefined));
  }
  process.exitCode = result.exitCode;
}

const nowhere = { start: 0, end: 0 };

function fail(d: Diagnostic, exitCode: 1 | 2): void {
  print({ exitCode, diagnostics: [], runDiagnostics: [d] }, "text");
}

/**
 * A reader that stops early (`dgen help | head -1`) closes the pipe: the rest of the output has no
 * reader, so the command ends quietly instead of with an unhandled EPIPE. A run that writes data to
 * stdout (`--out -`) has its own listener and reports it (runtime/writers/stdout-output.ts).
 */
function quietOnClosedPipe(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE" && process.stdout.listenerCount("error") === 1) process.exit(process.exitCode ?? 0);
  });
}

export async function cli(argv: readonly string[]): Promise<void> {
  quietOnClosedPipe();
  const program = new Command("dgen")
    .description("Compile .dgen schemas into typed TypeScript generators and deterministic test data.")
    .version(dgenVersion)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command("check")
    .addHelpText("after", exampleHelp("check"))
    .description("report every diagnostic of a schema, and every stale generated file given; exit 1 if any error")
    .argument("<schema>", "the .dgen file")
    .argument("[generated...]", "modules written by dgen compile or dgen fixtures: each must be what it writes now")
    .option("--format <format>", "text or json", "text")
    .option("--param <name=value>", "a schema parameter (repeatable)", collect, [])
    .action(async (schema: string, generated: string[], opts: { format: string; param: string[] }) => {
      if (opts.format !== "text" && opts.format !== "json")
        return usage("--format", `expected text or json, not '${opts.format}'`);
      const params = paramFlags(opts.param);
      if (!params) return;
      const path = await schemaArg(schema);
      if (path === undefined) return;
      const { checkCommand } = await import("./check.js");
      print(await checkCommand(path, params, generated), opts.format);
    });

  program
    .command("compile")
    .addHelpText("after", exampleHelp("compile"))
    .description("write the typed generator module <schema>.ts")
    .argument("<schema>", "the .dgen file")
    .option("-o, --out <dir>", "output folder", "generated")
    .option("--format <format>", "diagnostics as text or json", "text")
    .option("--param <name=value>", "a schema parameter (repeatable)", collect, [])
    .action(async (schema: string, opts: { out: string; format: string; param: string[] }) => {
      const params = paramFlags(opts.param);
      if (!params) return;
      const path = await schemaArg(schema);
      if (path === undefined) return;
      const { compileCommand } = await import("./compile.js");
      print(await compileCommand(path, opts.out, params), opts.format);
    });

  program
    .command("build")
    .addHelpText("after", exampleHelp("build"))
    .description("bundle the generator and the runtime into one .mjs that runs with node")
    .argument("<schema>", "the .dgen file")
    .option("-o, --out <file>", "the bundle's path (default: <schema>.mjs)")
    .option("--format <format>", "diagnostics as text or json", "text")
    .option("--param <name=value>", "a schema parameter, built into the bundle (repeatable)", collect, [])
    .action(async (schema: string, opts: { out?: string; format: string; param: string[] }) => {
      const params = paramFlags(opts.param);
      if (!params) return;
      const path = await schemaArg(schema);
      if (path === undefined) return;
      const { buildCommand } = await import("./build.js");
      print(await buildCommand(path, opts.out, params), opts.format);
    });

  program
    .command("generate")
    .description("compile, bundle and run: write the data (CSV, TSV, JSON, JSONL, …) or load it into a database")
    .argument("<schema>", "the .dgen file")
    .argument("[flags...]", "generate flags (below)")
    .allowUnknownOption()
    // The flags belong to the bundle's parser (runtime/args.ts): commander passes them through, and
    // `--help` anywhere (also in place of the schema) prints this command's help with them.
    .helpOption(false)
    .addHelpText("after", generateHelp())
    .action(async (schema: string, flags: string[], _opts: unknown, cmd: Command) => {
      if ([schema, ...flags].some((f) => f === "--help" || f === "-h")) return cmd.outputHelp();
      const path = await schemaArg(schema);
      if (path === undefined) return;
      const { generateCommand } = await import("./generate.js");
      print(await generateCommand(path, flags), "text");
    });

  program
    .command("fixtures")
    .addHelpText("after", exampleHelp("fixtures"))
    .description("write a TypeScript module of typed literal rows for tests; every key points at a fixture row")
    .argument("<schema>", "the .dgen file")
    .option("-o, --out <file>", "the module's path (- for stdout)", "fixtures.ts")
    .option("--rows <table=n>", "rows of a fixed-size table (repeatable)", collect, [])
    .option("--default-rows <n>", "rows of every other fixed-size table (at most its schema count)", "5")
    .option("--seed <n>", "the seed (default: the schema's)")
    .option("--tables <a,b>", "only these tables (with every table they read)")
    .option("--param <name=value>", "a schema parameter (repeatable)", collect, [])
    .action(
      async (
        schema: string,
        opts: { out: string; rows: string[]; defaultRows: string; seed?: string; tables?: string; param: string[] },
      ) => {
        const params = paramFlags(opts.param);
        if (!params) return;
        const rows: Record<string, number> = Object.create(null);
        for (const r of opts.rows) {
          const m = /^(.+)=([0-9]+)$/s.exec(r);
          if (!m || !Number.isSafeInteger(Number(m[2])))
            return usage("--rows", `expected TABLE=N with N a whole number, as in --rows customers=5, not '${r}'`);
          rows[m[1]!] = Number(m[2]);
        }
        const defaultRows = Number(opts.defaultRows);
        if (!/^[0-9]+$/.test(opts.defaultRows) || !Number.isSafeInteger(defaultRows))
          return usage("--default-rows", `expected a whole number, not '${opts.defaultRows}'`);
        if (opts.seed !== undefined && !/^-?[0-9]+$/.test(opts.seed))
          return usage("--seed", `expected a whole number, not '${opts.seed}'`);
        const tables = opts.tables?.split(",").map((t) => t.trim()).filter((t) => t !== "");
        const path = await schemaArg(schema);
        if (path === undefined) return;
        const { fixturesCommand } = await import("./fixtures.js");
        print(
          await fixturesCommand(path, opts.out, {
            rows,
            defaultRows,
            params,
            ...(opts.seed !== undefined ? { seed: BigInt(opts.seed).toString() } : {}),
            ...(tables !== undefined ? { tables } : {}),
          }),
          "text",
        );
      },
    );

  program
    .command("stream")
    .description("send the rows as JSON events, in event time, at a steady rate, to stdout, HTTP or a broker")
    .argument("<schema>", "the .dgen file")
    .argument("[flags...]", "stream flags (below)")
    .allowUnknownOption()
    .helpOption(false)
    .addHelpText("after", streamHelp())
    .action(async (schema: string, flags: string[], _opts: unknown, cmd: Command) => {
      if ([schema, ...flags].some((f) => f === "--help" || f === "-h")) return cmd.outputHelp();
      const path = await schemaArg(schema);
      if (path === undefined) return;
      const { streamCommand } = await import("./stream.js");
      print(await streamCommand(path, flags), "text");
    });

  program
    .command("decrypt")
    .addHelpText("after", exampleHelp("decrypt"))
    .description("decrypt the @encrypt columns of a generated folder (key from DGEN_KEY) into another folder")
    .argument("<dir>", "the output folder of a dgen generate run (holds _manifest.json)")
    .option("-o, --out <dir>", "where the clean files go (default: <dir>-decrypted)")
    .action(async (dir: string, opts: { out?: string }) => {
      const { decryptCommand } = await import("./decrypt.js");
      print(await decryptCommand(dir, opts.out), "text");
    });

  program
    .command("validate")
    .addHelpText("after", exampleHelp("validate"))
    .description("check data files (or a folder of them) against the schema's types, validators and keys")
    .argument("<schema>", "the .dgen file")
    .argument("<data>", "a .csv/.tsv/.json/.jsonl file (optionally .gz/.br) or a folder of them, one per table")
    .option("--format <format>", "the report as text or json", "text")
    .option("--limit <n>", "violations shown per table, column and rule (0: all)", "20")
    .option("--param <name=value>", "a schema parameter (repeatable)", collect, [])
    .option("--no-cache", "compile and bundle anew instead of using the compile cache")
    .action(
      async (
        schema: string,
        data: string,
        opts: { format: string; limit: string; param: string[]; cache: boolean },
      ) => {
        const params = paramFlags(opts.param);
        if (!params) return;
        if (opts.format !== "text" && opts.format !== "json")
          return usage("--format", `expected text or json, not '${opts.format}'`);
        if (!/^[0-9]+$/.test(opts.limit) || !Number.isSafeInteger(Number(opts.limit)))
          return usage("--limit", `expected a whole number of at least 0, not '${opts.limit}'`);
        const path = await schemaArg(schema);
        if (path === undefined) return;
        const { validateCommand } = await import("./validate.js");
        print(
          await validateCommand(path, data, {
            format: opts.format,
            limit: Number(opts.limit),
            params,
            noCache: !opts.cache,
          }),
          "text",
        );
      },
    );

  program
    .command("init")
    .addHelpText("after", exampleHelp("init"))
    .description("start a project: a starter schema.dgen and package.json scripts; never replaces a file")
    .argument("[dir]", "the folder (made if missing)", ".")
    .action(async (dir: string) => {
      const { initCommand } = await import("./init.js");
      print(initCommand(dir), "text");
    });

  program
    .command("new")
    .addHelpText("after", exampleHelp("new"))
    .description(
      "copy a ready, commented domain pack (ecommerce, market, sensors, weather, healthcare, banking, social, people) into a folder; never replaces a file",
    )
    .argument("<pack>", "the pack's name; `pack:<name>` in place of a schema runs the shipped one")
    .argument("[dir]", "the folder (made if missing)", ".")
    .action(async (pack: string, dir: string) => {
      const { newCommand } = await import("./new.js");
      print(newCommand(pack, dir), "text");
    });

  program
    .command("explain")
    .addHelpText("after", exampleHelp("explain"))
    .description("the plan: table order, row counts, how each key is unique, what each pick computes, correlations")
    .argument("<schema>", "the .dgen file")
    .option("--format <format>", "text or json", "text")
    .option("--param <name=value>", "a schema parameter (repeatable)", collect, [])
    .action(async (schema: string, opts: { format: string; param: string[] }) => {
      if (opts.format !== "text" && opts.format !== "json")
        return usage("--format", `expected text or json, not '${opts.format}'`);
      const params = paramFlags(opts.param);
      if (!params) return;
      const path = await schemaArg(schema);
      if (path === undefined) return;
      const { explainCommand } = await import("./explain.js");
      const r = await explainCommand(path, opts.format, params);
      // JSON of the plan on stdout; diagnostics as text on stderr either way.
      if (r.stdout) process.stdout.write(r.stdout);
      print({ ...r, stdout: undefined }, "text");
    });

  program
    .command("format")
    .addHelpText("after", exampleHelp("format"))
    .description("lay out .dgen files canonically, in place; --check only reports the files not formatted (exit 1)")
    .argument("<schemas...>", "the .dgen files")
    .option("--check", "write nothing; name each file not formatted and exit 1 if any (for CI)")
    .option("--stdout", "print the formatted text instead of writing it")
    .action(async (schemas: string[], opts: { check?: boolean; stdout?: boolean }) => {
      if (opts.check && opts.stdout) return usage("--stdout", "it cannot be given with --check");
      const { formatCommand } = await import("./format.js");
      const results = formatCommand(schemas, { check: opts.check === true, stdout: opts.stdout === true });
      for (const r of results) print(r, "text");
      process.exitCode = Math.max(0, ...results.map((r) => r.exitCode));
    });

  program
    .command("report")
    .addHelpText("after", exampleHelp("report"))
    .description("one self-contained HTML page: the data against the schema's distributions, shares, correlations, keys and rules")
    .argument("<schema>", "the .dgen file")
    .argument("<data>", "a .csv/.tsv/.json/.jsonl file (optionally .gz/.br) or a folder of them, as validate reads")
    .option("-o, --out <file>", "the page to write", "report.html")
    .option("--param <name=value>", "a schema parameter (repeatable)", collect, [])
    .option("--no-cache", "compile and bundle anew instead of using the compile cache")
    .action(async (schema: string, data: string, opts: { out: string; param: string[]; cache: boolean }) => {
      const params = paramFlags(opts.param);
      if (!params) return;
      const { reportCommand } = await import("./report.js");
      print(await reportCommand(schema, data, { out: opts.out, params, noCache: !opts.cache }), "text");
    });

  program
    .command("profile")
    .addHelpText("after", exampleHelp("profile"))
    .description("one self-contained HTML page about data without a schema: inferred types, nulls, distinct counts, outliers, anomalies")
    .argument("<data>", "a .csv/.tsv/.json/.jsonl file (optionally .gz/.br) or a folder of them")
    .option("-o, --out <file>", "the page to write", "profile.html")
    .action(async (data: string, opts: { out: string }) => {
      const { profileCommand } = await import("./profile.js");
      print(await profileCommand(data, { out: opts.out }), "text");
    });

  program
    .command("lsp")
    .addHelpText("after", exampleHelp("lsp"))
    .description("the language server for editors, over standard input and output (editors/vscode starts it)")
    .option("--stdio", "talk over standard input and output (the default and only transport)")
    // Language clients add flags of their own (--clientProcessId=N): accepted and left to the server.
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async () => {
      const { lspCommand } = await import("./lsp.js");
      await lspCommand();
    });

  program
    .command("import")
    .addHelpText("after", exampleHelp("import"))
    .description("write a .dgen schema from SQL DDL or a live database (postgresql://, mysql://, sqlite:path.db)")
    .argument("<source>", "a .sql file (with --dialect) or a database URL")
    .option("-o, --out <file>", "the .dgen file to write (default: standard output)")
    .option("--dialect <dialect>", "the SQL file's dialect: postgres, mysql or sqlite")
    .option("--rows <n>", "rows of a table whose live size is unknown or 0", "100")
    .option("--force", "replace the --out file if it exists")
    .action(async (source: string, opts: { out?: string; dialect?: string; rows: string; force?: boolean }) => {
      if (!/^[0-9]+$/.test(opts.rows) || Number(opts.rows) < 1 || !Number.isSafeInteger(Number(opts.rows)))
        return usage("--rows", `expected a whole number of at least 1, not '${opts.rows}'`);
      const { importCommand } = await import("./import.js");
      print(await importCommand(source, { ...opts, rows: Number(opts.rows), force: opts.force === true }), "text");
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    fail(diag(messages.internal, nowhere, [e instanceof Error ? e.message : String(e)]), 1);
  }
}

/** A schema argument: `pack:<name>` becomes the shipped pack's path (new.ts); undefined after DG5310. */
async function schemaArg(arg: string): Promise<string | undefined> {
  if (!arg.startsWith("pack:")) return arg;
  const { resolveSchemaArg } = await import("./new.js");
  const r = resolveSchemaArg(arg);
  if (r.ok) return r.path;
  fail(r.diagnostic, 2);
  return undefined;
}

/** Commander's collector for a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--param NAME=VALUE` flags as a record; undefined after a usage error. */
function paramFlags(flags: readonly string[]): Record<string, string> | undefined {
  const out: Record<string, string> = Object.create(null);
  for (const f of flags) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(f);
    if (!m) {
      usage("--param", `expected NAME=VALUE, as in --param sf=0.1, not '${f}'`);
      return undefined;
    }
    out[m[1]!] = m[2]!;
  }
  return out;
}

function usage(option: string, rule: string): void {
  fail(diag(messages.badOption, nowhere, [option, rule]), 2);
}
