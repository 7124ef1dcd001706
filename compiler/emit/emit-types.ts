/**
 * The public types of an emitted module: enum unions and one interface per table with exact
 * nullability (§2, §11), and the exported names of each table's functions.
 */
import type { Plan, Type } from "../ir/ir.js";
import { NameTable, camel, jsString, pascal, propKey, singular } from "./names.js";

export interface PublicNames {
  iface(table: string): string;
  row(table: string): string;
  iter(table: string): string;
  validate(table: string): string;
  enumType(name: string): string;
}

export function publicNames(plan: Plan): PublicNames {
  const names = new NameTable();
  const enums = new Map<string, string>();
  for (const e of plan.enums) enums.set(e.name, names.take(pascal(e.name) || e.name, "Enum"));
  const tables = new Map<string, { iface: string; row: string; iter: string; validate: string }>();
  for (const t of plan.tables) {
    const one = singular(t.name);
    const iface = names.take(pascal(one) || "Row", "Row");
    const iter = names.take(camel(t.name) || t.name, "Rows");
    const row = names.take(camel(one) === iter ? `${camel(one)}Row` : camel(one), "Row");
    const validate = names.take(`validate${iface}`, "Row");
    tables.set(t.name, { iface, row, iter, validate });
  }
  const get = (t: string) => tables.get(t)!;
  return {
    iface: (t) => get(t).iface,
    row: (t) => get(t).row,
    iter: (t) => get(t).iter,
    validate: (t) => get(t).validate,
    enumType: (e) => enums.get(e)!,
  };
}

/** The public TypeScript type of a column value. */
export function publicTs(t: Type, nullable: boolean, pub: PublicNames): string {
  const base = (() => {
    switch (t.kind) {
      case "int":
      case "float":
        return "number";
      case "bigint":
        return "bigint";
      case "bool":
        return "boolean";
      case "enum":
        return pub.enumType(t.name);
      case "json":
        return `{ ${t.fields.map((f) => `${propKey(f.name)}: ${jsonFieldTs(f.type, f.nullable, pub)}`).join("; ")} }`;
      case "bytes":
        return "Uint8Array";
      case "array":
        // Elements are held as they are written: numbers, booleans, and text for the rest.
        if (t.element.kind === "bigint") return "(number | string)[]";
        return `${t.element.kind === "decimal" ? "number" : publicTs(t.element, false, pub)}[]`;
      default:
        return "string";
    }
  })();
  return nullable ? `${base} | null` : base;
}

function jsonFieldTs(t: Type, nullable: boolean, pub: PublicNames): string {
  if (t.kind === "decimal" || t.kind === "bigint" || t.kind === "duration")
    return nullable ? "number | null" : "number";
  return publicTs(t, nullable, pub);
}

export function emitTypes(plan: Plan, pub: PublicNames): string[] {
  const out: string[] = [];
  for (const e of plan.enums) out.push(`export type ${pub.enumType(e.name)} = ${e.values.map(jsString).join(" | ")};`);
  for (const t of plan.tables) {
    const props = t.columns
      .filter((c) => !c.hidden)
      .map((c) => `  ${propKey(c.name)}: ${publicTs(c.type, c.nullable, pub)};`);
    out.push(
      `/** A row of table ${jsString(t.name)}. */\nexport interface ${pub.iface(t.name)} {\n${props.join("\n")}\n}`,
    );
  }
  return out;
}
