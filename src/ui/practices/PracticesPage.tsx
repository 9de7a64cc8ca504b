import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { LIMITS, PRACTICE_SECTIONS, type Member, type Practice, type PracticeSection, type Workspace } from '../../model';
import { practiceDocument } from '../../io/export/document';
import { createRecord, createRecordList } from '../../state/records';
import { AddForm, CoTextField, EmptyState, formatDate, Trash } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { countryName } from '../kit/record-fields';
import { createDownloads, exportWords } from '../kit/download';
import { formatNumber, t, tn } from '../../i18n';
import { ExportView } from './ExportView';
import { PracticeHeader } from './PracticeHeader';
import { attempt, reportProblem } from '../kit/write-problem';
import { useCanEdit, ViewOnlyNote } from '../kit/can-edit';
import RichTextEditor from '../editor/RichTextEditor';
import { createRichText } from '../editor/rich-field';
import './practices.css';


/** A section's title and hint in the person's language (common.sections). */
export function practiceSectionLabel(section: PracticeSection): { title: string; hint: string } {
  return { title: t(`common.sections.${section}.title`), hint: t(`common.sections.${section}.hint`) };
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
  const canEdit = useCanEdit();
  const memberName = (memberId: string | null) => (memberId ? members.find((m) => m.id === memberId)?.name : undefined);

  createEffect(() => {
    const first = practices[0];
    if (!params.practiceId && first) navigate(`/w/${id}/practices/${first.id}`, { replace: true });
  });

  return (
    <div class="split">
      <aside class="sidebar" aria-label={t('practices.list')}>
        <h2 class="sidebar-title">{t('practices.list')}</h2>
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
                  <span class="practice-link-title">{practice.title || t('practices.untitled')}</span>
                  <span class="practice-link-meta">
                    <span class={`badge practice-status status-${practice.status}`} data-testid="practice-status-badge">
                      {t(`common.practiceStatus.${practice.status}`)}
                    </span>
                    <span class="practice-link-member">{memberName(practice.memberId) ?? t('practices.noMember')}</span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
        <Show when={!canEdit()}>
          <ViewOnlyNote class="sidebar-note" />
        </Show>
        <AddForm
          label={t('practices.newSheet')}
          placeholder={t('practices.newSheet')}
          button={t('practices.add')}
          testId="add-practice"
          maxLength={LIMITS.practiceTitle}
          onAdd={(title) => navigate(`/w/${id}/practices/${workspace.practices.add({ title })}`)}
        />
        <Trash
          title={t('practices.deletedSheets')}
          items={deletedPractices}
          testId="deleted-practices"
          itemTestId="deleted-practice"
          restoreTestId="restore-practice"
          itemData={(practice) => ({ 'data-practice-id': practice.id })}
          onRestore={(practice) => workspace.practices.restore(practice.id)}
          label={(practice) => <span class="deleted-text">{practice.title || t('practices.untitled')}</span>}
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
                <EmptyState title={t('practices.emptyTitle')}>
                  <p>{t('practices.emptyBody')}</p>
                  <p>{t('practices.emptyStart')}</p>
                </EmptyState>
              }
            >
              <EmptyState title={t('practices.noneSelectedTitle')}>
                <p>{t('practices.noneSelectedBody')}</p>
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
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const practice = createRecord(workspace.practices, props.practiceId);
  const title = workspace.practices.title(props.practiceId);
  const version = createWorkspaceVersion(workspace);
  /** The sheet as its files say it: the print view shows this, so the printout matches the downloads. */
  const exported = createMemo(() => {
    version();
    return practiceDocument(workspace, props.practiceId, countryName, exportWords());
  });
  const { downloadMarkdown, downloadDocx, preparingDocx } = createDownloads(exported, (reason) =>
    reportProblem(new Error(t('practices.docxFailed', { reason }))),
  );

  return (
    <Show
      when={practice() && title}
      fallback={
        <EmptyState title={t('practices.missingTitle')}>
          <p>{t('practices.missingBody')}</p>
        </EmptyState>
      }
    >
      <article class="practice-view" data-testid="practice-view" data-practice-id={props.practiceId}>
        <Show when={practice()?.deletedAt}>
          <div class="notice warning" role="status">
            {t('practices.deletedNotice')}{' '}
            <Show when={canEdit()}>
              <button type="button" class="button small" onClick={() => attempt(() => workspace.practices.restore(props.practiceId))}>
                {t('practices.restoreIt')}
              </button>
            </Show>
          </div>
        </Show>

        <header class="practice-header">
          <div class="practice-heading">
            <CoTextField
              text={title!}
              multiline
              label={t('practices.titleLabel')}
              maxLength={LIMITS.practiceTitle}
              class="practice-title"
              testId="practice-title"
              placeholder={t('practices.titlePlaceholder')}
              onKeyDown={(event) => {
                if (event.key === 'Enter') event.preventDefault();
              }}
            />
            <p class="quiet practice-summary" data-testid="practice-summary">
              <Show when={practice()?.createdAt}>{(createdAt) => <>{t('practices.added', { date: formatDate(createdAt()) })} · </>}</Show>
              {tn('practices.sectionsWritten', (() => { const p = practice(); return p ? sectionsWritten(p) : 0; })(), { total: formatNumber(PRACTICE_SECTIONS.length) })}
            </p>
          </div>
          <div class="practice-actions" data-testid="practice-actions">
            <button type="button" class="button small" data-testid="download-practice-markdown" onClick={downloadMarkdown}>
              {t('practices.downloadMarkdown')}
            </button>
            <button type="button" class="button small" data-testid="download-practice-docx" disabled={preparingDocx()} onClick={() => void downloadDocx()}>
              {preparingDocx() ? t('practices.preparingDocx') : t('practices.downloadDocx')}
            </button>
            <button type="button" class="button small primary" data-testid="print-practice" onClick={() => window.print()}>
              {t('practices.print')}
            </button>
          </div>
          <Show when={!practice()?.deletedAt && canEdit()}>
            <button
              type="button"
              class="button small danger-quiet"
              data-testid="delete-practice"
              onClick={() => {
                if (attempt(() => workspace.practices.remove(props.practiceId))) navigate(`/w/${id}/practices`);
              }}
            >
              {t('practices.deleteSheet')}
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
  const label = () => practiceSectionLabel(props.section);
  return (
    <section class="practice-section" data-testid={`section-${props.section}`}>
      <h3 class="practice-section-title">
        <span class="practice-section-number" aria-hidden="true">
          {props.number}
        </span>
        {label().title}
      </h3>
      <p class="quiet practice-section-hint">{label().hint}</p>
      <Show
        when={text()}
        keyed
        fallback={<p class="practice-section-text practice-section-readonly" data-testid={`section-${props.section}-text`}>{practice()?.[props.section]}</p>}
      >
        {(rich) => (
          <RichTextEditor
            text={rich}
            label={label().title}
            class="practice-section-text"
            testId={`section-${props.section}-text`}
            placeholder={t('practices.sectionPlaceholder', { section: label().title })}
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
