/**
 * The canonical layout of a `.dgen` file (`dgen format`), from its tokens and comments alone: the
 * formatter moves only whitespace, so the token sequence — and with it the meaning — is unchanged
 * (format.ts checks that by lexing the result again).
 *
 * Rules: two spaces per open `{`, `(` or `[`; the user's line breaks are kept, at most one blank line in
 * a row and none just inside braces; one space around binary operators and after `,` and `:`, none
 * inside brackets or around `.` and `@`; a table's column lines aligned (name, then type); templates,
 * strings and comments verbatim; one final newline.
 *
 *   layout("table t{rows:5\n      id int   @pk=sequence(1)}")
 *   // "table t {\n  rows: 5\n  id int @pk = sequence(1)\n}\n"   (with `}` on its own line only if it was)
 */
import { tokenMatcher, type IToken } from "chevrotain";
import { tokens as t } from "../../grammar/index.js";

/** A piece of a line: a token, a whole template (`` `…{x}…` ``) or a comment. */
interface Chunk {
  readonly image: string;
  readonly token: IToken;
  /** Whitespace stood before it in the input. */
  readonly spaced: boolean;
  /** The input's text between the previous chunk and this one. */
  readonly gap: string;
}

interface Line {
  readonly chunks: Chunk[];
  /** A blank line stood before it in the input. */
  readonly blankBefore: boolean;
  depth: number;
}

const openers = [t.LCurly, t.LParen, t.LBracket];
const closers = [t.RCurly, t.RParen, t.RBracket];
const binary = [
  t.FatArrow,
  t.EqEq,
  t.NotEq,
  t.LtEq,
  t.GtEq,
  t.Lt,
  t.Gt,
  t.Equals,
  t.Plus,
  t.Star,
  t.Slash,
  t.Percent,
  t.Pipe,
  t.Tilde,
];
/** Tokens that end an operand: a `-` after one is binary, else unary. */
const operandEnds = [
  t.AnyWord,
  t.NumberLit,
  t.StringLit,
  t.SingleQuotedString,
  t.DateTimeLit,
  t.DurationLit,
  t.RegexLit,
  t.RParen,
  t.RBracket,
  t.RCurly,
  t.TemplateStart,
  t.Question,
];

const is = (chunk: Chunk | undefined, types: readonly (typeof t.Comma)[]): boolean =>
  chunk !== undefined && types.some((type) => tokenMatcher(chunk.token, type));
const isComment = (c: Chunk): boolean => is(c, [t.LineComment, t.BlockComment]);

/** The laid-out text of `source`, whose tokens (comments excluded) and comments are given. */
export function layout(source: string, tokens: readonly IToken[], comments: readonly IToken[]): string {
  const lines = toLines(chunksOf(source, tokens, comments));
  indent(lines);
  const out: string[] = [];
  const texts = alignColumns(lines);
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    const afterOpen = previous !== undefined && is(previous.chunks.at(-1), [t.LCurly]);
    const beforeClose = is(line.chunks[0], [t.RCurly]);
    if (line.blankBefore && previous !== undefined && !afterOpen && !beforeClose) out.push("");
    out.push("  ".repeat(line.depth) + texts[i]!);
  });
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

/** Tokens and comments in source order, each template folded into one verbatim chunk. */
function chunksOf(source: string, tokens: readonly IToken[], comments: readonly IToken[]): Chunk[] {
  const all = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  const chunks: Chunk[] = [];
  let end = 0;
  for (let i = 0; i < all.length; i++) {
    const first = all[i]!;
    let last = first;
    if (tokenMatcher(first, t.TemplateStart)) {
      // Everything up to the matching end of the template, nested templates included.
      let depth = 1;
      while (depth > 0 && i + 1 < all.length) {
        last = all[++i]!;
        if (tokenMatcher(last, t.TemplateStart)) depth++;
        else if (tokenMatcher(last, t.TemplateEnd)) depth--;
      }
    }
    const image = source.slice(first.startOffset, last.endOffset! + 1);
    chunks.push({ image, token: first, spaced: first.startOffset > end, gap: source.slice(end, first.startOffset) });
    end = last.endOffset! + 1;
  }
  return chunks;
}

function toLines(chunks: readonly Chunk[]): Line[] {
  const lines: Line[] = [];
  for (const chunk of chunks) {
    const breaks = (chunk.gap.match(/\n/g) ?? []).length;
    if (lines.length === 0 || breaks > 0) lines.push({ chunks: [chunk], blankBefore: breaks > 1, depth: 0 });
    else lines.at(-1)!.chunks.push(chunk);
  }
  return lines;
}

/** Tokens that leave an expression open at the end of a line: the next line continues it. */
const continuers = [...binary, t.Minus, t.And, t.Or, t.Not, t.If, t.Then, t.Else];

/**
 * Depth of each line: the brackets open before it, less the closers it starts with, plus one when the
 * line before ended in an operator (a continued expression).
 */
function indent(lines: Line[]): void {
  let depth = 0;
  let previous: Line | undefined;
  for (const line of lines) {
    let leading = 0;
    while (leading < line.chunks.length && is(line.chunks[leading], closers)) leading++;
    const last = previous?.chunks.filter((c) => !isComment(c)).at(-1);
    line.depth = Math.max(0, depth - leading) + (is(last, continuers) ? 1 : 0);
    previous = line;
    for (const c of line.chunks) {
      if (is(c, openers)) depth++;
      else if (is(c, closers)) depth = Math.max(0, depth - 1);
    }
  }
}

/** The text of one line's chunks with canonical spaces between them. */
function joinChunks(chunks: readonly Chunk[]): string {
  let text = "";
  chunks.forEach((c, i) => {
    if (i > 0 && spaceBetween(chunks[i - 2], chunks[i - 1]!, c)) text += " ";
    text += c.image;
  });
  return text;
}

function spaceBetween(before: Chunk | undefined, a: Chunk, b: Chunk): boolean {
  if (isComment(b)) return true;
  if (is(b, [t.Comma, t.RParen, t.RBracket, t.Dot, t.DotDot, t.Colon, t.Question])) return false;
  if (is(a, [t.LParen, t.LBracket, t.Dot, t.DotDot, t.At])) return false;
  if (is(a, [t.Comma, t.Colon])) return true;
  if (is(a, [t.Minus])) return before !== undefined && is(before, operandEnds);
  if (is(b, [t.Minus])) return true;
  if (is(a, binary) || is(b, binary)) return true;
  // `f(x)` against `per (…)`: as written.
  if (is(b, [t.LParen, t.LBracket])) return b.spaced;
  return b.spaced || is(a, [t.LCurly, t.RCurly]) || is(b, [t.LCurly, t.RCurly, t.At]);
}

/**
 * Each line's text; in a run of column lines of one block (`name type …`, no blank line between), the
 * names and the types padded to the run's widest.
 */
function alignColumns(lines: readonly Line[]): string[] {
  const texts: string[] = [];
  let run: number[] = [];
  const flush = (): void => {
    const cells = run.map((i) => columnCells(lines[i]!.chunks)!);
    const nameWidth = Math.max(...cells.map((c) => c.name.length));
    const typeWidth = Math.max(...cells.map((c) => (c.rest ? c.type.length : 0)));
    run.forEach((i, k) => {
      const { name, type, rest } = cells[k]!;
      texts[i] = rest
        ? `${name.padEnd(nameWidth)} ${type.padEnd(typeWidth)} ${rest}`
        : `${name.padEnd(nameWidth)} ${type}`;
    });
    run = [];
  };
  lines.forEach((line, i) => {
    const cells = line.depth > 0 ? columnCells(line.chunks) : undefined;
    const previous = run.length > 0 ? lines[run.at(-1)!] : undefined;
    if (previous && (!cells || line.blankBefore || line.depth !== previous.depth)) flush();
    if (cells) run.push(i);
    else texts[i] = joinChunks(line.chunks);
  });
  if (run.length > 0) flush();
  return texts;
}

/** `name type rest` of a column line, else undefined. */
function columnCells(chunks: readonly Chunk[]): { name: string; type: string; rest: string } | undefined {
  const [name, type] = chunks;
  if (!name || !type || !is(name, [t.Identifier]) || !is(type, [t.Identifier])) return undefined;
  if (is(name, [t.Primary, t.Foreign, t.Unique, t.Partition, t.Per])) return undefined;
  let split = 2;
  while (split < chunks.length && !is(chunks[split], [t.At, t.Equals, t.Tilde]) && !isComment(chunks[split]!)) split++;
  const text = joinChunks(chunks);
  const typeText = joinChunks(chunks.slice(0, split));
  return {
    name: name.image,
    type: typeText.slice(name.image.length + 1),
    rest: text.slice(typeText.length + 1),
  };
}
