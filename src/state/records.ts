import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { BaseRecord, CoText, Workspace } from '../model';

/** The part of a model collection that the state layer uses. */
export interface RecordSource<R extends BaseRecord> {
  list(options?: { deleted?: 'exclude' | 'include' | 'only'; where?: (record: R) => boolean }): R[];
  get(id: string): R | undefined;
  observe(listener: (ids: Set<string>, local: boolean) => void): () => void;
}

/**
 * A Solid store of the records `select` returns, re-read after every change to the collection and
 * reconciled by id, so a change to one record re-renders only what shows that record.
 */
export function createRecordList<R extends BaseRecord>(source: RecordSource<R>, select: () => R[]): R[] {
  const [records, setRecords] = createStore<R[]>(select());
  const refresh = () => setRecords(reconcile(select(), { key: 'id', merge: true }));
  onCleanup(source.observe(refresh));
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

/** Records that could not be read at all, across the workspace; only changed records are re-read. */
export function createProblems(workspace: Workspace): Accessor<{ collection: string; id: string; problem: string }[]> {
  const found = new Map<string, { collection: string; id: string; problem: string }>();
  for (const problem of workspace.problems()) found.set(`${problem.collection}/${problem.id}`, problem);
  const [problems, setProblems] = createSignal([...found.values()]);
  const sources = [workspace.members, workspace.topics, workspace.focusPoints, workspace.meetings, workspace.practices, workspace.versions];
  for (const source of sources) {
    onCleanup(
      source.observe((ids) => {
        let changed = false;
        for (const id of ids) {
          const key = `${source.name}/${id}`;
          const result = source.read(id);
          if (result && !result.ok) {
            found.set(key, { collection: source.name, id, problem: result.problem });
            changed = true;
          } else if (found.delete(key)) {
            changed = true;
          }
        }
        if (changed) setProblems([...found.values()]);
      }),
    );
  }
  return problems;
}

/**
 * Live focus points per topic, for the topic list. Only the topics of changed points are
 * counted again, so a keystroke in one point does not read the whole workspace.
 */
export function createPointCounts(workspace: Workspace): (topicId: string) => number {
  const [counts, setCounts] = createStore<Record<string, number>>({});
  const topicOf = new Map<string, string>();
  const count = (topicId: string) => setCounts(topicId, workspace.focusPoints.countOfTopic(topicId));
  for (const point of workspace.focusPoints.list({ deleted: 'include' })) topicOf.set(point.id, point.topicId);
  for (const topicId of new Set(topicOf.values())) count(topicId);
  onCleanup(
    workspace.focusPoints.observe((ids) => {
      const topics = new Set<string>();
      for (const id of ids) {
        const before = topicOf.get(id);
        const now = workspace.focusPoints.get(id)?.topicId;
        if (before !== undefined) topics.add(before);
        if (now !== undefined) {
          topics.add(now);
          topicOf.set(id, now);
        } else {
          topicOf.delete(id);
        }
      }
      for (const topicId of topics) count(topicId);
    }),
  );
  return (topicId) => counts[topicId] ?? 0;
}
