/**
 * dgen's compiler API (`import { compile } from "dgen"`).
 */
export { compile, checkSource, checkSourceAsync, moduleFileName } from "./compile.js";
export type { CompileResult, CheckResult, CompileOptions } from "./compile.js";
export { fileSystemHost } from "./host.js";
export type { CompilerHost } from "./check/context.js";
export type { Diagnostic, Note, Fix, Severity } from "../diagnostics/diagnostic.js";
export { renderAll, renderJson, renderText } from "../diagnostics/render.js";
export { messages } from "../diagnostics/messages.js";
export type { Plan } from "./ir/ir.js";
export { bundle } from "./bundle/bundle.js";
export { dgenVersion } from "./version.js";
