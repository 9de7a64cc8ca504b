import { createEffect, on, onCleanup, onMount, Show } from 'solid-js';
import type { MemberKind } from '../model';

export const KIND_LABELS: Record<MemberKind, string> = {
  city: 'City',
  region: 'Region',
  association: 'Association',
  'national-forum': 'National forum',
  other: 'Other',
};

/**
 * An input for a plain (not co-edited) value of a record: it shows the stored value, writes once
 * when the person is done (change: Enter, blur, a picked date), and does not overwrite what the
 * person is typing when a partner changes the same value meanwhile — it shows the partner's value
 * again once the field is left without a change. `multiline` gives a one-value field that wraps
 * and grows (long titles); Enter still ends the edit there.
 */
export function ValueInput(props: {
  value: string;
  /** Called with the normalised text when it differs from the stored value and is valid. */
  onCommit: (next: string) => void;
  /** Turns what was typed into the value to store (trim, uppercase…). */
  normalise?: (raw: string) => string;
  /** A message when `normalised` may not be stored; the field then goes back to the stored value. */
  validate?: (normalised: string) => string | null;
  onInvalid?: (message: string | null) => void;
  type?: 'text' | 'date';
  multiline?: boolean;
  label: string;
  id?: string;
  title?: string;
  placeholder?: string;
  class?: string;
  testId?: string;
  maxLength?: number;
  required?: boolean;
  invalid?: boolean;
  autocomplete?: string;
}) {
  let el!: HTMLInputElement | HTMLTextAreaElement;
  let dirty = false;
  // A date typed segment by segment passes through dates nobody meant (0002, 0020, 0202…):
  // typed dates are written when the field is left or Enter is pressed, picked ones at once.
  let typing = false;

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

  const commit = () => {
    const raw = props.multiline ? el.value.replace(/\s*\n\s*/g, ' ') : el.value;
    const next = props.normalise ? props.normalise(raw) : raw;
    const problem = props.validate?.(next) ?? null;
    props.onInvalid?.(problem);
    dirty = false;
    typing = false;
    if (problem) {
      show(props.value);
      return;
    }
    if (next !== props.value) props.onCommit(next);
    show(props.value);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && dirty) {
      event.preventDefault();
      dirty = false;
      typing = false;
      props.onInvalid?.(null);
      show(props.value);
    } else if (event.key === 'Enter') {
      if (props.multiline) event.preventDefault();
      if (dirty) commit();
    } else if (props.type === 'date' && event.key !== 'Tab') {
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
      return props.invalid ? ('true' as const) : undefined;
    },
    get placeholder() {
      return props.placeholder;
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
    onInput: () => {
      dirty = true;
      grow();
    },
    onChange: () => {
      if (!typing) commit();
    },
    onKeyDown,
    onBlur: () => {
      if (dirty) commit();
      else show(props.value);
    },
  };

  return (
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
  );
}

/** Today as YYYY-MM-DD in the person's own time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Uppercase two-letter country code, or '' for none. */
export function normaliseCountry(raw: string): string {
  return raw.trim().toUpperCase();
}

export function dateProblem(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'Pick a date';
  return Number.isNaN(new Date(`${date}T12:00:00`).getTime()) ? 'Pick a date' : null;
}

export function countryProblem(code: string): string | null {
  return /^([A-Z]{2})?$/.test(code) ? null : 'Use the two-letter country code, e.g. NL';
}
