/**
 * The import model → `.dgen` text. Pure: names are escaped (`names.ts`), every key, foreign key and
 * guess is chosen here or in `heuristics.ts`, and each choice is named in a comment beside its line so
 * the user can see and change it. What the language cannot say is written as a comment saying what
 * was dropped.
 *
 *   writeDgen(model, { rows: 100, name: "chinook", source: "chinook.sql" }).text
 *   // "// Imported by dgen import from chinook.sql (postgres) …\ndataset chinook { seed: 1 }\n\ntable artist { …"
 */
import { columnsOfExpr, translateCheck, jsonValidColumn, type CheckColumn } from "./checks.js";
import { guess, isCreatedColumn } from "./heuristics.js";
import type { Column, ColumnType, ForeignKey, ImportModel, Table } from "./model.js";
import { dgenString, NameScope, shown } from "./names.js";
import { exprText } from "./sql-ast.js";

export interface WriteOptions {
  /** Rows of a table whose live size is unknown or 0. */
  readonly rows: number;
  /** The dataset's name (any text; escaped). */
  readonly name: string;
  /** Where the model came from, passwords already removed. */
  readonly source: string;
}

export interface WriteResult {
  readonly text: string;
  /** SQL names that had to change to be `.dgen` names. */
  readonly renamed: readonly { readonly sql: string; readonly dgen: string }[];
  /** Things a user should look at: what was dropped or cannot load as it is. */
  readonly warnings: readonly string[];
}

interface Plan {
  table: Table;
  dgen: string;
  cols: Map<string, string>;
  rows: number;
  /** `per P a..b` when the table is generated per row of a parent. */
  per?: { parent: string; count: string; why: string };
  exprs: Map<string, { expr: string; why: string; nullShare?: string }>;
  lets: string[];
  lines: string[];
  keyNotes: string[];
}

export function writeDgen(model: ImportModel, opts: WriteOptions): WriteResult {
  const warnings: string[] = [];
  const renamed: { sql: string; dgen: string }[] = [];
  const rename = (sql: string, dgen: string) => {
    if (sql !== dgen) renamed.push({ sql, dgen });
  };
  const tables = order(normalize(model.tables));
  const byName = new Map(tables.map((t) => [t.name, t]));

  // Names: tables, then each table's columns, then enums.
  const tableScope = new NameScope();
  const plans = new Map<string, Plan>();
  tables.forEach((t, i) => {
    const dgen = tableScope.name(t.name, `t${i + 1}`);
    rename(t.name, dgen);
    const scope = new NameScope();
    const cols = new Map<string, string>();
    t.columns.forEach((c, j) => {
      const n = scope.name(c.name, `c${j + 1}`);
      cols.set(c.name, n);
      if (n !== c.name) renamed.push({ sql: `${t.name}.${c.name}`, dgen: `${dgen}.${n}` });
    });
    const rows = t.rowCount !== undefined && t.rowCount > 0 ? t.rowCount : opts.rows;
    plans.set(t.name, { table: t, dgen, cols, rows, exprs: new Map(), lets: [], lines: [], keyNotes: [] });
  });
  const enumScope = new NameScope(true);
  const enums = new Map<string, { dgen: string; labels: readonly string[] }>();
  const enumOf = (t: Table, c: Column, type: Extract<ColumnType, { kind: "enum" }>): string => {
    const key = type.typeName !== undefined ? `type:${type.typeName}` : `col:${t.name}.${c.name}`;
    let e = enums.get(key);
    if (!e) {
      e = { dgen: enumScope.name(type.typeName ?? `${t.name}_${c.name}`, "Choice"), labels: type.labels };
      enums.set(key, e);
    }
    return e.dgen;
  };

  // Keys and foreign keys, table by table.
  const singleKeys = (t: Table) => new Set([...(t.primaryKey.length === 1 ? [t.primaryKey[0]!] : []), ...t.uniques.filter((u) => u.length === 1).map((u) => u[0]!)]);
  const isKeyOf = (t: Table | undefined, cols: readonly string[]) =>
    t !== undefined && [t.primaryKey, ...t.uniques].some((k) => k.length === cols.length && k.every((c, i) => c === cols[i]));
  const validFks = (t: Table): ForeignKey[] =>
    t.foreignKeys.filter((f) => {
      const ref = byName.get(f.table);
      if (!ref) {
        warnings.push(`${shown(t.name)}: its foreign key to ${shown(f.table)} names a table that was not imported; it is left out`);
        return false;
      }
      if (f.columns.length === 1 ? !singleKeys(ref).has(f.refColumns[0]!) : !isKeyOf(ref, f.refColumns)) {
        warnings.push(`${shown(t.name)}: its foreign key to ${shown(f.table)}(${f.refColumns.map(shown).join(", ")}) does not reference a key dgen can read; it is left out`);
        return false;
      }
      return true;
    });

  for (const t of tables) {
    const p = plans.get(t.name)!;
    const fks = validFks(t);
    const single = fks.filter((f) => f.columns.length === 1);
    const fkOf = (c: string) => single.find((f) => f.columns[0] === c);
    const set = (c: string, expr: string, why: string, nullShare?: string) => {
      if (!p.exprs.has(c)) p.exprs.set(c, { expr, why, ...(nullShare ? { nullShare } : {}) });
    };
    const ref = (f: ForeignKey) => ({ tp: plans.get(f.table)!, col: plans.get(f.table)!.cols.get(f.refColumns[0]!)! });
    const pk = t.primaryKey;
    // A column named `parent` would shadow the parent row of a `per` table.
    const perAllowed = !t.columns.some((c) => p.cols.get(c.name) === "parent");

    // Composite keys: a junction (two foreign keys), or a parent's key and a line number.
    if (pk.length >= 2) {
      const inKey = pk.map(fkOf).filter((f): f is ForeignKey => f !== undefined && f.table !== t.name && !perCycle(plans, f.table, t.name));
      const ints = pk.filter((c) => !fkOf(c) && t.columns.find((x) => x.name === c)?.type.kind === "int");
      if (inKey.length >= 2 && perAllowed) {
        const [a, b] = [ref(inKey[0]!), ref(inKey[1]!)];
        const k = Math.max(1, Math.min(3, b.tp.rows));
        p.per = { parent: a.tp.dgen, count: `1..${k}`, why: `a junction table: 1 to ${k} ${b.tp.dgen} per ${a.tp.dgen} (a guess), each pair once` };
        set(inKey[0]!.columns[0]!, `parent.${a.col}`, "the parent row's key");
        set(inKey[1]!.columns[0]!, `pick(${b.tp.dgen}, distinct).${b.col}`, `a distinct ${b.tp.dgen} per parent, so (${pk.map((c) => p.cols.get(c)).join(", ")}) is unique`);
      } else if (inKey.length === 1 && ints.length >= 1 && perAllowed) {
        const a = ref(inKey[0]!);
        p.per = { parent: a.tp.dgen, count: "1..5", why: `1 to 5 rows per ${a.tp.dgen} (a guess)` };
        set(inKey[0]!.columns[0]!, `parent.${a.col}`, "the parent row's key");
        set(ints[0]!, "ordinal + 1", "numbered within the parent, so the key is unique");
      } else if (ints.length >= 1) set(ints[0]!, "sequence(1)", "unique, so the composite key is unique");
    } else if (pk.length === 1) {
      const f = fkOf(pk[0]!);
      if (f && perAllowed && f.table !== t.name && !perCycle(plans, f.table, t.name)) {
        const a = ref(f);
        p.per = { parent: a.tp.dgen, count: "0..1", why: `one-to-one with ${a.tp.dgen}: at most one row each` };
        set(pk[0]!, `parent.${a.col}`, "the parent row's key");
      }
    }
    for (const k of singleKeys(t)) {
      const c = t.columns.find((x) => x.name === k)!;
      if (p.exprs.has(k)) continue;
      const f = fkOf(k);
      if (f) {
        const a = ref(f);
        set(k, `pick(${a.tp.dgen}, distinct).${a.col}`, `a distinct ${a.tp.dgen} per row: the column is unique`);
        if (!p.per && p.rows > a.tp.rows) {
          p.keyNotes.push(`rows capped at size(${a.tp.dgen}) = ${a.tp.rows}: each row takes a distinct one`);
          p.rows = a.tp.rows;
        }
        continue;
      }
      const u = uniqueValue(c, p.rows);
      if (u) {
        set(k, u.expr, u.why);
        if (u.capacity !== undefined && p.rows > u.capacity) {
          p.keyNotes.push(`rows capped at ${u.capacity}: the key's values run out there`);
          p.rows = u.capacity;
        }
      } else warnings.push(`${shown(t.name)}.${shown(k)}: dgen cannot make a ${c.type.kind} column unique; it is generated without the key`);
    }
    // Plain foreign keys.
    for (const f of single) {
      const c = f.columns[0]!;
      if (p.exprs.has(c)) continue;
      const a = ref(f);
      const col = t.columns.find((x) => x.name === c)!;
      if (f.table === t.name) {
        if (col.nullable) set(c, `if index == 0 then null else pick(${a.tp.dgen}, before).${a.col}`, "a self-reference: an earlier row (the first row has none)", "");
        else {
          warnings.push(`${shown(t.name)}.${shown(c)}: a NOT NULL self-reference has no value for the first row; it is generated as an earlier row, else the row itself`);
          set(c, `if index == 0 then ${p.cols.get(f.refColumns[0]!)} else pick(${a.tp.dgen}, before).${a.col}`, "a self-reference: an earlier row (the first row points to itself)");
        }
      } else set(c, `pick(${a.tp.dgen}).${a.col}`, `a random ${a.tp.dgen}`, col.nullable ? "10%" : undefined);
    }
    // Composite foreign keys read one row of the referenced table.
    fks.filter((f) => f.columns.length > 1).forEach((f, i) => {
      const tp = plans.get(f.table)!;
      const letName = `ref_${tp.dgen}_${i + 1}`;
      p.lets.push(`  let ${letName} = pick(${tp.dgen})  // one ${tp.dgen} row for the composite foreign key`);
      f.columns.forEach((c, j) => set(c, `${letName}.${tp.cols.get(f.refColumns[j]!)}`, `from the same ${tp.dgen} row`));
      p.lines.push(`  foreign key (${f.columns.map((c) => p.cols.get(c)).join(", ")}) references ${tp.dgen}(${f.refColumns.map((c) => tp.cols.get(c)).join(", ")})`);
    });
    // Key lines.
    if (pk.length >= 2) {
      if (provenComposite(p, pk)) p.lines.push(`  primary key (${pk.map((c) => p.cols.get(c)).join(", ")})`);
      else {
        p.lines.push(`  // primary key (${pk.map((c) => p.cols.get(c)).join(", ")}) left out: dgen cannot prove it unique for these values; collisions are possible`);
        warnings.push(`${shown(t.name)}: its primary key (${pk.map(shown).join(", ")}) is not proven unique; the data may repeat a key`);
      }
    }
    for (const u of t.uniques.filter((x) => x.length > 1)) {
      if (provenComposite(p, u)) p.lines.push(`  unique(${u.map((c) => p.cols.get(c)).join(", ")})`);
      else
        p.lines.push(`  // unique(${u.map((c) => p.cols.get(c)).join(", ")}) left out: dgen cannot prove it for these values; random values rarely collide`);
    }
  }

  // Columns: heuristics and defaults, then checks.
  const out: string[] = [];
  out.push(`// Imported by dgen import from ${oneLine(opts.source)} (${model.dialect}).`);
  out.push("// Every generator below is a guess named in its comment: read them, change what does not fit.");
  for (const n of model.notes) out.push(`// note: ${oneLine(n)}`);
  if (renamed.length > 0) out.push(`// ${renamed.length} SQL name(s) are not .dgen names and were changed; each is noted at its line.`);
  out.push(`dataset ${new NameScope().name(opts.name, "imported")} { seed: 1 }`, "");

  const body: string[] = [];
  for (const t of tables) {
    const p = plans.get(t.name)!;
    const created = t.columns.find((c) => isCreatedColumn(c) && !c.nullable);
    // A column a CHECK reads is generated without nulls: the check then reads it plainly (a nullable
    // value needs coalesce, whose fallback has no literal for every type), and SQL accepts the values.
    const colInfo = new Map<string, CheckColumn>(t.columns.map((c) => [c.name, { dgen: p.cols.get(c.name)!, type: c.type, nullable: false }]));
    const checked = new Set<string>();
    const checkLines: string[] = [];
    const oneOf = new Map<string, readonly (string | number)[]>();
    const jsonCols = new Set<string>();
    const alwaysNull = new Set<string>();
    for (const ch of t.checks) {
      const json = jsonValidColumn(ch.expr);
      if (json !== undefined) {
        jsonCols.add(json);
        continue;
      }
      const sql = ch.text !== "" ? ch.text : ch.expr !== undefined ? `CHECK (${exprText(ch.expr, model.dialect)})` : "CHECK";
      if (ch.expr === undefined) {
        checkLines.push(`  // dropped ${oneLine(sql)}: it could not be parsed`);
        continue;
      }
      const r = translateCheck(ch.expr, colInfo);
      if (r.ok) {
        for (const c of t.columns) if (r.columns.has(p.cols.get(c.name)!) && c.nullable) checked.add(c.name);
        checkLines.push(`  check ${r.expr}  // from ${oneLine(sql)}`);
        if (r.inList) oneOf.set(r.inList.column, r.inList.values);
      } else {
        // Null passes any CHECK: a nullable column the dropped check reads is left null, so the data loads.
        const nullable = columnsOfExpr(ch.expr).filter((c) => t.columns.find((x) => x.name === c)?.nullable && !p.exprs.has(c));
        nullable.forEach((c) => alwaysNull.add(c));
        checkLines.push(`  // dropped ${oneLine(sql)}: ${r.why}${nullable.length > 0 ? `; ${nullable.map((c) => p.cols.get(c)).join(", ")} left null, which passes it` : ""}`);
        if (nullable.length === 0) warnings.push(`${shown(t.name)}: ${oneLine(sql)} was dropped (${r.why}); generated rows may break it`);
      }
    }
    body.push(`table ${p.dgen} {${t.name !== p.dgen ? `  // SQL name ${shown(t.name)}` : ""}`);
    const rowsWhy = t.rowCount !== undefined && t.rowCount > 0 ? `the live table's ${t.rowCount} rows` : `--rows ${opts.rows}, the default`;
    if (p.per) body.push(`  rows: per ${p.per.parent} ${p.per.count}  // ${p.per.why}`);
    else body.push(`  rows: ${p.rows}  // ${rowsWhy}${p.keyNotes.length > 0 ? `; ${p.keyNotes.join("; ")}` : ""}`);
    body.push(...p.lets);
    const width = Math.max(...t.columns.map((c) => p.cols.get(c.name)!.length));
    for (const sqlColumn of t.columns) {
      const name = p.cols.get(sqlColumn.name)!;
      const neverNull = checked.has(sqlColumn.name) && !p.exprs.get(sqlColumn.name)?.expr.includes("null");
      const c = neverNull ? { ...sqlColumn, nullable: false } : sqlColumn;
      let type = c.type;
      if (jsonCols.has(c.name) && type.kind === "string") type = { kind: "json" };
      // dgen compares an int64 with no literal: a CHECK's column is an `int` (exact to 2^53) instead.
      const narrowed = checked.has(c.name) || t.checks.some((ch) => ch.expr !== undefined && columnsOfExpr(ch.expr).includes(c.name));
      if (narrowed && type.kind === "int" && type.bits === 64) type = { ...type, bits: 53 };
      const typeText = dgenType(type, (e) => enumOf(t, c, e)) + (c.nullable ? "?" : "");
      const notes: string[] = [];
      if (name !== c.name) notes.push(`SQL name ${shown(c.name)}`);
      if (neverNull) notes.push("never null here: a CHECK reads it");
      if (narrowed && c.type.kind === "int" && c.type.bits === 64) notes.push("int, not int64: a CHECK compares it with numbers");
      notes.push(`SQL ${oneLine(c.sqlType)}${sqlColumn.nullable ? "" : " NOT NULL"}${c.defaultText !== undefined ? ` DEFAULT ${oneLine(c.defaultText)}` : ""}`);
      const anns: string[] = [];
      if (t.primaryKey.length === 1 && t.primaryKey[0] === c.name && p.exprs.has(c.name)) anns.push("@pk");
      else if (t.uniques.some((u) => u.length === 1 && u[0] === c.name) && p.exprs.has(c.name)) anns.push("@unique");
      const fk = validFks(t).find((f) => f.columns.length === 1 && f.columns[0] === c.name);
      if (fk) anns.push(`@ref(${plans.get(fk.table)!.dgen}.${plans.get(fk.table)!.cols.get(fk.refColumns[0]!)})`);
      let chosen = p.exprs.get(c.name);
      if (!chosen) {
        const values = oneOf.get(name);
        const g =
          values && values.length > 0 && (type.kind === "string" || type.kind === "int")
            ? { expr: `one_of(${values.map((v) => (typeof v === "number" ? String(v) : dgenString(v))).join(", ")})`, why: "one of the CHECK's values" }
            : guess(c, name, created && created !== c && created.type.kind === c.type.kind ? { table: t.name, createdColumn: p.cols.get(created.name)! } : { table: t.name });
        chosen = g ?? fallback(type);
        if (chosen && c.nullable) chosen = { ...chosen, nullShare: "10%" };
      }
      if (alwaysNull.has(c.name)) {
        anns.push("@null(100%)");
        notes.push("always null: a CHECK on it was dropped");
      } else if (chosen?.nullShare) anns.push(`@null(${chosen.nullShare})`);
      else if (type.kind === "unknown" && c.nullable) anns.push("@null(100%)");
      let expr = chosen?.expr;
      if (expr !== undefined && type.kind === "string" && type.maxLength !== undefined && !/^pattern\(|^pick\(|^parent\.|^ref_/.test(expr) && !p.exprs.has(c.name))
        expr = `truncate(${expr}, ${type.maxLength})`;
      if (type.kind === "unknown") {
        notes.push(c.nullable ? "dgen has no such type: always null" : "dgen has no such type: text that may not load");
        if (!c.nullable) warnings.push(`${shown(t.name)}.${shown(c.name)}: SQL type ${c.sqlType} has no dgen type; it is generated as text, which the database may refuse`);
      }
      if (chosen?.why) notes.push(chosen.nullShare ? `${chosen.why}; ${chosen.nullShare} null (a guess)` : chosen.why);
      const line = `  ${name.padEnd(width)} ${typeText}${anns.length > 0 ? ` ${anns.join(" ")}` : ""}${expr !== undefined ? ` = ${expr}` : ""}`;
      body.push(`${line}  // ${notes.join("; ")}`);
    }
    body.push(...p.lines, ...checkLines, "}", "");
  }
  const enumLines = [...enums.values()]
    .filter((e) => e.labels.length > 0)
    .map((e) => `enum ${e.dgen} { ${[...new Set(e.labels)].map(dgenString).join(", ")} }`);
  return { text: [...out, ...enumLines, ...(enumLines.length > 0 ? [""] : []), ...body].join("\n"), renamed, warnings };
}

function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

function dgenType(t: ColumnType, enumName: (e: Extract<ColumnType, { kind: "enum" }>) => string): string {
  switch (t.kind) {
    case "int":
      return t.bits === 53 ? "int" : `int${t.bits}`;
    case "decimal":
      return `decimal(${t.precision}, ${t.scale})`;
    case "enum":
      return t.labels.length > 0 ? enumName(t) : "string";
    case "array":
      return `${dgenType(t.element, enumName)}[]`;
    case "set":
    case "time":
    case "unknown":
      return "string";
    default:
      return t.kind;
  }
}

/** A value for a type without a guess: the type's default where it always fits, else one that does. */
function fallback(t: ColumnType): { expr: string; why: string } | undefined {
  switch (t.kind) {
    case "string":
      return t.maxLength !== undefined ? { expr: "faker.lorem.word()", why: "a word" } : undefined;
    case "int":
      if (t.min !== undefined || t.max !== undefined) return { expr: `uniform(${t.min ?? 0}, ${Math.min(t.max ?? 1000, 1000)})`, why: "within the SQL type's range" };
      return undefined;
    case "set":
      return { expr: `one_of(${t.labels.map(dgenString).join(", ")})`, why: "one member of the SET" };
    case "time":
      return { expr: 'pattern("[01][0-9]:[0-5][0-9]:[0-5][0-9]")', why: "a time of day" };
    case "bytes":
      return { expr: `random_bytes(${Math.min(16, t.maxLength ?? 16)})`, why: "random bytes" };
    case "array":
      return t.element.kind === "string" || t.element.kind === "int" || t.element.kind === "float" || t.element.kind === "bool"
        ? { expr: `array(uniform(0, 3), ${fallback(t.element)?.expr ?? defaultOf(t.element)})`, why: "0 to 3 elements" }
        : undefined;
    case "unknown":
      return { expr: "faker.lorem.word()", why: "" };
    default:
      return undefined;
  }
}

function defaultOf(t: ColumnType): string {
  switch (t.kind) {
    case "string": return "faker.lorem.word()";
    case "int": return "uniform(0, 1000)";
    case "float": return "uniform(0.0, 1.0)";
    case "bool": return "bernoulli(0.5)";
    default: return "faker.lorem.word()";
  }
}

/** A unique value for a key column of this type, with how many values it has. */
function uniqueValue(c: Column, rows: number): { expr: string; why: string; capacity?: number } | undefined {
  const t = c.type;
  switch (t.kind) {
    case "int": {
      const start = Math.max(1, t.min ?? 1);
      const max = t.max ?? (t.bits === 16 ? 32767 : t.bits === 32 ? 2147483647 : Number.MAX_SAFE_INTEGER);
      return { expr: `sequence(${start})`, why: "a unique sequence", capacity: max - start + 1 };
    }
    case "uuid":
      return { expr: "uuid()", why: "a unique uuid" };
    case "string": {
      const n = t.maxLength ?? 8;
      const flat = c.name.toLowerCase().replace(/[^a-z]/g, "");
      const digits = String(Math.max(rows, 1)).length + 1;
      if (/e?mail/.test(flat) && n >= 17 + digits) return { expr: "`user{index}@example.com`", why: "a unique email address (the row number)" };
      if (/user|login/.test(flat) && n >= 4 + digits) return { expr: "`user{index}`", why: "a unique user name (the row number)" };
      const k = Math.min(n, 8);
      return { expr: `pattern("[A-Z0-9]{${k}}")`, why: `a unique code of ${k} characters`, capacity: 36 ** k };
    }
    case "enum":
      return t.labels.length > 0 ? { expr: `one_of(${t.labels.map(dgenString).join(", ")})`, why: "each label once", capacity: t.labels.length } : undefined;
    default:
      return rows === 0 ? undefined : undefined;
  }
}

/** Whether dgen can prove a composite key from the values chosen for its columns. */
function provenComposite(p: Plan, cols: readonly string[]): boolean {
  const exprs = cols.map((c) => p.exprs.get(c)?.expr ?? "");
  if (exprs.some((e) => /^sequence\(|^uuid\(\)|^pattern\(|^`user\{index\}/.test(e))) return true;
  const parent = exprs.some((e) => e.startsWith("parent."));
  return parent && exprs.some((e) => /^pick\([^)]*, distinct\)\.|^ordinal \+ 1$/.test(e));
}

/** Whether making `child` a `per parent` table would close a cycle of `per` parents. */
function perCycle(plans: Map<string, Plan>, parent: string, child: string): boolean {
  const seen = new Set<string>();
  let cur: string | undefined = parent;
  while (cur !== undefined && !seen.has(cur)) {
    if (cur === child) return true;
    seen.add(cur);
    const p = plans.get(cur);
    cur = p?.per ? [...plans.values()].find((x) => x.dgen === p.per!.parent)?.table.name : undefined;
  }
  return false;
}

/** Key columns are NOT NULL, as every database makes them. */
function normalize(tables: readonly Table[]): Table[] {
  return tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => (t.primaryKey.includes(c.name) ? { ...c, nullable: false } : c)),
  }));
}

/** Parents before children where the foreign keys allow (a cycle keeps the source order). */
function order(tables: readonly Table[]): Table[] {
  const names = new Set(tables.map((t) => t.name));
  const done = new Set<string>();
  const out: Table[] = [];
  let left = [...tables];
  while (left.length > 0) {
    const ready = left.filter((t) => t.foreignKeys.every((f) => f.table === t.name || done.has(f.table) || !names.has(f.table)));
    const next = ready.length > 0 ? ready : [left[0]!];
    for (const t of next) {
      out.push(t);
      done.add(t.name);
    }
    left = left.filter((t) => !done.has(t.name));
  }
  return out;
}
