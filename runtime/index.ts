/**
 * The runtime's public surface (`dgen/runtime`): what emitted programs and bundles import.
 */
export { main } from "./main.js";
export { run } from "./run.js";
export { validateData, type RowObserver, type ValidateOptions } from "./validate/validate.js";
export type { ValidationResult, ViolationLine, TableSummary, Omitted } from "./validate/report.js";
export type { GenerateOptions, RunEnv, RunResult, TableResult, OutputFile } from "./generate-options.js";
export type {
  ColumnMeta,
  FixedRowsPlan,
  OutputDefaults,
  PerRowsPlan,
  Program,
  RowSink,
  RunSettings,
  TableProgram,
  ValueKind,
} from "./contract.js";
export * from "./generators.js";
export {
  failCheck,
  failValidator,
  failFixedCheck,
  failFixedValidator,
  failUnique,
  failEmptyPick,
  failColumnRange,
  outOfRange,
  failRowIndex,
  failIncreasing,
  failSiblingRepeat,
  failDistinct,
  failSequence,
} from "./failures.js";
export { pickRow } from "./keys/pick.js";
export { ColumnOut, type CellOut } from "./noise/column-out.js";
export { SeriesWalk } from "./series/walk.js";
export {
  isEmail,
  isUrl,
  isUuid,
  isPhone,
  luhn,
  codePointLength,
  wholeMs,
  toBigInt,
  int64Json,
  type Violation,
} from "./validators.js";
export { RunError } from "./generate-options.js";
export { FirstNames, LastNames, fakerFirstName, fakerLastName } from "./realism/names.js";
export { Places, NO_PLACE, NO_ROUTE, distanceKm, near, route, type Place, type Route } from "./realism/places.js";
export { address, street } from "./realism/address.js";
