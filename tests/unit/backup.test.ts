import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSION, UndoHistory, Workspace } from '../../src/model';
import { buildWorkingGroup } from '../../src/model/sample';
import {
  BACKUP_MESSAGES,
  BackupOrigin,
  MAX_BACKUP_BYTES,
  backupFileName,
  crc32Hex,
  exportBackup,
  mergeBackup,
  readBackup,
  type Backup,
  type BackupProblem,
} from '../../src/io/backup';

const WORKSPACE_ID = 'Wk3r9_xQ-2mVbN7p';
const NOW = new Date('2025-03-04T09:30:00.000Z');

/** Everything the model shows of a workspace, deleted records included. */
function contents(workspace: Workspace) {
  return {
    meta: workspace.meta(),
    members: workspace.members.list({ deleted: 'include' }),
    topics: workspace.topics.list({ deleted: 'include' }),
    focusPoints: workspace.focusPoints.list({ deleted: 'include' }),
    meetings: workspace.meetings.list({ deleted: 'include' }),
    practices: workspace.practices.list({ deleted: 'include' }),
    problems: workspace.problems(),
  };
}

/** The sample working group, then a few edits of every kind a backup must keep. */
function editedSample(): Workspace {
  const workspace = new Workspace();
  buildWorkingGroup(workspace);
  const [topic] = workspace.topics.list();
  const [first, second, third] = workspace.focusPoints.ofTopic(topic!.id);
  workspace.focusPoints.textOf(first!.id)!.insert(0, 'Édité — 🚢 ');
  workspace.focusPoints.setStatus(second!.id, 'in-progress');
  workspace.focusPoints.move(third!.id, 0);
  workspace.focusPoints.remove(second!.id);
  const member = workspace.members.list()[0]!;
  workspace.focusPoints.setOwner(first!.id, member.id, true);
  const meeting = workspace.meetings.list()[0]!;
  workspace.meetings.start(meeting.id, 'Anna (Amsterdam)');
  workspace.meetings.addAttendee(meeting.id, { name: 'Anna', organisation: 'Amsterdam' }, member.id);
  workspace.meetings.notes(meeting.id)!.insert(0, 'Notes with "quotes" and \\ backslashes.\n');
  workspace.practices.section(workspace.practices.list()[0]!.id, 'budget')!.set('€ 40 000 a year');
  workspace.description()!.set('Cities comparing notes, "quoted".');
  return workspace;
}

const opened: Workspace[] = [];
afterEach(() => {
  for (const workspace of opened.splice(0)) workspace.destroy();
});

function track(workspace: Workspace): Workspace {
  opened.push(workspace);
  return workspace;
}

function readOk(text: string): Backup {
  const result = readBackup(text);
  if (!result.ok) throw new Error(`expected a readable backup, got ${result.problem}: ${result.message}`);
  return result.backup;
}

function expectRefused(text: string, problem: BackupProblem, message: string | RegExp): void {
  const result = readBackup(text);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problem).toBe(problem);
  if (typeof message === 'string') expect(result.message).toBe(message);
  else expect(result.message).toMatch(message);
}

/** A backup file's JSON, changed by `edit`. */
function edited(text: string, edit: (file: Record<string, any>) => void): string {
  const file = JSON.parse(text) as Record<string, any>;
  edit(file);
  return JSON.stringify(file, null, 2);
}

describe('exporting and reading back', () => {
  it('round trip: the restored workspace has the same records and the same encoded state', () => {
    const original = track(editedSample());
    const text = exportBackup(original, WORKSPACE_ID, { now: NOW });
    const backup = readOk(text);

    expect(backup.workspaceId).toBe(WORKSPACE_ID);
    expect(backup.exportedAt).toBe(NOW.toISOString());
    expect(backup.version).toBe(1);
    expect(backup.meta).toEqual(original.meta());
    expect(backup.counts).toEqual({ members: 10, topics: 3, focusPoints: 11, meetings: 1, practices: 1 });

    const restored = track(new Workspace());
    restored.applyUpdate(backup.state, new BackupOrigin('backup.restore'));
    expect(contents(restored)).toEqual(contents(original));
    expect(restored.encodeState()).toEqual(original.encodeState());
    expect(restored.compatibility()).toEqual({ kind: 'ok' });
  });

  it('is one readable JSON file: the header first, the records as plain JSON, the state last', () => {
    const original = track(editedSample());
    const text = exportBackup(original, WORKSPACE_ID, { now: NOW });
    const file = JSON.parse(text);
    expect(Object.keys(file)).toEqual(['format', 'version', 'app', 'exportedAt', 'workspace', 'records', 'stateBytes', 'stateCrc32', 'state']);
    expect(file).toMatchObject({
      format: 'tavola-backup',
      version: 1,
      app: 'tavola',
      exportedAt: '2025-03-04T09:30:00.000Z',
      workspace: {
        id: WORKSPACE_ID,
        name: original.meta().name,
        description: 'Cities comparing notes, "quoted".',
        createdAt: original.meta().createdAt,
        schemaVersion: SCHEMA_VERSION,
      },
    });
    // The records are what the app shows, deleted ones included.
    expect(file.records).toEqual({
      members: original.members.list({ deleted: 'include' }),
      topics: original.topics.list({ deleted: 'include' }),
      focusPoints: original.focusPoints.list({ deleted: 'include' }),
      meetings: original.meetings.list({ deleted: 'include' }),
      practices: original.practices.list({ deleted: 'include' }),
    });
    expect(file.records.focusPoints.filter((p: { deletedAt: string | null }) => p.deletedAt)).toHaveLength(1);
    // The state is standard base64 of Y.encodeStateAsUpdate, checked by a standard CRC-32.
    const state = new Uint8Array(Buffer.from(file.state, 'base64'));
    expect(state).toEqual(Y.encodeStateAsUpdate(original.doc));
    expect(file.stateBytes).toBe(state.length);
    expect(file.stateCrc32).toBe(crc32(state).toString(16).padStart(8, '0'));
    expect(text.endsWith('}\n')).toBe(true);
    // Pretty-printed, so a person can read the records in any text editor.
    expect(text.split('\n').length).toBeGreaterThan(100);
  });

  it('a backup written by another program from docs/backup.md (no records, no checksum) is read', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const meta = doc.getMap('meta');
      meta.set('schemaVersion', 1);
      meta.set('name', 'Night-time economy');
      meta.set('description', new Y.Text(''));
      meta.set('createdAt', '2024-01-01T00:00:00.000Z');
    });
    const text = JSON.stringify({
      format: 'tavola-backup',
      version: 1,
      exportedAt: '2025-01-01T00:00:00Z',
      workspace: { id: 'night-economy-1' },
      state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
    });
    const backup = readOk(text);
    expect(backup.workspaceId).toBe('night-economy-1');
    expect(backup.meta.name).toBe('Night-time economy');
    expect(backup.counts).toEqual({ members: 0, topics: 0, focusPoints: 0, meetings: 0, practices: 0 });
    doc.destroy();
  });

  it('crc32Hex is the standard CRC-32', () => {
    expect(crc32Hex(new TextEncoder().encode('123456789'))).toBe('cbf43926');
    expect(crc32Hex(new Uint8Array())).toBe('00000000');
  });

  it('file names: the workspace name made safe, the date, .tavola.json', () => {
    expect(backupFileName('Ports & “safety” — Rotterdam/Genova', NOW)).toBe('ports-safety-rotterdam-genova-2025-03-04.tavola.json');
    expect(backupFileName('Coopération été', NOW)).toBe('cooperation-ete-2025-03-04.tavola.json');
    expect(backupFileName('🚢', NOW)).toBe('workspace-2025-03-04.tavola.json');
  });
});

describe('bad files are refused with a message that says what is wrong', () => {
  const good = () => exportBackup(track(editedSample()), WORKSPACE_ID, { now: NOW });

  it('truncated: cut anywhere, empty, or padded with zero bytes', () => {
    const text = good();
    const stateAt = text.indexOf('"state": "');
    for (const cut of [1, 40, text.indexOf('"records"') + 30, stateAt + 5, stateAt + 500, text.length - 3]) {
      expectRefused(text.slice(0, cut), 'truncated', BACKUP_MESSAGES.truncated);
    }
    expect(BACKUP_MESSAGES.truncated).toMatch(/^The file is incomplete: it may have been cut off while copying\./);
    expectRefused('', 'truncated', BACKUP_MESSAGES.empty);
    expectRefused(' \n', 'truncated', BACKUP_MESSAGES.empty);
    // A copy that stopped half-way but kept the file's size.
    expectRefused(text.slice(0, stateAt + 100) + '\0'.repeat(text.length - stateAt - 100), 'truncated', BACKUP_MESSAGES.truncated);
  });

  it('corrupted: a damaged state, base64 or not, a damaged header, or broken JSON', () => {
    const text = good();
    const state: string = JSON.parse(text).state;
    const at = Math.floor(state.length / 2);
    const swap = (replacement: string) => edited(text, (file) => (file.state = state.slice(0, at) + replacement + state.slice(at + 1)));
    // Not base64 at all.
    expectRefused(swap('!'), 'corrupted', BACKUP_MESSAGES.corrupted);
    expectRefused(edited(text, (file) => (file.state = state.slice(1))), 'corrupted', BACKUP_MESSAGES.corrupted);
    // Still base64, but not the bytes that were written: the checksum says so.
    expectRefused(swap(state[at] === 'A' ? 'B' : 'A'), 'corrupted', BACKUP_MESSAGES.corrupted);
    // Without the checksum, Yjs itself refuses most damage, or leaves parts missing.
    const unchecked = (damaged: string) =>
      edited(text, (file) => {
        delete file.stateCrc32;
        delete file.stateBytes;
        file.state = damaged;
      });
    expectRefused(unchecked(Buffer.from(Buffer.from(state, 'base64').subarray(0, 200)).toString('base64')), 'corrupted', BACKUP_MESSAGES.corrupted);
    expectRefused(unchecked(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]).toString('base64')), 'corrupted', BACKUP_MESSAGES.corrupted);
    // A size that does not match.
    expectRefused(edited(text, (file) => (file.stateBytes += 1)), 'corrupted', BACKUP_MESSAGES.corrupted);
    // A damaged header.
    expectRefused(edited(text, (file) => (file.workspace.id = '../../etc')), 'corrupted', BACKUP_MESSAGES.corrupted);
    expectRefused(edited(text, (file) => delete file.state), 'corrupted', BACKUP_MESSAGES.corrupted);
    expectRefused(edited(text, (file) => (file.version = 'one')), 'corrupted', BACKUP_MESSAGES.corrupted);
    // JSON broken in the middle, every bracket still closed.
    expectRefused(text.replace('"records": {', '"records" {'), 'corrupted', BACKUP_MESSAGES.corrupted);
    // A state that holds no workspace.
    const empty = new Y.Doc();
    expectRefused(edited(text, (file) => {
      const bytes = Y.encodeStateAsUpdate(empty);
      file.state = Buffer.from(bytes).toString('base64');
      file.stateBytes = bytes.length;
      file.stateCrc32 = crc32Hex(bytes);
    }), 'corrupted', BACKUP_MESSAGES.noWorkspace);
  });

  it('foreign: valid JSON that is not a Tavola backup, and files that are not JSON', () => {
    expect(BACKUP_MESSAGES.foreign).toMatch(/^This is not a Tavola backup\./);
    const fixture = readFileSync(new URL('../fixtures/working-group.json', import.meta.url), 'utf8');
    for (const text of [
      fixture,
      '{"name": "Urban safety", "topics": []}',
      '[1, 2, 3]',
      '"tavola"',
      'null',
      '{"format": "excalidraw", "version": 2}',
      'name,country\nRotterdam,NL\n',
      '%PDF-1.7\n%âãÏÓ\n1 0 obj',
      '{ "half of some other program\'s file',
    ]) {
      expectRefused(text, 'foreign', BACKUP_MESSAGES.foreign);
    }
  });

  it('too new: a newer backup format, or a workspace from a newer layout version', () => {
    const text = good();
    expectRefused(edited(text, (file) => (file.version = 2)), 'too-new', /^This backup was made by a newer version of Tavola \(backup format 2; this version reads format 1\)/);

    // The header says so.
    expectRefused(
      edited(text, (file) => (file.workspace.schemaVersion = 4)),
      'too-new',
      /^This backup holds a workspace made by a newer version of Tavola \(layout version 4; this version reads up to 3\)/,
    );
    // The state says so, whatever the header says.
    const newer = track(new Workspace());
    buildWorkingGroup(newer);
    newer.doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const fromNewer = exportBackup(newer, WORKSPACE_ID);
    expect(JSON.parse(fromNewer).workspace.schemaVersion).toBe(SCHEMA_VERSION + 1);
    expectRefused(fromNewer, 'too-new', /made by a newer version of Tavola \(layout version 4;/);
    expectRefused(edited(fromNewer, (file) => (file.workspace.schemaVersion = 1)), 'too-new', /made by a newer version of Tavola \(layout version 4;/);
  });

  it('too large: refused before it is parsed', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const huge = `{"format": "tavola-backup", "state": "${'A'.repeat(MAX_BACKUP_BYTES)}"}`;
      expectRefused(huge, 'too-large', /^This file is too large to be a Tavola backup \(64 MB; a backup can be at most 64 MB\)\.$/);
      // Under the limit in characters, over it in bytes (UTF-8: 3 bytes each).
      expectRefused('€'.repeat(MAX_BACKUP_BYTES / 2), 'too-large', /^This file is too large to be a Tavola backup \(96 MB;/);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});

describe('merging a backup into a workspace', () => {
  it('keeps the edits of both sides, in one transaction, and a second merge changes nothing', () => {
    // One workspace; a backup of it goes to another browser, which restores it; both work on.
    const here = track(editedSample());
    const there = track(new Workspace());
    there.applyUpdate(readOk(exportBackup(here, WORKSPACE_ID)).state, new BackupOrigin('backup.restore'));
    const topic = here.topics.list()[0]!;
    const [a, b] = here.focusPoints.ofTopic(topic.id);

    here.focusPoints.textOf(a!.id)!.insert(0, 'Here: ');
    const hereNew = here.focusPoints.add({ topicId: topic.id, text: 'Added here' });
    here.focusPoints.remove(b!.id);
    here.rename('Renamed here');

    there.focusPoints.textOf(a!.id)!.insert(there.focusPoints.get(a!.id)!.text.length, ' (there)');
    there.focusPoints.setStatus(a!.id, 'done');
    const thereNew = there.focusPoints.add({ topicId: topic.id, text: 'Added there' });
    const thereTopic = there.topics.add('A topic from there');
    there.meetings.add({ title: 'Follow-up', date: '2025-04-01' });

    let transactions = 0;
    const stop = here.observeUpdates(() => transactions++);
    const summary = mergeBackup(here, readOk(exportBackup(there, WORKSPACE_ID)));
    stop();
    expect(transactions).toBe(1);
    expect(summary).toEqual({ changed: true, added: { members: 0, topics: 1, focusPoints: 1, meetings: 1, practices: 0 } });

    const merged = here.focusPoints.get(a!.id)!;
    expect(merged.text.startsWith('Here: ')).toBe(true);
    expect(merged.text.endsWith(' (there)')).toBe(true);
    expect(merged.status).toBe('done');
    expect(here.focusPoints.get(b!.id)!.deletedAt).not.toBeNull();
    expect(here.focusPoints.ofTopic(topic.id).map((p) => p.id)).toEqual(expect.arrayContaining([hereNew, thereNew]));
    expect(here.topics.get(thereTopic)!.title).toBe('A topic from there');
    expect(here.meta().name).toBe('Renamed here');

    // Merging the same file again, or an older one, adds nothing.
    expect(mergeBackup(here, readOk(exportBackup(there, WORKSPACE_ID)))).toEqual({
      changed: false,
      added: { members: 0, topics: 0, focusPoints: 0, meetings: 0, practices: 0 },
    });

    // And the other way round, both sides end identical.
    mergeBackup(there, readOk(exportBackup(here, WORKSPACE_ID)));
    expect(contents(there)).toEqual(contents(here));
  });

  it('a merge is not in the undo history: undo takes back this person’s own edits only', () => {
    const here = track(editedSample());
    const there = track(new Workspace());
    there.applyUpdate(here.encodeState(), 'remote');
    const history = new UndoHistory(here);
    const topic = here.topics.list()[0]!;
    here.focusPoints.add({ topicId: topic.id, text: 'Mine' });
    history.stopCapturing();
    there.topics.add('From the backup');
    mergeBackup(here, readOk(exportBackup(there, WORKSPACE_ID)));
    history.undo();
    expect(here.focusPoints.ofTopic(topic.id).map((p) => p.text)).not.toContain('Mine');
    expect(here.topics.list().map((t) => t.title)).toContain('From the backup');
    history.destroy();
  });
});

describe('docs/backup.md', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const page = readFileSync(`${root}docs/backup.md`, 'utf8');

  it('shows every message exactly as the app does', () => {
    for (const message of Object.values(BACKUP_MESSAGES)) expect(page).toContain(`| ${message} |`);
    expect(page).toContain('| This file is too large to be a Tavola backup (*size*; a backup can be at most 64 MB). |');
    expect(MAX_BACKUP_BYTES).toBe(64 * 1024 * 1024);
  });

  it('its Node example reads a backup Tavola exported', () => {
    const blocks = [...page.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const workspace = track(editedSample());
    const dir = mkdtempSync(path.join(tmpdir(), 'tavola-backup-example-'));
    try {
      const file = path.join(dir, 'example.tavola.json');
      writeFileSync(file, exportBackup(workspace, WORKSPACE_ID));
      const output = execFileSync(process.execPath, ['--input-type=module', '-', file], { cwd: root, input: blocks[0], encoding: 'utf8' });
      const expected = [workspace.meta().name];
      for (const topic of workspace.topics.list()) {
        expected.push(`# ${topic.title}`);
        for (const point of workspace.focusPoints.ofTopic(topic.id)) expected.push(`- [${point.status}] ${point.text}`);
      }
      expect(output.trimEnd()).toBe(expected.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
