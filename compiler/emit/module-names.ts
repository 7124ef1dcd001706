/**
 * The module-level names of an emitted module and the declarations behind them: keys, scratch
 * rows, lookups, choice tables, embedded files, patterns, the faker stream. Internal names are
 * built from indexes and prefixes, so no schema name can collide with them or with a keyword.
 */
import type { PatternSpec } from "../../runtime/text/pattern.js";
import type { Expr, Plan, RowsPlan } from "../ir/ir.js";
import { constCode, internalTs } from "./emit-expr.js";
import { jsString } from "./names.js";
import { localeChainNames } from "../../runtime/faker/all-locales.js";
import { COUNTRY_LOCALES } from "../../runtime/realism/address.js";

export interface TableNames {
  readonly index: number;
  readonly scratch: string;
  readonly fill: string;
  readonly look: string;
  readonly lookAt: string;
  readonly lookRow: string;
  readonly write: string;
  readonly size: string;
  readonly rows: string;
  readonly ix: string;
  readonly count: string;
  key(column: string): string;
}

export class ModuleNames {
  private readonly tables = new Map<string, TableNames>();
  private readonly patterns = new Map<string, string>();
  private readonly usedLowered = new Set<string>();
  /** Module-level state of time-series call sites (`walk`, `gbm`): name → initializer. */
  private readonly seriesStates = new Map<string, string>();
  private usesFaker = false;
  /** The values of fixed tables' columns (`data` nodes), by node. */
  private readonly dataArrays = new Map<object, string>();

  constructor(private readonly plan: Plan) {
    plan.tables.forEach((t, i) => {
      this.tables.set(t.name, {
        index: i,
        scratch: `S${i}`,
        fill: `fill${i}`,
        look: `look${i}`,
        lookAt: `lookAt${i}`,
        lookRow: `lookRow${i}`,
        write: `write${i}`,
        size: `size${i}`,
        rows: `N${i}`,
        ix: `ix${i}`,
        count: `count${i}`,
        key: (column: string) => `K${i}_${column.replace(/^#/, "_")}`,
      });
    });
  }

  table(name: string): TableNames {
    const t = this.tables.get(name);
    if (!t) throw new Error(`internal: unknown table ${name}`);
    return t;
  }

  choice(id: string): { values: string; table: string } {
    return { values: id, table: `${id}w` };
  }

  file(id: string): { weights?: string; length: number } {
    const f = this.plan.files.find((x) => x.id === id)!;
    return { ...(f.weights ? { weights: `${id}w` } : {}), length: f.columns[f.fields[0]!]!.length };
  }

  fileColumn(id: string, fieldName: string): string {
    const f = this.plan.files.find((x) => x.id === id)!;
    return `${id}c${f.fields.indexOf(fieldName)}`;
  }

  pattern(spec: PatternSpec): string {
    const key = JSON.stringify(spec);
    let name = this.patterns.get(key);
    if (!name) {
      name = `P${this.patterns.size}`;
      this.patterns.set(key, name);
    }
    return name;
  }

  /** The rows plan of a time-series table (`rows: per P every D from A to B`), or undefined. */
  every(table: string): Extract<RowsPlan, { kind: "every" }> | undefined {
    const rows = this.plan.tables.find((t) => t.name === table)?.rows;
    return rows?.kind === "every" ? rows : undefined;
  }

  /** Declares the module-level state `name = init` of a series call site (once) and returns its name. */
  seriesState(name: string, init: string): string {
    this.seriesStates.set(name, init);
    return name;
  }

  /** The module-level array holding a fixed table's column (declared once per node). */
  data(e: Extract<Expr, { k: "data" }>): string {
    let name = this.dataArrays.get(e);
    if (!name) {
      name = `D${this.dataArrays.size}`;
      this.dataArrays.set(e, name);
    }
    return name;
  }

  // ---- names and places (emit-realism.ts): module-level tables, imported from dgen/realism-data when used
  private readonly realismData = new Set<string>();
  private readonly realismDecls = new Map<string, string>();
  /** Extra faker locale chains for street addresses, by country: chain name → locale. */
  private readonly addressLocales = new Map<string, string>();

  private realismValue(name: string, data: string, init: string): string {
    this.realismData.add(data);
    if (!this.realismDecls.has(name)) this.realismDecls.set(name, init);
    return name;
  }

  realismFirstNames(): string {
    return this.realismValue("RZ_first", "US_FIRST_NAMES", "new rt.FirstNames(REAL_US_FIRST_NAMES)");
  }

  realismLastNames(): string {
    return this.realismValue("RZ_last", "US_LAST_NAMES", "new rt.LastNames(REAL_US_LAST_NAMES)");
  }

  realismPlaces(country: string): string {
    const safe = country.replace(/[^A-Z]/g, "_");
    return country === "US"
      ? this.realismValue("RZ_place_US", "US_PLACES", "rt.Places.country(REAL_US_PLACES)")
      : this.realismValue(`RZ_place_${safe}`, "WORLD_PLACES", `rt.Places.world(REAL_WORLD_PLACES, ${jsString(country)})`);
  }

  /** A faker stream in the locale of the country's addresses (`COUNTRY_LOCALES`), else the dataset's. */
  realismAddressFaker(country: string): string {
    const locale = COUNTRY_LOCALES[country];
    if (locale === undefined || localeChainNames(locale) === undefined) return this.faker();
    const name = `RZ_fk_${locale}`;
    this.addressLocales.set(name, locale);
    return `${name}()`;
  }

  /** The names imported from dgen/realism-data (each as `REAL_<name>`). */
  realismImports(): string[] {
    return [...this.realismData].sort();
  }

  lowered(kind: string): string {
    this.usedLowered.add(kind);
    return `LOW_${kind}`;
  }

  faker(): string {
    this.usesFaker = true;
    return "fk()";
  }

  usesLocale(): boolean {
    return this.usesFaker || this.usedLowered.size > 0;
  }

  /** Every faker locale the module imports: the dataset's chain (when used) and the address chains. */
  importedLocales(): string[] {
    const out = new Set(this.usesLocale() ? this.localeNames() : []);
    for (const locale of this.addressLocales.values()) for (const n of localeChainNames(locale)!) out.add(n);
    return [...out];
  }

  /** The faker locale chain's names (`de` → de, en, base), imported from `dgen/faker-locales`. */
  localeNames(): string[] {
    return localeChainNames(this.plan.locale) ?? ["en", "base"];
  }

  /** Declarations for everything handed out so far (call after emitting the tables). */
  declarations(): string[] {
    const out: string[] = [];
    const p = this.plan;
    for (const c of p.choices) {
      out.push(
        `const ${c.id}: readonly ${typeof c.values[0] === "number" ? "number" : "string"}[] = [${c.values.map((v) => (typeof v === "number" ? String(v) : jsString(v))).join(", ")}];`,
      );
      if (c.weights) out.push(`const ${c.id}w = new rt.WeightedTable([${c.weights.join(", ")}]);`);
    }
    for (const f of p.files) {
      f.fields.forEach((fieldName, i) =>
        out.push(`const ${f.id}c${i}: readonly string[] = [${f.columns[fieldName]!.map(jsString).join(", ")}];`),
      );
      if (f.weights) out.push(`const ${f.id}w = new rt.WeightedTable([${f.weights.join(", ")}]);`);
    }
    for (const [spec, name] of this.patterns) out.push(`const ${name}: rt.PatternSpec = ${spec};`);
    for (const [node, name] of this.dataArrays) {
      const e = node as Extract<Expr, { k: "data" }>;
      const ts = internalTs(e.t);
      const value = (x: number | string | boolean | null) =>
        e.t.type.kind === "bigint" && typeof x === "number" ? `${x}n` : constCode(x);
      out.push(`const ${name}: readonly (${ts})[] = [${e.values.map(value).join(", ")}];`);
    }
    for (const [name, init] of this.seriesStates) out.push(`const ${name} = ${init};`);
    for (const [name, init] of this.realismDecls) out.push(`const ${name} = ${init};`);
    for (const [name, locale] of this.addressLocales) {
      const chain = localeChainNames(locale)!.map((l) => `FAKER_${l}`).join(", ");
      out.push(`let ${name}_v: rt.FakerStream | undefined;`);
      out.push(
        `function ${name}(): rt.FakerStream {\n  return (${name}_v ??= new rt.FakerStream([${chain}], EPOCH_DAYS * 86400000));\n}`,
      );
    }
    if (this.usesLocale())
      out.push(
        `const FAKER_LOCALES: rt.LocaleChain = [${this.localeNames()
          .map((n) => `FAKER_${n}`)
          .join(", ")}];`,
      );
    for (const kind of this.usedLowered)
      out.push(`const LOW_${kind} = rt.${kind === "firstName" ? "firstNamePicker" : "lastNamePicker"}(FAKER_LOCALES);`);
    if (this.usesFaker) {
      out.push(`let FK: rt.FakerStream | undefined;`);
      out.push(`/** The faker instance, driven by the cell's stream; its reference date is the dataset's epoch. */`);
      out.push(
        `function fk(): rt.FakerStream {\n  return (FK ??= new rt.FakerStream(FAKER_LOCALES, EPOCH_DAYS * 86400000));\n}`,
      );
    }
    return out;
  }
}
