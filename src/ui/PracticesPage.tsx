import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { LIMITS, PRACTICE_SECTIONS, type Member, type Practice, type PracticeSection, type Workspace } from '../model';
import { practiceDocument } from '../io/export/document';
import { toMarkdown } from '../io/export/markdown';
import { createRecord, createRecordList } from '../state/records';
import { AddForm, CoTextField, EmptyState, formatDate, Trash } from './components';
import { useWorkspace } from './context';
import { countryName } from './record-fields';
import { DOCX_TYPE, MARKDOWN_TYPE, saveFile } from './download';
import { ExportView } from './ExportView';
import { PracticeHeader, PRACTICE_STATUS_LABELS } from './PracticeHeader';
import { attempt, reportProblem } from './write-problem';
import RichTextEditor from './editor/RichTextEditor';
import { createRichText } from './editor/rich-field';
import './practices.css';

export { PRACTICE_STATUS_LABELS };

export const PRACTICE_SECTION_LABELS: Record<PracticeSection, { title: string; hint: string }> = {
  context: { title: 'Context', hint: 'The local situation: the problem this practice answers, where, and since when.' },
  objectives: { title: 'Objectives', hint: 'What the practice sets out to achieve, and for whom.' },
  activities: { title: 'Activities', hint: 'What is done, by whom, and with which partners.' },
  budget: { title: 'Budget', hint: 'What it costs, how it is funded, and the staff it takes.' },
  evaluation: { title: 'Evaluation', hint: 'How results are measured, what they show, and what was learned.' },
};

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
  const title = workspace.practices.title(props.practiceId);
  const version = createWorkspaceVersion(workspace);
  /** The sheet as its files say it: the print view shows this, so the printout matches the downloads. */
  const exported = createMemo(() => {
    version();
    return practiceDocument(workspace, props.practiceId, countryName);
  });
  const downloadMarkdown = () => {
    const current = exported();
    if (current) saveFile(`${current.fileName}.md`, toMarkdown(current.doc), MARKDOWN_TYPE);
  };
  const [preparingDocx, setPreparingDocx] = createSignal(false);
  const downloadDocx = async () => {
    const current = exported();
    if (!current || preparingDocx()) return;
    setPreparingDocx(true);
    try {
      // Loaded only now: the docx library is in neither the initial bundle nor this screen's.
      const { toDocx } = await import('../io/export/docx');
      saveFile(`${current.fileName}.docx`, await toDocx(current), DOCX_TYPE);
    } catch (error) {
      reportProblem(new Error(`Preparing the .docx did not work: ${error instanceof Error ? error.message : String(error)}`));
    } finally {
      setPreparingDocx(false);
    }
  };

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
          <div class="practice-actions" data-testid="practice-actions">
            <button type="button" class="button small" data-testid="download-practice-markdown" onClick={downloadMarkdown}>
              Download Markdown
            </button>
            <button type="button" class="button small" data-testid="download-practice-docx" disabled={preparingDocx()} onClick={() => void downloadDocx()}>
              {preparingDocx() ? 'Preparing .docx…' : 'Download .docx'}
            </button>
            <button type="button" class="button small primary" data-testid="print-practice" onClick={() => window.print()}>
              Print / PDF
            </button>
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

        <PracticeHeader practiceId={props.practiceId} practice={practice} members={props.members} />

        <Show when={exported()}>{(current) => <ExportView doc={current().doc} class="sheet-print print-document" testId="practice-print" />}</Show>

        <div class="practice-sections">
          <For each={PRACTICE_SECTIONS}>{(section, i) => <SectionField practiceId={props.practiceId} section={section} number={i() + 1} />}</For>
        </div>
      </article>
    </Show>
  );
}

function SectionField(props: { practiceId: string; section: PracticeSection; number: number }) {
  const { workspace } = useWorkspace();
  const practice = createRecord(workspace.practices, props.practiceId);
  const text = createRichText(
    () => workspace.practices.section(props.practiceId, props.section),
    () => practice(),
    () => workspace.practices.migrateSections([props.practiceId]),
  );
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
      <Show
        when={text()}
        keyed
        fallback={<p class="practice-section-text practice-section-readonly" data-testid={`section-${props.section}-text`}>{practice()?.[props.section]}</p>}
      >
        {(t) => (
          <RichTextEditor
            text={t}
            label={label.title}
            class="practice-section-text"
            testId={`section-${props.section}-text`}
            placeholder={`${label.title}…`}
            target={{ kind: 'practice', id: props.practiceId, field: props.section }}
          />
        )}
      </Show>
    </section>
  );
}

/** A counter that moves on every change of anything a sheet's export reads. */
function createWorkspaceVersion(workspace: Workspace) {
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  for (const source of [workspace.practices, workspace.members, workspace.topics]) onCleanup(source.observe(bump));
  onCleanup(workspace.observeMeta(bump));
  return version;
}
