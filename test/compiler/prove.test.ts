/**
 * Validators proven at compile time are not checked while generating (they stay in validate()):
 * an @email built from lowered names and constant domains, a @range over a clamp inside it.
 * Anything the proof cannot see stays checked.
 */
import { describe, expect, it } from "vitest";
import { checkSource } from "../../compiler/compile.js";
import type { CompilerHost } from "../../compiler/check/context.js";

const host: CompilerHost = { rootDir: "/nowhere/", realPath: () => undefined, readFile: () => undefined, fileSize: () => undefined };

function checked(columns: string): Record<string, string[]> {
  const text = `dataset d { seed: 1 }\ntable t {\n  rows: 10\n  id int @pk = sequence(1)\n${columns}\n}\n`;
  const r = checkSource({ path: "t.dgen", text }, host);
  expect(r.diagnostics).toEqual([]);
  return Object.fromEntries(r.plan!.tables[0]!.columns.map((c) => [c.name, c.checked.map((v) => v.kind)]));
}

describe("validators proven at compile time", () => {
  it("an e-mail of lowered names, fixed text and constant domains", () => {
    const c = checked(`  first string = faker.person.firstName()
  last string = faker.person.lastName()
  a string @email = lower(\`{first}.{last}@\`) + one_of("example.com", "mail.net")
  b string @email = lower(\`{first}.{id}@example.com\`)`);
    expect(c.a).toEqual([]);
    expect(c.b).toEqual([]);
  });

  it("stays checked when the proof cannot see it", () => {
    const c = checked(`  first string = faker.person.firstName()
  spaced string @email = lower(\`{first} {first}@example.com\`)
  twoAts string @email = lower(\`{first}@x@example.com\`)
  badDomain string @email = lower(\`{first}@\`) + one_of("example.com", "no_underscores.com")
  reassigned string @email = \`{first}@example.com\`
  fromFaker string @email = faker.internet.email()
  when id == 3 then reassigned = "x"`);
    expect(c.spaced).toEqual(["email"]);
    expect(c.twoAts).toEqual(["email"]);
    expect(c.badDomain).toEqual(["email"]);
    expect(c.reassigned).toEqual(["email"]);
    expect(c.fromFaker).toEqual(["email"]);
  });

  it("a range over a clamp inside it, but not one that reaches outside", () => {
    const c = checked(`  a int @range(0, 100) = clamp(round(normal(50, 30)), 0, 100)
  b int @range(0, 100) = clamp(round(normal(50, 30)), 0, 101)`);
    expect(c.a).toEqual([]);
    expect(c.b).toEqual(["range"]);
  });
});
