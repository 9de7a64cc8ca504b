import { For, Show } from 'solid-js';
import { PRACTICE_SECTIONS, richNodeText, type PracticeChanges, type PracticeHeaderField, type SnapshotPractice } from '../../model';
import { locale, t, tn } from '../../i18n';

const isPracticeStatus = (value: string): value is SnapshotPractice['status'] => value === 'draft' || value === 'in-review' || value === 'final';

/** `March 2019` from `2019-03`, in the reader's language. */
function monthName(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, 15);
  return Number.isNaN(date.getTime()) ? month : new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric' }).format(date);
}

/** A sheet's period as people write it: `March 2019 – June 2023`, `Since March 2019`, `Until June 2023`, or ''. */
function periodLabel(start: string, end: string): string {
  if (start && end) return start === end ? monthName(start) : t('versions.practices.period.range', { start: monthName(start), end: monthName(end) });
  if (start) return t('versions.practices.period.since', { start: monthName(start) });
  if (end) return t('versions.practices.period.until', { end: monthName(end) });
  return '';
}

/** The practice sheets a version kept, read-only: each sheet's header and its sections' text. */
export function SavedPractices(props: { practices: SnapshotPractice[] | undefined; memberName: (id: string) => string }) {
  return (
    <section class="version-practices" data-testid="version-practices">
      <h3 class="version-practices-title">{t('versions.practices.title')}</h3>
      <Show when={props.practices} fallback={<p class="quiet" data-testid="version-practices-unknown">{t('versions.practices.savedBefore')}</p>}>
        {(practices) => (
          <Show when={practices().length > 0} fallback={<p class="quiet">{t('versions.practices.none')}</p>}>
            <For each={practices()}>
              {(sheet) => (
                <details class="version-practice" data-testid="version-practice">
                  <summary>
                    <strong>{sheet.title || t('versions.practices.untitled')}</strong>
                    <span class="quiet">
                      {' · '}
                      {[sheet.memberId ? props.memberName(sheet.memberId) : '', periodLabel(sheet.periodStart, sheet.periodEnd), t(`common.practiceStatus.${sheet.status}`)].filter(Boolean).join(' · ')}
                    </span>
                  </summary>
                  <For each={PRACTICE_SECTIONS}>
                    {(section) => (
                      <Show when={richNodeText(sheet.sections[section]).trim()}>
                        {(text) => (
                          <div class="version-practice-section">
                            <h4>{t(`common.sections.${section}.title`)}</h4>
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
    if (value === null || value === '') return t('versions.practices.empty');
    if (Array.isArray(value)) return value.length === 0 ? t('versions.practices.noValue') : tn('common.count.topics', value.length);
    if (field === 'memberId') return props.memberName(value);
    if (field === 'status') return isPracticeStatus(value) ? t(`common.practiceStatus.${value}`) : value;
    return value;
  };
  return (
    <section class="version-practices" data-testid="practice-changes">
      <h3 class="version-practices-title">{t('versions.practices.title')}</h3>
      <Show when={props.changes} fallback={<p class="quiet" data-testid="practice-changes-unknown">{t('versions.practices.changesUnknown')}</p>}>
        {(changes) => (
          <Show when={changes().length > 0} fallback={<p class="quiet" data-testid="practice-changes-none">{t('versions.practices.noneChanged')}</p>}>
            <For each={changes()}>
              {(sheet) => (
                <article class={`changes-practice kind-${sheet.kind}`} data-testid="practice-change" data-kind={sheet.kind} data-practice-id={sheet.id}>
                  <h4 class="changes-practice-title">
                    <span data-testid="practice-change-title">{sheet.title || t('versions.practices.untitled')}</span>
                    <Show when={sheet.kind !== 'changed'}>
                      <span class={`change-tag change-${sheet.kind}`}>{sheet.kind === 'added' ? t('versions.practices.newSheet') : t('versions.practices.sheetDeleted')}</span>
                    </Show>
                  </h4>
                  <Show when={sheet.fields.length > 0}>
                    <ul class="changes-list">
                      <For each={sheet.fields}>
                        {(change) => (
                          <li class="change-line" data-testid="practice-field-change" data-field={change.field}>
                            <strong>{t('versions.practices.field', { field: t(`versions.practices.fields.${change.field}`) })}</strong> <del>{shown(change.field, change.before)}</del> → <ins>{shown(change.field, change.after)}</ins>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <For each={sheet.sections}>
                    {(change) => (
                      <div class="changes-section" data-testid="practice-section-change" data-section={change.section}>
                        <h5>
                          {t(`common.sections.${change.section}.title`)}
                          <Show when={change.formattingOnly}>
                            <span class="change-tag change-edited">{t('versions.practices.formattingChanged')}</span>
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
