/**
 * The words of a live page's status line and error notes, in the notebook's language: the export
 * marks a Vietnamese notebook's page `<html lang="vi">` (scripts/export.mjs), everything else is
 * English. The texts live in status-text.json, which the export script reads too (the lines it
 * writes into the page before any script of `_static/` runs).
 */
import texts from "./status-text.json";

/** Languages a live page speaks. */
export type PageLanguage = keyof typeof texts;

/** Name of one status text. */
export type StatusTextKey = keyof (typeof texts)["en"];

// Every language has every text (a missing key fails the type check).
const TEXTS: Record<PageLanguage, Record<StatusTextKey, string>> = texts;

/** The language of the page `doc`: `vi` when its root element says so, else `en`. */
export function pageLanguage(doc: Document): PageLanguage {
  return /^vi\b/i.test(doc.documentElement.lang) ? "vi" : "en";
}

/** Text `key` in `language`, each `{name}` replaced by `values[name]`. */
export function statusText(language: PageLanguage, key: StatusTextKey, values: Record<string, string | number> = {}): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** Seconds as the language writes them: `1.5` in English, `1,5` in Vietnamese. */
export function secondsText(language: PageLanguage, ms: number): string {
  const seconds = (ms / 1000).toFixed(1);
  return language === "vi" ? seconds.replace(".", ",") : seconds;
}
