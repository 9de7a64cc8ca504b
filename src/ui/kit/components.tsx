import { createEffect, createSignal, For, onCleanup, onMount, Show, type JSX, type ParentProps } from 'solid-js';
import { showModal } from './modal';
import type { CoText } from '../../model';
import { formatDate as formatDateIn, t } from '../../i18n';
import { bindText } from '../../state/text-binding';
import { autoGrow } from './autogrow';
import { attempt, reportProblem } from './write-problem';
import { useCanEdit } from './can-edit';

/**
 * A single-line or multi-line field bound to a co-edited text: saved as it is typed. `maxLength`
 * is the model's limit for the text (LIMITS); a change the model refuses is taken back and said
 * in the notice at the bottom of the screen.
 */
export function CoTextField(props: {
  text: CoText;
  multiline?: boolean;
  label: string;
  maxLength?: number;
  placeholder?: string;
  class?: string;
  testId?: string;
  rows?: number;
  autofocus?: boolean;
  onKeyDown?: (event: KeyboardEvent) => void;
}) {
  // View only: read-only, not disabled, so the text stays selectable and follows the writers.
  const canEdit = useCanEdit();
  let el!: HTMLInputElement | HTMLTextAreaElement;
  onMount(() => {
    bindText(el, props.text, () => props.multiline && autoGrow(el as HTMLTextAreaElement), reportProblem);
    if (props.multiline) {
      autoGrow(el as HTMLTextAreaElement);
      onCleanup(props.text.observe(() => autoGrow(el as HTMLTextAreaElement)));
    }
    if (props.autofocus && canEdit()) el.focus();
  });
  return (
    <Show
      when={props.multiline}
      fallback={
        <input
          ref={el as HTMLInputElement}
          class={`cotext ${props.class ?? ''}`}
          aria-label={props.label}
          placeholder={canEdit() ? props.placeholder : '—'}
          data-testid={props.testId}
          maxLength={props.maxLength}
          readOnly={!canEdit()}
          onKeyDown={(event) => canEdit() && props.onKeyDown?.(event)}
        />
      }
    >
      <textarea
        ref={el as HTMLTextAreaElement}
        class={`cotext ${props.class ?? ''}`}
        aria-label={props.label}
        placeholder={canEdit() ? props.placeholder : '—'}
        data-testid={props.testId}
        maxLength={props.maxLength}
        rows={props.rows ?? 1}
        readOnly={!canEdit()}
        onKeyDown={(event) => canEdit() && props.onKeyDown?.(event)}
      />
    </Show>
  );
}

/** A modal question with a clear consequence; resolves on confirm only. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (props.open && !dialog.open) showModal(dialog);
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog" onClose={() => props.open && props.onCancel()} aria-labelledby="dialog-title">
      <h2 id="dialog-title">{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button type="button" class={`button ${props.danger ? 'danger' : 'primary'}`} data-testid="confirm" onClick={() => props.onConfirm()}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * A small form with one text input and a submit button; clears itself after submitting. If the
 * model refuses the new item, what was typed stays and the notice says why.
 */
export function AddForm(props: {
  label: string;
  placeholder: string;
  button: string;
  testId?: string;
  maxLength?: number;
  onAdd: (value: string) => void;
}) {
  const canEdit = useCanEdit();
  const [value, setValue] = createSignal('');
  const submit = (event: Event) => {
    event.preventDefault();
    const text = value().trim();
    if (!text) return;
    if (attempt(() => props.onAdd(text))) setValue('');
  };
  return (
    <Show when={canEdit()}>
    <form class="add-form" onSubmit={submit} data-testid={props.testId}>
      <input
        aria-label={props.label}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        value={value()}
        onInput={(event) => setValue(event.currentTarget.value)}
      />
      <button type="submit" class="button primary" disabled={!value().trim()}>
        {props.button}
      </button>
    </form>
    </Show>
  );
}

export function EmptyState(props: ParentProps<{ title: string }>) {
  return (
    <div class="empty-state">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

export function Notice(props: ParentProps<{ tone?: 'info' | 'warning' | 'error'; testId?: string }>) {
  return (
    <div class={`notice ${props.tone ?? 'info'}`} role={props.tone === 'error' ? 'alert' : 'status'} data-testid={props.testId}>
      {props.children}
    </div>
  );
}

/** A date as the person's language writes it ("1 December 2026"); what is not a date is shown as it is. */
export function formatDate(iso: string): string {
  if (!iso) return '';
  return formatDateIn(iso) || iso;
}

/**
 * The soft-deleted items of a list, each with a Restore button: nothing deleted in Tavola is
 * gone, and a partner's concurrent edit of a deleted item is kept for when it comes back.
 */
export function Trash<T extends { id: string }>(props: {
  title: string;
  items: T[];
  label: (item: T) => JSX.Element;
  onRestore: (item: T) => void;
  testId?: string;
  itemTestId?: string;
  restoreTestId?: string;
  itemData?: (item: T) => Record<string, string>;
}) {
  const canEdit = useCanEdit();
  return (
    <Show when={props.items.length > 0}>
      <details class="trash" data-testid={props.testId}>
        <summary>
          {props.title} ({props.items.length})
        </summary>
        <ul>
          <For each={props.items}>
            {(item) => (
              <li data-testid={props.itemTestId} {...(props.itemData?.(item) ?? {})}>
                {props.label(item)}
                <Show when={canEdit()}>
                  <button type="button" class="button small" data-testid={props.restoreTestId} onClick={() => attempt(() => props.onRestore(item))}>
                    {t('common.restore')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </details>
    </Show>
  );
}
