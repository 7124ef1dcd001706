#!/usr/bin/env node
// The baseline of bench/run.mjs: the users table of bench/users.dgen written the way a user of
// @faker-js/faker and csv-stringify would write it by hand — seeded faker, one object per row,
// csv-stringify streaming to a file with back-pressure (stream.pipeline).
//
//   node bench/baseline-faker.mjs [--rows N] [--out FILE]
//
// Columns and distributions follow bench/users.dgen:
//   id sequence(1); first_name, last_name from faker.person; email = lower(first.last@) + one of 5 domains;
//   age = clamp(round(normal(40, 12)), 18, 90); country weighted US .5 / DE .2 / FR .1 / JP .1 / BR .1;
//   balance = round(lognormal(8, 1), 2) with 2 decimals; signup_at uniform in 2020-01-01..2025-12-31T23:59:59Z,
//   ISO seconds; active = bernoulli(0.8).
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { faker } from "@faker-js/faker";
import { stringify } from "csv-stringify";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "200000" },
    out: { type: "string", default: "users-faker.csv" },
  },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 0) throw new Error(`--rows must be a non-negative integer, not ${values.rows}`);

faker.seed(42);

const DOMAINS = ["example.com", "mail.net", "inbox.org", "post.de", "web.jp"];
const COUNTRIES = [
  { value: "US", weight: 5 },
  { value: "DE", weight: 2 },
  { value: "FR", weight: 1 },
  { value: "JP", weight: 1 },
  { value: "BR", weight: 1 },
];
const FROM = Date.UTC(2020, 0, 1) / 1000;
const TO = Date.UTC(2025, 11, 31, 23, 59, 59) / 1000;

// Box–Muller on faker's seeded generator; the spare value serves the next call.
let spare = null;
function normal(mean, sd) {
  if (spare !== null) {
    const z = spare;
    spare = null;
    return mean + sd * z;
  }
  const u = 1 - faker.number.float(); // (0, 1]
  const v = faker.number.float();
  const r = Math.sqrt(-2 * Math.log(u));
  spare = r * Math.sin(2 * Math.PI * v);
  return mean + sd * r * Math.cos(2 * Math.PI * v);
}

function* users(n) {
  for (let i = 1; i <= n; i++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const email = `${firstName}.${lastName}@`.toLowerCase() + faker.helpers.arrayElement(DOMAINS);
    const age = Math.min(90, Math.max(18, Math.round(normal(40, 12))));
    const country = faker.helpers.weightedArrayElement(COUNTRIES);
    const balance = Math.exp(normal(8, 1)).toFixed(2);
    const signupAt = new Date(faker.number.int({ min: FROM, max: TO }) * 1000).toISOString().slice(0, 19) + "Z";
    const active = faker.datatype.boolean(0.8);
    yield {
      id: i,
      first_name: firstName,
      last_name: lastName,
      email,
      age,
      country,
      balance,
      signup_at: signupAt,
      active,
    };
  }
}

await pipeline(
  Readable.from(users(rows)),
  stringify({
    header: true,
    columns: ["id", "first_name", "last_name", "email", "age", "country", "balance", "signup_at", "active"],
    cast: { boolean: (b) => (b ? "true" : "false") },
  }),
  createWriteStream(values.out),
);
