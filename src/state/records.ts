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
  const sources = [workspace.members, workspace.topics, workspace.focusPoints, workspace.meetings, workspace.practices];
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
