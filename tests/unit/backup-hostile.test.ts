// Hostile files (issue 9): every kind of bad backup file, each either refused with a message a
// person can act on, or read and repaired, and never a crash, a half-applied state or a changed
// workspace. The table is tests/unit/hostile-files.ts, run here through the same functions the
// browser uses (readBackupBytes for a file's bytes, readBackup for its text, readBackupBlob for
// a chosen File); then the merge checks, against a workspace that must stay byte for byte.
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import {
  BACKUP_MESSAGES,
  MAX_BACKUP_BYTES,
  MergeRefused,
  checkMerge,
  doesNotFitMessage,
  mergeBackup,
  otherWorkspaceMessage,
  readBackup,
  readBackupBlob,
  readBackupBytes,
  type Backup,
  type ReadBackupResult,
} from '../../src/io/backup';
import { FIXTURE_STATE, FIXTURE_TEXT, KINDS, fixtureRead, opened, record, state, utf16, workspaceDoc, wrap, type Expect } from './hostile-files';

const restoredDocs: Workspace[] = [];
afterEach(() => {
  for (const doc of opened.splice(0)) doc.destroy();
  for (const workspace of restoredDocs.splice(0)) workspace.destroy();
});

// ---------------------------------------------------------------- running it

function asBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
}

function expectResult(result: ReadBackupResult, expected: Expect, label: string): void {
  if ('refused' in expected) {
    expect(result.ok, `${label}: should be refused`).toBe(false);
    if (result.ok) return;
    expect(result.problem, label).toBe(expected.refused);
    if (typeof expected.message === 'string') expect(result.message, label).toBe(expected.message);
    else expect(result.message, label).toMatch(expected.message);
  } else {
    expect(result.ok, `${label}: should be read, got ${result.ok ? '' : result.message}`).toBe(true);
    if (!result.ok) return;
    expected.read(result.backup);
    // What was read restores into a fresh workspace, and every screen's reads work on it.
    const restored = new Workspace();
    restoredDocs.push(restored);
    restored.applyUpdate(result.backup.state);
    expect(restored.doc.store.pendingStructs).toBeNull();
    expect(() => {
      restored.meta();
      restored.problems();
      for (const name of ['members', 'topics', 'focusPoints', 'meetings', 'practices'] as const) restored[name].list({ deleted: 'include' });
    }, label).not.toThrow();
  }
}

describe('hostile files: each kind refused with its message, or read and repaired', () => {
  it('covers at least 20 kinds', () => {
    expect(new Set(KINDS.map((k) => k.kind)).size).toBeGreaterThanOrEqual(20);
  });

  for (const row of KINDS) {
    it(`${row.kind}: ${row.name}`, () => {
      const content = row.content();
      expectResult(readBackupBytes(asBytes(content)), row.expect, `${row.name} (bytes)`);
      if (typeof content === 'string') expectResult(readBackup(content), row.expect, `${row.name} (text)`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Some are tens of megabytes (300,000 records, 10 MB strings): 3.9 s each with a second test
      // run beside them, 6.7–8.5 s with two; vitest's default is 5 s.
    }, 30_000);
  }
});

describe('a chosen file', () => {
  it('over the limit is refused from its size, before a byte of it is read', async () => {
    let read = false;
    const file = {
      size: MAX_BACKUP_BYTES + 1,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    const result = await readBackupBlob(file);
    expect(result).toEqual({
      ok: false,
      problem: 'too-large',
      detail: 'tooLarge',
      params: { size: MAX_BACKUP_BYTES + 1, limit: MAX_BACKUP_BYTES },
      message: 'This file is too large to be a Tavola backup (64 MB; a backup can be at most 64 MB).',
    });
    expect(read).toBe(false);
  });

  it('that the browser cannot read is refused, not thrown', async () => {
    const result = await readBackupBlob({ size: 10, arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) });
    expect(result).toEqual({ ok: false, problem: 'corrupted', detail: 'unreadable', params: {}, message: BACKUP_MESSAGES.unreadable });
  });

  it('a real File is read from its bytes: UTF-16 and a byte order mark are repaired', async () => {
    for (const bytes of [utf16(FIXTURE_TEXT, 'le', true), new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(FIXTURE_TEXT)])]) {
      const result = await readBackupBlob(new File([new Uint8Array(bytes)], 'backup.tavola.json'));
      expectResult(result, fixtureRead, 'File');
    }
  });
});

describe('merging: refused before anything is written, and the workspace stays byte for byte', () => {
  /** A workspace here, restored from the fixture, then edited (a session of its own). */
  function here(): Workspace {
    const workspace = new Workspace();
    restoredDocs.push(workspace);
    workspace.applyUpdate(FIXTURE_STATE);
    // As the app holds it: migrated when it was opened.
    workspace.migrate();
    workspace.rename('Here, edited');
    return workspace;
  }

  function readOk(text: string): Backup {
    const result = readBackup(text);
    if (!result.ok) throw new Error(result.message);
    return result.backup;
  }

  function expectUntouched(workspace: Workspace, attempt: () => void, problem: 'other-workspace' | 'does-not-fit', message: string): void {
    const before = workspace.encodeState();
    let updates = 0;
    const stop = workspace.observeUpdates(() => updates++);
    try {
      attempt();
      expect.unreachable('the merge should have been refused');
    } catch (error) {
      expect(error).toBeInstanceOf(MergeRefused);
      expect((error as MergeRefused).problem).toBe(problem);
      expect((error as MergeRefused).message).toBe(message);
    } finally {
      stop();
    }
    expect(updates).toBe(0);
    expect(workspace.encodeState()).toEqual(before);
  }

  it('a header claiming this workspace’s id around another workspace is refused', () => {
    const target = here();
    const other = workspaceDoc((doc) => doc.getMap('topics').set('t', record({ id: 't', title: new Y.Text('Not ours') })));
    const backup = readOk(wrap(state(other), { workspace: { id: 'ws-fixture-v1' } }));
    expect(backup.workspaceId).toBe('ws-fixture-v1');
    expect(checkMerge(target.encodeState(), backup, 'Here, edited')).toEqual({ ok: false, problem: 'other-workspace', message: otherWorkspaceMessage('Here, edited') });
    expectUntouched(target, () => mergeBackup(target, backup), 'other-workspace', otherWorkspaceMessage('Here, edited'));
    expect(otherWorkspaceMessage('Here, edited')).toBe(
      'This backup says it is of “Here, edited”, but it holds a different workspace, so it cannot be merged into it. Nothing was changed. To keep it, import it as a separate copy from the home screen.',
    );
  });

  it('a state reusing this workspace’s client ids for other content (it would half-apply) is refused', () => {
    // Here: client 7 typed a description. The file: client 7 (same id, other content) wrote
    // more than that; merged, Yjs would skip what it thinks it has and hang the rest on the
    // wrong items. Nothing may be written.
    const doc = workspaceDoc(undefined, { clientID: 7 });
    const target = new Workspace(doc);
    (doc.getMap('meta').get('description') as Y.Text).insert(0, 'Typed here');
    const forged = workspaceDoc(
      (d) => {
        const topic = record({ id: 't', title: new Y.Text('Forged') });
        d.getMap('topics').set('t', topic);
        for (let i = 0; i < 30; i++) topic.set(`k${i}`, new Y.Text(`v${i}`));
      },
      { clientID: 7 },
    );
    const backup = readOk(wrap(state(forged)));
    expectUntouched(target, () => mergeBackup(target, backup), 'does-not-fit', doesNotFitMessage(target.meta().name));
  });

  it('a backup of this workspace still merges, in both directions, and an empty workspace takes any backup', () => {
    const target = here();
    const elsewhere = new Workspace();
    restoredDocs.push(elsewhere);
    elsewhere.applyUpdate(FIXTURE_STATE);
    elsewhere.topics.add('Added elsewhere');
    const backup = readOk(wrap(elsewhere.encodeState(), { workspace: { id: 'ws-fixture-v1' } }));
    expect(checkMerge(target.encodeState(), backup, 'x')).toEqual({ ok: true });
    const summary = mergeBackup(target, backup);
    expect(summary.changed).toBe(true);
    expect(summary.added.topics).toBe(1);
    expect(target.meta().name).toBe('Here, edited');

    const empty = new Workspace();
    restoredDocs.push(empty);
    expect(checkMerge(empty.encodeState(), backup, 'x')).toEqual({ ok: true });
  });

  it('the fixture (schema 1, saved by today’s code) merges into a migrated copy of itself: nothing changes', () => {
    const target = here();
    const before = target.encodeState();
    expect(mergeBackup(target, readOk(FIXTURE_TEXT)).changed).toBe(false);
    expect(target.encodeState()).toEqual(before);
  });
});
