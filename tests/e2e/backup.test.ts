// Backups you own: export a workspace to a file from its settings, delete it, restore it from the
// home screen and find it identical (on screen and in storage); bad files refused with their
// message and nothing changed; a backup merged into a workspace edited on both sides; screenshots
// of the new controls in test-results/screens/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKUP_MESSAGES, MAX_BACKUP_BYTES, exportBackup, readBackup, type Backup } from '../../src/io/backup';
import { SCHEMA_VERSION, Workspace } from '../../src/model';
import { buildWorkingGroup } from '../../src/model/sample';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import {
  FIXTURE,
  addPoint,
  addTopic,
  createWorkspace,
  databaseName,
  databaseNames,
  expectCleanPages,
  flushStorage,
  goTo,
  openSample,
  pointRow,
  pointTexts,
  richText,
  valuesOf,
  workspaceNamed,
} from './helpers';
import { readStoredState } from './idb';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

let browser: BrowserContext;
let page: Page;
let files: string;

beforeAll(async () => {
  files = mkdtempSync(path.join(tmpdir(), 'tavola-e2e-backups-'));
  mkdirSync(SCREENS_DIR, { recursive: true });
  browser = await launchBrowser();
  page = await openApp(browser, '/');
});
afterAll(async () => {
  await closeBrowser(browser);
  rmSync(files, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

/** Export from the workspace's settings; returns the saved file's path and its text. */
async function exportFromSettings(id: string): Promise<{ file: string; text: string; name: string }> {
  await goTo(page, `/w/${id}/settings`);
  await page.getByTestId('backup-settings').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup').click()]);
  const name = download.suggestedFilename();
  const file = path.join(files, `${Date.now()}-${name}`);
  await download.saveAs(file);
  await expect.poll(() => page.getByTestId('export-done').textContent()).toMatch(new RegExp(`^Saved “${escape(name)}” \\([\\d.]+ KB\\) to your downloads\\.$`));
  return { file, text: readFileSync(file, 'utf8'), name };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function writeFile(name: string, content: string | Uint8Array): string {
  const file = path.join(files, name);
  writeFileSync(file, content);
  return file;
}

function readOk(text: string): Backup {
  const result = readBackup(text);
  if (!result.ok) throw new Error(`not a good backup: ${result.message}`);
  return result.backup;
}

/** The workspace as this browser stored it, read in Node. */
async function storedWorkspace(id: string): Promise<Workspace> {
  await flushStorage(page, id);
  const workspace = new Workspace();
  workspace.applyUpdate(Y.mergeUpdates(await readStoredState(page, id)));
  return workspace;
}

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

const rowOf = (id: string) => page.locator(`[data-testid="workspace-row"][data-workspace-id="${id}"]`);
const listedIds = () => page.getByTestId('workspace-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-workspace-id')));
const registryText = () => page.evaluate(() => localStorage.getItem('tavola.workspaces.v1'));

/** Everything a person sees of a workspace: every screen, every record, in the order shown. */
async function shownWorkspace(id: string) {
  await goTo(page, `/w/${id}/settings`);
  await page.getByTestId('settings').waitFor();
  const name = await page.getByTestId('settings-name').inputValue();
  const description = await page.getByTestId('settings-description').inputValue();

  await goTo(page, `/w/${id}/topics`);
  await page.getByTestId('topic-view').waitFor();
  const topicTitles = await page.getByTestId('topic-link').locator('.topic-link-title').allTextContents();
  const topics = [];
  for (const [i, title] of topicTitles.entries()) {
    await page.getByTestId('topic-link').nth(i).click();
    await expect.poll(() => page.getByTestId('topic-title').inputValue()).toBe(title);
    const count = Number(await page.getByTestId('topic-link').nth(i).locator('.count').textContent());
    await expect.poll(() => page.getByTestId('focus-point').count()).toBe(count);
    const trash = page.getByTestId('deleted-points');
    topics.push({
      title,
      points: await pointTexts(page),
      statuses: await valuesOf(page.getByTestId('status')),
      owners: await page.getByTestId('focus-point').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('[data-testid="owner-chip"]')].map((chip) => chip.textContent).join(', '))),
      deleted: (await trash.count()) > 0 ? await trash.locator('.deleted-text').allTextContents() : [],
    });
  }

  await goTo(page, `/w/${id}/members`);
  await page.getByTestId('members-table').waitFor();
  await expect.poll(() => page.getByTestId('members-summary').textContent()).not.toBe('');
  const members = {
    summary: await page.getByTestId('members-summary').textContent(),
    names: await valuesOf(page.getByTestId('member-name')),
    kinds: await valuesOf(page.getByTestId('member-kind')),
    countries: await valuesOf(page.getByTestId('member-country')),
    leads: await page.getByTestId('member-row').evaluateAll((rows) => rows.map((row) => row.querySelector('[data-testid="lead-badge"]') !== null)),
  };

  await goTo(page, `/w/${id}/meetings`);
  await page.getByTestId('meeting-list').waitFor();
  const meetingTitles = await page.getByTestId('meeting-link').locator('.meeting-link-title').allTextContents();
  const meetings = [];
  for (const [i, title] of meetingTitles.entries()) {
    await page.getByTestId('meeting-link').nth(i).click();
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe(title);
    meetings.push({
      title,
      date: await page.getByTestId('meeting-date').inputValue(),
      participants: await page
        .getByTestId('participant')
        .evaluateAll((labels) => labels.filter((l) => (l.querySelector('input') as HTMLInputElement).checked).map((l) => l.querySelector('span')?.textContent)),
      agenda: await page.getByTestId('agenda-topic-title').allTextContents(),
      notes: await richText(page.getByTestId('meeting-notes')),
      raised: await page.getByTestId('raised-point').count(),
    });
  }

  await goTo(page, `/w/${id}/practices`);
  await page.getByTestId('practice-list').waitFor();
  const practiceCount = await page.getByTestId('practice-link').count();
  const practices = [];
  for (let i = 0; i < practiceCount; i++) {
    await page.getByTestId('practice-link').nth(i).click();
    const practiceId = await page.getByTestId('practice-link').nth(i).getAttribute('href');
    await page.waitForURL((url) => url.hash.endsWith(practiceId!.replace(/^#/, '')));
    await page.getByTestId('practice-view').waitFor();
    practices.push({
      title: await page.getByTestId('practice-title').inputValue(),
      status: await page.getByTestId('practice-status').inputValue(),
      member: await page.getByTestId('practice-member').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent),
      topics: await page
        .getByTestId('practice-topics')
        .locator('label')
        .evaluateAll((labels) => labels.filter((l) => (l.querySelector('input') as HTMLInputElement).checked).map((l) => l.textContent?.trim())),
      sections: await Promise.all(
        ['context', 'objectives', 'activities', 'budget', 'evaluation'].map((s) => richText(page.getByTestId(`section-${s}-text`))),
      ),
    });
  }
  return { name, description, topics, members, meetings, practices };
}

/** Choose a file in the home screen's restore card. */
async function restoreOnHome(file: string): Promise<void> {
  const input = page.getByTestId('restore-file');
  await input.setInputFiles(file);
}

// ---------------------------------------------------------------- tests

test('export, delete, restore: the workspace comes back identical, on screen and in storage', async () => {
  await goTo(page, '/');
  const id = await openSample(page);
  // Edits of several kinds, so the backup is more than the sample.
  const firstTopic = FIXTURE.topics[0]!;
  const edited = `${firstTopic.focusPoints[0]} — checked by Rotterdam`;
  const text = page.getByTestId('focus-point-text').first();
  await text.click();
  await text.press('Control+End');
  await text.pressSequentially(' — checked by Rotterdam', { delay: 5 });
  await expect.poll(() => text.inputValue()).toBe(edited);
  await page.getByTestId('focus-point').nth(1).getByTestId('status').selectOption('in-progress');
  await (await pointRow(page, firstTopic.focusPoints[2]!)).getByTestId('delete-point').click();
  await expect.poll(() => pointTexts(page)).toEqual([edited, firstTopic.focusPoints[1]]);
  await addPoint(page, 'Ports: a shared “hotline” & 24/7 contact');

  const before = await shownWorkspace(id);
  expect(before.topics[0]).toMatchObject({
    points: [edited, firstTopic.focusPoints[1], 'Ports: a shared “hotline” & 24/7 contact'],
    statuses: ['agreed', 'in-progress', 'proposed'],
    deleted: [firstTopic.focusPoints[2]],
  });
  expect(before.members.names).toEqual(FIXTURE.members.map((m) => m.name));
  expect(before.meetings).toHaveLength(1);
  expect(before.practices).toHaveLength(1);
  const storedBefore = await storedWorkspace(id);

  const { file, text: backupText, name } = await exportFromSettings(id);
  expect(name).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.tavola\.json$/);
  // The file holds exactly what was stored.
  const backup = readOk(backupText);
  expect(backup.workspaceId).toBe(id);
  // Compared as documents loaded fresh: a live document's own encoding can split the same
  // content into other pieces (typing inserts and merges items), a fresh load's never does.
  const fromFile = new Workspace();
  fromFile.applyUpdate(backup.state);
  expect(fromFile.encodeState()).toEqual(storedBefore.encodeState());
  expect(contents(fromFile)).toEqual(contents(storedBefore));
  fromFile.destroy();
  expect(JSON.parse(backupText).records.focusPoints).toHaveLength(13);
  await page.screenshot({ path: path.join(SCREENS_DIR, 'backup-1280-settings.png'), fullPage: true });

  // Delete it from this browser.
  await page.getByTestId('delete-workspace').click();
  await page.locator('dialog[open]').getByTestId('confirm').click();
  await page.waitForURL((url) => url.hash === '#/' || url.hash === '');
  await expect.poll(() => databaseNames(page)).not.toContain(databaseName(id));
  expect(await rowOf(id).count()).toBe(0);

  // Restore it from the file.
  await restoreOnHome(file);
  await expect
    .poll(() => page.getByTestId('backup-restored').textContent())
    .toMatch(new RegExp(`^Restored “${escape(FIXTURE.workspace.name)}” from the backup of \\d{1,2} \\w+ \\d{4}\\. Open it$`));
  await rowOf(id).waitFor();
  expect(await rowOf(id).locator('.workspace-name').textContent()).toBe(FIXTURE.workspace.name);
  expect(await databaseNames(page)).toContain(databaseName(id));
  await page.screenshot({ path: path.join(SCREENS_DIR, 'backup-1280-home-restored.png'), fullPage: true });

  await page.getByTestId('open-restored').click();
  await workspaceNamed(page, FIXTURE.workspace.name).waitFor();
  expect(await shownWorkspace(id)).toEqual(before);
  const storedAfter = await storedWorkspace(id);
  expect(contents(storedAfter)).toEqual(contents(storedBefore));
  expect(storedAfter.encodeState()).toEqual(storedBefore.encodeState());
  storedBefore.destroy();
  storedAfter.destroy();
  expectCleanPages(browser);
});

describe('bad files', () => {
  // A workspace that is not in the browser: a bad file of it must not bring it in.
  const outsider = new Workspace();
  buildWorkingGroup(outsider);
  const outsiderId = 'Outsider_0123456';
  const good = exportBackup(outsider, outsiderId);
  const state: string = JSON.parse(good).state;

  const newer = new Workspace();
  buildWorkingGroup(newer);
  newer.doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);

  const cases: { name: string; content: () => string | Uint8Array; message: string | RegExp }[] = [
    { name: 'cut-off.tavola.json', content: () => good.slice(0, Math.floor(good.length * 0.6)), message: BACKUP_MESSAGES.truncated },
    { name: 'empty.tavola.json', content: () => '', message: BACKUP_MESSAGES.empty },
    {
      name: 'damaged.tavola.json',
      content: () => good.replace(state, state.slice(0, 1000) + '*' + state.slice(1001)),
      message: BACKUP_MESSAGES.corrupted,
    },
    {
      name: 'damaged-letter.tavola.json',
      content: () => good.replace(state, state.slice(0, 1000) + (state[1000] === 'Q' ? 'R' : 'Q') + state.slice(1001)),
      message: BACKUP_MESSAGES.corrupted,
    },
    { name: 'working-group.json', content: () => readFileSync(new URL('../fixtures/working-group.json', import.meta.url)), message: BACKUP_MESSAGES.foreign },
    { name: 'members.csv', content: () => 'name,country\nRotterdam,NL\n', message: BACKUP_MESSAGES.foreign },
    { name: 'picture.png', content: () => readFileSync(new URL('../../public/icon-192.png', import.meta.url)), message: BACKUP_MESSAGES.foreign },
    {
      name: 'format-2.tavola.json',
      content: () => JSON.stringify({ ...JSON.parse(good), version: 2 }),
      message: /^This backup was made by a newer version of Tavola \(backup format 2; this version reads format 1\)\./,
    },
    {
      name: 'layout-newer.tavola.json',
      content: () => exportBackup(newer, outsiderId),
      message: new RegExp(`^This backup holds a workspace made by a newer version of Tavola \\(layout version ${SCHEMA_VERSION + 1}; this version reads up to ${SCHEMA_VERSION}\\)\\.`),
    },
    {
      name: 'huge.tavola.json',
      content: () => new Uint8Array(MAX_BACKUP_BYTES + 1).fill(0x20),
      message: 'This file is too large to be a Tavola backup (64 MB; a backup can be at most 64 MB).',
    },
  ];

  test('each kind is refused with its message, and the workspace list and databases stay as they were', async () => {
    await goTo(page, '/');
    await createWorkspace(page, 'Already here');
    await goTo(page, '/');
    await page.getByTestId('workspace-list').waitFor();
    const ids = await listedIds();
    const registry = await registryText();
    const databases = (await databaseNames(page)).sort();
    expect(ids.length).toBeGreaterThanOrEqual(2);

    for (const kind of cases) {
      const file = writeFile(kind.name, kind.content());
      // A fresh home screen, so the message read below is this file's, not the one before.
      await page.reload({ waitUntil: 'load' });
      await page.getByTestId('workspace-list').waitFor();
      expect(await page.getByTestId('backup-error').count()).toBe(0);
      await restoreOnHome(file);
      const error = page.getByTestId('backup-error');
      if (typeof kind.message === 'string') await expect.poll(() => error.textContent(), { message: kind.name }).toBe(kind.message);
      else await expect.poll(() => error.textContent(), { message: kind.name }).toMatch(kind.message);
      expect(await page.getByTestId('backup-restored').count()).toBe(0);
      expect(await page.locator('dialog[open]').count()).toBe(0);
      expect(await listedIds()).toEqual(ids);
      expect(await registryText()).toBe(registry);
      expect((await databaseNames(page)).sort()).toEqual(databases);
      if (kind.name === 'damaged.tavola.json') {
        await page.screenshot({ path: path.join(SCREENS_DIR, 'backup-1280-home-error.png'), fullPage: true });
      }
    }
    expect(databases).not.toContain(databaseName(outsiderId));

    // After all that, a good file still restores, and the error goes.
    await restoreOnHome(writeFile('good.tavola.json', good));
    await expect.poll(() => page.getByTestId('backup-restored').textContent()).toMatch(/^Restored “/);
    expect(await page.getByTestId('backup-error').count()).toBe(0);
    await rowOf(outsiderId).waitFor();
    expectCleanPages(browser);
  });

  test('in settings: a bad file, and a backup of another workspace, are refused and change nothing', async () => {
    await goTo(page, '/');
    const id = await createWorkspace(page, 'Settings target');
    await addTopic(page, 'A topic');
    await addPoint(page, 'A point');
    const stored = await storedWorkspace(id);
    await goTo(page, `/w/${id}/settings`);
    await page.getByTestId('backup-settings').waitFor();

    await page.getByTestId('merge-file').setInputFiles(writeFile('settings-cut.tavola.json', good.slice(0, 5000)));
    await expect.poll(() => page.getByTestId('backup-error').textContent()).toBe(BACKUP_MESSAGES.truncated);
    await page.getByTestId('merge-file').setInputFiles(writeFile('settings-other.tavola.json', good));
    await expect
      .poll(() => page.getByTestId('backup-error').textContent())
      .toBe(`This backup is of another workspace, “${FIXTURE.workspace.name}”. To bring it into this browser, use “Restore from a backup file” on the home screen.`);
    expect(await page.locator('dialog[open]').count()).toBe(0);
    const after = await storedWorkspace(id);
    expect(after.encodeState()).toEqual(stored.encodeState());
    stored.destroy();
    after.destroy();
    expectCleanPages(browser);
  });
});

test('a backup merged into a workspace edited on both sides keeps both; a separate copy leaves it alone', async () => {
  await goTo(page, '/');
  const id = await createWorkspace(page, 'Night-time economy');
  await addTopic(page, 'Licensing');
  await addPoint(page, 'Compare licensing hours');
  await addPoint(page, 'Invite the night mayor');
  const { text: original, file: originalFile } = await exportFromSettings(id);

  // Elsewhere (a colleague's copy, restored from that backup): edits in the file.
  const elsewhere = new Workspace();
  elsewhere.applyUpdate(readOk(original).state);
  const [topic] = elsewhere.topics.list();
  const [hours, mayor] = elsewhere.focusPoints.ofTopic(topic!.id);
  elsewhere.focusPoints.textOf(hours!.id)!.insert(hours!.text.length, ' in 12 cities');
  elsewhere.focusPoints.setStatus(mayor!.id, 'agreed');
  elsewhere.focusPoints.add({ topicId: topic!.id, text: 'Added in the file' });
  elsewhere.topics.add('Noise');
  const fromElsewhere = writeFile('elsewhere.tavola.json', exportBackup(elsewhere, id));

  // Here: other edits to the same workspace.
  await goTo(page, `/w/${id}/topics`);
  await expect.poll(() => pointTexts(page)).toEqual(['Compare licensing hours', 'Invite the night mayor']);
  const first = page.getByTestId('focus-point-text').first();
  await first.click();
  await first.press('Home');
  await first.pressSequentially('Urgent: ', { delay: 5 });
  await expect.poll(() => first.inputValue()).toBe('Urgent: Compare licensing hours');
  await addPoint(page, 'Added in the browser');

  // Restore on the home screen: it is here already, so the app asks.
  await goTo(page, '/');
  await restoreOnHome(fromElsewhere);
  const dialog = page.getByTestId('restore-choice');
  await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  expect(await dialog.locator('h2').textContent()).toBe('“Night-time economy” is already in this browser');
  expect(await dialog.locator('.dialog-body p').first().textContent()).toMatch(/^The backup of \d{1,2} \w+ \d{4} holds 2 topics and 3 focus points\.$/);
  await page.screenshot({ path: path.join(SCREENS_DIR, 'backup-1280-home-choice.png') });
  await dialog.getByTestId('restore-merge').click();
  await expect
    .poll(() => page.getByTestId('backup-restored').textContent())
    .toBe('Merged the backup into “Night-time economy”: 1 topic and 1 focus point were added, and its other changes were combined with the ones here. Open it');
  expect(await page.getByTestId('workspace-row').filter({ hasText: 'Night-time economy' }).count()).toBe(1);

  await page.getByTestId('open-restored').click();
  await page.waitForURL(/\/topics/);
  await page.getByTestId('topic-link').filter({ hasText: 'Licensing' }).click();
  await expect.poll(async () => (await pointTexts(page)).slice(0, 2)).toEqual(['Urgent: Compare licensing hours in 12 cities', 'Invite the night mayor']);
  expect((await pointTexts(page)).slice(2).sort()).toEqual(['Added in the browser', 'Added in the file']);
  expect((await valuesOf(page.getByTestId('status'))).slice(0, 2)).toEqual(['proposed', 'agreed']);
  expect(await page.getByTestId('topic-link').locator('.topic-link-title').allTextContents()).toEqual(['Licensing', 'Noise']);
  const stored = await storedWorkspace(id);
  expect(stored.focusPoints.list().map((p) => p.text).sort()).toEqual(
    ['Added in the browser', 'Added in the file', 'Invite the night mayor', 'Urgent: Compare licensing hours in 12 cities'].sort(),
  );

  // The first backup, as a separate copy: a new workspace with the old content; this one unchanged.
  await goTo(page, '/');
  await restoreOnHome(originalFile);
  await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  await dialog.getByTestId('restore-copy').click();
  await expect.poll(() => page.getByTestId('backup-restored').textContent()).toMatch(/^Imported the backup of .* as a separate workspace, “Night-time economy \(copy\)”\. Open it$/);
  const copyRow = page.getByTestId('workspace-row').filter({ hasText: 'Night-time economy (copy)' });
  await copyRow.waitFor();
  const copyId = await copyRow.getAttribute('data-workspace-id');
  expect(copyId).not.toBe(id);
  await page.getByTestId('open-restored').click();
  await workspaceNamed(page, 'Night-time economy (copy)').waitFor();
  await expect.poll(() => pointTexts(page)).toEqual(['Compare licensing hours', 'Invite the night mayor']);
  const storedAgain = await storedWorkspace(id);
  expect(storedAgain.encodeState()).toEqual(stored.encodeState());

  // In settings: merge a further edit from the file, after a confirmation.
  elsewhere.applyUpdate(stored.encodeState());
  elsewhere.focusPoints.setStatus(hours!.id, 'done');
  const later = writeFile('later.tavola.json', exportBackup(elsewhere, id));
  await goTo(page, `/w/${id}/settings`);
  await page.getByTestId('merge-file').setInputFiles(later);
  const confirm = page.getByTestId('merge-confirm');
  await expect.poll(() => confirm.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
  expect(await confirm.locator('h2').textContent()).toBe('Merge the backup into “Night-time economy”?');
  await page.screenshot({ path: path.join(SCREENS_DIR, 'backup-1280-settings-merge.png') });
  await confirm.getByTestId('merge-backup').click();
  await expect
    .poll(() => page.getByTestId('backup-merged').textContent())
    .toBe('Merged the backup into “Night-time economy”: its changes were combined with the ones here.');
  // The same file again: nothing to add.
  await page.getByTestId('merge-file').setInputFiles(later);
  await confirm.getByTestId('merge-backup').click();
  await expect.poll(() => page.getByTestId('backup-merged').textContent()).toBe('Everything in the backup was already in “Night-time economy”: nothing changed.');
  await goTo(page, `/w/${id}/topics`);
  await page.getByTestId('topic-link').filter({ hasText: 'Licensing' }).click();
  await expect.poll(async () => (await valuesOf(page.getByTestId('status'))).slice(0, 2)).toEqual(['done', 'agreed']);

  for (const workspace of [elsewhere, stored, storedAgain]) workspace.destroy();
  expectCleanPages(browser);
});
