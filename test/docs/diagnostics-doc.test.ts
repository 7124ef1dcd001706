/**
 * docs/diagnostics.md documents the catalog exactly: every code in `messages` has a `### DGxxxx`
 * heading, and every such heading is a code of the catalog (no stale or misspelt codes).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messages } from "../../diagnostics/messages.js";

const doc = readFileSync(new URL("../../docs/diagnostics.md", import.meta.url), "utf8");
const catalog = Object.values(messages).map((m) => m.code);
/** The `### DGxxxx` headings, in order (a heading line is exactly `### ` and the code). */
const headings = doc.split(/\r?\n/).flatMap((line) => {
  const m = /^###\s+(DG\d{4})\s*$/.exec(line);
  return m ? [m[1]] : [];
});

describe("docs/diagnostics.md", () => {
  it("the catalog has codes, each once", () => {
    expect(catalog.length).toBeGreaterThan(0);
    expect(catalog.filter((c, i) => catalog.indexOf(c) !== i)).toEqual([]);
  });

  it("has a '### <code>' heading for every code in the catalog", () => {
    expect(catalog.filter((code) => !headings.includes(code))).toEqual([]);
  });

  it("has no heading for a code that is not in the catalog", () => {
    expect(headings.filter((code) => !catalog.includes(code))).toEqual([]);
  });

  it("documents each code once", () => {
    expect(headings.filter((c, i) => headings.indexOf(c) !== i)).toEqual([]);
  });

  it("writes every DG heading exactly as '### DGxxxx'", () => {
    const loose = doc.split(/\r?\n/).filter((line) => /^#{1,6}\s*DG\d{4}\b/.test(line) && !/^### DG\d{4}$/.test(line));
    expect(loose).toEqual([]);
  });
});
