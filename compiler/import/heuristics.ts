/**
 * Generators a person would choose from a column's name and type: emails, names, phones, places,
 * dates in order, positive prices. Each guess comes back with its reason, which the writer puts in a
 * comment beside the column, so the user sees every guess and can change it. Pure.
 *
 *   guess({ name: "email", type: { kind: "string", maxLength: 60 }, … }, ctx)
 *   // { expr: "lower(faker.internet.email())", why: "an email address (name)" }
 */
import type { Column, ColumnType } from "./model.js";

export interface Guess {
  readonly expr: string;
  readonly why: string;
}

export interface GuessContext {
  readonly table: string;
  /** The dgen name of a `created_at`-like column of the same table, for `updated_at` to follow it. */
  readonly createdColumn?: string;
}

type Rule = { readonly test: RegExp; readonly expr: string; readonly why: string };

/** String columns by name (lower-cased, without separators). First match wins. */
const STRING_RULES: readonly Rule[] = [
  { test: /e?mail(address)?$/, expr: "lower(faker.internet.email())", why: "an email address" },
  { test: /^(first|given|fore)name$|^fname$/, expr: "faker.person.firstName()", why: "a first name" },
  { test: /^(last|family|sur)name$|^surname$|^lname$/, expr: "faker.person.lastName()", why: "a last name" },
  { test: /^(full|contact|customer|employee|person)name$/, expr: "faker.person.fullName()", why: "a person's name" },
  { test: /phone|fax|mobile|tel$/, expr: 'pattern("[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}")', why: "a phone number (US style)" },
  { test: /(postal|post|zip)(code)?$/, expr: 'pattern("[0-9]{5}")', why: "a postal code (5 digits)" },
  { test: /city|town/, expr: "faker.location.city()", why: "a city" },
  { test: /state|province|region/, expr: "faker.location.state()", why: "a state" },
  { test: /country/, expr: "faker.location.country()", why: "a country" },
  { test: /address|street/, expr: "faker.location.streetAddress()", why: "a street address" },
  { test: /company|organi[sz]ation|employer/, expr: "faker.company.name()", why: "a company name" },
  { test: /url|website|homepage|link$/, expr: "faker.internet.url()", why: "a URL" },
  { test: /username|login|handle/, expr: "faker.internet.username()", why: "a user name" },
  { test: /password|passwd|hash|token|secret/, expr: 'pattern("[0-9a-f]{32}")', why: "a hex digest" },
  { test: /description|comment|note|remark|text|body|summary|bio/, expr: "faker.lorem.sentence()", why: "free text" },
  { test: /title|subject|headline/, expr: "faker.lorem.words(3)", why: "a title" },
  { test: /color|colour/, expr: "faker.color.human()", why: "a colour" },
  { test: /currency/, expr: "faker.finance.currencyCode()", why: "a currency code" },
  { test: /name$/, expr: "faker.lorem.words(2)", why: "a name" },
];

const PERSON_TABLE = /customer|employee|person|people|user|staff|actor|artist|author|member|contact|student|teacher|player/;

const flat = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A guess for a column that is neither a key nor a foreign key; undefined leaves the type's default. */
export function guess(col: Column, dgenName: string, ctx: GuessContext): Guess | undefined {
  const n = flat(col.name);
  const t = col.type;
  switch (t.kind) {
    case "string": {
      if (n === "name" && PERSON_TABLE.test(flat(ctx.table)))
        return { expr: "faker.person.fullName()", why: "a person's name, from the column and table names" };
      const rule = STRING_RULES.find((r) => r.test.test(n));
      if (!rule) return undefined;
      return { expr: rule.expr, why: `${rule.why}, from the name` };
    }
    case "decimal":
      if (/price|amount|cost|total|rate|fee|salary|balance|payment|charge|freight/.test(n)) {
        const hi = Math.min(1000, 10 ** (t.precision - t.scale) - 1);
        const lo = t.scale > 0 ? (1 / 10 ** t.scale).toFixed(t.scale) : "1";
        return { expr: `round(uniform(${lo}, ${hi}), ${t.scale})`, why: "a positive amount, from the name" };
      }
      return undefined;
    case "float":
      if (/^lat(itude)?$/.test(n)) return { expr: "uniform(-90.0, 90.0)", why: "a latitude" };
      if (/^(lng|lon|long|longitude)$/.test(n)) return { expr: "uniform(-180.0, 180.0)", why: "a longitude" };
      if (/price|amount|cost|total|rate|fee|salary/.test(n)) return { expr: "round(uniform(1.0, 1000.0), 2)", why: "a positive amount, from the name" };
      return undefined;
    case "int":
      return intGuess(n, t);
    case "bool":
      if (/active|enabled|valid|visible/.test(n)) return { expr: "bernoulli(0.9)", why: "mostly true, from the name" };
      if (/deleted|disabled|archived|banned/.test(n)) return { expr: "bernoulli(0.05)", why: "mostly false, from the name" };
      if (col.defaultText !== undefined && /^(true|1|'1'|b'1')$/i.test(col.defaultText)) return { expr: "bernoulli(0.9)", why: "mostly true, as the SQL default is" };
      return undefined;
    case "date":
    case "timestamp":
      return dateGuess(n, t.kind, dgenName, ctx);
    default:
      return undefined;
  }
}

function intGuess(n: string, t: Extract<ColumnType, { kind: "int" }>): Guess | undefined {
  const clamp = (lo: number, hi: number) => [Math.max(lo, t.min ?? lo), Math.min(hi, t.max ?? hi)] as const;
  const range = (lo: number, hi: number, why: string): Guess => {
    const [a, b] = clamp(lo, hi);
    return { expr: `uniform(${a}, ${b})`, why };
  };
  if (/quantity|qty|count|units/.test(n)) return range(1, 10, "a small positive count, from the name");
  if (/salary|income|wage/.test(n)) return range(20_000, 200_000, "a yearly salary, from the name");
  if (/^age$/.test(n)) return range(18, 90, "an adult's age, from the name");
  if (/year/.test(n)) return range(1990, 2025, "a recent year, from the name");
  if (/length|duration|minutes|seconds|milliseconds|size|bytes/.test(n)) return range(1, 10_000, "a positive size, from the name");
  if (t.min !== undefined || t.max !== undefined) return range(t.min ?? 0, Math.min(t.max ?? 1000, 1000), "within the SQL type's range");
  return undefined;
}

function dateGuess(n: string, kind: "date" | "timestamp", dgenName: string, ctx: GuessContext): Guess | undefined {
  if (/birth|dob/.test(n)) return { expr: "between(epoch - 80y, epoch - 18y)", why: "a birth date of an adult, from the name" };
  if (ctx.createdColumn !== undefined && ctx.createdColumn !== dgenName && /updated|modified|changed|lastupdate|edited/.test(n))
    return { expr: `${ctx.createdColumn} + days(uniform(0, 30))`, why: `after ${ctx.createdColumn}, from the names` };
  return { expr: kind === "date" ? "between(epoch - 2y, epoch)" : "between(epoch - 2y, epoch)", why: "within two years before the epoch" };
}

/** Whether a column reads like the creation time of its row (`created_at`, `create_date`, `inserted`). */
export function isCreatedColumn(col: Column): boolean {
  return (col.type.kind === "date" || col.type.kind === "timestamp") && /^(created|create|creation|inserted|registered|signup)/.test(flat(col.name));
}
