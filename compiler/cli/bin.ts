/**
 * The `dgen` command line (commander). Commands return results; this file prints them and sets the
 * exit status: 0 success, 1 errors in the schema or the data, 2 wrong usage. Never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { renderAll, renderJson } from "../diagnostics/render.js";
import { dgenVersion } from "../version.js";
import type { CommandResult } from "./result.js";

// Commands are loaded when they run: `check` never loads TypeScript, ts-morph, prettier or esbuild.

function print(result: CommandResult, format: string): void {
  if (result.stdout && format !== "json") process.stdout.write(result.stdout);
  if (format === "json") process.stdout.write(renderJson(result.diagnostics, result.file));
  else if (result.diagnostics.length > 0) process.stderr.write(renderAll(result.diagnostics, result.file));
  process.exitCode = result.exitCode;
}

export async function cli(argv: readonly string[]): Promise<void> {
  const program = new Command("dgen")
    .description("Compile .dgen schemas into typed TypeScript generators and deterministic test data.")
    .version(dgenVersion)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command("check")
    .description("report every diagnostic of a schema; exit 1 if any error")
    .argument("<schema>", "the .dgen file")
    .option("--format <format>", "text or json", "text")
    .action(async (schema: string, opts: { format: string }) => {
      if (opts.format !== "text" && opts.format !== "json") return usage(`--format must be text or json, not '${opts.format}'`);
      const { checkCommand } = await import("./check.js");
      print(checkCommand(schema), opts.format);
    });

  program
    .command("compile")
    .description("write the typed generator module <schema>.ts")
    .argument("<schema>", "the .dgen file")
    .option("-o, --out <dir>", "output folder", "generated")
    .option("--format <format>", "diagnostics as text or json", "text")
    .action(async (schema: string, opts: { out: string; format: string }) => {
      const { compileCommand } = await import("./compile.js");
      print(await compileCommand(schema, opts.out), opts.format);
    });

  program
    .command("build")
    .description("bundle the generator and the runtime into one .mjs that runs with node")
    .argument("<schema>", "the .dgen file")
    .option("-o, --out <file>", "the bundle's path (default: <schema>.mjs)")
    .option("--format <format>", "diagnostics as text or json", "text")
    .action(async (schema: string, opts: { out?: string; format: string }) => {
      const { buildCommand } = await import("./build.js");
      print(await buildCommand(schema, opts.out), opts.format);
    });

  program
    .command("generate")
    .description("generate the data (flags: --out --format --compression --seed --rows --scale --tables --workers --shard --quiet; see --help)")
    .argument("<schema>", "the .dgen file")
    .argument("[flags...]", "generate flags")
    .allowUnknownOption()
    .helpOption(false)
    .action(async (schema: string, flags: string[]) => {
      const { generateCommand } = await import("./generate.js");
      print(await generateCommand(schema, flags), "text");
    });

  for (const later of ["validate", "decrypt"])
    program
      .command(later, { hidden: true })
      .allowUnknownOption()
      .argument("[args...]")
      .action(() => {
        process.stderr.write(`error[DG6001]: 'dgen ${later}' is not supported yet.\n`);
        process.exitCode = 1;
      });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`error[DG9001]: Internal error: ${e instanceof Error ? e.message : String(e)}. Please file an issue with the schema that caused it.\n`);
    process.exitCode = 1;
  }
}

function usage(message: string): void {
  process.stderr.write(`error[DG8001]: ${message}.\n`);
  process.exitCode = 2;
}
