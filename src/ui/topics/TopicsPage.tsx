import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, For, Show } from 'solid-js';
import { t } from '../../i18n';
import { LIMITS, type Topic } from '../../model';
import { createPointCounts, createRecord, createRecordList } from '../../state/records';
import { AddForm, CoTextField, EmptyState, Trash } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { FocusPointList } from './FocusPointList';
import { attempt } from '../kit/write-problem';
import { useCanEdit } from '../kit/can-edit';

export { STATUS_LABELS, statusLabel } from './FocusPointList';

export function TopicsPage() {
  const { workspace, id } = useWorkspace();
  const params = useParams<{ topicId?: string }>();
  const navigate = useNavigate();
  const topics = createRecordList(workspace.topics, () => workspace.topics.list());
  const deletedTopics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'only' }));
  const countFor = createPointCounts(workspace);

  createEffect(() => {
    const first = topics[0];
    if (!params.topicId && first) navigate(`/w/${id}/topics/${first.id}`, { replace: true });
  });

  return (
    <div class="split">
      <aside class="sidebar" aria-label={t('topics.title')}>
        <h2 class="sidebar-title">{t('topics.title')}</h2>
        <ol class="topic-list" data-testid="topic-list">
          <For each={topics}>
            {(topic) => (
              <li>
                <A href={`/w/${id}/topics/${topic.id}`} activeClass="active" class="topic-link" data-testid="topic-link">
                  <span class="topic-link-title">{topic.title || t('topics.untitled')}</span>
                  <span class="count" aria-label={t('topics.pointCountLabel')}>
                    {countFor(topic.id)}
                  </span>
                </A>
              </li>
            )}
          </For>
        </ol>
        <AddForm
          label={t('topics.newTopic')}
          placeholder={t('topics.newTopic')}
          button={t('topics.add')}
          testId="add-topic"
          maxLength={LIMITS.topicTitle}
          onAdd={(title) => navigate(`/w/${id}/topics/${workspace.topics.add(title)}`)}
        />
        <Trash
          title={t('topics.deletedTopics')}
          items={deletedTopics}
          testId="deleted-topics"
          onRestore={(topic) => workspace.topics.restore(topic.id)}
          label={(topic) => <span>{topic.title || t('topics.untitled')}</span>}
        />
      </aside>
      <section class="main-pane">
        <Show
          when={params.topicId}
          keyed
          fallback={
            <EmptyState title={t('topics.empty.title')}>
              <p>{t('topics.empty.body')}</p>
            </EmptyState>
          }
        >
          {(topicId) => <TopicView topicId={topicId} topics={topics} />}
        </Show>
      </section>
    </div>
  );
}

function TopicView(props: { topicId: string; topics: Topic[] }) {
  const { workspace, id } = useWorkspace();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const topic = createRecord(workspace.topics, props.topicId);
  const index = () => props.topics.findIndex((topic) => topic.id === props.topicId);
  const title = workspace.topics.title(props.topicId);

  return (
    <Show
      when={topic() && title}
      fallback={
        <EmptyState title={t('topics.missing.title')}>
          <p>{t('topics.missing.body')}</p>
        </EmptyState>
      }
    >
      <div class="topic-view" data-testid="topic-view">
        <Show when={topic()?.deletedAt}>
          <div class="notice warning" role="status">
            {t('topics.wasDeleted')}{' '}
            <Show when={canEdit()}>
              <button type="button" class="button small" onClick={() => attempt(() => workspace.topics.restore(props.topicId))}>
                {t('topics.restoreIt')}
              </button>
            </Show>
          </div>
        </Show>
        <div class="topic-header">
          {/* A textarea of one row that grows, so a long title wraps instead of being cut off on a
              phone; Enter does not start a new line (a title is one line). A title far over the
              limit (another program's, a hostile backup's 10 MB) is shown in a one-line field
              instead: wrapping it would hold the page in layout for minutes. */}
          <CoTextField
            text={title!}
            multiline={title!.length <= LIMITS.topicTitle}
            rows={1}
            label={t('topics.topicTitle')}
            maxLength={LIMITS.topicTitle}
            class="topic-title"
            testId="topic-title"
            placeholder={t('topics.topicTitle')}
            onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          />
          <Show when={canEdit()}>
          <div class="row-actions">
            <button type="button" class="icon-button" aria-label={t('topics.moveTopicUp')} title={t('topics.moveTopicUp')} disabled={index() <= 0} onClick={() => attempt(() => workspace.topics.move(props.topicId, index() - 1))}>
              ↑
            </button>
            <button
              type="button"
              class="icon-button"
              aria-label={t('topics.moveTopicDown')}
              title={t('topics.moveTopicDown')}
              disabled={index() < 0 || index() >= props.topics.length - 1}
              onClick={() => attempt(() => workspace.topics.move(props.topicId, index() + 1))}
            >
              ↓
            </button>
            <Show when={!topic()?.deletedAt}>
              <button
                type="button"
                class="button small danger-quiet"
                onClick={() => {
                  if (attempt(() => workspace.topics.remove(props.topicId))) navigate(`/w/${id}/topics`);
                }}
              >
                {t('topics.deleteTopic')}
              </button>
            </Show>
          </div>
          </Show>
        </div>

        <FocusPointList topicId={props.topicId} />
      </div>
    </Show>
  );
}
