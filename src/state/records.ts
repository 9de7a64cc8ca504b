import { batch, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { anyFieldChanged, changedOtherThan, type BaseRecord, type ChangedFields, type CoText, type Workspace } from '../model';

/** The part of a model collection that the state layer uses. */
export interface RecordSource<R extends BaseRecord> {
  list(options?: { deleted?: 'exclude' | 'include' | 'only'; where?: (record: R) => boolean }): R[];
  get(id: string): R | undefined;
  observe(listener: (ids: Set<string>, local: boolean, fields: ChangedFields) => void): () => void;
}

/** Lists to refresh once the current transaction is over (see afterUpdate). */
const pendingRefreshes = new Set<() => void>();

/**
 * Run `refresh` in a microtask: after the transaction whose observers asked for it has ended and
 * emitted its update (which y-webrtc sends and y-indexeddb stores), yet before the next frame.
 * Yjs calls observers before it emits the update, so a list re-read inside an observer delayed
 * every keystroke on its way to partners (docs/performance.md). Every list asked for in one task
 * is refreshed in one Solid batch; asking twice before the flush refreshes once.
 */
function afterUpdate(refresh: () => void): void {
  if (pendingRefreshes.size === 0) queueMicrotask(flushRefreshes);
  pendingRefreshes.add(refresh);
}

function flushRefreshes(): void {
  const refreshes = [...pendingRefreshes];
  pendingRefreshes.clear();
  batch(() => {
    for (const refresh of refreshes) refresh();
  });
}

/**
 * A Solid store of the records `select` returns, re-read after every change to the collection and
 * reconciled by id, so a change to one record re-renders only what shows that record. Re-read
 * once the change has left (afterUpdate), not inside Yjs's observers.
 *
 * `without`: fields the list leaves out because its screen binds them elsewhere (a co-edited
 * text shown by a field bound to the text itself). `select` must not depend on them: a change to
 * these fields alone (a keystroke) does not re-read the list.
 */
export function createRecordList<R extends BaseRecord, K extends Exclude<keyof R, keyof BaseRecord> = never>(
  source: RecordSource<R>,
  select: () => R[],
  options: { without?: readonly K[] } = {},
): Omit<R, K>[] {
  const without = (options.without ?? []) as readonly string[];
  const read = (): Omit<R, K>[] => {
    const selected = select();
    if (without.length > 0) for (const record of selected) for (const field of without) delete (record as Record<string, unknown>)[field];
    return selected;
  };
  const [records, setRecords] = createStore<Omit<R, K>[]>(read());
  const refresh = () => setRecords(reconcile(read(), { key: 'id', merge: true }));
  const stop = source.observe((_ids, _local, fields) => {
    if (without.length === 0 || changedOtherThan(fields, without)) afterUpdate(refresh);
  });
  onCleanup(() => {
    stop();
    pendingRefreshes.delete(refresh);
  });
  return records;
}

/** One record, or undefined while it does not exist. Key the calling component on the id. */
export function createRecord<R extends BaseRecord>(source: RecordSource<R>, id: string): Accessor<R | undefined> {
  const [record, setRecord] = createStore<{ value: R | undefined }>({ value: source.get(id) });
  onCleanup(
    source.observe((ids) => {
      if (ids.has(id)) setRecord('value', reconcile(source.get(id), { merge: true }));
    }),
  );
  return () => record.value;
}

/** The value of a co-edited text as a signal. */
export function createTextValue(text: CoText | undefined): Accessor<string> {
  const [value, setValue] = createSignal(text?.value ?? '');
  if (text) onCleanup(text.observe(() => setValue(text.value)));
  return value;
}

/** A function that runs `work` some time later, and returns how to cancel it. */
export type Later = (work: () => void) => () => void;

const now: Later = (work) => {
  work();
  return () => {};
};

/**
 * Records that could not be read at all, across the workspace; only changed records are re-read.
 * Looking means reading every record of every collection, so the screen passes `later` to look
 * after its first paint (an empty list until then); problems are rare, the first paint is not.
 */
export function createProblems(workspace: Workspace, later: Later = now): Accessor<{ collection: string; id: string; problem: string }[]> {
  const [problems, setProblems] = createSignal<{ collection: string; id: string; problem: string }[]>([]);
  const stops: (() => void)[] = [];
  const cancel = later(() => {
    const found = new Map<string, { collection: string; id: string; problem: string }>();
    for (const problem of workspace.problems()) found.set(`${problem.collection}/${problem.id}`, problem);
    if (found.size > 0) setProblems([...found.values()]);
    // Observed from the same task as the first look, so no change falls between the two.
    const sources = [workspace.members, workspace.topics, workspace.focusPoints, workspace.meetings, workspace.practices, workspace.versions];
    for (const source of sources) {
      stops.push(
        source.observe((ids) => {
          let changed = false;
          for (const id of ids) {
            const key = `${source.name}/${id}`;
            // Its shape alone, as the first look: a new peer's first sync changes every record.
            const problem = source.problemOf(id);
            if (problem !== null) {
              found.set(key, { collection: source.name, id, problem });
              changed = true;
            } else if (found.delete(key)) {
              changed = true;
            }
          }
          if (changed) setProblems([...found.values()]);
        }),
      );
    }
  });
  onCleanup(() => {
    cancel();
    for (const stop of stops) stop();
  });
  return problems;
}

/**
 * Live focus points per topic, for the topic list, from the model's topic index: nothing is listed
 * or sorted to count. Counted again only when a point was added, removed, deleted, restored or
 * moved to another topic; never for a keystroke.
 */
export function createPointCounts(workspace: Workspace): (topicId: string) => number {
  const read = () => Object.fromEntries(workspace.focusPoints.countsByTopic());
  const [counts, setCounts] = createStore<Record<string, number>>(read());
  const refresh = () => setCounts(reconcile(read()));
  const stop = workspace.focusPoints.observe((_ids, _local, changes) => {
    if (anyFieldChanged(changes, ['topicId', 'deletedAt'])) afterUpdate(refresh);
  });
  onCleanup(() => {
    stop();
    pendingRefreshes.delete(refresh);
  });
  return (topicId) => counts[topicId] ?? 0;
}
