/**
 * What a database load may say about its URL and its driver's errors: never the password.
 *
 *   safeUrl("postgresql://u:pw@h/db")                 // "postgresql://h/db"
 *   hide("auth failed for pw", "postgresql://u:pw@h")  // "auth failed for …"
 */
import { RunError } from "../generate-options.js";

/** The URL without user and password, for messages. */
export function safeUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1");
}

/** An error's message without its final full stop (the DG message adds its own). */
export function reason(e: unknown): string {
  const text = e instanceof RunError ? e.diagnostic.message : e instanceof Error ? e.message : String(e);
  return text.replace(/\.$/, "");
}

/** A driver's message with the URL's password taken out, should it quote it. */
export function hide(text: string, url: string): string {
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(url)?.[1];
  return password ? text.replaceAll(password, "…") : text;
}
