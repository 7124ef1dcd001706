/**
 * A small RFC 4180 reader for choices files read at compile time: quoted fields, doubled quotes,
 * CRLF or LF, a leading BOM. Returns the header and rows, or the 1-based line of the first problem.
 *
 * `readCsv('a,b\n1,"x, y"\n')` → `{ ok: true, header: ["a", "b"], rows: [["1", "x, y"]] }`
 */
export type CsvResult =
  | { readonly ok: true; readonly header: string[]; readonly rows: string[][] }
  | { readonly ok: false; readonly line: number; readonly reason: string };

export function readCsv(text: string): CsvResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  const endField = () => {
    fields.push(field);
    field = "";
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: recordLine });
    fields = [];
    recordLine = line;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
          return { ok: false, line, reason: "a quoted field must end at a comma or a line break" };
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === ",") {
      endField();
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      endRecord();
      continue;
    }
    if (c === '"') return { ok: false, line, reason: "a quote inside an unquoted field" };
    field += c;
    atFieldStart = false;
    i++;
  }
  if (quoted) return { ok: false, line: recordLine, reason: "a quoted field is not closed" };
  if (field !== "" || fields.length > 0) endRecord();
  const [head, ...rest] = records;
  if (!head) return { ok: true, header: [], rows: [] };
  for (const r of rest)
    if (r.fields.length !== head.fields.length)
      return {
        ok: false,
        line: r.line,
        reason: `this row has ${r.fields.length} fields, the header has ${head.fields.length}`,
      };
  return { ok: true, header: head.fields.map((h) => h.trim()), rows: rest.map((r) => r.fields) };
}
