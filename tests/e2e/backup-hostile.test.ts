// Hostile backup files (issue 9) through the app in Chromium: a selection of the kinds of
// tests/unit/hostile-files.ts chosen on the home screen and merged in a workspace's settings.
// Each refused attempt must leave every stored byte as it was: the raw IndexedDB contents of
// every tavola database (every store, key and value) and the home list in localStorage, read
// before and after, compared byte for byte. Files that are read and repaired restore, change
// nothing else, and open without a page error or a script running.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKUP_MESSAGES, doesNotFitMessage, otherWorkspaceMessage } from '../../src/io/backup';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { addPoint, addTopic, createWorkspace, expectCleanPages, flushStorage, goTo } from './helpers';
import { readStoredState } from './idb';
import { FIXTURE_TEXT, KINDS, SCRIPT, record, state, utf16, workspaceDoc, wrap } from '../unit/hostile-files';

let browser: BrowserContext;
let page: Page;
let files: string;
let hereId: string;
const HERE_NAME = 'Already here';

beforeAll(async () => {
  files = mkdtempSync(path.join(tmpdir(), 'tavola-e2e-hostile-'));
  browser = await launchBrowser();
  page = await openApp(browser, '/');
});
afterAll(async () => {
  await closeBrowser(browser);
  rmSync(files, { recursive: true, force: true });
});

// ---------------------------------------------------------------- storage, byte for byte

/**
 * Every tavola database (its version, stores, their key paths, key generators and indexes, every
 * key and value, values' bytes in base64) and every tavola localStorage key, one line each.
 * Opening a database here never creates one.
 */
function storageSnapshot(): Promise<string[]> {
  return page.evaluate(async () => {
    const lines: string[] = [];
    const base64 = (bytes: Uint8Array) => {
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    };
    const encode = (value: unknown): string =>
      value instanceof Uint8Array ? `bytes:${base64(value)}` : value instanceof ArrayBuffer ? `buffer:${base64(new Uint8Array(value))}` : `json:${JSON.stringify(value)}`;
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const databases = (await indexedDB.databases())
      .filter((db) => (db.name ?? '').startsWith('tavola'))
      .sort((a, b) => (a.name! < b.name! ? -1 : 1));
    for (const info of databases) {
      const name = info.name!;
      lines.push(`database ${name} version ${info.version}`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error(`cannot open ${name}`));
      });
      try {
        for (const storeName of [...db.objectStoreNames].sort()) {
          const store = db.transaction(storeName, 'readonly').objectStore(storeName);
          lines.push(`store ${name}/${storeName} keyPath ${JSON.stringify(store.keyPath)} autoIncrement ${store.autoIncrement} indexes ${[...store.indexNames].join(',')}`);
          const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
          keys.forEach((key, i) => lines.push(`${name}/${storeName} ${JSON.stringify(key)} = ${encode(values[i])}`));
        }
      } finally {
        db.close();
      }
    }
    const stored: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith('tavola')) stored.push(`localStorage ${key} = ${localStorage.getItem(key)}`);
    }
    return [...lines, ...stored.sort()];
  });
}

function writeFile(name: string, content: string | Uint8Array): string {
  const file = path.join(files, name);
  writeFileSync(file, content);
  return file;
}

const homeList = () => page.evaluate(() => localStorage.getItem('tavola.workspaces.v1'));
const databaseCount = () => page.evaluate(async () => (await indexedDB.databases()).filter((db) => db.name?.startsWith('tavola')).length);

/** A fresh home screen, so a message read after an attempt is that attempt's. The first time, a workspace is made to be “here”. */
async function freshHome(): Promise<void> {
  if (!hereId) {
    await goTo(page, '/');
    hereId = await createWorkspace(page, HERE_NAME);
    await addTopic(page, 'Ports');
    await addPoint(page, 'Compare port controls');
    await flushStorage(page, hereId);
  }
  await goTo(page, '/');
  await page.reload({ waitUntil: 'load' });
  try {
    await page.getByTestId('workspace-list').waitFor();
  } catch (error) {
    // Once in many runs the list did not show (stop 31, cause unknown): say what the page showed.
    const seen = await page
      .evaluate(() => ({
        route: location.hash.replace(/^(#\/(?:edit|view|join)\/[^/]+)\/.*$/, '$1/…'),
        listed: (JSON.parse(localStorage.getItem('tavola.workspaces.v1') ?? '[]') as unknown[]).length,
        text: document.body.innerText.slice(0, 400),
      }))
      .catch((e: unknown) => String(e));
    throw new Error(`the home list did not show: ${JSON.stringify(seen)}`, { cause: error });
  }
  expect(await page.getByTestId('backup-error').count()).toBe(0);
}

// ---------------------------------------------------------------- the selection

/** One or two of each kind refused, by their names in the table. */
const REFUSED_ON_HOME = [
  'zero bytes',
  'only a byte order mark',
  'cut in the records',
  'cut, the rest zero bytes',
  'file cut inside the state',
  'state cut, JSON closed',
  'state cut, no length or checksum to tell',
  'one letter of the state changed',
  'checksum changed',
  'one more',
  '1e999',
  'tests/fixtures/working-group.json',
  'an array',
  'format in other letters',
  'PNG picture',
  'a Yjs update saved as a file',
  'a backup with a stray 0xFF byte in its state',
  'UTF-16, cut off',
  'version 2',
  'as a string "2"',
  '1.5',
  '1e999 (Infinity)',
  'header schemaVersion 999',
  'one byte over the limit',
  'a million open brackets, closed',
  'nested where the workspace should be',
  'random bytes',
  'PNG bytes',
  'a huge struct count',
  'an empty Yjs document',
  'records but no meta',
  'NaN',
  'Infinity',
  '999',
  '"2"',
  'header says 1, state says 999',
  'an update that needs an earlier one (pending structs)',
  'deletions of items it does not hold (pending deletes)',
  'the fixture’s state without its first half',
  'two states',
  'two workspace ids',
  'an escaped twin ("st\\u0061te")',
  '__proto__ holding the whole header',
  '__proto__ holding the workspace id',
  'workspace id ../x',
  'exportedAt with markup',
];

describe('home screen: restore from a backup file', () => {
  test('each refused kind says its message, and every stored byte and the home list stay as they were', async () => {
    const chosen = REFUSED_ON_HOME.map((name) => {
      const rows = KINDS.filter((row) => row.name === name && 'refused' in row.expect);
      expect(rows.length, name).toBeGreaterThanOrEqual(1);
      return rows[0]!;
    });
    expect(new Set(chosen.map((row) => row.kind)).size).toBeGreaterThanOrEqual(15);
    await freshHome();
    const before = await storageSnapshot();
    expect(before.some((line) => line.startsWith(`database tavola-ws-${hereId}`))).toBe(true);

    for (const [i, row] of chosen.entries()) {
      if (!('refused' in row.expect)) continue;
      const file = writeFile(`hostile-${i}.tavola.json`, row.content());
      await freshHome();
      await page.getByTestId('restore-file').setInputFiles(file);
      const error = page.getByTestId('backup-error');
      const label = `${row.kind}: ${row.name}`;
      if (typeof row.expect.message === 'string') await expect.poll(() => error.textContent(), { message: label }).toBe(row.expect.message);
      else await expect.poll(() => error.textContent(), { message: label }).toMatch(row.expect.message);
      expect(await page.getByTestId('backup-restored').count(), label).toBe(0);
      expect(await page.locator('dialog[open]').count(), label).toBe(0);
      expect(await storageSnapshot(), label).toEqual(before);
    }
    expectCleanPages(browser);
  });

  test('repaired files restore: a byte order mark, UTF-16, Latin-1; nothing else changes', async () => {
    const withId = (id: string) => FIXTURE_TEXT.replace('"id": "ws-fixture-v1"', `"id": "${id}"`);
    const cases: [id: string, content: Uint8Array][] = [
      ['e2e-bom', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(withId('e2e-bom'))])],
      ['e2e-utf16', utf16(withId('e2e-utf16'), 'le', true)],
      ['e2e-utf16-nomark', utf16(withId('e2e-utf16-nomark'), 'le', false)],
      ['e2e-latin1', new Uint8Array(Buffer.from(withId('e2e-latin1').replace('"name": "Local roots', '"name": "Coopération, local roots'), 'latin1'))],
    ];
    for (const [id, content] of cases) await expectRestoredAlone(id, writeFile(`${id}.tavola.json`, content));
    // The fixture was saved by the schema-1 code: restored, it opens (migrated) with its topics.
    await goTo(page, '/w/e2e-utf16/topics');
    await page.getByTestId('topic-view').waitFor();
    await expect.poll(() => page.getByTestId('topic-link').count()).toBe(3);
    expectCleanPages(browser);
  });

  test('hostile but readable states restore and open: markup stays text, odd ids and wrong types do not break a screen', async () => {
    const script = wrap(
      state(
        workspaceDoc((doc) => {
          doc.getMap('meta').set('name', SCRIPT);
          (doc.getMap('meta').get('description') as Y.Text).insert(0, SCRIPT);
          doc.getMap('topics').set('t1', record({ id: 't1', order: 'a0', createdAt: '2024-01-01T00:00:00.000Z', deletedAt: null, title: new Y.Text(SCRIPT) }));
        }),
      ),
      { workspace: { id: 'e2e-script' } },
    );
    const odd = wrap(
      state(
        workspaceDoc((doc) => {
          const topics = doc.getMap('topics');
          ['../x', '__proto__', 'constructor', '"]\'><', 'a/b?c#d'].forEach((id, i) =>
            topics.set(id, record({ id, order: `a${i}`, createdAt: '2024-01-01T00:00:00.000Z', deletedAt: null, title: new Y.Text(`Topic ${i}`) })),
          );
          topics.set('a-string', 'not a record');
          topics.set('bad-fields', record({ id: 12, order: { x: 1 }, createdAt: 'yesterday', deletedAt: 7, title: ['not', 'text'] }));
          doc.getMap('focusPoints').set('fp', record({ id: 'fp', topicId: 3, text: 99, status: 'exploded', owners: 'everyone' }));
          doc.getMap('members').set('m', record({ id: 'm', name: { first: 'A' }, kind: 'dragon', country: 1234, lead: 'yes' }));
          doc.getMap('meta').set('description', 12);
        }),
      ),
      { workspace: { id: 'e2e-odd' } },
    );
    const big = wrap(
      state(
        workspaceDoc((doc) => {
          doc.getMap('meta').set('name', 'N'.repeat(10 * 1024 * 1024));
          doc.getMap('topics').set('big', record({ id: 'big', order: 'a0', createdAt: '2024-01-01T00:00:00.000Z', deletedAt: null, title: new Y.Text('T'.repeat(10 * 1024 * 1024)) }));
        }),
      ),
      { workspace: { id: 'e2e-big' } },
    );

    await expectRestoredAlone('e2e-script', writeFile('script.tavola.json', script));
    await goTo(page, '/w/e2e-script/topics');
    await page.getByTestId('topic-view').waitFor();
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe(SCRIPT);
    await expect.poll(() => page.getByTestId('topic-link').locator('.topic-link-title').allTextContents()).toEqual([SCRIPT]);
    expect(await page.evaluate(() => (window as unknown as { __tavolaPwned?: number }).__tavolaPwned)).toBeUndefined();
    expect(await page.locator('script:not([src]), img[onerror]').count()).toBe(0);

    await expectRestoredAlone('e2e-odd', writeFile('odd.tavola.json', odd));
    await goTo(page, '/w/e2e-odd/topics');
    await page.getByTestId('topic-view').waitFor();
    // Ids that are not ids (../x, quotes, slashes) are the model's to show or to list as entries
    // it could not read; the others are shown as topics.
    await expect.poll(() => page.getByTestId('topic-link').count()).toBeGreaterThanOrEqual(2);
    const titles = await page.getByTestId('topic-link').locator('.topic-link-title').allTextContents();
    for (const title of titles) expect(title).toMatch(/^Topic \d$|^$|^Untitled/);
    for (const screen of ['members', 'meetings', 'practices', 'settings']) {
      await goTo(page, `/w/e2e-odd/${screen}`);
      await page.getByTestId('workspace-name').waitFor();
    }

    await expectRestoredAlone('e2e-big', writeFile('big.tavola.json', big));
    await goTo(page, '/w/e2e-big/topics');
    await page.getByTestId('topic-view').waitFor();
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('Untitled workspace');
    expectCleanPages(browser);
  });

  test('a backup claiming this workspace’s id around another workspace, or forged with its client id: merge is not offered', async () => {
    await freshHome();
    // Another workspace's state under the id of the one here.
    const other = wrap(state(workspaceDoc((doc) => doc.getMap('topics').set('t', record({ id: 't', title: new Y.Text('Not ours') })))), { workspace: { id: hereId } });
    // The one here's own client id, reused for other content (more than that client wrote here).
    const stored = Y.mergeUpdates(await readStoredState(page, hereId));
    const [client] = [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored)).keys()];
    const forged = wrap(
      state(
        workspaceDoc(
          (doc) => {
            const topic = record({ id: 'forged', title: new Y.Text('Forged') });
            doc.getMap('topics').set('forged', topic);
            for (let i = 0; i < 3000; i++) topic.set(`k${i}`, i);
          },
          { clientID: client! },
        ),
      ),
      { workspace: { id: hereId } },
    );
    for (const [name, content, message] of [
      ['other-workspace', other, otherWorkspaceMessage(HERE_NAME)],
      ['forged-client', forged, doesNotFitMessage(HERE_NAME)],
    ] as const) {
      await freshHome();
      const before = await storageSnapshot();
      await page.getByTestId('restore-file').setInputFiles(writeFile(`${name}.tavola.json`, content));
      const dialog = page.getByTestId('restore-choice');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), { message: name }).toBe(true);
      await expect.poll(() => dialog.getByTestId('restore-merge-refused').textContent(), { message: name }).toBe(message);
      expect(await dialog.getByTestId('restore-merge').count(), name).toBe(0);
      expect(await dialog.getByTestId('restore-copy').count(), name).toBe(1);
      await dialog.getByTestId('restore-choice-cancel').click();
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
      expect(await storageSnapshot(), name).toEqual(before);
    }
    expectCleanPages(browser);
  });

  test('a restore that fails midway (storage full) takes back what it made: every byte and the home list as before', async () => {
    await freshHome();
    // A list entry with a key a newer Tavola might write: rewriting the list would drop it.
    await page.evaluate(() => {
      const entries = JSON.parse(localStorage.getItem('tavola.workspaces.v1')!) as Record<string, unknown>[];
      entries[0]!.keptByANewerVersion = true;
      localStorage.setItem('tavola.workspaces.v1', JSON.stringify(entries));
    });
    await freshHome();
    const databases = await databaseCount();
    // Fill localStorage to the last character: the list cannot grow by one entry.
    await page.evaluate(() => {
      let size = 1 << 22;
      for (let n = 0; size >= 1; n++) {
        try {
          localStorage.setItem(`e2e-filler-${n}`, 'x'.repeat(size));
        } catch {
          size = Math.floor(size / 2);
        }
      }
    });
    const before = await storageSnapshot();
    const file = writeFile('midway.tavola.json', FIXTURE_TEXT.replace('"id": "ws-fixture-v1"', '"id": "e2e-midway"'));
    try {
      await page.getByTestId('restore-file').setInputFiles(file);
      await expect
        .poll(() => page.getByTestId('backup-error').textContent())
        .toBe('This browser has no room left to store the workspace, so it was not restored. Nothing was changed. Free some space (delete a workspace you no longer need here) and try again.');
      expect(await storageSnapshot()).toEqual(before);
      expect(await databaseCount()).toBe(databases);
      expect(before.join('\n')).toContain('"keptByANewerVersion":true');
    } finally {
      await page.evaluate(() => {
        for (const key of Object.keys(localStorage)) if (key.startsWith('e2e-filler-')) localStorage.removeItem(key);
        // The home list drops keys it does not know whenever it is rewritten (src/sync/registry.ts).
        const entries = JSON.parse(localStorage.getItem('tavola.workspaces.v1')!) as Record<string, unknown>[];
        for (const entry of entries) delete entry.keptByANewerVersion;
        localStorage.setItem('tavola.workspaces.v1', JSON.stringify(entries));
      });
    }
    // With room again, the same file restores.
    await expectRestoredAlone('e2e-midway', file);
    expectCleanPages(browser);
  });
});

describe('settings: merge a backup into this workspace', () => {
  test('bad files, another workspace’s backup, a forged one: each refused, every stored byte as before', async () => {
    await freshHome();
    const stored = Y.mergeUpdates(await readStoredState(page, hereId));
    const [client] = [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored)).keys()];
    const cases: [name: string, content: string | Uint8Array, message: string][] = [
      ['cut', FIXTURE_TEXT.slice(0, 5000), BACKUP_MESSAGES.truncated],
      [
        'another-id',
        FIXTURE_TEXT.replace('"id": "ws-fixture-v1"', '"id": "e2e-another"'),
        `This backup is of another workspace, “${JSON.parse(FIXTURE_TEXT).workspace.name}”. To bring it into this browser, use “Restore from a backup file” on the home screen.`,
      ],
      ['other-state', wrap(state(workspaceDoc()), { workspace: { id: hereId } }), otherWorkspaceMessage(HERE_NAME)],
      ['png', KINDS.find((k) => k.name === 'PNG picture')!.content(), BACKUP_MESSAGES.foreign],
      [
        'forged-client',
        wrap(
          state(
            workspaceDoc(
              (doc) => {
                const topic = record({ id: 'forged', title: new Y.Text('Forged') });
                doc.getMap('topics').set('forged', topic);
                for (let i = 0; i < 3000; i++) topic.set(`k${i}`, i);
              },
              { clientID: client! },
            ),
          ),
          { workspace: { id: hereId } },
        ),
        doesNotFitMessage(HERE_NAME),
      ],
      ['pending', KINDS.find((k) => k.name === 'an update that needs an earlier one (pending structs)')!.content(), BACKUP_MESSAGES.corrupted],
    ];
    await goTo(page, `/w/${hereId}/settings`);
    await page.getByTestId('backup-settings').waitFor();
    await flushStorage(page, hereId);
    const before = await storageSnapshot();
    for (const [name, content, message] of cases) {
      await page.getByTestId('merge-file').setInputFiles(writeFile(`settings-${name}.tavola.json`, content));
      await expect.poll(() => page.getByTestId('backup-error').textContent(), { message: name }).toBe(message);
      expect(await page.locator('dialog[open]').count(), name).toBe(0);
      expect(await page.getByTestId('backup-merged').count(), name).toBe(0);
      await flushStorage(page, hereId);
      expect(await storageSnapshot(), name).toEqual(before);
    }
    expectCleanPages(browser);
  });
});

/**
 * Restore `file` as a new workspace from the home screen; every database and list entry that was
 * there before is still there byte for byte, and the only new things are its database and entry.
 */
async function expectRestoredAlone(id: string, file: string): Promise<void> {
  await freshHome();
  const before = await storageSnapshot();
  const listBefore = JSON.parse((await homeList()) ?? '[]') as unknown[];
  await page.getByTestId('restore-file').setInputFiles(file);
  const outcome = () => page.locator('[data-testid="backup-restored"], [data-testid="backup-error"], dialog[open]').first().textContent();
  await expect.poll(outcome, { message: id }).toMatch(/^Restored “/);
  await flushStorage(page, id);
  const after = await storageSnapshot();
  const isNew = (line: string) => line.includes(`tavola-ws-${id}`) || line.startsWith('localStorage tavola.workspaces.v1 =');
  expect(after.filter((line) => !isNew(line)), id).toEqual(before.filter((line) => !isNew(line)));
  expect(after.some((line) => line.startsWith(`database tavola-ws-${id} `)), id).toBe(true);
  const listAfter = JSON.parse((await homeList()) ?? '[]') as { id: string }[];
  expect(listAfter[0]!.id).toBe(id);
  expect(listAfter.slice(1)).toEqual(listBefore);
}
