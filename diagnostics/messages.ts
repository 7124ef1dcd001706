/**
 * The one catalog of diagnostics. Every message the compiler, the CLI or the runtime prints comes
 * from here, with its code. Bands: DG1xxx syntax, DG2xxx names, DG3xxx types and parameters,
 * DG4xxx keys, relations, correlations and rules, DG5xxx files and output, DG6xxx not supported yet,
 * DG7xxx generation (runtime), DG8xxx command line, DG9xxx internal. Every code is documented in
 * docs/diagnostics.md (a test keeps the two in step).
 */
import type { Severity } from "./diagnostic.js";

export interface MessageDef<A extends readonly unknown[]> {
  readonly code: string;
  readonly severity: Severity;
  readonly format: (...args: A) => string;
}

function error<A extends readonly unknown[]>(code: string, format: (...args: A) => string): MessageDef<A> {
  return { code, severity: "error", format };
}
function warning<A extends readonly unknown[]>(code: string, format: (...args: A) => string): MessageDef<A> {
  return { code, severity: "warning", format };
}

const q = (s: string) => `'${s}'`;

export const messages = {
  // ------------------------------------------------------------ DG1xxx syntax
  unexpectedCharacter: error("DG1001", (ch: string) => `Unexpected character ${q(ch)}.`),
  unexpectedToken: error("DG1002", (found: string, expected: string) => `Unexpected ${found}; expected ${expected}.`),
  unterminatedString: error("DG1003", () => `Unterminated string literal.`),
  unterminatedComment: error("DG1004", () => `Unterminated block comment.`),
  unterminatedTemplate: error("DG1005", () => `Unterminated template string.`),
  invalidNumber: error("DG1006", (raw: string) => `Invalid number ${q(raw)}.`),
  invalidDate: error("DG1007", (raw: string) => `Invalid date or timestamp ${q(raw)}.`),
  invalidRegex: error("DG1008", (raw: string, reason: string) => `Invalid regular expression ${raw}: ${reason}.`),
  invalidEscape: error("DG1009", (esc: string) => `Invalid escape sequence ${q(esc)} in string.`),
  unterminatedRegex: error("DG1010", () => `Unterminated regular expression literal.`),
  invalidDuration: error("DG1011", (raw: string) => `Invalid duration ${q(raw)}.`),
  missingDataset: error(
    "DG1012",
    () => `The file has no 'dataset' header; every schema starts with 'dataset NAME { ... }'.`,
  ),
  duplicateDataset: error("DG1013", () => `A schema has exactly one 'dataset' header; this is a second one.`),
  datasetNotFirst: error("DG1014", () => `The 'dataset' header must come first in the file.`),
  emptyTemplatePart: error("DG1015", () => `Empty interpolation '{}' in template string.`),
  notCallable: error("DG1016", () => `Only a name or a member such as 'faker.person.firstName' can be called.`),
  // DG1020–DG1029: limits of the language (docs/language.md, "Limits")
  nestingTooDeep: error(
    "DG1020",
    (max: number) => `This is nested more than ${max} levels deep (brackets, calls, 'if', 'match', templates).`,
  ),
  expressionTooDeep: error(
    "DG1021",
    (max: number) => `This expression is more than ${max} levels deep; split it with 'let' values.`,
  ),
  singleQuotedString: error("DG1022", () => `Strings are written in double quotes, not single quotes.`),
  nameTooLong: error(
    "DG1023",
    (what: string, max: number) => `This ${what} name is longer than ${max} bytes; it names a file.`,
  ),
  moreDiagnostics: warning(
    "DG1025",
    (more: number, errors: number, shown: number) =>
      `${more} more diagnostic${more === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}) not shown; dgen shows the first ${shown}.`,
  ),
  schemaTooLarge: error(
    "DG1024",
    (max: string) => `The schema is larger than ${max}; split it or generate fewer, larger tables.`,
  ),

  // ------------------------------------------------------------ DG2xxx names
  duplicateName: error("DG2001", (what: string, name: string) => `Duplicate ${what} ${q(name)}.`),
  unknownTable: error("DG2002", (name: string) => `Unknown table ${q(name)}.`),
  unknownColumn: error("DG2003", (name: string, table: string) => `Unknown column ${q(name)} in table ${q(table)}.`),
  unknownType: error("DG2004", (name: string) => `Unknown type ${q(name)}.`),
  unknownFunction: error("DG2005", (name: string) => `Unknown function ${q(name)}.`),
  unknownAnnotation: error("DG2006", (name: string) => `Unknown annotation '@${name}'.`),
  unknownSetting: error("DG2007", (name: string, block: string) => `Unknown setting ${q(name)} in ${block}.`),
  unknownArgument: error("DG2008", (arg: string, fn: string) => `${q(fn)} has no parameter ${q(arg)}.`),
  unknownFaker: error("DG2009", (path: string) => `Unknown faker method ${q(path)}.`),
  unknownEnumMember: error(
    "DG2010",
    (member: string, enumName: string) => `${q(member)} is not a member of enum ${q(enumName)}.`,
  ),
  unknownName: error("DG2011", (name: string) => `Unknown name ${q(name)}.`),
  noParent: error("DG2012", (name: string) => `${q(name)} is only available in a table declared with 'rows: per ...'.`),
  noTick: error("DG2013", () => `'tick' is only available in a time-series table ('rows: per P every D from A to B').`),
  unknownField: error("DG2014", (field: string, of: string) => `${of} has no field ${q(field)}.`),
  noRows: error("DG2015", (table: string) => `Table ${q(table)} has no 'rows:' line.`),
  duplicateRows: error("DG2016", (table: string) => `Table ${q(table)} declares 'rows:' twice.`),
  assignToUnknown: error(
    "DG2017",
    (name: string, table: string) => `'when' assigns to ${q(name)}, which is not a column of table ${q(table)}.`,
  ),
  unusedLet: warning("DG2019", (name: string) => `Hidden value ${q(name)} is never used.`),
  reservedName: error("DG2018", (name: string, why: string) => `${q(name)} cannot be used as a name here: ${why}.`),

  notChildTable: error(
    "DG2020",
    (table: string, here: string) =>
      `Table ${q(table)} is not a child of ${q(here)}; aggregates read the rows of a 'per ${here}' table.`,
  ),
  noPrev: error("DG2021", () => `'prev' is the previous sibling row; only a 'per' table has one.`),
  unknownParam: error("DG2022", (name: string) => `Unknown parameter ${q(name)}.`),

  // ------------------------------------------------------------ DG3xxx types and parameters
  typeMismatch: error(
    "DG3001",
    (expected: string, found: string) => `Expected a value of type ${expected}, found ${found}.`,
  ),
  columnTypeMismatch: error(
    "DG3002",
    (column: string, declared: string, found: string) =>
      `Column ${q(column)} is declared ${declared}, but its expression has type ${found}.`,
  ),
  needsRounding: error(
    "DG3003",
    (column: string) =>
      `Column ${q(column)} is an int, but its expression is a float; wrap it in round(), floor() or ceil().`,
  ),
  wrongArgCount: error(
    "DG3004",
    (fn: string, expected: string, found: number) => `${q(fn)} takes ${expected} argument(s), found ${found}.`,
  ),
  notConstant: error("DG3005", (what: string) => `${what} must be a constant.`),
  badParameter: error(
    "DG3006",
    (fn: string, param: string, rule: string) => `Invalid parameter ${q(param)} of ${q(fn)}: ${rule}.`,
  ),
  badWeights: error("DG3007", (rule: string) => `Invalid weights: ${rule}.`),
  loAboveHi: error("DG3008", (fn: string) => `The lower bound of ${q(fn)} is above its upper bound.`),
  nullOnNonNullable: error(
    "DG3009",
    (column: string) =>
      `Column ${q(column)} is not nullable; '@null' needs the type to end with '?' (for example 'string?').`,
  ),
  nullIntoNonNullable: error(
    "DG3010",
    (column: string) => `Column ${q(column)} is not nullable, but its expression can be null.`,
  ),
  badAnnotationArgs: error("DG3011", (annotation: string, rule: string) => `'@${annotation}' ${rule}.`),
  annotationNotForType: error(
    "DG3012",
    (annotation: string, type: string) => `'@${annotation}' does not apply to a column of type ${type}.`,
  ),
  badOperands: error(
    "DG3013",
    (op: string, left: string, right: string) => `Operator ${q(op)} cannot be applied to ${left} and ${right}.`,
  ),
  badDecimal: error("DG3014", (rule: string) => `Invalid decimal type: ${rule}.`),
  wideDecimalInexact: error(
    "DG3070",
    (column: string, type: string, what: string) =>
      `Column ${q(column)} is ${type}, computed exactly, but ${what} is not exact.`,
  ),
  wideDecimalRead: error(
    "DG3071",
    (column: string, wide: string) =>
      `Column ${q(column)} reads ${wide}, a decimal wider than 15 digits, in a computation that is not exact.`,
  ),
  wideDecimalFeature: error(
    "DG3072",
    (column: string, feature: string) =>
      `Column ${q(column)} is a decimal wider than 15 digits; ${feature} does not apply to it.`,
  ),
  badRows: error("DG3015", (rule: string) => `Invalid row count: ${rule}.`),
  matchArmType: error(
    "DG3016",
    (expected: string, found: string) =>
      `These values must have one type (the branches of 'if' or 'match', the choices of 'one_of', the values of 'coalesce'): expected ${expected}, found ${found}.`,
  ),
  badPattern: error("DG3017", (reason: string) => `Invalid pattern: ${reason}.`),
  badSetting: error("DG3018", (setting: string, rule: string) => `Invalid value for ${q(setting)}: ${rule}.`),
  templateValue: error(
    "DG3019",
    (type: string) => `A value of type ${type} cannot be interpolated into a template string.`,
  ),
  validatorNeverHolds: error(
    "DG3020",
    (column: string, validator: string, why: string) =>
      `Column ${q(column)} can never satisfy '@${validator}': ${why}.`,
  ),
  fieldOfNonRow: error("DG3021", (type: string) => `A value of type ${type} has no fields.`),
  badEnumWeights: error(
    "DG3022",
    (enumName: string) => `Enum ${q(enumName)} mixes weighted and plain members; give every member a weight or none.`,
  ),
  duplicateArgument: error("DG3023", (name: string) => `Argument ${q(name)} is given twice.`),
  conditionNotBool: error(
    "DG3024",
    (what: string, found: string) => `The condition of ${what} must be a bool, found ${found}.`,
  ),
  matchNotExhaustive: error("DG3026", () => `'match' does not cover every value; add a last arm '_ => ...'.`),
  nullableOperand: error(
    "DG3027",
    (what: string) => `${what} can be null here; give a default with coalesce(value, default).`,
  ),
  regexOutsideAnnotation: error("DG3028", () => `A regular expression literal can only be an argument of '@regex'.`),
  pickArgument: error(
    "DG3025",
    () => `'pick' takes a table name and, optionally, a distribution of the row index such as zipf(1.1).`,
  ),
  // DG3120–DG3129: domain packs' language additions
  pickExceptParent: error(
    "DG3120",
    (table: string, target: string) =>
      `'except: parent' goes only in 'pick(P, distinct, except: parent)' in a table of 'rows: per P' (here: a pick of ${q(target)} in table ${q(table)}).`,
  ),
  // DG3050–DG3059: noise (§8) and privacy (§9) annotations
  noiseNotForType: error(
    "DG3050",
    (kind: string, type: string, why: string) =>
      `Noise of kind '${kind}' does not apply to a column of type ${type}: ${why}.`,
  ),
  unknownNoiseKind: error(
    "DG3051",
    (kind: string) => `Unknown noise kind ${q(kind)}; expected typo, missing, format or outlier.`,
  ),
  badNoiseShare: error(
    "DG3052",
    (kind: string) => `The noise share of ${q(kind)} must be a constant share between 0% and 100%, such as 2%.`,
  ),
  noiseOverFull: error("DG3053", (total: string) => `The noise shares add up to ${total}, more than 100%.`),
  noiseOnKey: warning(
    "DG3054",
    (column: string, key: string) =>
      `Column ${q(column)} is a key (${key}); its '@noise' writes values that break the key in the output.`,
  ),
  maskAndEncrypt: error(
    "DG3055",
    (column: string) => `Column ${q(column)} cannot be both masked and encrypted; keep '@mask' or '@encrypt'.`,
  ),
  badMaskMode: error("DG3056", (found: string) => `'@mask' takes one of partial, full or hash; found ${found}.`),
  noiseNotNamed: error("DG3057", (what: string, example: string) => `${what} takes named shares, such as ${example}.`),
  duplicateAnnotation: error(
    "DG3058",
    (name: string, column: string) => `'@${name}' is given twice on column ${q(column)}.`,
  ),

  literalOutOfRange: error(
    "DG3030",
    (raw: string, type: string, range: string) => `${raw} does not fit ${type} (${range}).`,
  ),
  badParamDecl: error("DG3031", (name: string, why: string) => `Parameter ${q(name)}: ${why}.`),
  badFixedRow: error("DG3032", (where: string, why: string) => `${where}: ${why}.`),
  sequenceOutOfRange: error(
    "DG3033",
    (column: string, type: string, last: string) =>
      `The sequence of column ${q(column)} reaches ${last}, past the range of ${type}.`,
  ),
  badArrayUse: error("DG3034", (why: string) => `${why}.`),
  aggregateDraws: error(
    "DG3035",
    (op: string) => `The expression of '${op}' draws random values; an aggregate reads the child rows' columns.`,
  ),

  // ------------------------------------------------------------ DG4xxx keys, relations, correlations, rules
  uniqueCapacity: error(
    "DG4001",
    (column: string, space: string, rows: string) =>
      `Column ${q(column)} must be unique, but its generator can give only ${space} distinct values for ${rows} rows.`,
  ),
  cannotProveUnique: error(
    "DG4002",
    (column: string) =>
      `Column ${q(column)} must be unique, but dgen cannot make this expression unique by construction.`,
  ),
  columnCycle: error("DG4003", (cycle: string) => `Columns depend on each other in a cycle: ${cycle}.`),
  tableCycle: error("DG4004", (cycle: string) => `Tables depend on each other in a cycle: ${cycle}.`),
  refNotKey: error("DG4005", (target: string) => `'@ref(${target})' must name a column that is '@pk' or '@unique'.`),
  refTypeMismatch: error(
    "DG4006",
    (column: string, target: string) =>
      `Column ${q(column)} has a different type from the key ${q(target)} it references.`,
  ),
  refNotProvable: error(
    "DG4007",
    (column: string, target: string) =>
      `Column ${q(column)} references ${q(target)}, but dgen cannot prove that its values are keys of that table.`,
  ),
  compositeNotProvable: error("DG4008", (columns: string) => `dgen cannot make (${columns}) unique by construction.`),
  nullableKey: error("DG4009", (column: string) => `Primary key column ${q(column)} cannot be nullable.`),
  columnInTwoGroups: error("DG4010", (column: string) => `Column ${q(column)} is in two 'correlate' groups.`),
  checkNeverHolds: error("DG4011", (rule: string) => `The check ${q(rule)} can never hold.`),
  selfReference: error(
    "DG4012",
    (table: string) =>
      `Table ${q(table)} picks any row of itself; a table reads only its earlier rows: 'pick(${table}, before)' or '${table}[index - 1]'.`,
  ),
  keyRedrawn: error("DG4013", (column: string) => `Key column ${q(column)} cannot be assigned by a 'when' rule.`),
  correlateNoDistribution: error(
    "DG4020",
    (column: string, why: string) => `Column ${q(column)} cannot be correlated: ${why}.`,
  ),
  correlateRepeated: error(
    "DG4021",
    (column: string) => `Column ${q(column)} is listed twice in this 'correlate' group.`,
  ),
  correlateSameDraw: error(
    "DG4022",
    (column: string, other: string, owner: string) =>
      `Columns ${q(column)} and ${q(other)} both come from the draw of ${q(owner)}; a group correlates separate draws.`,
  ),
  correlatePairOutside: error(
    "DG4023",
    (column: string) => `Column ${q(column)} is not listed in this 'correlate' group.`,
  ),
  correlateSelf: error("DG4024", (column: string) => `A column cannot be correlated with itself (${q(column)}).`),
  correlateDuplicatePair: error(
    "DG4025",
    (a: string, b: string) => `The pair ${q(a)} ~ ${q(b)} is given twice in this 'correlate' group.`,
  ),
  correlateBadValue: error("DG4026", () => `A rank correlation is a constant number from -1 to 1.`),
  correlateNotPsd: error(
    "DG4027",
    (eigen: string) =>
      `These correlations cannot hold together: the latent correlation matrix is not positive semi-definite (smallest eigenvalue ${eigen}).`,
  ),

  // DG4030–DG4039: time series (`rows: per P every D from A to B`, `tick`, the series terms)
  badEvery: error("DG4030", (rule: string) => `Invalid time series: ${rule}.`),
  seriesTooLong: error(
    "DG4031",
    (count: string, limit: string) => `The time series has ${count} rows per parent; the limit is ${limit}.`,
  ),
  seriesOutsideEvery: error(
    "DG4032",
    (fn: string) =>
      `${q(fn)} is a time-series term; it is only available in a time-series table ('rows: per P every D from A to B').`,
  ),
  seriesNotConstant: error(
    "DG4033",
    (param: string, fn: string, what: string) => `The parameter ${q(param)} of ${q(fn)} must be ${what}.`,
  ),
  everyWithCount: error(
    "DG4034",
    () => `A time-series table has one row per step; it takes no count per parent as well.`,
  ),

  unguardedEarlierRow: error(
    "DG4040",
    (what: string, guard: string) =>
      `${what} has no earlier row when ${guard}; guard it with 'if ${guard} then … else …'.`,
  ),
  selfRowNotEarlier: error(
    "DG4041",
    (table: string) =>
      `Table ${q(table)} reads one of its own rows at an index not proven earlier than 'index'; use 'pick(${table}, before)' or '${table}[index - n]' under 'index >= n'.`,
  ),
  distinctTooMany: error(
    "DG4043",
    (table: string, wanted: string, target: string, size: string, among = "") =>
      `Table ${q(table)} draws up to ${wanted} distinct rows of ${q(target)}${among}, but ${q(target)} has ${size}.`,
  ),
  rowCycle: error("DG4044", (cycle: string) => `A value depends on itself through other rows: ${cycle}.`),
  fixedKeyRepeats: error(
    "DG4045",
    (column: string, value: string, first: string, second: string) =>
      `Key ${q(column)} repeats ${value}: ${first} and ${second}.`,
  ),
  fixedRefDangles: error(
    "DG4046",
    (where: string, column: string, value: string, target: string) =>
      `${where}: ${q(column)} is ${value}, which is not a value of ${q(target)}.`,
  ),
  compositeRefNotProvable: error(
    "DG4047",
    (columns: string, target: string) =>
      `Foreign key (${columns}) references ${target}, but its values are not all taken from one row of that table.`,
  ),
  refColumnsNotKey: error(
    "DG4048",
    (columns: string, table: string) => `(${columns}) is not a key of table ${q(table)}.`,
  ),
  keyLineMismatch: error(
    "DG4049",
    (n: number, m: number) => `The foreign key names ${n} column(s) but references ${m}.`,
  ),

  // DG3060–DG3069: values that are not what they look like
  fakerNeedsCall: error("DG3060", (path: string) => `${q(path)} is a faker method: call it with '()'.`),
  fakerModule: error("DG3061", (path: string) => `${q(path)} is a faker module, not a value.`),
  weightNotField: error(
    "DG3062",
    (field: string, path: string) =>
      `${q(field)} is the weight column of ${q(path)}: it weighs the draw and is not a field of the row.`,
  ),

  // DG4060–DG4069: limits of the planned rows (docs/language.md, "Limits")
  tooManyRows: error(
    "DG4060",
    (table: string, rows: string) =>
      `Table ${q(table)} can have up to ${rows} rows, more than 2^53: row numbers would no longer be exact.`,
  ),
  manyRows: warning(
    "DG4061",
    (table: string, rows: string) => `Table ${q(table)} can have up to ${rows} rows, more than 10^10.`,
  ),
  perTooDeep: error(
    "DG4062",
    (table: string, max: number) => `Table ${q(table)} is more than ${max} 'per' levels below a counted table.`,
  ),

  fixedValueValidator: error(
    "DG4070",
    (column: string, validator: string, why: string, example: string) =>
      `Column ${q(column)} has the same value on every try of its row (${why}), so no redraw can mend a value that breaks '@${validator}'; it can be ${example}, which does.`,
  ),
  fixedCheck: warning(
    "DG4071",
    (rule: string) =>
      `The rule ${q(rule)} reads nothing that a redraw changes, so a row that breaks it cannot be mended: generation stops at the first such row.`,
  ),
  letLoopTooLong: error(
    "DG4080",
    (name: string, max: number) =>
      `The type of ${q(name)} depends on a chain of more than ${max} lets, each typed from the next (lets that read one another in a loop, or a chain through other tables' rows); it is not followed further.`,
  ),
  // ------------------------------------------------------------ DG5xxx files and output
  fileNotFound: error("DG5001", (path: string) => `File ${q(path)} does not exist.`),
  fileOutsideSchema: error(
    "DG5002",
    (path: string) =>
      `File ${q(path)} is outside the schema's folder; choices files must live in the schema's folder tree.`,
  ),
  fileUnreadable: error("DG5003", (path: string, reason: string) => `Cannot read ${q(path)}: ${reason}.`),
  csvNoColumn: error("DG5004", (column: string, path: string) => `File ${q(path)} has no column ${q(column)}.`),
  csvMalformed: error("DG5005", (path: string, reason: string) => `File ${q(path)} is not valid CSV: ${reason}.`),
  csvBadWeight: error(
    "DG5006",
    (path: string, line: number, value: string) =>
      `File ${q(path)}, line ${line}: weight ${q(value)} is not a non-negative number.`,
  ),
  csvEmpty: error("DG5007", (path: string) => `File ${q(path)} has no data rows.`),
  fileTooLarge: error(
    "DG5008",
    (path: string, limit: string) => `File ${q(path)} is larger than the limit of ${limit}.`,
  ),
  outputNotWritable: error("DG5009", (path: string, reason: string) => `Cannot write to ${q(path)}: ${reason}.`),
  diskFull: error(
    "DG5010",
    (path: string) => `The disk is full while writing ${q(path)}; no partial file was left under the final name.`,
  ),
  schemaNotFound: error("DG5011", (path: string) => `Schema file ${q(path)} does not exist.`),
  schemaUnreadable: error("DG5012", (path: string, reason: string) => `Cannot read schema ${q(path)}: ${reason}.`),
  badFormat: error(
    "DG5013",
    (format: string, allowed: string) => `Unknown output format ${q(format)}; expected one of ${allowed}.`,
  ),
  badCompression: error(
    "DG5014",
    (compression: string, allowed: string) => `Unknown compression ${q(compression)}; expected one of ${allowed}.`,
  ),
  // DG5020–DG5029: choices from XLSX files (compiler/check/xlsx-read.ts, zip-limits.ts, from-sheet.ts)
  xlsxNoSheet: error("DG5020", (sheet: string, path: string) => `File ${q(path)} has no sheet ${q(sheet)}.`),
  xlsxUnreadable: error(
    "DG5021",
    (path: string, reason: string) => `File ${q(path)} cannot be read as an XLSX workbook: ${reason}.`,
  ),
  xlsxLimit: error(
    "DG5022",
    (path: string, what: string, measured: string, limit: string) =>
      `File ${q(path)} is over a limit of choices files: ${what} is ${measured}, and at most ${limit} is allowed.`,
  ),
  xlsxBadCell: error(
    "DG5023",
    (path: string, sheet: string, cell: string, reason: string) =>
      `File ${q(path)}, sheet ${q(sheet)}, cell ${cell}: ${reason}.`,
  ),
  sheetNotWorkbook: error(
    "DG5024",
    (path: string) => `'sheet:' names a sheet of an XLSX file, and ${q(path)} is read as CSV.`,
  ),
  workbookNotLoaded: error(
    "DG5025",
    (path: string) =>
      `File ${q(path)} is an XLSX workbook, which is read asynchronously: check the schema with compile() or checkSourceAsync(), not checkSource().`,
  ),
  // DG5030–DG5039: the truth file (--truth)
  badTruthPath: error("DG5030", (path: string, why: string) => `The truth file ${q(path)} ${why}.`),
  // DG5040–DG5049: privacy keys and `dgen decrypt` (runtime/privacy/, compiler/cli/decrypt.ts)
  keyMissing: error(
    "DG5040",
    (variable: string, needed: string) => `The environment variable ${q(variable)} is not set; ${needed} needs it.`,
  ),
  keyMalformed: error(
    "DG5041",
    (variable: string, reason: string, expected: string) =>
      `The environment variable ${q(variable)} is not a valid key: ${reason}; expected ${expected}.`,
  ),
  decryptFailed: error(
    "DG5042",
    (file: string, row: number, column: string) =>
      `Cannot decrypt ${q(file)}, row ${row}, column ${q(column)}: DGEN_KEY is not the key this data was encrypted with, or the cell was altered.`,
  ),
  notEncryptedCell: error(
    "DG5043",
    (file: string, row: number, column: string, reason: string) =>
      `${q(file)}, row ${row}, column ${q(column)} should hold an encrypted cell ('enc:v1:' and base64), but ${reason}.`,
  ),
  notDgenOutput: error("DG5044", (dir: string, reason: string) => `${q(dir)} is not a dgen output folder: ${reason}.`),
  badManifest: error(
    "DG5045",
    (path: string, reason: string) => `The manifest ${q(path)} is not one dgen wrote: ${reason}.`,
  ),
  badDataFile: error(
    "DG5046",
    (path: string, format: string, where: string, reason: string) =>
      `File ${q(path)} is not ${format} as dgen writes it (${where}): ${reason}.`,
  ),
  // DG5050–DG5059: `dgen validate` reading the data (runtime/validate/)
  dataNotFound: error("DG5050", (path: string) => `Data path ${q(path)} does not exist.`),
  dataUnreadable: error("DG5051", (path: string, reason: string) => `Cannot read data file ${q(path)}: ${reason}.`),
  dataMalformed: error(
    "DG5052",
    (path: string, format: string, reason: string) =>
      `File ${q(path)} is not valid ${format}: ${reason}; the rest of the file was not checked.`,
  ),
  dataUnknownTable: error(
    "DG5053",
    (path: string, table: string) => `File ${q(path)} is named for table ${q(table)}, which the schema does not have.`,
  ),
  dataFileIgnored: warning(
    "DG5054",
    (path: string) => `${q(path)} is not a data file dgen reads (.csv, .tsv, .json, .jsonl); it was ignored.`,
  ),
  dataFolderEmpty: error(
    "DG5055",
    (path: string) => `Folder ${q(path)} holds no data file (.csv, .tsv, .json or .jsonl, optionally .gz or .br).`,
  ),
  dataFormatUnknown: error(
    "DG5056",
    (path: string) =>
      `Cannot tell the format of ${q(path)}: expected a name ending in .csv, .tsv, .json or .jsonl, optionally followed by .gz or .br.`,
  ),
  dataTableTwice: error(
    "DG5057",
    (table: string, files: string) => `Table ${q(table)} has more than one data file: ${files}.`,
  ),
  // DG5080–DG5084: `dgen decrypt` checking the folder against its manifests (runtime/privacy/)
  decryptWrongRow: error(
    "DG5080",
    (file: string, table: string, row: number, column: string) =>
      `Cannot decrypt ${q(file)}: table ${q(table)}, row ${row}, column ${q(column)} holds a cell encrypted for another row; a cell or a row was moved, copied or deleted.`,
  ),
  decryptRowCount: error(
    "DG5081",
    (file: string, rows: number, table: string, listed: number) =>
      `File ${q(file)} holds ${rows} rows of table ${q(table)}, but its manifest lists ${listed}; rows were deleted or added, or the file was cut short.`,
  ),
  decryptFileChanged: error(
    "DG5082",
    (file: string, reason: string) =>
      `File ${q(file)} is not the file its manifest lists: ${reason}; it was changed after the run.`,
  ),
  decryptShardMissing: error(
    "DG5083",
    (manifest: string, table: string, missing: string) =>
      `Cannot tell where the rows of table ${q(table)} in ${q(manifest)} start: the folder lacks ${missing} of the shards before it.`,
  ),
  decryptOutsideFolder: error(
    "DG5084",
    (path: string, dir: string) =>
      `${q(path)} leads outside the folder ${q(dir)} (through a symbolic link); dgen decrypt reads only files inside it.`,
  ),
  // DG5085–DG5089: limits of `dgen validate` on the data it reads (runtime/validate/limits.ts)
  dataLimit: error(
    "DG5085",
    (path: string, what: string, limit: string) =>
      `File ${q(path)} is over a limit of dgen validate: ${what} (the limit is ${limit}); the rest of the file was not checked.`,
  ),
  // DG5060–DG5079: where outputs go and how a run commits them (runtime/output-paths.ts, runtime/commit.ts)
  urlOutputPath: error(
    "DG5060",
    (path: string, scheme: string, from: string) =>
      `The output path ${q(path)} (${from}) is a '${scheme}://' URL; dgen writes to local folders and, for --out, to s3:// only.`,
  ),
  outputIncomplete: warning(
    "DG5061",
    (dir: string) =>
      `The output folder ${q(dir)} is incomplete: its old manifest was removed and the new run was not finished, so no manifest vouches for its files; run dgen again.`,
  ),

  databaseLoadFailed: error(
    "DG5100",
    (target: string, reason: string) =>
      `Loading into ${target} failed, and nothing was written to it: ${reason}.`,
  ),
  tableExists: error(
    "DG5101",
    (table: string, target: string) => `Table ${q(table)} already exists in ${target}; nothing was written to it.`,
  ),
  mysqlUndoFailed: error(
    "DG5103",
    (target: string, tables: string, why: string, cause: string) =>
      `Loading into ${target} failed, and the tables it created (${tables}) could not be dropped again (${why}); drop them by hand. The load failed because: ${cause}`,
  ),
  loadManifestFailed: error(
    "DG5104",
    (file: string, target: string, why: string) =>
      `The rows were loaded into ${target}, but the manifest ${q(file)} could not be written: ${why}.`,
  ),
  // DG5350–DG5359: `--to mysql://` (runtime/db/mysql-*.ts)
  mysqlInserts: warning(
    "DG5350",
    (target: string, why: string) =>
      `Loading into ${target} with INSERTs, since ${why}; LOAD DATA LOCAL would be faster (SET GLOBAL local_infile = 1).`,
  ),
  badDatabaseUrl: error("DG5102", (url: string, why: string) => `Cannot load into ${q(url)}: ${why}.`),

  // DG5240–DG5259: object storage, `--out s3://bucket/prefix` (runtime/object-store/)
  objectStoreUnreachable: error(
    "DG5240",
    (where: string, reason: string) => `Cannot reach the object store for ${where}: ${reason}; nothing was uploaded.`,
  ),
  noSuchBucket: error(
    "DG5241",
    (bucket: string, endpoint: string) => `The bucket ${q(bucket)} does not exist at ${endpoint}; nothing was uploaded.`,
  ),
  objectStoreDenied: error(
    "DG5242",
    (where: string, reason: string) =>
      `The object store refused access to ${where}: ${reason}. Check the credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE…) and their permissions.`,
  ),
  noCredentials: error(
    "DG5243",
    (bucket: string) =>
      `No credentials for the bucket ${q(bucket)}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; nothing was uploaded.`,
  ),
  uploadFailed: error(
    "DG5244",
    (where: string, reason: string) => `Uploading ${where} failed: ${reason}.`,
  ),
  prefixIncomplete: warning(
    "DG5245",
    (where: string) =>
      `The prefix ${where} is incomplete: its old manifest was deleted and the new run's upload was not finished, so no manifest vouches for its objects; run dgen again.`,
  ),
  objectStoreSdkMissing: error(
    "DG5246",
    (pkg: string) =>
      `Writing to s3:// needs the package ${q(pkg)}, which could not be loaded; install @aws-sdk/client-s3 and @aws-sdk/lib-storage (beside the bundle, for node <schema>.mjs).`,
  ),
  badObjectStoreSetting: error(
    "DG5247",
    (name: string, value: string, rule: string) => `The environment variable ${name}=${q(value)} is invalid: ${rule}.`,
  ),

  // ------------------------------------------------------------ DG6xxx not supported yet
  notSupportedYet: error("DG6001", (what: string) => `${what} is not supported yet.`),
  notWrittenYet: warning("DG6002", (what: string, instead: string) => `${what} is not written yet; ${instead}.`),
  formatNotWrittenYet: warning(
    "DG6003",
    (format: string) =>
      `The '${format}' output format is not written yet; generate with another format (pass --format csv, tsv, json, jsonl, parquet, xlsx or geojson).`,
  ),

  // ------------------------------------------------------------ DG7xxx generation (runtime)
  checkExhausted: error(
    "DG7001",
    (rule: string, table: string, row: number, tries: number) =>
      `Row ${row} of table ${q(table)} broke the rule ${q(rule)} on all ${tries} tries.`,
  ),
  validatorExhausted: error(
    "DG7002",
    (validator: string, column: string, table: string, row: number, tries: number) =>
      `Row ${row} of table ${q(table)}: column ${q(column)} broke '@${validator}' on all ${tries} tries.`,
  ),
  fixedCheckBroken: error(
    "DG7030",
    (rule: string, table: string, row: number) =>
      `Row ${row} of table ${q(table)} broke the rule ${q(rule)}, which reads nothing that a redraw changes, so it was not drawn again.`,
  ),
  fixedValidatorBroken: error(
    "DG7031",
    (validator: string, column: string, table: string, row: number) =>
      `Row ${row} of table ${q(table)}: column ${q(column)} broke '@${validator}', and its value is the same on every try, so it was not drawn again.`,
  ),
  uniqueSpaceExhausted: error(
    "DG7003",
    (column: string, table: string, space: string, rows: number) =>
      `Column ${q(column)} of table ${q(table)} must be unique, but its generator can give only ${space} distinct values for ${rows} rows.`,
  ),
  columnOutOfRange: error(
    "DG7007",
    (column: string, table: string, row: number, rule: string) =>
      `Row ${row} of table '${table}': column '${column}' ${rule}.`,
  ),
  generationFailed: error(
    "DG7004",
    (table: string, row: number, reason: string) => `Generating row ${row} of table ${q(table)} failed: ${reason}.`,
  ),
  interrupted: error("DG7005", () => `Interrupted; no partial file was left under a final name.`),
  sqlNul: error(
    "DG7040",
    (table: string, row: number, column: string, dialect: string) =>
      `Row ${row} of table ${q(table)}: column ${q(column)} holds a NUL character (U+0000), which SQL text for ${dialect} cannot carry.`,
  ),
  badGeo: error(
    "DG5130",
    (table: string, reason: string) => `Invalid 'geo:' line in table ${q(table)}: ${reason}.`,
  ),
  partitionUnknownTable: error(
    "DG5131",
    (table: string) => `'partition:' names table ${q(table)}, which the schema does not declare.`,
  ),
  badPartition: error(
    "DG5132",
    (table: string, reason: string) => `Invalid 'partition:' of table ${q(table)}: ${reason}.`,
  ),
  tooManyPartitions: error(
    "DG7051",
    (table: string, max: number, value: string) =>
      `Table ${q(table)} would be written into more than ${max} partitions (the next one is ${q(value)}); partition it by a coarser expression (for example month(c) instead of day(c)).`,
  ),
  partitionFormat: error(
    "DG8050",
    (why: string) => `'partition:' cannot be written here: ${why}.`,
  ),
  xlsxCellTooLong: error(
    "DG7050",
    (table: string, row: number, column: string, chars: number, max: number) =>
      `Row ${row} of table ${q(table)}: column ${q(column)} has ${chars} characters; an XLSX cell holds at most ${max}.`,
  ),
  emptyPick: error("DG7006", (table: string) => `'pick(${table})' has nothing to draw: table '${table}' has no rows.`),

  // ------------------------------------------------------------ DG8xxx command line
  badOption: error("DG8001", (option: string, rule: string) => `Invalid ${option}: ${rule}.`),
  sqlNeedsDialect: error(
    "DG8040",
    () => `Output format 'sql' needs a dialect: pass --dialect postgres, mysql, sqlite or mssql (or set 'dialect:' in the schema's output block).`,
  ),
  stdoutOneTable: error(
    "DG8041",
    (count: number) =>
      `--out - writes one table to standard output, but this run would write ${count}; name it with --tables.`,
  ),
  stdoutFailed: error("DG8042", (reason: string) => `Writing to standard output failed: ${reason}.`),
  unknownTableOption: error("DG8002", (table: string, option: string) => `${option} names unknown table ${q(table)}.`),
  rowIndexOutOfRange: error(
    "DG7010",
    (table: string, row: number, target: string, index: string, size: number) =>
      `Row ${row} of table ${q(table)} reads ${target}[${index}], but ${q(target)} has ${size} rows.`,
  ),
  keyNotIncreasing: error(
    "DG7011",
    (column: string, table: string, row: number) =>
      `Key ${q(column)} of table ${q(table)} is not strictly increasing at row ${row}, so it could repeat.`,
  ),
  siblingRepeats: error(
    "DG7012",
    (column: string, table: string, row: number) =>
      `Column ${q(column)} of table ${q(table)} repeats an earlier sibling's value at row ${row}, so the composite key would repeat.`,
  ),
  distinctExhausted: error(
    "DG7013",
    (table: string, row: number, wanted: number, target: string, size: number) =>
      `Row ${row} of table ${q(table)} needs ${wanted} distinct ${wanted === 1 ? "row" : "rows"} of ${q(target)}, which has ${size}.`,
  ),
  sequenceOverflow: error(
    "DG7014",
    (column: string, table: string, rows: number, type: string) =>
      `The sequence of ${q(column)} in table ${q(table)} passes the range of ${type} at ${rows} rows.`,
  ),

  // DG8010–DG8014: `dgen decrypt` usage
  badParam: error("DG8003", (name: string, why: string) => `--param ${name}: ${why}.`),
  decryptIntoInput: error(
    "DG8010",
    (dir: string) => `--out ${q(dir)} is the folder being decrypted; dgen decrypt never writes over its input.`,
  ),
  // DG8020–DG8029: no command writes over its input (runtime/output-paths.ts, compiler/cli/inputs.ts)
  writesOverInput: error(
    "DG8020",
    (option: string, path: string, what: string) =>
      `${option} ${q(path)} would write over ${what}; dgen never replaces its input.`,
  ),

  // DG8130–DG8139: `--out s3://bucket/prefix` usage (runtime/object-store/s3-url.ts)
  badS3Url: error(
    "DG8130",
    (url: string, from: string, rule: string) => `The output path ${q(url)} (${from}) is not a usable s3:// URL: ${rule}.`,
  ),

  // DG8060–DG8069: `dgen init`, `dgen format` usage
  initWouldOverwrite: error(
    "DG8060",
    (path: string) => `dgen init would write over ${q(path)}, which exists; it never replaces a file.`,
  ),
  // DG5310–DG5319: domain packs (`dgen new`, `pack:<name>`)
  unknownPack: error(
    "DG5310",
    (name: string, packs: string) => `There is no pack ${q(name)}; the packs are ${packs}.`,
  ),
  newWouldOverwrite: error(
    "DG5311",
    (path: string) => `dgen new would write over ${q(path)}, which exists; it never replaces a file.`,
  ),
  // DG5160–DG5169: `dgen format`
  notFormatted: error("DG5160", (path: string) => `${q(path)} is not formatted; run dgen format ${path}.`),
  formatWouldChangeTokens: error(
    "DG5161",
    (path: string) =>
      `dgen format could not lay out ${q(path)} without changing its tokens; the file is left as it is. Please file an issue with the schema.`,
  ),
  // DG5340–DG5349: `dgen fixtures` and stale generated files (`dgen check schema.dgen FILE…`)
  staleOutput: error(
    "DG5340",
    (path: string, command: string) =>
      `${q(path)} is stale: it is not what ${command} writes from the schema now; run it again and commit the file.`,
  ),
  notDgenModule: error(
    "DG5341",
    (path: string) =>
      `${q(path)} was not written by dgen compile or dgen fixtures (its first line is not dgen's header), so it cannot be checked against the schema.`,
  ),
  outputOfOtherSchema: error(
    "DG5342",
    (path: string, from: string, schema: string) =>
      `${q(path)} was written from ${q(from)}, not from ${q(schema)}; check it against its own schema.`,
  ),
  fixtureTooLarge: error(
    "DG5343",
    (table: string, rows: number, limit: number) =>
      `Table ${q(table)} would have ${rows} fixture rows, more than ${limit}; fixtures are meant to be small.`,
  ),
  fixtureTablesOpen: error(
    "DG5344",
    (table: string, needs: string) =>
      `Fixture table ${q(table)} reads rows of table ${q(needs)}, which --tables leaves out; its keys would point at rows that are not in the fixtures.`,
  ),

  // DG5220–DG5239: Delta Lake and Iceberg tables (runtime/writers/lake/)
  lakeTableExists: error(
    "DG5220",
    (folder: string, format: string, version: number) =>
      `${q(folder)} already holds a ${format} table (version ${version}); --mode error (the default) never writes into an existing table, so nothing was written.`,
  ),
  lakeSchemaDiffers: error(
    "DG5221",
    (folder: string, format: string, table: string, why: string) =>
      `The ${format} table in ${q(folder)} does not match table ${q(table)} of this run (${why}); --mode append adds rows of the same columns and partitions only, so nothing was written.`,
  ),
  lakeUnreadable: error(
    "DG5222",
    (folder: string, format: string, why: string) =>
      `The ${format} table in ${q(folder)} cannot be appended to: ${why}; nothing was written.`,
  ),
  lakeConcurrentCommit: error(
    "DG5223",
    (folder: string, format: string, version: number) =>
      `Another writer committed version ${version} of the ${format} table in ${q(folder)} while this run was writing; this run's commit was not made, and the table stays as that writer left it.`,
  ),
  lakePartition: error(
    "DG5224",
    (format: string, partition: string, why: string) =>
      `--format ${format} cannot partition by ${q(partition)}: ${why}.`,
  ),
  lakeTableOnObjectStore: error(
    "DG5225",
    (url: string, format: string, mode: string) =>
      `${q(url)} already holds a ${format} table; on object storage dgen writes new lake tables only (--mode ${mode}: ${mode === "append" ? "appending is local only for now" : "it never writes into an existing table"}), so nothing was written.`,
  ),

  // DG5320–DG5339: `dgen report` and `dgen profile` (compiler/report/, compiler/cli/report.ts, profile.ts)
  reportLibraryMissing: error(
    "DG5320",
    (reason: string) => `Cannot read the charting library Chart.js from dgen's installation: ${reason}; reinstall dgen.`,
  ),
  reportOutIsFolder: error(
    "DG5321",
    (path: string) => `The page path ${q(path)} is a folder; name an .html file, as in -o ${path.replace(/\/+$/, "")}/report.html.`,
  ),
  reportNothingRead: error(
    "DG5322",
    (path: string, page: string) => `No data of ${q(path)} could be read, so no ${page} was written.`,
  ),

  // DG5200–DG5219: `dgen stream` (runtime/events/)
  streamConnect: error("DG5200", (target: string, reason: string) => `Cannot connect to ${q(target)}: ${reason}.`),
  streamGaveUp: error(
    "DG5201",
    (target: string, acknowledged: number, reason: string) =>
      `Gave up delivering events to ${q(target)} after ${acknowledged} messages were acknowledged: ${reason}.`,
  ),
  streamClientMissing: error(
    "DG5202",
    (pkg: string, target: string) =>
      `The client package ${q(pkg)} for ${target} targets cannot be loaded; install it with 'npm install ${pkg}'.`,
  ),
  streamSortTooLarge: error(
    "DG5203",
    (table: string, rows: number, max: number) =>
      `Table ${q(table)} has ${rows} rows, more than the ${max} a stream orders by --event-time in memory.`,
  ),
  streamTruthUnwritable: error(
    "DG5204",
    (path: string, reason: string) => `Cannot write the truth file ${q(path)}: ${reason}.`,
  ),
  streamStopped: warning(
    "DG5205",
    (events: number, acknowledged: number) =>
      `Stopped by a signal after ${events} events; all ${acknowledged} messages sent were acknowledged.`,
  ),
  // DG8100–DG8119: `dgen stream` usage (compiler/cli/stream.ts, runtime/events/)
  streamBadOption: error("DG8100", (option: string, rule: string) => `Invalid ${option} for dgen stream: ${rule}.`),
  streamBadTarget: error("DG8101", (target: string, why: string) => `Cannot stream to ${q(target)}: ${why}.`),
  streamBadEventTime: error("DG8102", (text: string, why: string) => `Invalid --event-time ${q(text)}: ${why}.`),
  streamNotAFlag: error(
    "DG8103",
    (option: string) => `${option} is a flag of dgen generate, not of dgen stream (events go to --to TARGET).`,
  ),

  // DG5260–DG5289: `dgen import` (compiler/import/, compiler/cli/import.ts)
  importUnreadable: error("DG5260", (path: string, why: string) => `Cannot read ${q(path)}: ${why}.`),
  importSqlSyntax: error(
    "DG5261",
    (path: string, line: number, column: number, dialect: string, why: string) =>
      `${path}:${line}:${column}: the ${dialect} SQL parser cannot read this statement: ${why}`,
  ),
  importNoDialect: error(
    "DG5262",
    (path: string) => `dgen import ${q(path)} needs --dialect postgres, mysql or sqlite to read a SQL file.`,
  ),
  importDatabaseFailed: error("DG5263", (url: string, why: string) => `Cannot read the catalog of ${q(url)}: ${why}.`),
  importNoTables: error("DG5264", (source: string) => `${q(source)} has no tables to import.`),
  importWouldOverwrite: error(
    "DG5265",
    (path: string) => `${q(path)} exists; dgen import never replaces a file unless --force is given.`,
  ),
  importWarning: warning("DG5266", (what: string) => `dgen import: ${what}.`),
  importRenamed: warning(
    "DG5267",
    (count: number, list: string) =>
      `${count} SQL name(s) are not .dgen names and were changed (${list}); data loaded back needs the SQL names mapped.`,
  ),
  importLineDropped: warning(
    "DG5268",
    (line: number, code: string, why: string) =>
      `dgen check refused line ${line} of the imported schema (${code}: ${why}); the line is kept as a comment.`,
  ),
  importCheckFailed: error(
    "DG5269",
    (count: number, first: string) =>
      `The imported schema still has ${count} error(s) after dgen import's repairs (first: ${first}); it is written so you can fix it. Please file an issue with the SQL.`,
  ),

  // DG3100–DG3119: names and places (docs/language.md "Names and places")
  unknownCountry: error(
    "DG3100",
    (country: string) => `There are no places for country ${q(country)}.`,
  ),
  badRealismArg: error(
    "DG3101",
    (fn: string, param: string, expected: string, found: string) =>
      `${q(param + ":")} of ${q(fn)} must be ${expected}, found ${found}.`,
  ),
  unknownRecordField: error(
    "DG3102",
    (field: string, what: string, fields: string) => `${what} has no field ${q(field)}; its fields are ${fields}.`,
  ),
  badSex: error(
    "DG3103",
    (value: string) => `${q("sex:")} of 'first_name' is ${q(value)}; write "F" (female) or "M" (male), or leave it out.`,
  ),
  recordNotValue: error(
    "DG3104",
    (what: string) => `${what} is not a value to store or compare; take one of its fields.`,
  ),
  badWaypoints: error(
    "DG3105",
    (found: string) => `${q("waypoints:")} of 'route' must be a whole number from 0 to 1000, found ${found}.`,
  ),
  // DG5300–DG5309: the data behind names and places
  placeNoZip: warning(
    "DG5300",
    (country: string) =>
      `The places of ${q(country)} have no postal codes in dgen's data; ${q(".zip")} is always "".`,
  ),

  // ------------------------------------------------------------ DG9xxx internal
  internal: error(
    "DG9001",
    (reason: string) => `Internal compiler error: ${reason}. Please file an issue with the schema that caused it.`,
  ),
} as const;

export type MessageName = keyof typeof messages;
