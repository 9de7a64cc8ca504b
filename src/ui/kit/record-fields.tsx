import { createEffect, createSignal, createUniqueId, For, on, onCleanup, onMount, Show } from 'solid-js';
import { resolveTemplate } from '@solid-primitives/i18n';
import { compareNames, countryName as countryNameIn, loadArea, locale, t, type MessageKey } from '../../i18n';
import { practices as english } from '../../i18n/en/practices';
import { COUNTRY_CODES, type MemberKind } from '../../model';
import { flushOnLeave } from '../shell/leave';
import { problemMessage } from './write-problem';
import { useCanEdit } from './can-edit';

// These fields are used on the members, meetings and settings screens too: their words (the
// `practices` area) are loaded with this module, and read as English until they have arrived.
void loadArea('practices').catch(() => undefined);

type FieldWord = Exclude<keyof typeof english.fields, 'kind'>;

/** One of the fields' words (`practices.fields.*`) in the person's language. */
function say(key: FieldWord, args?: Record<string, string>): string {
  const full = `practices.fields.${key}` as MessageKey;
  const found = t(full, args);
  if (found !== full) return found;
  return args ? resolveTemplate(english.fields[key], args) : english.fields[key];
}

/** A member's kind ("City", "Ville", "Stadt"…) in the person's language. */
export function kindLabel(kind: MemberKind): string {
  const full = `practices.fields.kind.${kind}` as MessageKey;
  const found = t(full);
  return found !== full ? found : english.fields.kind[kind];
}

/**
 * An input for a plain (not co-edited) value of a record. Text is saved as it is typed, once it
 * is valid: nothing typed is lost by leaving the screen, changing the address or closing the
 * browser. A value that cannot be kept (empty, refused by the model) is not written: the field
 * says why, and goes back to the stored value when it is left. A date is written when it is
 * picked, when the field is left or Enter is pressed, and before any navigation or the page
 * closing (typed segment by segment, it passes through dates nobody meant: 0002, 0020, 0202…).
 *
 * While the person is typing, a partner's change of the same value does not overwrite the field;
 * it shows once the field is left. Escape puts back the value the field had when it was entered.
 * `multiline` gives a one-value field that wraps and grows (long titles); Enter adds no line.
 */
export function ValueInput(props: {
  value: string;
  /** Called with the normalised text when it differs from the stored value and is valid; may throw the model's refusal. */
  onCommit: (next: string) => void;
  /** Turns what was typed into the value to store (trim…). */
  normalise?: (raw: string) => string;
  /** A message when `normalised` may not be stored. */
  validate?: (normalised: string) => string | null;
  type?: 'text' | 'date';
  multiline?: boolean;
  label: string;
  id?: string;
  title?: string;
  placeholder?: string;
  class?: string;
  /** Class of the message shown when a value is not saved (e.g. "floating" in a table cell). */
  messageClass?: string;
  testId?: string;
  maxLength?: number;
  required?: boolean;
  autocomplete?: string;
}) {
  // View only: read-only, not disabled, so the value stays selectable; nothing is ever saved.
  const canEdit = useCanEdit();
  let el!: HTMLInputElement | HTMLTextAreaElement;
  const messageId = createUniqueId();
  const [problem, setProblem] = createSignal<string | null>(null);
  /** Typed into since the field was entered (or last left). */
  let dirty = false;
  /** A date being typed segment by segment: written when left, not on each change. */
  let typing = false;
  let composing = false;
  /** The stored value when the field was entered, for Escape. */
  let before: string | null = null;
  const isDate = () => props.type === 'date';

  const grow = () => {
    if (!(el instanceof HTMLTextAreaElement)) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + (el.offsetHeight - el.clientHeight)}px`;
  };

  const show = (value: string) => {
    if (el.value !== value) el.value = value;
    grow();
  };

  createEffect(
    on(
      () => props.value,
      (value) => {
        if (!dirty || document.activeElement !== el) show(value);
      },
    ),
  );

  onMount(() => {
    if (!(el instanceof HTMLTextAreaElement) || typeof ResizeObserver === 'undefined') return;
    let width = el.offsetWidth;
    const observer = new ResizeObserver(() => {
      if (el.offsetWidth === width) return;
      width = el.offsetWidth;
      grow();
    });
    observer.observe(el);
    onCleanup(() => observer.disconnect());
  });

  /** Write what the field shows, if it is valid and new. Returns the problem, or null when saved. */
  const save = (): string | null => {
    if (!canEdit()) return null;
    const raw = props.multiline ? el.value.replace(/\s*\n\s*/g, ' ') : el.value;
    const next = props.normalise ? props.normalise(raw) : raw;
    let found = props.validate?.(next) ?? null;
    if (!found && next !== props.value) {
      try {
        props.onCommit(next);
      } catch (error) {
        found = problemMessage(error);
      }
    }
    setProblem(found);
    return found;
  };

  /** The field is left (blur, Enter on a date): write, then show the stored value. */
  const finish = () => {
    if (!dirty) {
      show(props.value);
      return;
    }
    const found = save();
    dirty = false;
    typing = false;
    if (found) {
      const kept = props.value.length > 60 ? `${props.value.slice(0, 60)}…` : props.value;
      setProblem(kept ? say('kept', { problem: found, kept }) : found);
    }
    show(props.value);
  };

  // Before leaving the screen or the page, whatever is pending is written (a date being typed;
  // text is written as it is typed already, so this is only a last check for it).
  flushOnLeave(() => {
    if (dirty) save();
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && dirty) {
      event.preventDefault();
      const back = before ?? props.value;
      dirty = false;
      typing = false;
      if (back !== props.value) {
        try {
          props.onCommit(back);
        } catch (error) {
          setProblem(problemMessage(error));
          show(props.value);
          return;
        }
      }
      setProblem(null);
      show(props.value);
    } else if (event.key === 'Enter') {
      if (props.multiline) event.preventDefault();
      if (dirty) {
        if (isDate()) finish();
        else save();
      }
    } else if (isDate() && event.key !== 'Tab') {
      typing = true;
    }
  };

  // Getters keep the attributes reactive through the spread.
  const common = {
    get id() {
      return props.id;
    },
    get title() {
      return props.title;
    },
    get class() {
      return props.class;
    },
    get 'aria-label'() {
      return props.label;
    },
    get 'aria-invalid'() {
      return problem() ? ('true' as const) : undefined;
    },
    get 'aria-describedby'() {
      return problem() ? messageId : undefined;
    },
    get placeholder() {
      return canEdit() ? props.placeholder : undefined;
    },
    get 'data-testid'() {
      return props.testId;
    },
    get maxLength() {
      return props.maxLength;
    },
    get required() {
      return props.required;
    },
    get readOnly() {
      return !canEdit();
    },
    onFocus: () => {
      if (!dirty) before = props.value;
    },
    onInput: (event: InputEvent) => {
      dirty = true;
      grow();
      if (isDate() || composing || event.isComposing) return;
      save();
    },
    onCompositionStart: () => {
      composing = true;
    },
    onCompositionEnd: () => {
      composing = false;
      if (!isDate()) save();
    },
    onChange: () => {
      // A picked date (the calendar, or a value set at once) is written straight away.
      if (isDate() && dirty && !typing) save();
    },
    onKeyDown,
    onBlur: finish,
  };

  return (
    <>
      <Show
        when={props.multiline}
        fallback={
          <input
            ref={el as HTMLInputElement}
            {...common}
            type={props.type ?? 'text'}
            autocomplete={props.autocomplete ?? 'off'}
          />
        }
      >
        <textarea ref={el as HTMLTextAreaElement} {...common} rows={1} />
      </Show>
      <Show when={problem()}>
        <span
          id={messageId}
          class={`field-error ${props.messageClass ?? ''}`}
          role="alert"
          data-testid={props.testId ? `${props.testId}-problem` : undefined}
        >
          {problem()}
        </span>
      </Show>
    </>
  );
}

/** Today as YYYY-MM-DD in the person's own time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function dateProblem(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return say('pickDate');
  return Number.isNaN(new Date(`${date}T12:00:00`).getTime()) ? say('pickDate') : null;
}

/** A piece of text cut to `max` characters for a message, with an ellipsis when cut. */
export function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// ---------------------------------------------------------------- countries

/**
 * Countries of Europe (the Council of Europe's members and observers in Europe, and the
 * territories among ISO 3166-1 codes): the working group's members are mostly from these, so
 * the list shows them first.
 */
const EUROPE: ReadonlySet<string> = new Set([
  'AD', 'AL', 'AT', 'AX', 'BA', 'BE', 'BG', 'BY', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FO', 'FR', 'GB', 'GE',
  'GG', 'GI', 'GR', 'HR', 'HU', 'IE', 'IM', 'IS', 'IT', 'JE', 'LI', 'LT', 'LU', 'LV', 'MC', 'MD', 'ME', 'MK', 'MT', 'NL',
  'NO', 'PL', 'PT', 'RO', 'RS', 'RU', 'SE', 'SI', 'SJ', 'SK', 'SM', 'TR', 'UA', 'VA', 'XK',
]);

/** A country's name in the person's language (English when the browser has no name for it); '' for none. */
export function countryName(code: string): string {
  return code ? countryNameIn(code) : '';
}

interface CountryOption {
  code: string;
  name: string;
}

const countryGroups = new Map<string, { europe: CountryOption[]; others: CountryOption[] }>();

/** Every country of COUNTRY_CODES by name, sorted by name in the person's language: Europe, then the others. */
export function countryOptions(): { europe: CountryOption[]; others: CountryOption[] } {
  const language = locale();
  let groups = countryGroups.get(language);
  if (!groups) {
    const all = COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => compareNames(a.name, b.name));
    groups = { europe: all.filter((c) => EUROPE.has(c.code)), others: all.filter((c) => !EUROPE.has(c.code)) };
    countryGroups.set(language, groups);
  }
  return groups;
}

/**
 * A country picked from the list by name, or "Not given". `onPick` writes it; if the change is
 * refused (onPick reports why, e.g. with attempt()), the select goes back to the stored country.
 */
export function CountrySelect(props: {
  value: string;
  onPick: (code: string) => void;
  label?: string;
  id?: string;
  class?: string;
  testId?: string;
}) {
  const canEdit = useCanEdit();
  const groups = () => countryOptions();
  let el!: HTMLSelectElement;
  // The options are made once per language; the selected one follows the stored value.
  createEffect(() => {
    groups();
    const value = props.value;
    if (canEdit() && el && el.value !== value) el.value = value;
  });
  return (
    <Show
      when={canEdit()}
      fallback={
        <span id={props.id} class={`country-select read-only-value ${props.class ?? ''}`} data-testid={props.testId}>
          {props.value ? countryName(props.value) : say('notGiven')}
        </span>
      }
    >
    <select
      ref={el}
      id={props.id}
      class={`country-select ${props.class ?? ''}`}
      aria-label={props.label}
      data-testid={props.testId}
      onChange={(event) => {
        props.onPick(event.currentTarget.value);
        if (el.value !== props.value) el.value = props.value;
      }}
    >
      <option value="">{say('notGiven')}</option>
      <optgroup label={say('europe')}>
        <For each={groups().europe}>{(country) => <option value={country.code}>{country.name}</option>}</For>
      </optgroup>
      <optgroup label={say('otherCountries')}>
        <For each={groups().others}>{(country) => <option value={country.code}>{country.name}</option>}</For>
      </optgroup>
    </select>
    </Show>
  );
}
