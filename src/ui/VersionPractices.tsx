import { For, Show } from 'solid-js';
import { PRACTICE_SECTIONS, richNodeText, type PracticeChanges, type PracticeHeaderField, type SnapshotPractice } from '../model';
import { periodLabel, PRACTICE_SECTION_TITLES } from '../io/export/document';
import { PRACTICE_STATUS_LABELS } from './PracticeHeader';

const FIELD_LABELS: Record<PracticeHeaderField, string> = {
  title: 'Title',
  memberId: 'City',
  periodStart: 'Period from',
  periodEnd: 'Period to',
  partners: 'Partners',
  contactName: 'Contact',
  contactEmail: 'Contact e-mail',
  topics: 'Topics',
  status: 'Status',
};

/** The practice sheets a version kept, read-only: each sheet's header and its sections' text. */
export function SavedPractices(props: { practices: SnapshotPractice[] | undefined; memberName: (id: string) => string }) {
  return (
    <section class="version-practices" data-testid="version-practices">
      <h3 class="version-practices-title">Practice sheets</h3>
      <Show when={props.practices} fallback={<p class="quiet" data-testid="version-practices-unknown">This version was saved before versions kept practice sheets.</p>}>
        {(practices) => (
          <Show when={practices().length > 0} fallback={<p class="quiet">There were no practice sheets.</p>}>
            <For each={practices()}>
              {(sheet) => (
                <details class="version-practice" data-testid="version-practice">
                  <summary>
                    <strong>{sheet.title || 'Untitled practice sheet'}</strong>
                    <span class="quiet">
                      {' · '}
                      {[sheet.memberId ? props.memberName(sheet.memberId) : '', periodLabel(sheet.periodStart, sheet.periodEnd), PRACTICE_STATUS_LABELS[sheet.status]].filter(Boolean).join(' · ')}
                    </span>
                  </summary>
                  <For each={PRACTICE_SECTIONS}>
                    {(section) => (
                      <Show when={richNodeText(sheet.sections[section]).trim()}>
                        {(text) => (
                          <div class="version-practice-section">
                            <h4>{PRACTICE_SECTION_TITLES[section]}</h4>
                            <p class="version-practice-text">{text()}</p>
                          </div>
                        )}
                      </Show>
                    )}
                  </For>
                </details>
              )}
            </For>
          </Show>
        )}
      </Show>
    </section>
  );
}

/** What changed in the practice sheets since a version: per sheet, its header fields and its sections. */
export function PracticeChangesView(props: { changes: PracticeChanges[] | null; memberName: (id: string) => string }) {
  const shown = (field: PracticeHeaderField, value: string | string[] | null): string => {
    if (value === null || value === '') return '(empty)';
    if (Array.isArray(value)) return value.length === 0 ? '(none)' : `${value.length} topic${value.length === 1 ? '' : 's'}`;
    if (field === 'memberId') return props.memberName(value);
    if (field === 'status') return PRACTICE_STATUS_LABELS[value as keyof typeof PRACTICE_STATUS_LABELS] ?? value;
    return value;
  };
  return (
    <section class="version-practices" data-testid="practice-changes">
      <h3 class="version-practices-title">Practice sheets</h3>
      <Show when={props.changes} fallback={<p class="quiet" data-testid="practice-changes-unknown">This version was saved before versions kept practice sheets, so their changes cannot be shown.</p>}>
        {(changes) => (
          <Show when={changes().length > 0} fallback={<p class="quiet" data-testid="practice-changes-none">No practice sheet changed.</p>}>
            <For each={changes()}>
              {(sheet) => (
                <article class={`changes-practice kind-${sheet.kind}`} data-testid="practice-change" data-kind={sheet.kind} data-practice-id={sheet.id}>
                  <h4 class="changes-practice-title">
                    <span data-testid="practice-change-title">{sheet.title || 'Untitled practice sheet'}</span>
                    <Show when={sheet.kind !== 'changed'}>
                      <span class={`change-tag change-${sheet.kind}`}>{sheet.kind === 'added' ? 'New sheet' : 'Sheet deleted'}</span>
                    </Show>
                  </h4>
                  <Show when={sheet.fields.length > 0}>
                    <ul class="changes-list">
                      <For each={sheet.fields}>
                        {(change) => (
                          <li class="change-line" data-testid="practice-field-change" data-field={change.field}>
                            <strong>{FIELD_LABELS[change.field]}:</strong> <del>{shown(change.field, change.before)}</del> → <ins>{shown(change.field, change.after)}</ins>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <For each={sheet.sections}>
                    {(change) => (
                      <div class="changes-section" data-testid="practice-section-change" data-section={change.section}>
                        <h5>
                          {PRACTICE_SECTION_TITLES[change.section]}
                          <Show when={change.formattingOnly}>
                            <span class="change-tag change-edited">Formatting changed</span>
                          </Show>
                        </h5>
                        <Show when={!change.formattingOnly}>
                          <Show when={change.before}>
                            <p class="change-before-block" data-testid="section-before">
                              <del>{change.before}</del>
                            </p>
                          </Show>
                          <Show when={change.after}>
                            <p class="change-after-block" data-testid="section-after">
                              <ins>{change.after}</ins>
                            </p>
                          </Show>
                        </Show>
                      </div>
                    )}
                  </For>
                </article>
              )}
            </For>
          </Show>
        )}
      </Show>
    </section>
  );
}
