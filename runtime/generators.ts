/**
 * The generation primitives emitted code calls: distributions, weighted choice, keys (permutations,
 * uuids, child rows, distinct draws), patterns, dates, numbers, strings, bytes and the faker bridge.
 * Re-exported as one surface.
 */
export { columnKey, cell, sub, u32, unit, unitOpen, below, mix32, nameHash } from "./rng/stream.js";
export {
  uniformInt,
  uniformFloat,
  normal,
  normalPartner,
  lognormal,
  exponential,
  poisson,
  zipf,
  Zipf,
  bernoulli,
  gamma,
  beta,
} from "./rng/distributions.js";
export { WeightedTable } from "./rng/weighted.js";
export {
  copulaNormals,
  uniformOf,
  invUniformInt,
  invUniformFloat,
  invExponential,
  invGamma,
  invBeta,
  invBernoulli,
  invPoisson,
  invZipf,
  invWeighted,
  invUniformIndex,
} from "./rng/inverse.js";
export { Permutation } from "./keys/permutation.js";
export { uuid } from "./keys/uuid.js";
export { distinctAt, sampleRows } from "./keys/distinct.js";
export { rowIndex, pickDistinct, pickDistinctExcept, sampleOf, arrayOf } from "./keys/row-access.js";
export { ChildIndex, ChildCursor } from "./keys/child-index.js";
export {
  compilePattern,
  patternSpace,
  patternLength,
  genPattern,
  isFixedPattern,
  uniquePatternError,
  patternRegExpSource,
  UniquePattern,
  MAX_REPEAT,
  type PatternSpec,
  type PatternSegment,
  type PatternResult,
} from "./text/pattern.js";
export {
  daysFromCivil,
  civilFromDays,
  yearOf,
  monthOf,
  dayOf,
  weekdayOf,
  formatDate,
  formatTimestamp,
} from "./text/dates.js";
export { roundHalfEven, formatDecimal, formatFloat, clamp } from "./text/numbers.js";
export { formatUnits, rescaleUnits, decimalUnits, uniformUnits } from "./text/wide-decimal.js";
export { substr, lpad, rpad, replaceText, truncate } from "./text/strings.js";
export { randomBytes, hex, unhex } from "./bytes.js";
export { FakerStream, fakerVersion, newFaker, type LocaleChain } from "./faker/faker-stream.js";
export { firstNamePicker, lastNamePicker, pickerAlphabet, type PickerAlphabet } from "./faker/lowered.js";
