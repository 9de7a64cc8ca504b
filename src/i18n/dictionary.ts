/**
 * The shape every language's dictionary has: the English one's (en.ts), with a string for each
 * string and plural forms for each plural (an object with `one` and `other`: "# focus point",
 * "# focus points", `#` standing for the number). A language may add the plural categories its
 * grammar has (Intl.PluralRules: `few`, `many`…); a missing one reads as `other`.
 *
 * Placeholders are written `{{ name }}` and each translation has the same ones as the English.
 */
export type PluralForms = { one: string; other: string } & Partial<Record<'zero' | 'two' | 'few' | 'many', string>>;

export type DictionaryOf<T> = T extends string
  ? string
  : T extends { one: string; other: string }
    ? PluralForms
    : { [K in keyof T]: DictionaryOf<T[K]> };

/** A dictionary flattened to dotted keys ("home.create.title"), strings and plural forms alike. */
export type FlatKeys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}`
    : T[K] extends { one: string; other: string }
      ? never
      : FlatKeys<T[K], `${P}${K}.`>;
}[keyof T & string];

/** The dotted keys of plural forms. */
export type PluralKeys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? never
    : T[K] extends { one: string; other: string }
      ? `${P}${K}`
      : PluralKeys<T[K], `${P}${K}.`>;
}[keyof T & string];
