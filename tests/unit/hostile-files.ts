// The hostile backup files of issue 9, as a table: each kind, how to make it, and what reading
// it must give. Shared by tests/unit/backup-hostile.test.ts (every row, through the reading
// functions) and tests/e2e/backup-hostile.test.ts (a selection, through the app in Chromium).
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { expect } from 'vitest';
import { SCHEMA_VERSION } from '../../src/model';
import { BACKUP_MESSAGES, MAX_BACKUP_BYTES, crc32Hex, type Backup, type BackupProblem } from '../../src/io/backup';

export const FIXTURE_TEXT = readFileSync(new URL('../fixtures/backup-v1.tavola.json', import.meta.url), 'utf8');
export const FIXTURE = JSON.parse(FIXTURE_TEXT) as Record<string, any>;
export const FIXTURE_STATE = new Uint8Array(Buffer.from(FIXTURE.state, 'base64'));
export const WORKING_GROUP = readFileSync(new URL('../fixtures/working-group.json', import.meta.url));
export const WORKSPACE_YJS = readFileSync(new URL('../fixtures/workspace-v1.yjs', import.meta.url));
export const PNG = readFileSync(new URL('../../public/icon-192.png', import.meta.url));

/** Documents made here; the unit test destroys them after each test. */
export const opened: Y.Doc[] = [];

// ---------------------------------------------------------------- building files

/** A backup file around `state`, with its right length and checksum unless `header` says otherwise. */
export function wrap(state: Uint8Array, header: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      format: 'tavola-backup',
      version: 1,
      app: 'tavola',
      exportedAt: '2025-03-04T09:30:00.000Z',
      workspace: { id: 'hostile-ws-1', schemaVersion: 1 },
      stateBytes: state.length,
      stateCrc32: crc32Hex(state),
      state: Buffer.from(state).toString('base64'),
      ...header,
    },
    null,
    2,
  );
}

/** The fixture's JSON, changed by `edit`. */
export function edited(edit: (file: Record<string, any>) => void): string {
  const file = structuredClone(FIXTURE);
  edit(file);
  return JSON.stringify(file, null, 2);
}

/** A Yjs document that is a workspace by the layout: meta with a layout version, a name, a description. */
export function workspaceDoc(build: (doc: Y.Doc) => void = () => undefined, options: { schemaVersion?: unknown; clientID?: number } = {}): Y.Doc {
  const doc = new Y.Doc();
  if (options.clientID !== undefined) doc.clientID = options.clientID;
  opened.push(doc);
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 'schemaVersion' in options ? options.schemaVersion : 1);
    meta.set('name', 'Hostile group');
    meta.set('description', new Y.Text('Made by hand'));
    meta.set('createdAt', '2024-01-01T00:00:00.000Z');
    build(doc);
  });
  return doc;
}

export const state = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);

export function record(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

/** An update that needs another one first: only what was added after `base`. */
function dependentUpdate(): Uint8Array {
  const doc = workspaceDoc((d) => d.getMap('topics').set('t1', record({ id: 't1', title: new Y.Text('First') })));
  const base = Y.encodeStateVector(doc);
  ((doc.getMap('topics').get('t1') as Y.Map<unknown>).get('title') as Y.Text).insert(5, ' and more');
  return Y.encodeStateAsUpdate(doc, base);
}

/** Only deletions, of items the update does not hold. */
function deletionsOnly(): Uint8Array {
  const doc = workspaceDoc((d) => d.getMap('topics').set('t1', record({ id: 't1', title: new Y.Text('Gone soon') })));
  const base = Y.encodeStateVector(doc);
  doc.getMap('topics').delete('t1');
  return Y.encodeStateAsUpdate(doc, base);
}

export function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  if (order === 'le') return new Uint8Array(le);
  const be = Buffer.from(le);
  be.swap16();
  return new Uint8Array(be);
}

/** Deterministic pseudo-random bytes. */
export function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >>> 16;
  }
  return bytes;
}

export const HUGE = 10 * 1024 * 1024;
export const SCRIPT = '<script>window.__tavolaPwned = 1</script><img src=x onerror="window.__tavolaPwned = 2">';

// ---------------------------------------------------------------- the table

export type Expect =
  | { refused: BackupProblem; message: string | RegExp }
  /** Read (repaired where it had to be): `check` says what the backup gives. */
  | { read: (backup: Backup) => void };

export interface Kind {
  kind: string;
  name: string;
  content: () => string | Uint8Array;
  expect: Expect;
}

export const corrupted: Expect = { refused: 'corrupted', message: BACKUP_MESSAGES.corrupted };
export const foreign: Expect = { refused: 'foreign', message: BACKUP_MESSAGES.foreign };
export const truncated: Expect = { refused: 'truncated', message: BACKUP_MESSAGES.truncated };
export const noWorkspace: Expect = { refused: 'corrupted', message: BACKUP_MESSAGES.noWorkspace };
export const tooNewLayout = (n: number): Expect => ({
  refused: 'too-new',
  message: `This backup holds a workspace made by a newer version of Tavola (layout version ${n}; this version reads up to ${SCHEMA_VERSION}). Open it in an up-to-date Tavola.`,
});
/** The fixture, read whole: its workspace and its live records. */
export const fixtureRead: Expect = {
  read: (backup) => {
    expect(backup.workspaceId).toBe('ws-fixture-v1');
    expect(backup.meta.name).toBe(FIXTURE.workspace.name);
    expect(backup.state).toEqual(FIXTURE_STATE);
    expect(backup.counts).toEqual({ members: 10, topics: 3, focusPoints: 12, meetings: 1, practices: 1 });
  },
};

const stateAt = FIXTURE_TEXT.indexOf('"state": "') + '"state": "'.length;

export const KINDS: Kind[] = [
  // 1. Empty, and cut off.
  { kind: 'empty file', name: 'zero bytes', content: () => new Uint8Array(0), expect: { refused: 'truncated', message: BACKUP_MESSAGES.empty } },
  { kind: 'empty file', name: 'only white space', content: () => ' \r\n\t\n', expect: { refused: 'truncated', message: BACKUP_MESSAGES.empty } },
  { kind: 'empty file', name: 'only a byte order mark', content: () => new Uint8Array([0xef, 0xbb, 0xbf]), expect: { refused: 'truncated', message: BACKUP_MESSAGES.empty } },
  { kind: 'truncated JSON', name: 'cut in the first line', content: () => FIXTURE_TEXT.slice(0, 14), expect: truncated },
  { kind: 'truncated JSON', name: 'cut in the records', content: () => FIXTURE_TEXT.slice(0, FIXTURE_TEXT.indexOf('"topics"') + 40), expect: truncated },
  { kind: 'truncated JSON', name: 'cut before the last brace', content: () => FIXTURE_TEXT.trimEnd().slice(0, -1), expect: truncated },
  { kind: 'truncated JSON', name: 'cut, the rest zero bytes', content: () => FIXTURE_TEXT.slice(0, 3000) + '\0'.repeat(FIXTURE_TEXT.length - 3000), expect: truncated },
  // 2. A state cut short.
  { kind: 'truncated base64 state', name: 'file cut inside the state', content: () => FIXTURE_TEXT.slice(0, stateAt + 5000), expect: truncated },
  { kind: 'truncated base64 state', name: 'state cut, JSON closed', content: () => edited((f) => (f.state = f.state.slice(0, 8000))), expect: corrupted },
  { kind: 'truncated base64 state', name: 'state cut mid-quartet', content: () => edited((f) => (f.state = f.state.slice(0, 8001))), expect: corrupted },
  {
    kind: 'truncated base64 state',
    name: 'state cut, no length or checksum to tell',
    content: () =>
      edited((f) => {
        f.state = f.state.slice(0, 8000);
        delete f.stateBytes;
        delete f.stateCrc32;
      }),
    expect: corrupted,
  },
  { kind: 'truncated base64 state', name: 'state empty', content: () => edited((f) => (f.state = '')), expect: corrupted },
  // 3. Checksum and length.
  {
    kind: 'bad checksum',
    name: 'one letter of the state changed',
    content: () => edited((f) => (f.state = f.state.slice(0, 9000) + (f.state[9000] === 'A' ? 'B' : 'A') + f.state.slice(9001))),
    expect: corrupted,
  },
  { kind: 'bad checksum', name: 'checksum changed', content: () => edited((f) => (f.stateCrc32 = f.stateCrc32 === '00000000' ? '00000001' : '00000000')), expect: corrupted },
  { kind: 'bad checksum', name: 'checksum of 7 digits', content: () => edited((f) => (f.stateCrc32 = f.stateCrc32.slice(1))), expect: corrupted },
  { kind: 'bad checksum', name: 'checksum a number', content: () => edited((f) => (f.stateCrc32 = parseInt(f.stateCrc32, 16))), expect: corrupted },
  { kind: 'wrong stateBytes', name: 'one more', content: () => edited((f) => (f.stateBytes += 1)), expect: corrupted },
  { kind: 'wrong stateBytes', name: 'negative', content: () => edited((f) => (f.stateBytes = -1)), expect: corrupted },
  { kind: 'wrong stateBytes', name: 'a string', content: () => edited((f) => (f.stateBytes = String(f.stateBytes))), expect: corrupted },
  { kind: 'wrong stateBytes', name: '1e999', content: () => edited((f) => (f.stateBytes = 0)).replace('"stateBytes": 0', '"stateBytes": 1e999'), expect: corrupted },
  // 4. Not a Tavola backup.
  { kind: 'foreign JSON', name: 'tests/fixtures/working-group.json', content: () => new Uint8Array(WORKING_GROUP), expect: foreign },
  { kind: 'foreign JSON', name: 'an array', content: () => '[{"format": "tavola-backup"}]', expect: foreign },
  { kind: 'foreign JSON', name: 'a string', content: () => '"tavola-backup"', expect: foreign },
  { kind: 'foreign JSON', name: 'a number', content: () => '42', expect: foreign },
  { kind: 'foreign JSON', name: 'null', content: () => 'null', expect: foreign },
  { kind: 'foreign JSON', name: 'an empty object', content: () => '{}', expect: foreign },
  { kind: 'foreign JSON', name: 'another program’s format', content: () => '{"type": "excalidraw", "version": 2, "elements": []}', expect: foreign },
  { kind: 'foreign JSON', name: 'format in other letters', content: () => edited((f) => (f.format = 'Tavola-Backup')), expect: foreign },
  { kind: 'foreign JSON', name: 'format in a list', content: () => edited((f) => (f.format = ['tavola-backup'])), expect: foreign },
  { kind: 'foreign JSON', name: 'the format word elsewhere', content: () => '{"app": "tavola-backup", "state": "AA=="}', expect: foreign },
  { kind: 'foreign JSON', name: 'CSV', content: () => 'name,country\nRotterdam,NL\n', expect: foreign },
  { kind: 'foreign JSON', name: 'an HTML page', content: () => '<!doctype html><html><body>tavola</body></html>', expect: foreign },
  // 5. Encodings.
  { kind: 'JSON with a BOM', name: 'UTF-8 byte order mark (bytes)', content: () => new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(FIXTURE_TEXT)]), expect: fixtureRead },
  { kind: 'JSON with a BOM', name: 'byte order mark (text)', content: () => `\ufeff${FIXTURE_TEXT}`, expect: fixtureRead },
  { kind: 'binary file', name: 'PNG picture', content: () => new Uint8Array(PNG), expect: foreign },
  { kind: 'binary file', name: 'a Yjs update saved as a file', content: () => new Uint8Array(WORKSPACE_YJS), expect: foreign },
  { kind: 'binary file', name: 'random bytes', content: () => noise(4096, 9), expect: foreign },
  {
    kind: 'binary file',
    name: 'a backup with bytes that are not UTF-8 in its header (Latin-1 editor)',
    content: () => new Uint8Array(Buffer.from(edited((f) => (f.workspace.name = 'Coopération')), 'latin1')),
    expect: fixtureRead,
  },
  {
    kind: 'binary file',
    name: 'a backup with a stray 0xFF byte in its state',
    content: () => {
      const bytes = Buffer.from(FIXTURE_TEXT);
      bytes[stateAt + 100] = 0xff;
      return new Uint8Array(bytes);
    },
    expect: corrupted,
  },
  { kind: 'UTF-16 text', name: 'little-endian with its mark', content: () => utf16(FIXTURE_TEXT, 'le', true), expect: fixtureRead },
  { kind: 'UTF-16 text', name: 'big-endian with its mark', content: () => utf16(FIXTURE_TEXT, 'be', true), expect: fixtureRead },
  { kind: 'UTF-16 text', name: 'little-endian, no mark', content: () => utf16(FIXTURE_TEXT, 'le', false), expect: fixtureRead },
  { kind: 'UTF-16 text', name: 'UTF-16, cut off', content: () => utf16(FIXTURE_TEXT.slice(0, 5000), 'le', true), expect: truncated },
  // 6. Versions.
  {
    kind: 'too new a format version',
    name: 'version 2',
    content: () => edited((f) => (f.version = 2)),
    expect: { refused: 'too-new', message: /^This backup was made by a newer version of Tavola \(backup format 2; this version reads format 1\)\. Open it in an up-to-date Tavola\.$/ },
  },
  { kind: 'too new a format version', name: 'version 1000', content: () => edited((f) => (f.version = 1000)), expect: { refused: 'too-new', message: /\(backup format 1000;/ } },
  { kind: 'format version, not a whole number', name: 'as a string "1"', content: () => edited((f) => (f.version = '1')), expect: corrupted },
  { kind: 'format version, not a whole number', name: 'as a string "2"', content: () => edited((f) => (f.version = '2')), expect: corrupted },
  { kind: 'format version, not a whole number', name: '1.5', content: () => edited((f) => (f.version = 1.5)), expect: corrupted },
  { kind: 'format version, not a whole number', name: '1e999 (Infinity)', content: () => edited((f) => (f.version = 0)).replace('"version": 0', '"version": 1e999'), expect: corrupted },
  { kind: 'format version, not a whole number', name: '-1e999', content: () => edited((f) => (f.version = 0)).replace('"version": 0', '"version": -1e999'), expect: corrupted },
  { kind: 'format version, not a whole number', name: '1e300 (too big to be exact)', content: () => edited((f) => (f.version = 1e300)), expect: corrupted },
  { kind: 'format version, not a whole number', name: '0', content: () => edited((f) => (f.version = 0)), expect: corrupted },
  { kind: 'format version, not a whole number', name: 'null', content: () => edited((f) => (f.version = null)), expect: corrupted },
  { kind: 'format version, not a whole number', name: 'missing', content: () => edited((f) => delete f.version), expect: corrupted },
  { kind: 'too new a layout', name: 'header schemaVersion 999', content: () => edited((f) => (f.workspace.schemaVersion = 999)), expect: tooNewLayout(999) },
  { kind: 'too new a layout', name: 'header schemaVersion "2"', content: () => edited((f) => (f.workspace.schemaVersion = '2')), expect: corrupted },
  { kind: 'too new a layout', name: 'header schemaVersion 1.5', content: () => edited((f) => (f.workspace.schemaVersion = 1.5)), expect: corrupted },
  // 7. Size and shape.
  { kind: 'very large file', name: 'one byte over the limit', content: () => new Uint8Array(MAX_BACKUP_BYTES + 1).fill(0x20), expect: { refused: 'too-large', message: 'This file is too large to be a Tavola backup (64 MB; a backup can be at most 64 MB).' } },
  { kind: 'deeply nested JSON', name: 'a million open brackets, closed', content: () => '['.repeat(1e6) + ']'.repeat(1e6), expect: foreign },
  { kind: 'deeply nested JSON', name: 'a million open brackets, never closed', content: () => '['.repeat(1e6), expect: foreign },
  { kind: 'deeply nested JSON', name: 'nested where the workspace should be', content: () => edited((f) => (f.workspace = 0)).replace('"workspace": 0', `"workspace": ${'{"a":'.repeat(2e5)}1${'}'.repeat(2e5)}`), expect: corrupted },
  { kind: 'deeply nested JSON', name: 'nested in the records (never read)', content: () => edited((f) => (f.records = 0)).replace('"records": 0', `"records": ${'['.repeat(5e5)}${']'.repeat(5e5)}`), expect: fixtureRead },
  { kind: 'deeply nested JSON', name: 'nested and cut off', content: () => `{"format": "tavola-backup", "version": 1, "records": ${'['.repeat(1e5)}`, expect: truncated },
  {
    kind: 'huge number of records in the readable part',
    name: '300 000 focus points that are not in the state',
    content: () => edited((f) => (f.records.focusPoints = Array.from({ length: 300_000 }, (_, i) => ({ id: `p${i}`, text: 'not restored' })))),
    expect: fixtureRead,
  },
  // 8. A checksum that is right, around a state that is wrong.
  { kind: 'valid checksum, garbage state', name: 'random bytes', content: () => wrap(noise(5000, 1)), expect: corrupted },
  { kind: 'valid checksum, garbage state', name: 'more random bytes', content: () => wrap(noise(64, 77)), expect: corrupted },
  { kind: 'valid checksum, garbage state', name: 'PNG bytes', content: () => wrap(new Uint8Array(PNG)), expect: corrupted },
  { kind: 'valid checksum, garbage state', name: 'a JSON text', content: () => wrap(new Uint8Array(WORKING_GROUP)), expect: corrupted },
  { kind: 'valid checksum, garbage state', name: 'a huge struct count', content: () => wrap(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])), expect: corrupted },
  { kind: 'valid checksum, no workspace', name: 'an empty Yjs document', content: () => wrap(Y.encodeStateAsUpdate(new Y.Doc())), expect: noWorkspace },
  {
    kind: 'valid checksum, no workspace',
    name: 'records but no meta',
    content: () => {
      const doc = new Y.Doc();
      opened.push(doc);
      doc.getMap('topics').set('t1', record({ id: 't1', title: new Y.Text('Orphan') }));
      return wrap(state(doc));
    },
    expect: noWorkspace,
  },
  {
    kind: 'valid checksum, no workspace',
    name: 'another program’s Yjs document (a text editor’s)',
    content: () => {
      const doc = new Y.Doc();
      opened.push(doc);
      doc.getText('prosemirror').insert(0, 'Some notes');
      return wrap(state(doc));
    },
    expect: noWorkspace,
  },
  {
    kind: 'hostile Yjs state: wrong types',
    name: 'records that are strings, numbers, lists and texts; fields of the wrong type',
    content: () =>
      wrap(
        state(
          workspaceDoc((doc) => {
            const topics = doc.getMap('topics');
            topics.set('a-string', 'not a record');
            topics.set('a-number', 42);
            topics.set('a-list', new Y.Array());
            topics.set('a-text', new Y.Text('text'));
            topics.set('null', null);
            topics.set('bad-fields', record({ id: 12, order: { x: 1 }, createdAt: 'yesterday', deletedAt: 7, title: ['not', 'text'] }));
            doc.getMap('focusPoints').set('fp', record({ id: 'fp', topicId: 3, text: 99, status: 'exploded', owners: 'everyone' }));
            doc.getMap('members').set('m', record({ id: 'm', name: { first: 'A' }, kind: 'dragon', country: 1234, lead: 'yes' }));
            doc.getMap('meetings').set('mt', record({ id: 'mt', title: 5, date: 'soon', participants: 'all', agenda: 'everything' }));
            doc.getMap('practices').set('pr', new Y.Array());
            doc.getMap('meta').set('description', 12);
            doc.getArray('topics-as-array').insert(0, [1, 2, 3]);
          }),
        ),
      ),
    expect: {
      read: (backup) => {
        // What cannot be a record is left out of the counts (and kept in the state).
        expect(backup.counts.topics).toBeLessThanOrEqual(1);
        expect(backup.meta.name).toBe('Hostile group');
        expect(backup.meta.description).toBe('');
      },
    },
  },
  {
    kind: 'hostile Yjs state: 10 MB strings',
    name: 'a 10 MB name, a 10 MB topic title, a 10 MB key',
    content: () =>
      wrap(
        state(
          workspaceDoc((doc) => {
            doc.getMap('meta').set('name', 'N'.repeat(HUGE));
            doc.getMap('topics').set('big', record({ id: 'big', order: 'a0', createdAt: '2024-01-01T00:00:00.000Z', deletedAt: null, title: new Y.Text('T'.repeat(HUGE)) }));
            doc.getMap('topics').set('K'.repeat(HUGE / 10), record({ id: 'x' }));
          }),
        ),
      ),
    expect: {
      read: (backup) => {
        // A name longer than any name is not shown: the workspace is “Untitled workspace”.
        expect(backup.meta.name.length).toBeLessThanOrEqual(300);
        expect(backup.meta.name).not.toContain('NNN');
      },
    },
  },
  {
    kind: 'hostile Yjs state: <script> in texts',
    name: 'markup in the name, the description and a title',
    content: () =>
      wrap(
        state(
          workspaceDoc((doc) => {
            doc.getMap('meta').set('name', SCRIPT);
            (doc.getMap('meta').get('description') as Y.Text).insert(0, SCRIPT);
            doc.getMap('topics').set('t1', record({ id: 't1', order: 'a0', createdAt: '2024-01-01T00:00:00.000Z', deletedAt: null, title: new Y.Text(SCRIPT) }));
          }),
        ),
      ),
    // Kept as the text it is: screens show it as text, never as markup (the e2e test checks).
    expect: { read: (backup) => expect(backup.meta.name).toBe(SCRIPT) },
  },
  {
    kind: 'hostile Yjs state: odd ids',
    name: 'ids like ../x, __proto__, constructor, empty, with slashes and quotes',
    content: () =>
      wrap(
        state(
          workspaceDoc((doc) => {
            const topics = doc.getMap('topics');
            for (const id of ['../x', '__proto__', 'constructor', '', 'a/b?c#d', '"]\'><', 'prototype']) {
              topics.set(id, record({ id, order: 'a0', createdAt: '2024-01-01T00:00:00.000Z', deletedAt: null, title: new Y.Text(`Topic ${id}`) }));
            }
            doc.getMap('meta').set('__proto__', { polluted: true });
          }),
        ),
      ),
    expect: {
      read: () => {
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      },
    },
  },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: '1.5', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: 1.5 }))), expect: corrupted },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: 'Infinity', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: Infinity }))), expect: corrupted },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: 'NaN', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: NaN }))), expect: corrupted },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: '999', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: 999 }))), expect: tooNewLayout(999) },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: '"2"', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: '2' }))), expect: corrupted },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: '0', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: 0 }))), expect: corrupted },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: 'null', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: null }))), expect: corrupted },
  { kind: 'hostile Yjs state: meta.schemaVersion', name: 'a big integer (2^53)', content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: 2 ** 53 }))), expect: corrupted },
  {
    kind: 'hostile Yjs state: meta.schemaVersion',
    name: 'header says 1, state says 999',
    content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: 999 })), { workspace: { id: 'hostile-ws-1', schemaVersion: 1 } }),
    expect: tooNewLayout(999),
  },
  {
    kind: 'older layout',
    name: 'meta.schemaVersion 1 (today’s layout, or older than the reader’s)',
    content: () => wrap(state(workspaceDoc(undefined, { schemaVersion: 1 }))),
    expect: { read: (backup) => expect(backup.meta.name).toBe('Hostile group') },
  },
  { kind: 'missing dependencies', name: 'an update that needs an earlier one (pending structs)', content: () => wrap(dependentUpdate()), expect: corrupted },
  { kind: 'missing dependencies', name: 'deletions of items it does not hold (pending deletes)', content: () => wrap(deletionsOnly()), expect: corrupted },
  {
    kind: 'missing dependencies',
    name: 'the fixture’s state without its first half',
    content: () => {
      // The second half of the fixture's history, as its own update: it builds on the first.
      const vector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(FIXTURE_STATE));
      const half = new Map([...vector].map(([client, clock]) => [client, Math.floor(clock / 2)]));
      return wrap(Y.diffUpdate(FIXTURE_STATE, Y.encodeStateVector(half)));
    },
    expect: corrupted,
  },
  // 9. Tricks in the JSON.
  { kind: 'duplicate keys', name: 'two states', content: () => FIXTURE_TEXT.replace('"state": "', `"state": "${Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64')}",\n  "state": "`), expect: corrupted },
  { kind: 'duplicate keys', name: 'two formats', content: () => FIXTURE_TEXT.replace('"format": "tavola-backup"', '"format": "something-else",\n  "format": "tavola-backup"'), expect: corrupted },
  { kind: 'duplicate keys', name: 'two workspace ids', content: () => FIXTURE_TEXT.replace('"id": "ws-fixture-v1"', '"id": "ws-fixture-v1",\n    "id": "another-workspace"'), expect: corrupted },
  { kind: 'duplicate keys', name: 'two workspace objects', content: () => FIXTURE_TEXT.replace('"workspace": {', '"workspace": {"id": "another-workspace"},\n  "workspace": {'), expect: corrupted },
  { kind: 'duplicate keys', name: 'an escaped twin ("st\\u0061te")', content: () => FIXTURE_TEXT.replace('"state": "', '"st\\u0061te": "AAA=",\n  "state": "'), expect: corrupted },
  { kind: 'duplicate keys', name: 'in the records (never read)', content: () => FIXTURE_TEXT.replace('"members": [', '"members": [], "members": ['), expect: fixtureRead },
  { kind: 'prototype pollution keys', name: '__proto__ holding the whole header', content: () => `{"__proto__": ${FIXTURE_TEXT}}`, expect: foreign },
  { kind: 'prototype pollution keys', name: '__proto__ holding the workspace id', content: () => FIXTURE_TEXT.replace('"id": "ws-fixture-v1"', '"__proto__": {"id": "ws-fixture-v1"}'), expect: corrupted },
  {
    kind: 'prototype pollution keys',
    name: '__proto__ and constructor.prototype beside a good header',
    content: () => FIXTURE_TEXT.replace('"app": "tavola",', '"app": "tavola", "__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}},'),
    expect: fixtureRead,
  },
  // 10. A header that lies, in other ways.
  { kind: 'bad header', name: 'workspace id ../x', content: () => edited((f) => (f.workspace.id = '../x')), expect: corrupted },
  { kind: 'bad header', name: 'workspace id of 65 characters', content: () => edited((f) => (f.workspace.id = 'a'.repeat(65))), expect: corrupted },
  { kind: 'bad header', name: 'exportedAt with markup', content: () => edited((f) => (f.exportedAt = SCRIPT)), expect: corrupted },
  { kind: 'bad header', name: 'exportedAt of 10 MB', content: () => edited((f) => (f.exportedAt = `2025-03-04T09:30:00.000Z${' '.repeat(HUGE)}`)), expect: corrupted },
  { kind: 'bad header', name: 'exportedAt not a date (month 13)', content: () => edited((f) => (f.exportedAt = '2025-13-40T09:30:00.000Z')), expect: corrupted },
  { kind: 'bad header', name: 'state a number', content: () => edited((f) => (f.state = 12)), expect: corrupted },
  { kind: 'bad header', name: 'state in a list', content: () => edited((f) => (f.state = [f.state])), expect: corrupted },
  { kind: 'bad header', name: 'state with line breaks', content: () => edited((f) => (f.state = f.state.replace(/(.{76})/g, '$1\n'))), expect: corrupted },
  { kind: 'bad header', name: 'state in base64url', content: () => wrap(new Uint8Array([0xfb, 0xff, 0xbf])).replace('"+/+/"', '"-_-_"'), expect: corrupted },
  // 11. The fixture itself, saved by today's code.
  { kind: 'good file', name: 'tests/fixtures/backup-v1.tavola.json', content: () => FIXTURE_TEXT, expect: fixtureRead },
];

