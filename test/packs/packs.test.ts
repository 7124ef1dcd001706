/**
 * The domain packs (packs/*.dgen), driven as a user drives them: `dgen check pack:<name>`,
 * `dgen generate pack:<name> --param …` into a temporary folder (one generate per pack, small row
 * counts, shared by the tests), then each pack's invariants checked on the CSV files with an
 * independent reader; and `dgen new`, which copies a pack and never replaces a file. Needs the built
 * dist/ (`npm run -s build`).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { csvObjects, readCsv } from "../helpers/csv.js";
import { dgen, repoRoot, tempDir, type Ran } from "../helpers/cli.js";

type Row = Record<string, string | null>;

const packs: Readonly<Record<string, readonly string[]>> = {
  ecommerce: ["customers=300", "products=60", "days=365", "orders_per_day=5"],
  market: ["symbols=5", "sessions=60", "quotes=4"],
  sensors: ["devices=6", "days=2"],
  weather: ["stations=30", "days=212"],
  healthcare: ["patients=300", "doctors=6", "weeks=3"],
  banking: ["customers=150"],
  social: ["users=200"],
  people: ["persons=800"],
};

const root = tempDir("packs");
const runs = new Map<string, Ran>();

beforeAll(async () => {
  // One generate per pack, two at a time (the machine is shared).
  const names = Object.keys(packs);
  for (let i = 0; i < names.length; i += 2)
    await Promise.all(
      names.slice(i, i + 2).map(async (name) => {
        const args = packs[name]!.flatMap((p) => ["--param", p]);
        runs.set(name, await dgen(["generate", `pack:${name}`, "--out", join(root, name), "--format", "csv", ...args]));
      }),
    );
}, 180_000);

function table(pack: string, name: string): Row[] {
  return csvObjects(readCsv(join(root, pack, `${name}.csv`)));
}
const num = (v: string | null | undefined): number => Number(v);
const ms = (v: string | null | undefined): number => Date.parse(String(v));
const byKey = <T>(rows: T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};
/** Collects broken rules row by row (one `expect` per test is much faster than one per row). */
function rules(): { ok: (holds: boolean, what: string) => void; broken: string[] } {
  const broken: string[] = [];
  return { broken, ok: (holds, what) => void (holds || broken.length >= 20 || broken.push(what)) };
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Spearman's rank correlation with midranks. */
function spearman(xs: number[], ys: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const a = rank(xs);
  const b = rank(ys);
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    s += (a[i]! - ma) * (b[i]! - mb);
    sa += (a[i]! - ma) ** 2;
    sb += (b[i]! - mb) ** 2;
  }
  return s / Math.sqrt(sa * sb);
}

describe("every pack", () => {
  // A diagnostic of the schema, a warning too, would be on standard error.
  for (const name of Object.keys(packs))
    it(`${name}: compiles without a diagnostic and generates`, () => {
      const r = runs.get(name)!;
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(existsSync(join(root, name, "_manifest.json"))).toBe(true);
    });

  it("dgen check pack:<name> checks the shipped file", async () => {
    const checked = await dgen(["check", "pack:healthcare"]);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/packs[\\/]healthcare\.dgen: ok/);
  });
});

describe("ecommerce", () => {
  it("names products after their category, ages without pile-ups, order times free of sign-up times", () => {
    const nouns: Record<string, string[]> = {
      Books: ["Cookbook", "Novel", "Field Guide", "Atlas", "Biography", "Poetry Collection"],
      Electronics: ["Headphones", "Laptop", "Monitor", "Keyboard", "Speaker", "Camera", "Smartwatch"],
      "Home & Kitchen": ["Skillet", "Knife Set", "Blender", "Towel Set", "Desk Lamp", "Coffee Maker"],
      "Toys & Games": ["Puzzle", "Board Game", "Building Blocks", "Action Figure", "Card Game"],
      Garden: ["Garden Hose", "Planter", "Shovel", "Pruning Shears", "Watering Can"],
      Sports: ["Yoga Mat", "Dumbbell Set", "Running Shoes", "Tennis Racket", "Water Bottle"],
    };
    const products = table("ecommerce", "products");
    expect(new Set(products.map((p) => p.category)).size).toBe(6);
    const misnamed = products.filter((p) => !nouns[p.category!]!.some((n) => p.name!.endsWith(` ${n}`)));
    expect(misnamed).toEqual([]);

    const customers = table("ecommerce", "customers");
    const ages = customers.map((c) => num(c.age));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(90);
    // No pile-up at the lower bound: age 18 is no more common than 19 or 20.
    const at = (a: number) => ages.filter((x) => x === a).length;
    expect(at(18)).toBeLessThan(2 * Math.max(at(19), at(20), 1));
    expect(at(18) / ages.length).toBeLessThan(0.03);

    const orders = table("ecommerce", "orders");
    const signup = new Map(customers.map((c) => [c.id!, ms(c.signup_at)]));
    const secOfDay = (t: number) => (t / 1000) % 86400;
    let same = 0;
    const { ok, broken } = rules();
    for (const o of orders) {
      ok(ms(o.placed_at) >= signup.get(o.customer_id!)!, `order ${o.id}: before its customer signed up`);
      if (Math.abs(secOfDay(ms(o.placed_at)) - secOfDay(signup.get(o.customer_id!)!)) < 60) same++;
    }
    expect(broken).toEqual([]);
    // Independent times of day agree within a minute about 2 × 60 / 86 400 of the time.
    expect(same / orders.length).toBeLessThan(0.01);
    const xs = orders.map((o) => secOfDay(ms(o.placed_at)));
    const ys = orders.map((o) => secOfDay(signup.get(o.customer_id!)!));
    expect(Math.abs(spearman(xs, ys))).toBeLessThan(0.1);
  });

  it("totals are sums of items, no product twice in an order, weekly and yearly rhythm", () => {
    const orders = table("ecommerce", "orders");
    const items = byKey(table("ecommerce", "order_items"), (r) => r.order_id!);
    const { ok, broken } = rules();
    for (const o of orders) {
      const its = items.get(o.id!) ?? [];
      ok(its.length === num(o.items), `order ${o.id}: items`);
      const cents = its.reduce((s, i) => s + num(i.quantity) * Math.round(num(i.unit_price) * 100), 0);
      ok(Math.round(num(o.total) * 100) === cents, `order ${o.id}: total ${o.total}, items ${cents / 100}`);
      ok(new Set(its.map((i) => i.product_id)).size === its.length, `order ${o.id}: a product twice`);
    }
    expect(broken).toEqual([]);
    const days = table("ecommerce", "days");
    const perDay = byKey(orders, (o) => o.placed_at!.slice(0, 10));
    for (const d of days) expect((perDay.get(d.day!) ?? []).length).toBe(num(d.orders));
    const weekday = (d: Row) => new Date(`${d.day}T00:00:00Z`).getUTCDay();
    const avg = (f: (d: Row) => boolean) => mean(days.filter(f).map((d) => num(d.orders)));
    expect(avg((d) => weekday(d) === 0 || weekday(d) === 6)).toBeGreaterThan(avg((d) => weekday(d) >= 1 && weekday(d) <= 5));
    expect(avg((d) => d.day!.slice(5, 7) === "12")).toBeGreaterThan(1.3 * avg((d) => d.day!.slice(5, 7) === "06"));
  });
});

describe("market", () => {
  it("bars on weekdays only, open = previous close, high >= max(open, close) >= min >= low > 0", () => {
    const bars = byKey(table("market", "bars"), (b) => b.symbol_id!);
    const symbols = table("market", "symbols");
    expect(bars.size).toBe(5);
    for (const s of symbols) {
      const series = bars.get(s.id!)!;
      expect(series.length).toBe(60);
      expect(series[0]!.open).toBe(s.price0);
      for (let k = 0; k < series.length; k++) {
        const b = series[k]!;
        const day = new Date(`${b.day}T00:00:00Z`).getUTCDay();
        expect(day).toBeGreaterThanOrEqual(1);
        expect(day).toBeLessThanOrEqual(5);
        const [o, h, l, c] = [num(b.open), num(b.high), num(b.low), num(b.close)];
        expect(h).toBeGreaterThanOrEqual(Math.max(o, c));
        expect(Math.min(o, c)).toBeGreaterThanOrEqual(l);
        expect(l).toBeGreaterThan(0);
        expect(num(b.volume)).toBeGreaterThan(0);
        if (k > 0) {
          expect(b.open).toBe(series[k - 1]!.close);
          expect(b.day! > series[k - 1]!.day!).toBe(true);
        }
      }
      // Consecutive sessions are one weekday apart (Friday to Monday is three days).
      const gaps = new Set(series.slice(1).map((b, k) => (ms(b.day) - ms(series[k]!.day)) / 86_400_000));
      expect([...gaps].sort()).toEqual([1, 3]);
    }
  });

  it("quotes have bid < ask and rising times inside their session", () => {
    const quotes = byKey(table("market", "quotes"), (q) => `${q.symbol_id} ${q.at!.slice(0, 10)}`);
    expect(quotes.size).toBe(5 * 60);
    for (const qs of quotes.values()) {
      expect(qs.length).toBe(4);
      for (let k = 0; k < qs.length; k++) {
        const q = qs[k]!;
        expect(Math.round(num(q.bid) * 100)).toBeLessThan(Math.round(num(q.ask) * 100));
        const t = q.at!.slice(11, 19);
        expect(t >= "09:30:00" && t < "16:00:00").toBe(true);
        if (k > 0) expect(ms(q.at)).toBeGreaterThan(ms(qs[k - 1]!.at));
      }
    }
  });
});

describe("sensors", () => {
  it("one reading every 15 minutes, humidity bounded, battery never rises, a daily cycle", () => {
    const readings = byKey(table("sensors", "readings"), (r) => r.device_id!);
    expect(readings.size).toBe(6);
    const warm: number[] = [];
    const cold: number[] = [];
    for (const rs of readings.values()) {
      expect(rs.length).toBe(2 * 96);
      for (let k = 0; k < rs.length; k++) {
        const r = rs[k]!;
        expect(ms(r.at)).toBe(Date.parse("2024-06-01T00:00:00Z") + k * 900_000);
        expect(num(r.humidity)).toBeGreaterThanOrEqual(18);
        expect(num(r.humidity)).toBeLessThanOrEqual(92);
        if (k > 0) {
          expect(num(r.battery)).toBeLessThanOrEqual(num(rs[k - 1]!.battery));
          expect(num(r.delta)).toBeCloseTo(num(r.temperature) - num(rs[k - 1]!.temperature), 6);
        }
        if (r.at!.slice(11, 13) === "15") warm.push(num(r.temperature));
        if (r.at!.slice(11, 13) === "03") cold.push(num(r.temperature));
      }
    }
    expect(mean(warm)).toBeGreaterThan(mean(cold) + 1);
  });
});

describe("weather", () => {
  it("colder at higher northern latitudes in January; the south is warm in January", () => {
    const stations = new Map(table("weather", "stations").map((s) => [s.id!, s]));
    const obs = table("weather", "observations");
    const monthMean = (id: string, month: string, rows: Map<string, Row[]>) =>
      mean(rows.get(id)!.filter((o) => o.day!.slice(5, 7) === month).map((o) => num(o.temp_mean)));
    const rows = byKey(obs, (o) => o.station_id!);
    const north = [...stations.values()].filter((s) => num(s.lat) > 15);
    const south = [...stations.values()].filter((s) => num(s.lat) < -15);
    expect(north.length).toBeGreaterThan(5);
    expect(south.length).toBeGreaterThan(2);
    const jan = north.map((s) => monthMean(s.id!, "01", rows));
    expect(spearman(north.map((s) => num(s.lat)), jan)).toBeLessThan(-0.7);
    for (const s of north) expect(monthMean(s.id!, "07", rows)).toBeGreaterThan(monthMean(s.id!, "01", rows));
    for (const s of south) expect(monthMean(s.id!, "01", rows)).toBeGreaterThan(monthMean(s.id!, "07", rows));
    const { ok, broken } = rules();
    for (const o of obs) {
      const what = `station ${o.station_id} on ${o.day}`;
      ok(num(o.temp_min) <= num(o.temp_mean) && num(o.temp_mean) <= num(o.temp_max), `${what}: min <= mean <= max`);
      ok(num(o.precip_mm) >= 0 && (o.wet === "true" || num(o.precip_mm) === 0), `${what}: precipitation`);
    }
    expect(broken).toEqual([]);
    expect(new Set(obs.map((o) => `${o.station_id} ${o.day}`)).size).toBe(obs.length);
  });
});

describe("healthcare", () => {
  it("no doctor or patient double-booked, weekday office hours, diagnoses only for completed visits", () => {
    const appts = table("healthcare", "appointments");
    expect(appts.length).toBeGreaterThan(100);
    expect(new Set(appts.map((a) => `${a.doctor_id} ${a.starts_at}`)).size).toBe(appts.length);
    expect(new Set(appts.map((a) => `${a.patient_id} ${a.starts_at}`)).size).toBe(appts.length);
    const patients = new Map(table("healthcare", "patients").map((p) => [p.id!, p]));
    for (const a of appts) {
      const t = new Date(ms(a.starts_at));
      expect(t.getUTCDay()).toBeGreaterThanOrEqual(1);
      expect(t.getUTCDay()).toBeLessThanOrEqual(5);
      const hm = a.starts_at!.slice(11, 16);
      expect(hm >= "08:00" && hm <= "15:30").toBe(true);
      expect(patients.get(a.patient_id!)!.birth_date! < "2024-01-01").toBe(true);
      expect(a.status === "scheduled").toBe(a.starts_at! >= "2024-02-01");
    }
    const status = new Map(appts.map((a) => [a.id!, a.status]));
    const dx = table("healthcare", "diagnoses");
    expect(dx.length).toBeGreaterThan(0);
    for (const d of dx) expect(status.get(d.appointment_id!)).toBe("completed");
    expect(new Set(dx.map((d) => `${d.appointment_id} ${d.code}`)).size).toBe(dx.length);
  });
});

describe("banking", () => {
  it("transactions in time order, balances are sums, fraud only on card payments and larger", () => {
    const accounts = table("banking", "accounts");
    const txs = byKey(table("banking", "transactions"), (t) => t.account_id!);
    const start = Date.parse("2024-01-01T00:00:00Z");
    const end = start + 90 * 86_400_000;
    let fraud = 0;
    let cards = 0;
    const fraudAmounts: number[] = [];
    const cleanAmounts: number[] = [];
    const { ok, broken } = rules();
    for (const a of accounts) {
      const ts = txs.get(a.id!) ?? [];
      ok(ts.length === num(a.transactions), `account ${a.id}: count`);
      let cents = Math.round(num(a.opening_balance) * 100);
      for (let k = 0; k < ts.length; k++) {
        const t = ts[k]!;
        cents += Math.round(num(t.amount) * 100);
        ok(ms(t.at) >= start && ms(t.at) < end, `transaction ${t.id}: outside the window`);
        if (k > 0) ok(ms(t.at) > ms(ts[k - 1]!.at), `transaction ${t.id}: not after the previous one`);
        const credit = ["transfer_in", "salary", "interest", "repayment"].includes(t.kind!);
        ok(num(t.amount) > 0 === credit, `transaction ${t.id}: sign of ${t.kind}`);
        if (t.kind === "card_payment") {
          cards++;
          if (t.is_fraud === "true") {
            fraud++;
            fraudAmounts.push(-num(t.amount));
          } else cleanAmounts.push(-num(t.amount));
        } else ok(t.is_fraud === "false", `transaction ${t.id}: fraud on ${t.kind}`);
      }
      ok(Math.round(num(a.balance) * 100) === cents, `account ${a.id}: balance ${a.balance}, sum ${cents / 100}`);
    }
    expect(broken).toEqual([]);
    expect(fraud).toBeGreaterThan(0);
    expect(fraud / cards).toBeLessThan(0.03);
    expect(mean(fraudAmounts)).toBeGreaterThan(3 * mean(cleanAmounts));
  });
});

describe("social", () => {
  it("no self-follows, no duplicate follows, counts match, heavy-tailed, times after sign-up", () => {
    const users = table("social", "users");
    const joined = new Map(users.map((u) => [u.id!, ms(u.joined_at)]));
    const follows = table("social", "follows");
    expect(follows.length).toBeGreaterThan(users.length);
    const { ok, broken } = rules();
    for (const f of follows) {
      ok(f.follower_id !== f.followee_id, `user ${f.follower_id} follows themselves`);
      ok(ms(f.followed_at) >= joined.get(f.follower_id!)!, `user ${f.follower_id} follows before joining`);
    }
    expect(new Set(follows.map((f) => `${f.follower_id} ${f.followee_id}`)).size).toBe(follows.length);
    const perUser = byKey(follows, (f) => f.follower_id!);
    const counts = users.map((u) => (perUser.get(u.id!) ?? []).length).sort((a, b) => a - b);
    for (const u of users) expect((perUser.get(u.id!) ?? []).length).toBe(num(u.following));
    expect(counts[counts.length - 1]!).toBeGreaterThan(5 * counts[Math.floor(counts.length / 2)]!);
    const posts = table("social", "posts");
    const postAt = new Map(posts.map((p) => [p.id!, ms(p.created_at)]));
    for (const p of posts) ok(ms(p.created_at) >= joined.get(p.user_id!)!, `post ${p.id}: before its user joined`);
    for (const l of table("social", "likes")) {
      ok(ms(l.liked_at) >= postAt.get(l.post_id!)!, `a like of post ${l.post_id}: before the post`);
      ok(ms(l.liked_at) >= joined.get(l.user_id!)!, `a like by ${l.user_id}: before joining`);
    }
    expect(broken).toEqual([]);
  });
});

describe("people", () => {
  it("address histories join up, one current address, jobs in order, finances rise with age", () => {
    const persons = table("people", "persons");
    const addresses = byKey(table("people", "addresses"), (a) => a.person_id!);
    const jobs = byKey(table("people", "employment"), (j) => j.person_id!);
    const addDays = (d: string, n: number) => new Date(ms(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    for (const p of persons) {
      const adult = addDays(p.birth_date!, 6575);
      expect(num(p.age)).toBeGreaterThanOrEqual(18);
      const as = addresses.get(p.id!)!;
      expect(as.length).toBe(num(p.moves));
      expect(as[0]!.moved_in).toBe(adult);
      expect(as.filter((a) => a.current === "true").length).toBe(1);
      expect(as[as.length - 1]!.moved_out).toBeNull();
      for (let k = 1; k < as.length; k++) expect(as[k]!.moved_in).toBe(as[k - 1]!.moved_out);
      for (const a of as) if (a.moved_out !== null) expect(a.moved_out >= a.moved_in!).toBe(true);
      const js = jobs.get(p.id!) ?? [];
      expect(js.length).toBe(num(p.jobs));
      for (let k = 0; k < js.length; k++) {
        const j = js[k]!;
        expect(j.started_on! >= adult).toBe(true);
        expect(j.started_on! <= "2025-06-30").toBe(true);
        if (j.ended_on !== null) expect(j.ended_on >= j.started_on!).toBe(true);
        if (k > 0) expect(j.started_on! >= js[k - 1]!.ended_on!).toBe(true);
      }
    }
    const phones = table("people", "phones").map((p) => p.number);
    expect(new Set(phones).size).toBe(phones.length);
    const emails = table("people", "emails").map((e) => e.address);
    expect(new Set(emails).size).toBe(emails.length);
    const age = persons.map((p) => num(p.age));
    const notStudent = persons.filter((p) => p.employment !== "student");
    expect(spearman(notStudent.map((p) => num(p.age)), notStudent.map((p) => num(p.income)))).toBeGreaterThan(0.25);
    expect(spearman(age, persons.map((p) => num(p.net_worth)))).toBeGreaterThan(0.4);
    expect(spearman(age, persons.map((p) => num(p.credit_score)))).toBeGreaterThan(0.2);
  });
});

describe("dgen new", () => {
  const dir = tempDir("packs-new");

  it("writes a file equal to the shipped pack, and refuses to overwrite it", async () => {
    const r = await dgen(["new", "market", dir]);
    expect(r.code).toBe(0);
    const written = join(dir, "market.dgen");
    const shipped = readFileSync(join(repoRoot, "packs", "market.dgen"), "utf8");
    expect(readFileSync(written, "utf8")).toBe(shipped);
    writeFileSync(written, "// mine\n");
    const again = await dgen(["new", "market", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("DG5311");
    expect(readFileSync(written, "utf8")).toBe("// mine\n");
  });

  it("lists the packs and suggests one for a misspelt name", async () => {
    const r = await dgen(["new", "markt", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[DG5310]: There is no pack 'markt'; the packs are ecommerce, market,");
    expect(r.stderr).toContain("did you mean 'market'?");
    expect(existsSync(join(dir, "markt.dgen"))).toBe(false);
    const g = await dgen(["generate", "pack:socail", "--out", join(dir, "x")]);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain("did you mean 'social'?");
    expect(existsSync(join(dir, "x"))).toBe(false);
  });
});

describe("pick(P, distinct, except: parent)", () => {
  const dir = tempDir("packs-except");

  it("gives every other row of the parent table once when a parent has size(P) − 1 children", async () => {
    const schema = join(dir, "all.dgen");
    writeFileSync(
      schema,
      `dataset d { seed: 5 }
table users { rows: 7  id int @pk = sequence(1) }
table follows {
  rows: per users 6
  follower int @ref(users.id) = parent.id
  followee int @ref(users.id) = pick(users, distinct, except: parent).id
  primary key (follower, followee)
}
`,
    );
    const r = await dgen(["generate", schema, "--out", join(dir, "out"), "--format", "csv"]);
    expect(r.stderr).toBe("");
    const follows = byKey(table2(join(dir, "out", "follows.csv")), (f) => f.follower!);
    expect(follows.size).toBe(7);
    for (const [follower, fs] of follows) {
      const others = ["1", "2", "3", "4", "5", "6", "7"].filter((u) => u !== follower);
      expect(fs.map((f) => f.followee).sort()).toEqual(others);
    }
  });
});

function table2(path: string): Row[] {
  return csvObjects(readCsv(path));
}
