// The floor of opening a topic (docs/performance.md, figure 8): Solid alone renders the same
// rows from plain data, a JavaScript array of the points as the model reads them. The markup is
// the app's focus point row (src/ui/topics/FocusPointList.tsx: the same elements, classes and test
// ids, the status select, the owners picker with a checkbox per member, made on its first opening, the buttons) under the
// app's own stylesheet, in the same split layout; without Yjs, stores, bindings, observers,
// presence or carets. Driven by bench/run.ts: window.__rows.show(data), then clicks on a topic link.
// The keeper's floor (bench/lab/keeper.ts) shows its rows with showRows.
import { createSignal, For, Show } from 'solid-js';
import { render } from 'solid-js/web';
import '../../src/ui/shell/styles.css';

interface Point {
  id: string;
  text: string;
  status: string;
  owners: string[];
}
interface Topic {
  id: string;
  title: string;
  points: Point[];
}
interface Member {
  id: string;
  name: string;
}

const STATUSES: [string, string][] = [
  ['proposed', 'Proposed'],
  ['agreed', 'Agreed'],
  ['in-progress', 'In progress'],
  ['done', 'Done'],
  ['dropped', 'Dropped'],
];

const [data, setData] = createSignal<{ topics: Topic[]; members: Member[] }>({ topics: [], members: [] });
const [openId, setOpenId] = createSignal<string | null>(null);

function Row(props: { point: Point; index: number; count: number; members: Member[] }) {
  const [wanted, setWanted] = createSignal(false);
  const names = () => props.point.owners.map((id) => props.members.find((m) => m.id === id)?.name ?? 'Former member');
  return (
    <li class={`point status-${props.point.status}`} data-testid="focus-point" data-point-id={props.point.id} data-status={props.point.status}>
      <span class="drag-handle" draggable="true" role="img" aria-label="Drag to reorder" title="Drag to reorder">
        ⋮⋮
      </span>
      <span class="point-number" aria-hidden="true">
        {props.index + 1}
      </span>
      <div class="point-body">
        <div class="cotext-wrap">
          <textarea class="cotext point-text" aria-label={`Focus point ${props.index + 1}`} placeholder="Describe the focus point" data-testid="focus-point-text" rows={1} value={props.point.text} />
        </div>
        <div class="point-meta">
          <For each={names()}>{(name) => <span class="owner-chip">{name}</span>}</For>
        </div>
      </div>
      <div class="point-controls">
        <select class={`status-select status-${props.point.status}`} aria-label="Status" value={props.point.status}>
          <For each={STATUSES}>{([status, label]) => <option value={status}>{label}</option>}</For>
        </select>
        <details class="owners" onToggle={(e) => e.currentTarget.open && setWanted(true)}>
          <summary class="icon-button" aria-label="Owners" title="Owners" onClick={() => setWanted(true)}>
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <circle cx="10" cy="6.5" r="3.5" fill="none" stroke="currentColor" stroke-width="1.6" />
              <path d="M3 17c.8-3.4 3.6-5 7-5s6.2 1.6 7 5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
            </svg>
          </summary>
          <div class="owners-menu" role="group" aria-label="Owners">
            <Show when={wanted()}>
              <For each={props.members}>
                {(member) => (
                  <label class="check">
                    <input type="checkbox" checked={props.point.owners.includes(member.id)} />
                    {member.name}
                  </label>
                )}
              </For>
            </Show>
          </div>
        </details>
        <button type="button" class="icon-button" aria-label="Move up" title="Move up (Alt+↑)" disabled={props.index === 0}>
          ↑
        </button>
        <button type="button" class="icon-button" aria-label="Move down" title="Move down (Alt+↓)" disabled={props.index === props.count - 1}>
          ↓
        </button>
        <button type="button" class="icon-button danger-quiet" aria-label="Delete" title="Delete">
          ✕
        </button>
      </div>
    </li>
  );
}

function Floor() {
  const open = () => data().topics.find((topic) => topic.id === openId());
  return (
    <div class="split">
      <aside class="sidebar" aria-label="Topics">
        <h2 class="sidebar-title">Topics</h2>
        <ol class="topic-list">
          <For each={data().topics}>
            {(topic) => (
              <li>
                <a
                  href={`#${topic.id}`}
                  class="topic-link"
                  classList={{ active: openId() === topic.id }}
                  data-testid="topic-link"
                  onClick={(event) => {
                    event.preventDefault();
                    setOpenId(topic.id);
                  }}
                >
                  <span class="topic-link-title">{topic.title}</span>
                  <span class="count">{topic.points.length}</span>
                </a>
              </li>
            )}
          </For>
        </ol>
      </aside>
      <section class="main-pane">
        <Show when={open()} keyed>
          {(topic) => (
            <div class="topic-view">
              <div class="topic-header">
                <input class="topic-title" value={topic.title} aria-label="Topic title" />
              </div>
              <ol class="points">
                <For each={topic.points}>{(point, i) => <Row point={point} index={i()} count={topic.points.length} members={data().members} />}</For>
              </ol>
            </div>
          )}
        </Show>
      </section>
    </div>
  );
}

render(() => <Floor />, document.getElementById('root')!);

/** Show these topics, the first one open (bench/lab/keeper.ts calls it too). */
export function showRows(next: { topics: Topic[]; members: Member[] }): boolean {
  setData(next);
  setOpenId(next.topics[0]?.id ?? null);
  return true;
}

export type { Member, Point, Topic };

(window as unknown as { __rows: unknown }).__rows = { show: showRows };
