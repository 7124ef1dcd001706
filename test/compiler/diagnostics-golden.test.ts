/**
 * Diagnostics goldens: every `test/cases/*.dgen` carries its expected diagnostics as trailing
 * comments (`// error[DG2003] 14:40 Unknown column ...`). `DGEN_UPDATE=1 npx vitest run` rewrites them;
 * review the diff like code.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSourceAsync } from "../../compiler/compile.js";
import { fileSystemHost } from "../../compiler/host.js";
import { lineCol } from "../../diagnostics/source.js";

const dir = join(import.meta.dirname, "../cases");
const marker = "// ---- expected diagnostics";

function split(text: string): { input: string; expected: string } {
  const at = text.indexOf(marker);
  return at < 0
    ? { input: text, expected: "" }
    : { input: text.slice(0, at), expected: text.slice(at + marker.length).trim() };
}

describe("diagnostics goldens", () => {
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".dgen"))
    .sort()) {
    it(name, async () => {
      const path = join(dir, name);
      const { input } = split(readFileSync(path, "utf8"));
      const file = { path: name, text: input };
      const result = await checkSourceAsync(file, fileSystemHost(path));
      const actual = result.diagnostics
        .map((d) => {
          const { line, column } = lineCol(file, d.span.start);
          return `// ${d.severity}[${d.code}] ${line}:${column} ${d.message}${d.help ? ` (help: ${d.help})` : ""}`;
        })
        .join("\n");
      if (process.env.DGEN_UPDATE) {
        writeFileSync(path, `${input.trimEnd()}\n\n${marker}\n${actual}\n`);
        return;
      }
      expect(actual, `expected diagnostics of ${name}`).toBe(split(readFileSync(path, "utf8")).expected);
      if (name.startsWith("ok-")) expect(result.diagnostics).toEqual([]);
      else expect(result.diagnostics.length).toBeGreaterThan(0);
    });
  }
});
