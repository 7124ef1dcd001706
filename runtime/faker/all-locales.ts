/**
 * Locale names → definitions, for the compiler (which checks a schema's `locale` and samples faker
 * methods at compile time). Not part of the runtime surface: it holds every locale.
 */
import { allLocales, type LocaleDefinition } from "@faker-js/faker";
import type { LocaleChain } from "./faker-stream.js";

/** The locale names a schema may use (faker's, less `base`, which holds no words of its own). */
export const fakerLocales: readonly string[] = Object.keys(allLocales).filter((n) => n !== "base");

/** The chain faker uses for a locale name: `de` → [de, en, base]; undefined for an unknown name. */
export function localeChain(locale: string): LocaleChain | undefined {
  return localeChainNames(locale)?.map((n) => (allLocales as Record<string, LocaleDefinition>)[n]!);
}

/** The names of that chain, for emitted imports: `de` → ["de", "en", "base"]. */
export function localeChainNames(locale: string): string[] | undefined {
  if (!fakerLocales.includes(locale)) return undefined;
  if (locale === "en") return ["en", "base"];
  return [locale, "en", "base"];
}
