/**
 * A table's `geo:` line (v2 §16), the geometry of its GeoJSON features: `point(lon_col, lat_col)` with
 * two number columns (longitude first, as RFC 7946 orders coordinates), or `line(col)` with an array
 * column of `[lon, lat]` pairs. Checked against the table's finished columns; problems are DG5130.
 *
 *   geo: point(lon, lat)   // { geo: { kind: "point", lon: "lon", lat: "lat" } }
 */
import type * as A from "../ast/nodes.js";
import { type Diagnostic, reporter } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { ColumnPlan, GeoPlan } from "../ir/ir.js";

const NUMBER_KINDS = ["int", "bigint", "float", "decimal"];

export function geoOf(
  line: A.Setting | undefined,
  table: string,
  columns: readonly ColumnPlan[],
  diagnostics: Diagnostic[],
): { geo?: GeoPlan } {
  if (line === undefined) return {};
  const err = reporter(diagnostics);
  const bad = (span: A.Span, reason: string, help?: string) =>
    err(messages.badGeo, span, [table, reason], help ? { help } : {});
  const v = line.value;
  const form = v.kind === "Call" && v.callee.kind === "Ident" ? v.callee.name : undefined;
  if (v.kind !== "Call" || (form !== "point" && form !== "line")) {
    bad(v.span, "expected point(lon_column, lat_column) or line(column)");
    return {};
  }
  const want = form === "point" ? 2 : 1;
  const names: string[] = [];
  for (const a of v.args) {
    if (a.name !== undefined || a.value.kind !== "Ident") {
      bad(a.span, `the arguments of ${form}() are column names`);
      return {};
    }
    names.push(a.value.name);
  }
  if (names.length !== want) {
    bad(v.span, form === "point" ? "point() takes two columns, longitude then latitude" : "line() takes one column");
    return {};
  }
  const visible = columns.filter((c) => !c.hidden);
  for (const [i, n] of names.entries()) {
    const c = visible.find((x) => x.name === n);
    const span = v.args[i]!.span;
    if (c === undefined) {
      const help = didYouMean(n, visible.map((x) => x.name));
      bad(span, `'${n}' is not a column of the table`, help);
      return {};
    }
    if (form === "point" && !NUMBER_KINDS.includes(c.type.kind)) {
      bad(span, `column '${n}' is ${c.typeText}; a coordinate is a number (int, float or decimal)`);
      return {};
    }
    if (form === "line" && !c.typeText.replace(/\?$/, "").endsWith("[]")) {
      bad(span, `column '${n}' is ${c.typeText}; a line is an array of [lon, lat] pairs`);
      return {};
    }
  }
  return { geo: form === "point" ? { kind: "point", lon: names[0]!, lat: names[1]! } : { kind: "line", column: names[0]! } };
}
