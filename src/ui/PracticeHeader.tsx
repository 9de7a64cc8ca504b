import { For, Show, type Accessor } from 'solid-js';
import { isEmailAddress, LIMITS, PRACTICE_STATUSES, type Member, type Practice, type PracticeStatus, type Topic } from '../model';
import { createRecordList } from '../state/records';
import { CoTextField } from './components';
import { useWorkspace } from './context';
import { countryName } from './record-fields';
import { attempt } from './write-problem';

export const PRACTICE_STATUS_LABELS: Record<PracticeStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  final: 'Final',
};

function memberLabel(member: Member): string {
  return member.country ? `${member.name} (${countryName(member.country)})` : member.name;
}

/**
 * The head of a practice sheet as the network's summary sheets have it: city and country,
 * period, partners, contact, topics, status. Every field may stay empty but the title.
 */
export function PracticeHeader(props: { practiceId: string; practice: Accessor<Practice | undefined>; members: Member[] }) {
  const { workspace } = useWorkspace();
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
  const shownTopics = () => topics.filter((t: Topic) => !t.deletedAt || hasTopic(t.id));
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
    <section class="sheet-header" aria-label="Summary" data-testid="practice-header">
      <div class="sheet-header-row">
        <label class="sheet-header-label" for={field('member')}>
          City
        </label>
        <div class="sheet-header-value sheet-header-pair">
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
              No member
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
                  {memberLabel(m())} (deleted member)
                </option>
              )}
            </Show>
            <Show when={unknownMember()}>
              {(memberId) => (
                <option value={memberId()} selected>
                  Unknown member
                </option>
              )}
            </Show>
          </select>
          <span class="sheet-header-country" data-testid="practice-country">
            <span class="sheet-header-sublabel">Country</span> {member()?.country ? countryName(member()!.country) : '—'}
          </span>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label" id={field('period')}>
          Period
        </span>
        <div class="sheet-header-value sheet-header-period" role="group" aria-labelledby={field('period')}>
          <label>
            <span class="sheet-header-sublabel">From</span>
            <input type="month" data-testid="practice-period-start" value={practice()?.periodStart ?? ''} max={practice()?.periodEnd || undefined} onChange={(e) => setPeriod(e.currentTarget, 'periodStart')} />
          </label>
          <label>
            <span class="sheet-header-sublabel">To</span>
            <input type="month" data-testid="practice-period-end" value={practice()?.periodEnd ?? ''} min={practice()?.periodStart || undefined} onChange={(e) => setPeriod(e.currentTarget, 'periodEnd')} />
          </label>
          <span class="quiet sheet-header-hint">Leave “To” empty while it runs.</span>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label">Partners</span>
        <div class="sheet-header-value">
          <Show when={partners}>
            {(text) => (
              <CoTextField text={text()} multiline rows={1} label="Partners" maxLength={LIMITS.practicePartners} class="sheet-header-text" testId="practice-partners" placeholder="Organisations working on it with the city" />
            )}
          </Show>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label">Contact</span>
        <div class="sheet-header-value sheet-header-pair">
          <Show when={contactName}>
            {(text) => <CoTextField text={text()} label="Contact name" maxLength={LIMITS.practiceContactName} class="sheet-header-text" testId="practice-contact-name" placeholder="Name" />}
          </Show>
          <Show when={contactEmail}>
            {(text) => <CoTextField text={text()} label="Contact e-mail" maxLength={LIMITS.practiceContactEmail} class="sheet-header-text" testId="practice-contact-email" placeholder="name@city.eu" />}
          </Show>
          <Show when={email() && !isEmailAddress(email())}>
            <span class="field-warning" data-testid="practice-contact-email-warning">
              This does not look like an e-mail address.
            </span>
          </Show>
        </div>
      </div>

      <div class="sheet-header-row">
        <span class="sheet-header-label">Topics</span>
        <div class="sheet-header-value">
          <Show when={shownTopics().length > 0} fallback={<p class="quiet">The group has no topics yet. Add them under Topics to link this sheet to them.</p>}>
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
                      {topic.title || 'Untitled topic'}
                      {topic.deletedAt ? ' (deleted topic)' : ''}
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
          Status
        </label>
        <div class="sheet-header-value">
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
                  {PRACTICE_STATUS_LABELS[status]}
                </option>
              )}
            </For>
          </select>
        </div>
      </div>
    </section>
  );
}
