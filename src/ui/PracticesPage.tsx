import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, For, Show } from 'solid-js';
import { LIMITS, PRACTICE_SECTIONS, PRACTICE_STATUSES, type Member, type Practice, type PracticeSection, type PracticeStatus, type Topic } from '../model';
import { createRecord, createRecordList } from '../state/records';
import { AddForm, CoTextField, EmptyState, formatDate, Trash } from './components';
import { useWorkspace } from './context';
import { countryName } from './record-fields';
import { attempt } from './write-problem';
import './practices.css';

export const PRACTICE_STATUS_LABELS: Record<PracticeStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  final: 'Final',
};

export const PRACTICE_SECTION_LABELS: Record<PracticeSection, { title: string; hint: string }> = {
  context: { title: 'Context', hint: 'The local situation: the problem this practice answers, where, and since when.' },
  objectives: { title: 'Objectives', hint: 'What the practice sets out to achieve, and for whom.' },
  activities: { title: 'Activities', hint: 'What is done, by whom, and with which partners.' },
  budget: { title: 'Budget', hint: 'What it costs, how it is funded, and the staff it takes.' },
  evaluation: { title: 'Evaluation', hint: 'How results are measured, what they show, and what was learned.' },
};

function memberLabel(member: Member): string {
  return member.country ? `${member.name} (${countryName(member.country)})` : member.name;
}

function sectionsWritten(practice: Practice): number {
  return PRACTICE_SECTIONS.filter((section) => practice[section].trim() !== '').length;
}

export function PracticesPage() {
  const { workspace, id } = useWorkspace();
  const params = useParams<{ practiceId?: string }>();
  const navigate = useNavigate();
  const practices = createRecordList(workspace.practices, () => workspace.practices.list());
  const deletedPractices = createRecordList(workspace.practices, () => workspace.practices.list({ deleted: 'only' }));
  // Deleted members too, so a sheet still names the member it was written for.
  const members = createRecordList(workspace.members, () => workspace.members.list({ deleted: 'include' }));
  const memberName = (memberId: string | null) => (memberId ? members.find((m) => m.id === memberId)?.name : undefined);

  createEffect(() => {
    const first = practices[0];
    if (!params.practiceId && first) navigate(`/w/${id}/practices/${first.id}`, { replace: true });
  });

  return (
    <div class="split">
      <aside class="sidebar" aria-label="Practice sheets">
        <h2 class="sidebar-title">Practice sheets</h2>
        <ul class="plain-list practice-list" data-testid="practice-list">
          <For each={practices}>
            {(practice) => (
              <li>
                <A
                  href={`/w/${id}/practices/${practice.id}`}
                  activeClass="active"
                  class="list-link practice-link"
                  data-testid="practice-link"
                  data-practice-id={practice.id}
                  data-status={practice.status}
                >
                  <span class="practice-link-title">{practice.title || 'Untitled practice sheet'}</span>
                  <span class="practice-link-meta">
                    <span class={`badge practice-status status-${practice.status}`} data-testid="practice-status-badge">
                      {PRACTICE_STATUS_LABELS[practice.status]}
                    </span>
                    <span class="practice-link-member">{memberName(practice.memberId) ?? 'No member'}</span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
        <AddForm
          label="New practice sheet"
          placeholder="New practice sheet"
          button="Add"
          testId="add-practice"
          maxLength={LIMITS.practiceTitle}
          onAdd={(title) => navigate(`/w/${id}/practices/${workspace.practices.add({ title })}`)}
        />
        <Trash
          title="Deleted practice sheets"
          items={deletedPractices}
          testId="deleted-practices"
          itemTestId="deleted-practice"
          restoreTestId="restore-practice"
          itemData={(practice) => ({ 'data-practice-id': practice.id })}
          onRestore={(practice) => workspace.practices.restore(practice.id)}
          label={(practice) => <span class="deleted-text">{practice.title || 'Untitled practice sheet'}</span>}
        />
      </aside>
      <section class="main-pane">
        <Show
          when={params.practiceId}
          keyed
          fallback={
            <Show
              when={practices.length > 0}
              fallback={
                <EmptyState title="No practice sheets yet">
                  <p>A practice sheet describes one member's local practice in the network's format: context, objectives, activities, budget and evaluation.</p>
                  <p>Start one under “New practice sheet”, for example “Administrative approach to local licences”.</p>
                </EmptyState>
              }
            >
              <EmptyState title="No practice sheet selected">
                <p>Choose one from the list of practice sheets.</p>
              </EmptyState>
            </Show>
          }
        >
          {(practiceId) => <PracticeView practiceId={practiceId} members={members} />}
        </Show>
      </section>
    </div>
  );
}

function PracticeView(props: { practiceId: string; members: Member[] }) {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const practice = createRecord(workspace.practices, props.practiceId);
  const topics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'include' }));
  const title = workspace.practices.title(props.practiceId);

  const liveMembers = () => props.members.filter((m) => !m.deletedAt);
  /** The sheet's member when it has been deleted, so the select does not silently show another value. */
  const deletedMember = () => {
    const memberId = practice()?.memberId;
    const member = memberId ? props.members.find((m) => m.id === memberId) : undefined;
    return member?.deletedAt ? member : undefined;
  };
  const unknownMember = () => {
    const memberId = practice()?.memberId;
    return memberId && !props.members.some((m) => m.id === memberId) ? memberId : undefined;
  };
  const hasTopic = (topicId: string) => practice()?.topics.includes(topicId) ?? false;
  /** Live topics, plus deleted ones still ticked on this sheet (so they can be unticked). */
  const shownTopics = () => topics.filter((t: Topic) => !t.deletedAt || hasTopic(t.id));

  return (
    <Show
      when={practice() && title}
      fallback={
        <EmptyState title="This practice sheet does not exist">
          <p>It may have been removed by a partner.</p>
        </EmptyState>
      }
    >
      <article class="practice-view" data-testid="practice-view" data-practice-id={props.practiceId}>
        <Show when={practice()?.deletedAt}>
          <div class="notice warning" role="status">
            This practice sheet was deleted.{' '}
            <button type="button" class="button small" onClick={() => attempt(() => workspace.practices.restore(props.practiceId))}>
              Restore it
            </button>
          </div>
        </Show>

        <header class="practice-header">
          <div class="practice-heading">
            <CoTextField
              text={title!}
              multiline
              label="Practice sheet title"
              maxLength={LIMITS.practiceTitle}
              class="practice-title"
              testId="practice-title"
              placeholder="Title of the practice"
              onKeyDown={(event) => {
                if (event.key === 'Enter') event.preventDefault();
              }}
            />
            <p class="quiet practice-summary" data-testid="practice-summary">
              <Show when={practice()?.createdAt}>{(createdAt) => <>Added {formatDate(createdAt())} · </>}</Show>
              {(() => { const p = practice(); return p ? sectionsWritten(p) : 0; })()} of {PRACTICE_SECTIONS.length} sections written
            </p>
          </div>
          <Show when={!practice()?.deletedAt}>
            <button
              type="button"
              class="button small danger-quiet"
              data-testid="delete-practice"
              onClick={() => {
                if (attempt(() => workspace.practices.remove(props.practiceId))) navigate(`/w/${id}/practices`);
              }}
            >
              Delete sheet
            </button>
          </Show>
        </header>

        <div class="form-grid practice-fields">
          <div class="field">
            <label for={`practice-member-${props.practiceId}`}>Member</label>
            <select
              id={`practice-member-${props.practiceId}`}
              data-testid="practice-member"
              value={practice()?.memberId ?? ''}
              onChange={(e) => {
                const select = e.currentTarget;
                if (!attempt(() => workspace.practices.update(props.practiceId, { memberId: select.value || null }))) select.value = practice()?.memberId ?? '';
              }}
            >
              <option value="" selected={!practice()?.memberId}>
                No member
              </option>
              <For each={liveMembers()}>
                {(member) => (
                  <option value={member.id} selected={member.id === practice()?.memberId}>
                    {memberLabel(member)}
                  </option>
                )}
              </For>
              <Show when={deletedMember()}>
                {(member) => (
                  <option value={member().id} selected>
                    {memberLabel(member())} (deleted member)
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
          </div>
          <div class="field">
            <label for={`practice-status-${props.practiceId}`}>Status</label>
            <select
              id={`practice-status-${props.practiceId}`}
              class={`practice-status-select status-${practice()?.status}`}
              data-testid="practice-status"
              value={practice()?.status}
              onChange={(e) => {
                const select = e.currentTarget;
                if (!attempt(() => workspace.practices.update(props.practiceId, { status: select.value as PracticeStatus }))) select.value = practice()?.status ?? 'draft';
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

        <fieldset class="practice-topics">
          <legend>Topics</legend>
          <Show
            when={shownTopics().length > 0}
            fallback={<p class="quiet">The group has no topics yet. Add them under Topics to link this sheet to them.</p>}
          >
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
                        if (!attempt(() => workspace.practices.setTopic(props.practiceId, topic.id, box.checked))) box.checked = hasTopic(topic.id);
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
        </fieldset>

        <div class="practice-sections">
          <For each={PRACTICE_SECTIONS}>{(section, i) => <SectionField practiceId={props.practiceId} section={section} number={i() + 1} />}</For>
        </div>
      </article>
    </Show>
  );
}

function SectionField(props: { practiceId: string; section: PracticeSection; number: number }) {
  const { workspace } = useWorkspace();
  const text = workspace.practices.section(props.practiceId, props.section);
  const label = PRACTICE_SECTION_LABELS[props.section];
  return (
    <section class="practice-section" data-testid={`section-${props.section}`}>
      <h3 class="practice-section-title">
        <span class="practice-section-number" aria-hidden="true">
          {props.number}
        </span>
        {label.title}
      </h3>
      <p class="quiet practice-section-hint">{label.hint}</p>
      <Show when={text}>
        {(t) => (
          <CoTextField
            text={t()}
            multiline
            rows={3}
            maxLength={LIMITS.practiceSection}
            label={label.title}
            class="practice-section-text"
            testId={`section-${props.section}-text`}
            placeholder={`${label.title}…`}
          />
        )}
      </Show>
    </section>
  );
}
