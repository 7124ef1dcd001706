/**
 * The embedded tables of names and places, for emitted modules: `import { US_PLACES } from "dgen/realism-data"`.
 * Named re-exports, so a bundle keeps only the tables its module imports (a schema that never calls
 * `first_name()` carries no first names).
 */
export { US_FIRST_NAMES } from "./us-first-names.js";
export { US_LAST_NAMES } from "./us-last-names.js";
export { US_PLACES } from "./us-places.js";
export { WORLD_PLACES } from "./world-places.js";
