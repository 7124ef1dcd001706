/**
 * The only prettier importer: formats emitted TypeScript.
 */
import { format } from "prettier";

export async function formatTs(text: string): Promise<string> {
  return format(text, { parser: "typescript", printWidth: 120, trailingComma: "all" });
}
