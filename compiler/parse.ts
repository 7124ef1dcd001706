/**
 * Parsing a schema: lex, parse and build the AST, turning every lexer and parser error into a catalog
 * diagnostic with a span. Reports every error in the file (the parser recovers and goes on), and never
 * throws: a bug of ours comes back as DG9001.
 *
 * `parseSchema({ path: "a.dgen", text: "table t { rows: 5 }" })` → an AST with one table and the
 * diagnostic DG1012 ("The file has no 'dataset' header; ...").
 */
import { EOF, type ILexingError, type IRecognitionException, type IToken } from "chevrotain";
import { describeToken, maxNesting, parseCst, tokens as tok, type CstResult } from "../grammar/index.js";
import { buildAst } from "./ast/build-ast.js";
import { expressionDepthDiagnostics } from "./ast/expr-depth.js";
import type { SchemaFile, Span } from "./ast/nodes.js";
import { diag, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { messages } from "../diagnostics/messages.js";
import { lineCol, type SourceFile } from "../diagnostics/source.js";

export interface ParseResult {
  readonly ast: SchemaFile;
  readonly diagnostics: Diagnostic[];
}

/** The largest schema parsed (docs/language.md, "Limits"): past it, DG1024 and nothing else. */
export const maxSchemaChars = 4 * 1024 * 1024;

export function parseSchema(file: SourceFile): ParseResult {
  if (file.text.length > maxSchemaChars) {
    const at = { start: maxSchemaChars, end: maxSchemaChars + 1 };
    return {
      ast: emptySchema(file.text.length),
      diagnostics: [diag(messages.schemaTooLarge, at, ["4 Mi characters"])],
    };
  }
  try {
    const result = parseCst(file.text);
    const diagnostics = [...lexDiagnostics(file.text, result)];
    if (result.tooDeep) {
      // Parsing stopped there: nothing else of the file is known.
      diagnostics.push(diag(messages.nestingTooDeep, tokenSpan(result.tooDeep, file.text.length), [maxNesting]));
      return { ast: emptySchema(file.text.length), diagnostics: sortDiagnostics(dedupe(diagnostics)) };
    }
    if (result.internalError !== undefined) {
      diagnostics.push(diag(messages.internal, emptyAt(0), [`the parser failed: ${result.internalError}`]));
    }
    diagnostics.push(...parseDiagnostics(file.text, result.parseErrors, diagnostics));
    const built = buildAst(result.cst, file.text.length);
    diagnostics.push(
      ...built.diagnostics,
      ...structureDiagnostics(built.ast),
      ...expressionDepthDiagnostics(built.ast),
    );
    return { ast: built.ast, diagnostics: onePerLine(file, sortDiagnostics(dedupe(diagnostics))) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ast: emptySchema(file.text.length), diagnostics: [diag(messages.internal, emptyAt(0), [reason])] };
  }
}

function emptyAt(offset: number): Span {
  return { start: offset, end: offset };
}

function emptySchema(length: number): SchemaFile {
  const span = { start: 0, end: length };
  return { kind: "SchemaFile", span, datasets: [], enums: [], tables: [], outputs: [], params: [], items: [] };
}

function tokenSpan(t: IToken, textLength: number): Span {
  if (t.tokenType === EOF || !Number.isFinite(t.startOffset)) return emptyAt(textLength);
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

// ---------------------------------------------------------------- lexical errors

function* lexDiagnostics(text: string, result: CstResult): Iterable<Diagnostic> {
  for (const error of result.lexErrors) yield unexpectedCharacter(text, error);
  for (const t of result.badTokens)
    yield diag(messages.unterminatedComment, { start: t.startOffset, end: t.startOffset + 2 }, []);
  const openTemplates: IToken[] = [];
  for (const t of result.tokens) {
    const span = tokenSpan(t, text.length);
    if (t.tokenType === tok.UnterminatedString) yield diag(messages.unterminatedString, span, []);
    else if (t.tokenType === tok.UnterminatedRegex) yield diag(messages.unterminatedRegex, span, []);
    else if (t.tokenType === tok.BadNumber) yield diag(messages.invalidNumber, span, [t.image]);
    else if (t.tokenType === tok.TemplateStart) openTemplates.push(t);
    else if (t.tokenType === tok.TemplateEnd) openTemplates.pop();
    else if (t.tokenType === tok.UnterminatedTemplate) {
      const start = openTemplates.pop();
      if (start) yield diag(messages.unterminatedTemplate, { start: start.startOffset, end: t.startOffset }, []);
    }
  }
  for (const start of openTemplates) {
    yield diag(messages.unterminatedTemplate, { start: start.startOffset, end: text.length }, []);
  }
}

function unexpectedCharacter(text: string, error: ILexingError): Diagnostic {
  const ch = String.fromCodePoint(text.codePointAt(error.offset) ?? 0xfffd);
  return diag(messages.unexpectedCharacter, { start: error.offset, end: error.offset + Math.max(1, error.length) }, [
    ch,
  ]);
}

// ---------------------------------------------------------------- syntax errors

function parseDiagnostics(
  text: string,
  errors: readonly IRecognitionException[],
  lexical: readonly Diagnostic[],
): Diagnostic[] {
  // An unterminated comment or template swallows the rest of the file: the parser's complaint at the
  // end of the file would only repeat it.
  const swallowed = lexical.some(
    (d) => d.code === messages.unterminatedComment.code || d.code === messages.unterminatedTemplate.code,
  );
  const result: Diagnostic[] = [];
  for (const error of errors) {
    const span = tokenSpan(error.token, text.length);
    if (swallowed && span.start === text.length) continue;
    result.push(diag(messages.unexpectedToken, span, [describeToken(error.token), error.message]));
  }
  return result;
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.span.start}:${d.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * After a syntax error the parser drops the rest of the broken item, and what it then finds on the same
 * line is most often a consequence of the first error: keep one "unexpected token" a line.
 */
function onePerLine(file: SourceFile, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const linesWithError = new Set<number>();
  return diagnostics.filter((d) => {
    if (d.code !== messages.unexpectedToken.code) return true;
    const line = lineCol(file, d.span.start).line;
    if (linesWithError.has(line)) return false;
    linesWithError.add(line);
    return true;
  });
}

// ---------------------------------------------------------------- file structure

function* structureDiagnostics(ast: SchemaFile): Iterable<Diagnostic> {
  const [first, ...others] = ast.datasets;
  if (!first) {
    yield diag(messages.missingDataset, emptyAt(0), []);
    return;
  }
  const header = (d: typeof first): Span => ({ start: d.span.start, end: Math.max(d.name.span.end, d.span.start + 7) });
  if (ast.items[0] !== first) yield diag(messages.datasetNotFirst, header(first), []);
  for (const other of others) yield diag(messages.duplicateDataset, header(other), []);
}
