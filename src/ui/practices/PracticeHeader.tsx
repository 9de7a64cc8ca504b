import { For, Show, type Accessor } from 'solid-js';
import { isEmailAddress, LIMITS, PRACTICE_STATUSES, type Member, type Practice, type PracticeStatus, type Topic } from '../../model';
import { createRecordList } from '../../state/records';
import { locale, t } from '../../i18n';
import { CoTextField } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { countryName } from '../kit/record-fields';
import { attempt } from '../kit/write-problem';
import { useCanEdit } from '../kit/can-edit';

/** English status names (kept for callers that have not moved to `common.practiceStatus.*` yet). */
function memberLabel(member: Member): string {
  return member.country ? `${member.name} (${countryName(member.country)})` : member.name;
}

/** `March 2019` from `2019-03`, in the reader's language; a dash for none. */
function monthName(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month || '—';
  const date = new Date(Number(match[1]), Number(match[2]) - 1, 15);
  return Number.isNaN(date.getTime()) ? month : new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric' }).format(date);
}

/**
 * The head of a practice sheet as the network's summary sheets have it: city and country,
 * period, partners, contact, topics, status. Every field may stay empty but the title.
 * View only: the same rows, the choices shown as text.
 */
export function PracticeHeader(props: { practiceId: string; practice: Accessor<Practice | undefined>; members: Member[] }) {
  const { workspace } = useWorkspace();
  const canEdit = useCanEdit();
  const topics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'include' }));
  const practice = props.practice;
  const id = props.practiceId;
  const field = (name: string) => `practice-${name}-${id}`;

  const liveMembers = () => props.members.filter((m) => !m.deletedAt);
  const member = () => {
    const memberId = practice()?.memberId;
    return memberId ? props.members.find((m) => m.id === memberId) : undefined;
  };
  /** The sheet's member when it has been deleted, so the select does not silently show another value. */
  const deletedMember = () => (member()?.deletedAt ? member() : undefined);
  const unknownMember = () => {
    const memberId = practice()?.memberId;
    return memberId && !member() ? memberId : undefined;
  };
  const hasTopic = (topicId: string) => practice()?.topics.includes(topicId) ?? false;
  /** Live topics, plus deleted ones still ticked on this sheet (so they can be unticked). */
  const shownTopics = () => topics.filter((topic: Topic) => !topic.deletedAt || hasTopic(topic.id));
  const email = () => practice()?.contactEmail.trim() ?? '';

  const setPeriod = (input: HTMLInputElement, end: 'periodStart' | 'periodEnd') => {
    const current = practice();
    if (!current) return;
    const next = { periodStart: current.periodStart, periodEnd: current.periodEnd, [end]: input.value };
    if (!attempt(() => workspace.practices.setPeriod(id, next.periodStart, next.periodEnd))) input.value = current[end];
  };

  const partners = workspace.practices.headerText(id, 'partners');
  const contactName = workspace.practices.headerText(id, 'contactName');
  const contactEmail = workspace.practices.headerText(id, 'contactEmail');

  return (
    <section class="sheet-header" aria-label={t('practices.header.summary')} data-testid="practice-header">
      <div class="sheet-header-row">
        <label class="sheet-header-label" for={field('member')}>
          {t('practices.header.city')}
        </label>
        <div class="sheet-header-value sheet-header-pair">
          <Show
            when={canEdit()}
            fallback={
              <span id={field('member')} class="read-only-value" data-testid="practice-member">
                {member() ? (member()!.deletedAt ? t('practices.header.deletedMember', { member: memberLabel(member()!) }) : memberLabel(member()!)) : unknownMember() ? t('practices.header.unknownMember') : t('practices.noMember')}
              </span>
            }
          >
          <select
            id={field('member')}
            data-testid="practice-member"
            value={practice()?.memberId ?? ''}
            onChange={(e) => {
              const select = e.currentTarget;
              if (!attempt(() => workspace.practices.update(id, { memberId: select.value || null }))) select.value = practice()?.memberId ?? '';
            }}
          >
            <option value="" selected={!practice()?.memberId}>
              {t('practices.noMember')}
            </option>
            <For each={liveMembers()}>
              {(m) => (
                <option value={m.id} selected={m.id === practice()?.memberId}>
                  {memberLabel(m)}
                </option>
              )}
            </For>
            <Show when={deletedMember()}>
              {(m) => (
                <option value={m().id} selected>
                  {t('practices.header.deletedMember', { member: memberLabel(m()) })}
                </option>
              )}
            </Show>
            <Show when={unknownMember()}>
              {(memberId) => (
                <option value={memberId()} selected>
                  {t('practices.header.unknownMember')}
                </option>
              )}
            </Show>
          </select>
          </Show>
          <span class="sheet-header-country" data-testid="practice-country">
            <span class="sheet-header-sublabel">{t('practices.header.country')}</span> {member()?.country ? countryName(member()!.country) : '—'}
          </span>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label" id={field('period')}>
          {t('practices.header.period')}
        </span>
        <div class="sheet-header-value sheet-header-period" role="group" aria-labelledby={field('period')}>
          <Show when={!canEdit()}>
            <span class="read-only-value" data-testid="practice-period">
              <span class="sheet-header-sublabel">{t('practices.header.from')}</span> {monthName(practice()?.periodStart ?? '')}{' '}
              <span class="sheet-header-sublabel">{t('practices.header.to')}</span> {monthName(practice()?.periodEnd ?? '')}
            </span>
          </Show>
          <Show when={canEdit()}>
          <label>
            <span class="sheet-header-sublabel">{t('practices.header.from')}</span>
            <input type="month" data-testid="practice-period-start" value={practice()?.periodStart ?? ''} max={practice()?.periodEnd || undefined} onChange={(e) => setPeriod(e.currentTarget, 'periodStart')} />
          </label>
          <label>
            <span class="sheet-header-sublabel">{t('practices.header.to')}</span>
            <input type="month" data-testid="practice-period-end" value={practice()?.periodEnd ?? ''} min={practice()?.periodStart || undefined} onChange={(e) => setPeriod(e.currentTarget, 'periodEnd')} />
          </label>
          <span class="quiet sheet-header-hint">{t('practices.header.toHint')}</span>
          </Show>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label">{t('practices.header.partners')}</span>
        <div class="sheet-header-value">
          <Show when={partners}>
            {(text) => (
              <CoTextField text={text()} multiline rows={1} label={t('practices.header.partners')} maxLength={LIMITS.practicePartners} class="sheet-header-text" testId="practice-partners" placeholder={t('practices.header.partnersPlaceholder')} />
            )}
          </Show>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label">{t('practices.header.contact')}</span>
        <div class="sheet-header-value sheet-header-pair">
          <Show when={contactName}>
            {(text) => <CoTextField text={text()} label={t('practices.header.contactName')} maxLength={LIMITS.practiceContactName} class="sheet-header-text" testId="practice-contact-name" placeholder={t('practices.header.contactNamePlaceholder')} />}
          </Show>
          <Show when={contactEmail}>
            {(text) => <CoTextField text={text()} label={t('practices.header.contactEmail')} maxLength={LIMITS.practiceContactEmail} class="sheet-header-text" testId="practice-contact-email" placeholder={t('practices.header.contactEmailPlaceholder')} />}
          </Show>
          <Show when={email() && !isEmailAddress(email())}>
            <span class="field-warning" data-testid="practice-contact-email-warning">
              {t('practices.header.notEmail')}
            </span>
          </Show>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label">{t('practices.header.topics')}</span>
        <div class="sheet-header-value">
          <Show when={!canEdit()}>
            <ul class="checks topic-names" data-testid="practice-topics">
              <For each={shownTopics().filter((topic) => hasTopic(topic.id))} fallback={<li class="quiet">—</li>}>
                {(topic) => (
                  <li class="check checked" classList={{ 'deleted-topic': !!topic.deletedAt }} data-testid="practice-topic" data-topic-id={topic.id}>
                    {topic.deletedAt
                      ? t('practices.header.deletedTopic', { topic: topic.title || t('practices.header.untitledTopic') })
                      : topic.title || t('practices.header.untitledTopic')}
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={canEdit() && shownTopics().length > 0} fallback={<Show when={canEdit()}><p class="quiet">{t('practices.header.noTopics')}</p></Show>}>
            <div class="checks" data-testid="practice-topics">
              <For each={shownTopics()}>
                {(topic) => (
                  <label class="check" classList={{ checked: hasTopic(topic.id), 'deleted-topic': !!topic.deletedAt }}>
                    <input
                      type="checkbox"
                      data-testid="practice-topic"
                      data-topic-id={topic.id}
                      checked={hasTopic(topic.id)}
                      onChange={(e) => {
                        const box = e.currentTarget;
                        if (!attempt(() => workspace.practices.setTopic(id, topic.id, box.checked))) box.checked = hasTopic(topic.id);
                      }}
                    />
                    <span>
                      {topic.deletedAt
                        ? t('practices.header.deletedTopic', { topic: topic.title || t('practices.header.untitledTopic') })
                        : topic.title || t('practices.header.untitledTopic')}
                    </span>
                  </label>
                )}
              </For>
            </div>
          </Show>
        </div>
      </div>

      <div class="sheet-header-row">
        <label class="sheet-header-label" for={field('status')}>
          {t('practices.header.status')}
        </label>
        <div class="sheet-header-value">
          <Show
            when={canEdit()}
            fallback={
              <span id={field('status')} class={`badge practice-status status-${practice()?.status}`} data-testid="practice-status">
                {t(`common.practiceStatus.${practice()?.status ?? 'draft'}`)}
              </span>
            }
          >
          <select
            id={field('status')}
            class={`practice-status-select status-${practice()?.status}`}
            data-testid="practice-status"
            value={practice()?.status}
            onChange={(e) => {
              const select = e.currentTarget;
              if (!attempt(() => workspace.practices.update(id, { status: select.value as PracticeStatus }))) select.value = practice()?.status ?? 'draft';
            }}
          >
            <For each={PRACTICE_STATUSES}>
              {(status) => (
                <option value={status} selected={status === practice()?.status}>
                  {t(`common.practiceStatus.${status}`)}
                </option>
              )}
            </For>
          </select>
          </Show>
        </div>
      </div>
    </section>
  );
}
