/**
 * dgen's version, stamped into every generated file and manifest.
 */
import pkg from "../package.json" with { type: "json" };

export const dgenVersion: string = pkg.version;
