import { createUniqueId, For } from 'solid-js';
import { LOCALES, LOCALE_NAMES, chooseLocale, isLocale, locale, t } from '../../i18n';

/** The person's language: a list of the six, each in its own name; switched at once, kept in this browser. */
export function LanguagePicker(props: { id?: string; testId?: string }) {
  return (
    <select
      id={props.id}
      class="language-picker"
      data-testid={props.testId ?? 'language-picker'}
      aria-label={props.id ? undefined : t('common.language.label')}
      value={locale()}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLocale(next)) void chooseLocale(next);
      }}
    >
      <For each={LOCALES}>
        {(code) => (
          <option value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        )}
      </For>
    </select>
  );
}

/** The settings' card for the language: for this person only, whatever the workspace. */
export function LanguageSettings() {
  const id = createUniqueId();
  return (
    <section class="card" aria-labelledby={`${id}-title`} data-testid="language-settings">
      <h2 id={`${id}-title`}>{t('common.language.title')}</h2>
      <div class="settings-field">
        <label for={`${id}-select`}>{t('common.language.label')}</label>
        <LanguagePicker id={`${id}-select`} />
        <p class="quiet field-help">{t('common.language.help')}</p>
      </div>
    </section>
  );
}
