/**
 * Signatures and one-line meanings of the built-in functions, annotations, types and keywords, for
 * completion and hover (the words of docs/language.md §3–§5 and §12). test/lsp checks that every
 * function of the checker's call table (`builtins` in check/calls.ts) has an entry here.
 *
 *   functionDocs.normal   // { signature: "normal(mean, sd)", doc: "float: a normal distribution; sd > 0" }
 */

export interface Doc {
  readonly signature: string;
  readonly doc: string;
}

const f = (signature: string, doc: string): Doc => ({ signature, doc });

export const functionDocs: Readonly<Record<string, Doc>> = {
  sequence: f("sequence(start = 1, step = 1)", "int: start + index × step"),
  uniform: f("uniform(lo, hi)", "a uniform draw in [lo, hi]: int, float, date or timestamp"),
  between: f("between(a, b)", "a uniform date or timestamp in [a, b] (timestamps at whole seconds)"),
  normal: f("normal(mean, sd)", "float: a normal distribution; sd > 0"),
  lognormal: f("lognormal(mu, sigma)", "float: a log-normal distribution; sigma > 0"),
  exponential: f("exponential(rate)", "float: an exponential distribution; rate > 0"),
  poisson: f("poisson(lambda)", "int: a Poisson distribution; 0 ≤ lambda ≤ 1e9"),
  zipf: f("zipf(s, n)", "int in 1..n: a Zipf distribution; s > 0"),
  bernoulli: f("bernoulli(p)", "bool: true with probability p"),
  beta: f("beta(a, b)", "float in [0, 1]: a beta distribution; a, b > 0"),
  gamma: f("gamma(k, theta)", "float: a gamma distribution; k, theta > 0"),
  one_of: f("one_of(a, b, …)", "one of the constants, uniformly"),
  weighted: f('weighted({"a": 0.7, "b": 0.3})', "a key drawn by its weight: a string, or the enum the column expects"),
  from_file: f(
    'from_file(path, column: "c", weight: "w", sheet: "S")',
    "a value (or with no column: a row) of a CSV or XLSX file",
  ),
  pattern: f('pattern("[A-Z]{3}-[0-9]{4}")', "string: a text matching the pattern"),
  uuid: f("uuid()", "uuid: random, unique by construction"),
  pick: f(
    "pick(t, zipf(s) | distinct | before)",
    "a row of table t: uniform, zipf-ranked, without repeats, or an earlier row",
  ),
  round: f("round(x, digits = 0)", "half-even rounding; int when digits is 0"),
  floor: f("floor(x)", "int: rounded down"),
  ceil: f("ceil(x)", "int: rounded up"),
  abs: f("abs(x)", "the absolute value"),
  min: f("min(a, b, …) | min(C, e)", "the smallest value; over a child table C: an aggregate"),
  max: f("max(a, b, …) | max(C, e)", "the largest value; over a child table C: an aggregate"),
  clamp: f("clamp(x, lo, hi)", "x held inside [lo, hi]"),
  lower: f("lower(s)", "string: lower-cased"),
  upper: f("upper(s)", "string: upper-cased"),
  trim: f("trim(s)", "string: without surrounding spaces"),
  len: f("len(s | a)", "int: a string's code points or an array's length"),
  str: f("str(x)", "string: the text the writers would write"),
  concat: f("concat(a, b, …)", "string: the texts joined"),
  coalesce: f("coalesce(a, b, …)", "the first value that is not null"),
  year: f("year(t)", "int: the year of a date or timestamp"),
  month: f("month(t)", "int: the month, 1–12"),
  day: f("day(t)", "int: the day of the month"),
  hour: f("hour(t)", "int: the hour, 0–23"),
  weekday: f("weekday(t)", "int: the weekday, 0 = Sunday"),
  date: f("date(t)", "date: the day of a timestamp"),
  timestamp: f("timestamp(d)", "timestamp: the start of a date"),
  seconds: f("seconds(n)", "a duration of n seconds"),
  minutes: f("minutes(n)", "a duration of n minutes"),
  hours: f("hours(n)", "a duration of n hours"),
  days: f("days(n)", "a duration of n days"),
  weeks: f("weeks(n)", "a duration of n weeks"),
  seasonal: f(
    "seasonal(period, amplitude, phase = 0)",
    "float: amplitude · sin(2π · t / period + phase) (time series)",
  ),
  walk: f("walk(sd)", "float: a random walk along the series (time series)"),
  gbm: f("gbm(s0, mu, sigma)", "float: geometric Brownian motion along the series (time series)"),
  trend: f("trend(rate / D)", "float: rate per duration D since the series' start (time series)"),
  size: f("size(t)", "int: the row count of table t"),
  sample: f("sample(t.c, n)", "array: column c of n distinct rows of t"),
  substr: f("substr(s, start, len)", "string: len code points from start (0-based)"),
  lpad: f('lpad(s, n, fill = " ")', "string: padded on the left to n code points"),
  rpad: f('rpad(s, n, fill = " ")', "string: padded on the right to n code points"),
  replace: f("replace(s, from, to)", "string: every occurrence of the text from replaced"),
  truncate: f("truncate(s, n)", "string: the first n code points"),
  hex: f("hex(b)", "string: bytes as lower-case hex"),
  unhex: f("unhex(s)", "bytes: from a constant hex text"),
  join: f('join(a, sep = "")', "string: an array's elements joined"),
  sqrt: f("sqrt(x)", "float: the square root"),
  exp: f("exp(x)", "float: e to the x"),
  ln: f("ln(x)", "float: the natural logarithm"),
  sin: f("sin(x)", "float: the sine"),
  cos: f("cos(x)", "float: the cosine"),
  pow: f("pow(x, y)", "float: x to the y"),
  pi: f("pi()", "float: π"),
  random_bytes: f("random_bytes(n)", "bytes: n random bytes"),
  array: f("array(count, e)", "array: count elements, each e drawn in its own stream"),
  count: f("count(C)", "int: the rows of the child table C under this row (aggregate)"),
  sum: f("sum(C, e)", "the sum of e over the child rows (aggregate)"),
  avg: f("avg(C, e)", "the mean of e over the child rows, null when none (aggregate)"),
  any: f("any(C, cond)", "bool: some child row meets cond (aggregate)"),
  all: f("all(C, cond)", "bool: every child row meets cond (aggregate)"),
};

/** Distributions, for a column's hover ("drawn from normal(40, 12): a normal distribution; sd > 0"). */
export const distributionNames: ReadonlySet<string> = new Set([
  "uniform",
  "between",
  "normal",
  "lognormal",
  "exponential",
  "poisson",
  "zipf",
  "bernoulli",
  "beta",
  "gamma",
  "one_of",
  "weighted",
  "from_file",
  "pattern",
  "uuid",
  "sequence",
  "pick",
  "seasonal",
  "walk",
  "gbm",
  "random_bytes",
  "sample",
]);

export const annotationDocs: Readonly<Record<string, Doc>> = {
  pk: f("@pk", "primary key: unique, not null"),
  unique: f("@unique", "no two rows share the value"),
  null: f("@null(p)", "share p of the values is null (nullable columns only)"),
  ref: f("@ref(t.c)", "foreign key to the key column c of table t"),
  email: f("@email", "validator: an e-mail address"),
  url: f("@url", "validator: a URL"),
  uuid: f("@uuid", "validator: a UUID"),
  luhn: f("@luhn", "validator: the Luhn checksum holds"),
  phone: f('@phone("US")', "validator: a phone number of the country"),
  regex: f("@regex(/…/)", "validator: the text matches the regular expression"),
  length: f("@length(lo, hi)", "validator: lo to hi code points"),
  range: f("@range(lo, hi)", "validator: lo ≤ value ≤ hi"),
  prefix: f('@prefix("…")', "validator: the text starts with it"),
  suffix: f('@suffix("…")', "validator: the text ends with it"),
  format: f('@format("YYYY-MM-DD")', "validator: the written text of a date or timestamp"),
  noise: f("@noise(typo: 2%, missing: 1%, format: 3%, outlier: 0.5%)", "deliberate dirt in the written cells"),
  pii: f("@pii", "privacy: marked as personal data in the manifest"),
  mask: f("@mask(partial | full | hash)", "privacy: masked when written"),
  encrypt: f("@encrypt", "privacy: encrypted when written (key from DGEN_KEY)"),
};

export const typeNames: readonly string[] = [
  "int",
  "int16",
  "int32",
  "int64",
  "bigint",
  "float",
  "decimal",
  "string",
  "bool",
  "date",
  "timestamp",
  "uuid",
  "json",
  "bytes",
];

/** Names an expression can always use, with what they are. */
export const expressionKeywords: Readonly<Record<string, string>> = {
  parent: "the parent row of a `per` table",
  prev: "the previous sibling row of a `per` table (under `ordinal > 0`)",
  index: "int: the row's index in its table, from 0",
  ordinal: "int: the row's position among its parent's rows, from 0",
  tick: "timestamp: the row's time in a time-series table",
  faker: "@faker-js/faker: faker.<module>.<method>(…)",
  if: "if … then … else …",
  then: "",
  else: "",
  match: 'match x { "a" => …, _ => … }',
  and: "",
  or: "",
  not: "",
  true: "bool",
  false: "bool",
  null: "no value (nullable columns)",
};

/** Words that start a line in a table. */
export const tableKeywords: readonly string[] = [
  "rows",
  "let",
  "check",
  "when",
  "unique",
  "primary key",
  "foreign key",
  "correlate",
];
