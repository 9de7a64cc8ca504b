import { flatten, resolveTemplate } from '@solid-primitives/i18n';
import { createRoot, createSignal } from 'solid-js';
import type { DictionaryOf, FlatKeys, PluralForms, PluralKeys } from './dictionary';
import type { en } from './en/index';
import { common } from './en/common';
import { shell } from './en/shell';
import { join } from './en/join';
import { home } from './en/home';
import { topics } from './en/topics';
import { live } from './en/live';
import { search } from './en/search';
import { LOCALE_STORAGE_KEY, isLocale, pickLocale, type Locale } from './locales';

export { LOCALES, LOCALE_NAMES, isLocale, pickLocale, type Locale } from './locales';
export type { PluralForms } from './dictionary';

/**
 * Every string of the interface, in the person's language (docs/i18n.md). The dictionaries are
 * split by area (src/i18n/<language>/<area>.ts): the areas of the screens that come with the page
 * are loaded before the first render (English is in the page), and each later screen's area
 * with that screen (`loadArea`, from ui/shell/App.tsx), in the person's language. A new language is
 * loaded whole for the areas already shown, and the screen switches once it has arrived.
 */
export type Dictionary = DictionaryOf<typeof en>;
export type Area = keyof typeof en;
export type MessageKey = FlatKeys<typeof en>;
export type PluralKey = PluralKeys<typeof en>;
type Args = Record<string, string | number>;
type Flat = Record<string, unknown>;

/** The areas of home and the topics screen, with the page. */
const INITIAL_AREAS: readonly Area[] = ['common', 'shell', 'join', 'home', 'topics', 'live', 'search'];
const ENGLISH_INITIAL: Partial<Record<Area, object>> = { common, shell, join, home, topics, live, search };

/** Each language's area files, loaded when wanted (one small chunk each, precached for offline use). */
const areaFiles = {
  ...import.meta.glob<Record<string, object>>(['./{fr,de,it,nl,pt}/*.ts', '!./*/index.ts']),
  // English's initial areas are in the page (above), not chunks of their own.
  ...import.meta.glob<Record<string, object>>(['./en/*.ts', '!./en/index.ts', '!./en/{common,shell,join,home,topics,live,search}.ts']),
};

async function areaIn(next: Locale, area: Area): Promise<object> {
  if (next === 'en' && ENGLISH_INITIAL[area]) return pseudo ? (pseudoize(ENGLISH_INITIAL[area]) as object) : ENGLISH_INITIAL[area]!;
  const load = areaFiles[`./${next}/${area}.ts`];
  if (!load) throw new Error(`No ${area} strings for ${next}`);
  const module = await load();
  return next === 'en' && pseudo ? (pseudoize(module[area]) as object) : module[area]!;
}

const state = createRoot(() => {
  const [locale, setLocaleSignal] = createSignal<Locale>('en');
  const [flat, setFlat] = createSignal<Flat>(flatten(ENGLISH_INITIAL as Record<string, object>) as Flat);
  return { locale, setLocaleSignal, flat, setFlat };
});
const loadedAreas = new Set<Area>(INITIAL_AREAS);

/** The language the interface speaks now (reactive). */
export const locale = state.locale;

/**
 * The pseudo-language of the tests (docs/i18n.md): English with every string marked ⟦…⟧, so a
 * screen rendered in it shows at a glance (and to tests/e2e/i18n-pseudo.test.ts) any text that did
 * not come through a dictionary. Chosen only by storing this value; never offered.
 */
export const PSEUDO_LOCALE = 'x-pseudo';
let pseudo = false;

function pseudoize(value: unknown): unknown {
  if (typeof value === 'string') return `⟦${value}⟧`;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudoize(v)]));
  return value;
}

/** The language this person chose here before, or else the browser's first that Tavola speaks. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    pseudo = stored === PSEUDO_LOCALE;
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be off (private windows): the browser's language still applies.
  }
  return pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

/** Where a language is written with no region of the person's to go by: the group is European. */
const DEFAULT_REGION: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE', it: 'it-IT', nl: 'nl-NL', pt: 'pt-PT' };

/** The tag dates and numbers are written in: the browser's own for that language (de-AT, fr-BE, nl-BE…), else DEFAULT_REGION. */
function formatTagFor(next: Locale): string {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
  const own = preferred.find((tag) => tag.toLowerCase().split(/[-_]/)[0] === next && tag.includes('-'));
  try {
    // Only whether the tag is well formed: Intl falls back from a region it lacks (de-AT → de) by
    // itself, and asking which locales are supported loaded ICU's list of them, 55–63 ms of a
    // fresh browser's first page before the workspace's database was even opened.
    if (own) return Intl.getCanonicalLocales(own)[0] ?? DEFAULT_REGION[next];
  } catch {
    // A malformed tag: the default below.
  }
  return DEFAULT_REGION[next];
}

let formatTag = DEFAULT_REGION.en;

/** Load `next`'s strings for every area shown so far, then switch the interface (and the page's `lang`) to it. */
export async function loadLocale(next: Locale): Promise<void> {
  let areas = [...loadedAreas];
  let dictionaries = await Promise.all(areas.map((area) => areaIn(next, area)));
  // A screen's area that arrived meanwhile (loadArea) is loaded in the new language too.
  while (loadedAreas.size > areas.length) {
    areas = [...loadedAreas];
    dictionaries = await Promise.all(areas.map((area) => areaIn(next, area)));
  }
  formatTag = formatTagFor(next);
  state.setFlat(flatten(Object.fromEntries(areas.map((area, i) => [area, dictionaries[i]]))) as Flat);
  state.setLocaleSignal(next);
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** A later screen's strings, in the current language: its route waits for them with its code. */
export async function loadArea(area: Area): Promise<void> {
  if (loadedAreas.has(area)) return;
  const current = locale();
  const dictionary = await areaIn(current, area);
  // The language may have changed meanwhile; its switch loads every area in loadedAreas.
  loadedAreas.add(area);
  if (locale() !== current) {
    state.setFlat({ ...state.flat(), ...(flatten({ [area]: await areaIn(locale(), area) }) as Flat) });
    return;
  }
  state.setFlat({ ...state.flat(), ...(flatten({ [area]: dictionary }) as Flat) });
}

/** The person picked a language: switch to it and remember it in this browser. */
export async function chooseLocale(next: Locale): Promise<void> {
  pseudo = false;
  await loadLocale(next);
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // Not remembered, but switched for this visit.
  }
}

/** The string for `key`, with its `{{ placeholders }}` filled in (reactive: it follows the language). */
export function t(key: MessageKey, args?: Args): string {
  const value = state.flat()[key];
  return typeof value === 'string' ? (args ? resolveTemplate(value, args) : value) : key;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural form of `key` for `count` in the current language; `#` is the number as that language writes it. */
export function tn(key: PluralKey, count: number, args?: Args): string {
  const current = locale();
  let rules = pluralRules.get(current);
  if (!rules) pluralRules.set(current, (rules = new Intl.PluralRules(DEFAULT_REGION[current])));
  const forms = state.flat()[key] as PluralForms | undefined;
  if (!forms) return key;
  const category = rules.select(count) as keyof PluralForms;
  const form = (count === 0 && forms.zero) || forms[category] || forms.other;
  const text = form.replace(/#/g, formatNumber(count));
  return args ? resolveTemplate(text, args) : text;
}

// ---------------------------------------------------------------- dates, times, numbers, lists

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale()}|${formatTag}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(formatTag, options)));
  return format;
}

function asDate(at: string | number | Date): Date | null {
  // A bare date ("2026-12-01") is that day wherever the reader is, not midnight UTC.
  const date = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00`) : new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "1 December 2026", "1 décembre 2026", "1. Dezember 2026"; '' for no date. */
export function formatDate(at: string | number | Date): string {
  const date = asDate(at);
  return date ? dateFormat({ day: 'numeric', month: 'long', year: 'numeric' }).format(date) : '';
}

/** "1 Dec", for dates near now. */
export function formatShortDate(at: string | number | Date): string {
  const date = asDate(at);
  return date ? dateFormat({ day: 'numeric', month: 'short' }).format(date) : '';
}

/** "14:05" (or "2:05 PM" where that is how the language writes it). */
export function formatTime(at: string | number | Date): string {
  const date = asDate(at);
  return date ? dateFormat({ hour: '2-digit', minute: '2-digit' }).format(date) : '';
}

/** "1 December 2026, 14:05". */
export function formatDateTime(at: string | number | Date): string {
  const date = asDate(at);
  return date ? dateFormat({ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date) : '';
}

/** "Amsterdam, Lisbon and Rotterdam", "Amsterdam, Lisbonne et Rotterdam". */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  locale();
  // A list of one is that one in every language (as Intl.ListFormat has it): a new peer's first
  // list of people is one partner, and making the first formatter of a page took 45 ms while its
  // connection was being set up.
  if (items.length <= 1) return items[0] ?? '';
  // Made once per language and type: making one took 25 ms, and the status line formats its
  // list of people at every presence change.
  const key = `${formatTag}|${type}`;
  let format = listFormats.get(key);
  if (!format) listFormats.set(key, (format = new Intl.ListFormat(formatTag, { style: 'long', type })));
  return format.format(items);
}
const listFormats = new Map<string, Intl.ListFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number): string {
  // Every language here writes a whole number under 1,000 in plain digits, and the first
  // Intl.NumberFormat of a page took 78 ms: a new peer's status line counts seconds while the
  // workspace arrives, and that first format held up its main thread then (docs/performance.md).
  if (Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  locale();
  let format = numberFormats.get(formatTag);
  if (!format) numberFormats.set(formatTag, (format = new Intl.NumberFormat(formatTag)));
  return format.format(value);
}

/** A country's name in the current language ("NL" → "Pays-Bas"), or the code when the browser does not know it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([locale(), 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Compare two names as the current language sorts them. */
export function compareNames(a: string, b: string): number {
  return new Intl.Collator(locale()).compare(a, b);
}
