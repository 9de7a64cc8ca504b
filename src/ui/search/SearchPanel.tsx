// The search box's result list and keyboard (the ARIA combobox pattern: the box keeps the focus,
// the active result is its aria-activedescendant). Loaded with the search index when the person
// first focuses the box or presses Ctrl+K (SearchBox.tsx): never part of the page's first script.
import { useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { formatDate, formatNumber as formatNumberOf, t, tn } from '../../i18n';
import type { Workspace } from '../../model';
import { SearchIndex, type SearchField, type SearchHit, type SearchKind } from '../../search';
import type { SnippetPart } from '../../search/fold';

/** Every string the result list shows, in the person's language (src/i18n: search, common); SearchBox.tsx has the box's. */
const STRINGS = {
  kind: (kind: SearchKind) => t(`common.kind.${kind}`),
  field: (field: SearchField): string => {
    switch (field) {
      case 'context':
      case 'objectives':
      case 'activities':
      case 'budget':
      case 'evaluation':
        return t(`common.sections.${field}.title`);
      default:
        return t(`search.fields.${field}`);
    }
  },
  inTopic: (title: string) => t('search.inTopic', { title: title || t('topics.untitled') }),
  listLabel: () => t('search.listLabel'),
  summary: (shown: number, total: number) =>
    total === 0
      ? t('search.noResults')
      : shown < total && total > 1
        ? t('search.firstShown', { total: formatNumberOf(total), shown: formatNumberOf(shown) })
        : tn('search.results', total),
  nothing: (query: string) => t('search.nothing', { query: query.trim() }),
  more: (count: number) => tn('search.more', count),
  hint: () => t('search.hint'),
  preparing: () => t('search.preparing'),
};

/** Results shown at most; the summary says how many there are in all. */
const LIMIT = 30;

export function SearchPanel(props: { input: HTMLInputElement; box: HTMLElement; listId: string; workspace: Workspace; workspaceId: string }) {
  const navigate = useNavigate();
  // Built in pieces between which the page goes on: a workspace of 10,000 points takes about half
  // a second to index (docs/performance.md), and the person may be typing meanwhile.
  const index = new SearchIndex(props.workspace, { chunked: { size: 500, pause: () => new Promise((resolve) => setTimeout(resolve, 0)) } });
  const [query, setQuery] = createSignal(props.input.value);
  const [open, setOpen] = createSignal(document.activeElement === props.input);
  const [active, setActive] = createSignal(0);
  // Bumped when records change (this person's edits, a partner's): shown results follow.
  const [version, setVersion] = createSignal(0);
  onCleanup(index.onChange(() => setVersion((v) => v + 1)));
  onCleanup(() => index.destroy());

  const results = createMemo(() => {
    version();
    return index.search(query(), LIMIT);
  });
  const shown = () => open() && query().trim() !== '';
  createEffect(on(query, () => setActive(0), { defer: true }));
  createEffect(() => {
    const count = results().hits.length;
    if (active() >= count) setActive(Math.max(0, count - 1));
  });
  const optionId = (i: number) => `${props.listId}-${i}`;
  createEffect(() => {
    // Expanded while the list box is there (not for "nothing found", said in the live region).
    props.input.setAttribute('aria-expanded', String(shown() && results().hits.length > 0));
    const hit = shown() ? results().hits[active()] : undefined;
    if (hit) props.input.setAttribute('aria-activedescendant', optionId(active()));
    else props.input.removeAttribute('aria-activedescendant');
  });
  createEffect(() => {
    if (!shown()) return;
    document.getElementById(optionId(active()))?.scrollIntoView({ block: 'nearest' });
  });

  const openHit = (hit: SearchHit) => {
    setOpen(false);
    const base = `/w/${props.workspaceId}`;
    const route = {
      topic: `${base}/topics/${hit.id}`,
      focusPoint: `${base}/topics/${hit.topicId}`,
      meeting: `${base}/meetings/${hit.id}`,
      practice: `${base}/practices/${hit.id}`,
      member: `${base}/members`,
    }[hit.kind];
    navigate(route);
    reveal(hit, () => props.input);
  };

  const onInput = () => {
    setQuery(props.input.value);
    setOpen(true);
  };
  const onFocus = () => setOpen(true);
  const onKeyDown = (event: KeyboardEvent) => {
    const count = results().hits.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!shown()) return void setOpen(true);
        if (count === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((active() + step + count) % count);
        return;
      }
      case 'Enter': {
        if (!shown()) return;
        const hit = results().hits[active()];
        event.preventDefault();
        if (hit) openHit(hit);
        return;
      }
      case 'Escape':
        // Open: close the list and keep the words (the search field would clear them itself).
        if (shown()) {
          event.preventDefault();
          setOpen(false);
        }
        return;
    }
  };
  const onPointerDown = (event: PointerEvent) => {
    if (!props.box.contains(event.target as Node | null)) setOpen(false);
  };
  const onFocusOut = (event: FocusEvent) => {
    if (!props.box.contains(event.relatedTarget as Node | null)) setOpen(false);
  };
  props.input.addEventListener('input', onInput);
  props.input.addEventListener('focus', onFocus);
  props.input.addEventListener('keydown', onKeyDown);
  props.box.addEventListener('focusout', onFocusOut);
  document.addEventListener('pointerdown', onPointerDown);
  onCleanup(() => {
    props.input.removeEventListener('input', onInput);
    props.input.removeEventListener('focus', onFocus);
    props.input.removeEventListener('keydown', onKeyDown);
    props.box.removeEventListener('focusout', onFocusOut);
    document.removeEventListener('pointerdown', onPointerDown);
    props.input.setAttribute('aria-expanded', 'false');
    props.input.removeAttribute('aria-activedescendant');
  });

  return (
    <>
      <p class="search-announce" role="status" aria-live="polite">
        {!shown() ? '' : results().preparing ? STRINGS.preparing() : STRINGS.summary(results().hits.length, results().total)}
      </p>
      <Show when={shown()}>
        <div class="search-popup" data-testid="search-popup">
          <Show
            when={results().hits.length > 0}
            fallback={
              results().preparing ? (
                <p class="search-nothing" aria-busy="true" data-testid="search-preparing">
                  {STRINGS.preparing()}
                </p>
              ) : (
                <p class="search-nothing" data-testid="search-nothing">
                  {STRINGS.nothing(query())}
                </p>
              )
            }
          >
            <ul id={props.listId} role="listbox" aria-label={STRINGS.listLabel()} class="search-results" data-testid="search-results">
              <For each={results().hits}>
                {(hit, i) => (
                  <li
                    id={optionId(i())}
                    role="option"
                    aria-selected={i() === active()}
                    class="search-hit"
                    classList={{ active: i() === active() }}
                    data-testid="search-hit"
                    data-kind={hit.kind}
                    data-record-id={hit.id}
                    data-field={hit.field}
                    // Keeps the focus in the box, where the keyboard works.
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseMove={() => i() !== active() && setActive(i())}
                    onClick={() => openHit(hit)}
                  >
                    <span class={`search-kind kind-${hit.kind}`} data-testid="search-hit-kind">
                      {STRINGS.kind(hit.kind)}
                    </span>
                    <span class="search-hit-body">
                      <span class="search-hit-heading" data-testid="search-hit-heading">
                        <Parts parts={hit.headingParts ?? [{ text: cut(hit.heading), mark: false }]} />
                      </span>
                      <Show when={hit.field !== headingField(hit)}>
                        <span class="search-hit-where" data-testid="search-hit-where">
                          <span class="search-field">{STRINGS.field(hit.field)}:</span> <Parts parts={hit.snippet} />
                        </span>
                      </Show>
                      <Show when={contextOf(hit).length > 0 || hit.date}>
                        <span class="search-hit-context" data-testid="search-hit-context">
                          {contextOf(hit).join(' · ')}
                          {contextOf(hit).length > 0 && hit.date ? ' · ' : ''}
                          {/* A meeting's date in the person's language; the record's own date for machines. */}
                          <Show when={hit.date}>
                            {(date) => (
                              <time datetime={date()} data-testid="search-hit-date">
                                {formatDate(date()) || date()}
                              </time>
                            )}
                          </Show>
                        </span>
                      </Show>
                    </span>
                  </li>
                )}
              </For>
            </ul>
            <Show when={results().total > results().hits.length}>
              <p class="search-more">{STRINGS.more(results().total - results().hits.length)}</p>
            </Show>
          </Show>
          <p class="search-hint" aria-hidden="true">
            {STRINGS.hint()}
          </p>
        </div>
      </Show>
    </>
  );
}

function Parts(props: { parts: SnippetPart[] }) {
  return <For each={props.parts}>{(part) => (part.mark ? <mark>{part.text}</mark> : part.text)}</For>;
}

function headingField(hit: SearchHit): SearchField {
  return hit.kind === 'focusPoint' ? 'text' : hit.kind === 'member' ? 'name' : 'title';
}

/** What a result says besides where the match is: a focus point's topic, a meeting's date. */
function contextOf(hit: SearchHit): string[] {
  const context: string[] = [];
  if (hit.topicTitle !== undefined) context.push(STRINGS.inTopic(hit.topicTitle));
  return context;
}

function cut(text: string, length = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, line.lastIndexOf(' ', length) > 40 ? line.lastIndexOf(' ', length) : length)}…` : line;
}

/**
 * Once the record's screen shows it, bring the match into view: a focus point's or member's field
 * gets the focus (ready to edit), a practice section or meeting notes are scrolled to. Gives up
 * quietly after a few seconds (a record a partner deleted meanwhile).
 */
function reveal(hit: SearchHit, input: () => HTMLInputElement): void {
  const selector = targetOf(hit);
  let frames = 0;
  const look = () => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) {
      if (++frames < 180) requestAnimationFrame(look);
      return;
    }
    target.scrollIntoView({ block: 'center' });
    if (target.matches('input, textarea')) target.focus({ preventScroll: true });
    else {
      input().blur();
      target.classList.add('search-target');
      setTimeout(() => target.classList.remove('search-target'), 2_000);
    }
  };
  requestAnimationFrame(look);
}

function targetOf(hit: SearchHit): string {
  const id = CSS.escape(hit.id);
  switch (hit.kind) {
    case 'focusPoint':
      return `[data-point-id="${id}"] [data-testid="focus-point-text"]`;
    case 'member':
      return `[data-member-id="${id}"] [data-testid="member-name"]`;
    case 'meeting':
      return hit.field === 'notes' ? `[data-meeting-id="${id}"] [data-testid="meeting-notes"]` : `[data-testid="meeting-view"][data-meeting-id="${id}"]`;
    case 'practice': {
      const within = `[data-testid="practice-view"][data-practice-id="${id}"]`;
      if (hit.field === 'partners') return `${within} [data-testid="practice-partners"]`;
      if (hit.field === 'contactName') return `${within} [data-testid="practice-contact-name"]`;
      return hit.field === 'title' ? within : `${within} [data-testid="section-${hit.field}"]`;
    }
    case 'topic':
      return `[data-testid="topic-link"][href$="/topics/${id}"]`;
  }
}
