// Every language's dictionary against the English one (src/i18n): the same keys, the same
// placeholders, the plural forms each language's grammar needs, and no area left in English.
import { flatten } from '@solid-primitives/i18n';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en/index';
import { LOCALES, formatDate, formatList, formatNumber, loadArea, loadLocale, locale, pickLocale, t, type Locale } from '../../src/i18n';

const dictionaries: Record<Exclude<Locale, 'en'>, () => Promise<Record<string, unknown>>> = {
  fr: () => import('../../src/i18n/fr/index').then((m) => m.fr),
  de: () => import('../../src/i18n/de/index').then((m) => m.de),
  it: () => import('../../src/i18n/it/index').then((m) => m.it),
  nl: () => import('../../src/i18n/nl/index').then((m) => m.nl),
  pt: () => import('../../src/i18n/pt/index').then((m) => m.pt),
};

const isPlural = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && 'one' in value && 'other' in value && Object.values(value).every((v) => typeof v === 'string');

/** Dotted key → string, or plural forms, leaving out the intermediate objects flatten keeps. */
function leaves(dictionary: object): Map<string, string | Record<string, string>> {
  const flat = flatten(dictionary as Record<string, unknown>) as Record<string, unknown>;
  const result = new Map<string, string | Record<string, string>>();
  for (const [key, value] of Object.entries(flat)) {
    if (typeof value === 'string') {
      const parent = key.slice(0, key.lastIndexOf('.'));
      if (!isPlural(flat[parent])) result.set(key, value);
    } else if (isPlural(value)) {
      result.set(key, value);
    }
  }
  return result;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const english = leaves(en);

describe.each(Object.keys(dictionaries) as Exclude<Locale, 'en'>[])('the %s dictionary', (locale) => {
  it('has every English key and no other, each with the same placeholders', async () => {
    const theirs = leaves(await dictionaries[locale]());
    expect([...theirs.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, source] of english) {
      const translated = theirs.get(key)!;
      if (typeof source === 'string') {
        expect(typeof translated, key).toBe('string');
        expect(placeholders(translated as string), key).toEqual(placeholders(source));
        expect((translated as string).trim(), key).not.toBe('');
      } else {
        expect(isPlural(translated), key).toBe(true);
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
        for (const [category, form] of Object.entries(translated as Record<string, string>)) {
          expect(categories.concat('zero'), `${key}.${category}`).toContain(category);
          expect(placeholders(form), `${key}.${category}`).toEqual(placeholders(source.other!));
        }
        if (source.other!.includes('#')) expect((translated as Record<string, string>).other, key).toContain('#');
      }
    }
  });

  it('is translated: in no area with more than five strings is a third of them left as the English', async () => {
    const theirs = leaves(await dictionaries[locale]());
    const byArea = new Map<string, { same: number; all: number; same_keys: string[] }>();
    for (const [key, source] of english) {
      if (typeof source !== 'string') continue;
      const area = key.split('.')[0]!;
      const entry = byArea.get(area) ?? { same: 0, all: 0, same_keys: [] };
      entry.all++;
      if (theirs.get(key) === source) {
        entry.same++;
        entry.same_keys.push(key);
      }
      byArea.set(area, entry);
    }
    for (const [area, { same, all, same_keys }] of byArea) if (all > 5) expect(same / all, `${area}: ${same_keys.join(', ')}`).toBeLessThan(1 / 3);
  });
});

describe('choosing and using a language', () => {
  it('takes the first of the browser’s languages that Tavola speaks', () => {
    expect(pickLocale(['pt-PT', 'en'])).toBe('pt');
    expect(pickLocale(['nl-BE'])).toBe('nl');
    expect(pickLocale(['es-ES', 'de-AT', 'fr'])).toBe('de');
    expect(pickLocale(['ja'])).toBe('en');
    expect(pickLocale([])).toBe('en');
    expect(LOCALES).toEqual(['en', 'fr', 'de', 'it', 'nl', 'pt']);
  });

  it('speaks the loaded language: strings with their placeholders, dates and lists', async () => {
    await loadLocale('pt');
    expect(locale()).toBe('pt');
    expect(t('common.cancel')).toBe('Cancelar');
    // A later screen's area arrives with that screen, in the language of the moment…
    expect(t('settings.confirmTitle', { name: 'Portos' })).toBe('settings.confirmTitle');
    await loadArea('settings');
    expect(t('settings.confirmTitle', { name: 'Portos' })).toBe('Eliminar «Portos»?');
    // …and follows a switch of language once loaded.
    await loadLocale('fr');
    expect(t('settings.confirmTitle', { name: 'Ports' })).toBe('Supprimer « Ports » ?');
    await loadLocale('pt');
    expect(formatDate('2026-12-01')).toBe('1 de dezembro de 2026');
    expect(formatList(['Amesterdão', 'Lisboa', 'Roterdão'])).toBe('Amesterdão, Lisboa e Roterdão');
    await loadLocale('de');
    expect(formatDate('2026-12-01')).toBe('1. Dezember 2026');
    await loadLocale('en');
    expect(t('common.cancel')).toBe('Cancel');
    expect(formatDate('2026-12-01')).toBe('1 December 2026');
    expect(formatDate('not a date')).toBe('');
  });

  it('formats a list of none or one as Intl.ListFormat does, in every language, without making one', async () => {
    for (const code of LOCALES) {
      await loadLocale(code);
      for (const type of ['conjunction', 'disjunction'] as const) {
        const intl = new Intl.ListFormat(code, { style: 'long', type });
        for (const items of [[], ['Porto'], ['Gdańsk (PL)']]) expect(formatList(items, type)).toBe(intl.format(items));
      }
    }
    await loadLocale('en');
  });

  it('formats a whole number under 1,000 as Intl.NumberFormat does, in every language and its regions, without making one', async () => {
    const regions = ['GB', 'IE', 'FR', 'BE', 'CH', 'LU', 'DE', 'AT', 'IT', 'NL', 'PT', 'BR', 'CA', 'IN'];
    for (const code of LOCALES) {
      await loadLocale(code);
      for (const tag of [code, ...regions.map((region) => `${code}-${region}`)]) {
        const intl = new Intl.NumberFormat(tag);
        for (const n of [0, 7, 42, 999]) expect(String(n), tag).toBe(intl.format(n));
      }
      const own = new Intl.NumberFormat(`${code}-${code === 'en' ? 'GB' : code.toUpperCase()}`); // DEFAULT_REGION
      for (const n of [0, 7, 999, 1000, 12345, -3, 2.5]) expect(formatNumber(n)).toBe(own.format(n));
    }
    await loadLocale('en');
  });
});
