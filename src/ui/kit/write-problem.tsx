import { createSignal, Show } from 'solid-js';
import { InvalidValue, WorkspaceNotReceived } from '../../model';
import { formatNumber, locale, t } from '../../i18n';
import { ViewOnlyWorkspace } from '../../state/access';
import './write-problem.css';

/**
 * Why a change could not be saved, in words for the person who made it. The model refuses a
 * value that breaks its schema (InvalidValue) and every change before the workspace has arrived
 * (WorkspaceNotReceived); nothing else is expected, but an unexpected error is said plainly too.
 */
export function problemMessage(error: unknown): string {
  if (error instanceof ViewOnlyWorkspace) return t('common.viewOnly.explain');
  if (error instanceof WorkspaceNotReceived) {
    return t('common.writeProblem.notReceived');
  }
  if (error instanceof InvalidValue) {
    if (error.reason === 'too-long') {
      return t('common.writeProblem.tooLong', { length: formatNumber(error.length ?? 0), limit: formatNumber(error.limit ?? 0) });
    }
    if (error.reason === 'empty') return t('common.writeProblem.empty');
    if (error.reason === 'period-order') return t('common.writeProblem.periodOrder');
    // Any other refusal: in English, the model's own words (they name the value); else, in general terms.
    if (locale() !== 'en') return t('common.writeProblem.invalid');
    // The model's messages may start with the record and field they are about ("members.name: …").
    const text = error.message.replace(/^[\w-]+\.[\w-]+:\s*/, '');
    return `This change was not saved: ${text.charAt(0).toLowerCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return text ? t('common.writeProblem.unexpected', { reason: text }) : t('common.writeProblem.unexpectedNoReason');
}

const [problem, setProblem] = createSignal<string | null>(null);

/**
 * Run one change the person asked for (a button, a select, a checkbox). If the model refuses
 * it, the refusal is shown in the notice at the bottom of the screen instead of escaping from
 * the event handler; returns whether the change was made.
 */
export function attempt(change: () => void): boolean {
  try {
    change();
    return true;
  } catch (error) {
    reportProblem(error);
    return false;
  }
}

/** Show why a change was refused in the notice at the bottom of the screen. */
export function reportProblem(error: unknown): void {
  setProblem(problemMessage(error));
}

/** The notice for changes refused by attempt(); shown once in the app's frame. */
export function WriteProblem() {
  return (
    <Show when={problem()}>
      <div class="write-problem notice error" role="alert" data-testid="write-problem">
        <p>{problem()}</p>
        <button type="button" class="button small" onClick={() => setProblem(null)}>
          {t('common.writeProblem.dismiss')}
        </button>
      </div>
    </Show>
  );
}
