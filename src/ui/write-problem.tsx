import { createSignal, Show } from 'solid-js';
import { InvalidValue, WorkspaceNotReceived } from '../model';
import './write-problem.css';

/**
 * Why a change could not be saved, in words for the person who made it. The model refuses a
 * value that breaks its schema (InvalidValue) and every change before the workspace has arrived
 * (WorkspaceNotReceived); nothing else is expected, but an unexpected error is said plainly too.
 */
export function problemMessage(error: unknown): string {
  if (error instanceof WorkspaceNotReceived) {
    return 'Nothing can be changed yet: the workspace is still arriving from your partners. Keep this page open and try again in a moment.';
  }
  if (error instanceof InvalidValue) {
    // The model's messages may start with the record and field they are about ("members.name: …").
    const text = error.message.replace(/^[\w-]+\.[\w-]+:\s*/, '');
    return `This change was not saved: ${text.charAt(0).toLowerCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `This change was not saved because something went wrong${text ? `: ${text}` : ''}.`;
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
          Dismiss
        </button>
      </div>
    </Show>
  );
}
