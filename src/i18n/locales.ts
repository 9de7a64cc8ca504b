/**
 * The languages Tavola speaks, and which one a person gets before choosing: the first of the
 * browser's languages that Tavola has, else English. Each person's choice is kept in this browser
 * only; partners in one workspace each see their own.
 */
export const LOCALES = ['en', 'fr', 'de', 'it', 'nl', 'pt'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language by its own name, as a person looks for it in a list. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
  nl: 'Nederlands',
  pt: 'Português',
};

/** Where the choice is kept (localStorage). */
export const LOCALE_STORAGE_KEY = 'tavola.locale.v1';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first of `preferred` (BCP 47 tags, most wanted first) that Tavola speaks: "pt-BR" → pt, "nl-BE" → nl. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return 'en';
}
