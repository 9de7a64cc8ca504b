import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, Workspace } from '../../src/model';
import { baseFields, type Field } from '../../src/model/collection';
import { focusPointFields } from '../../src/model/focus-point';
import { meetingFields } from '../../src/model/meeting';
import { memberFields } from '../../src/model/member';
import { practiceFields } from '../../src/model/practice';
import { topicFields } from '../../src/model/topic';
import { versionFields } from '../../src/model/version';

/** docs/document.md is a contract: these tests keep it true to the code. */

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(`${root}docs/document.md`, 'utf8');

/** The `| \`field\` | storage |` rows of the first table after `heading`. */
function fieldTable(heading: string): [string, string][] {
  const start = page.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const section = page.slice(start + heading.length).split(/\n#{2,3} /)[0]!;
  return [...section.matchAll(/^\| `(\w+)` \| (\w+) \|/gm)].map((m) => [m[1]!, m[2]!]);
}

function storageOf(fields: Record<string, Field<unknown>>, withoutBase = true): [string, string][] {
  return Object.entries(fields)
    .filter(([name]) => !withoutBase || !(name in baseFields))
    .map(([name, field]) => [name, field.storage]);
}

describe('docs/document.md', () => {
  it('lists every field of every record kind, stored the way the code stores it', () => {
    expect(fieldTable('## Fields every record has')).toEqual(storageOf(baseFields as never, false));
    expect(fieldTable('### `members`')).toEqual(storageOf(memberFields as never));
    expect(fieldTable('### `topics`')).toEqual(storageOf(topicFields as never));
    expect(fieldTable('### `focusPoints`')).toEqual(storageOf(focusPointFields as never));
    expect(fieldTable('### `meetings`')).toEqual(storageOf(meetingFields as never));
    expect(fieldTable('### `practices` (practice sheets)')).toEqual(storageOf(practiceFields as never));
    expect(fieldTable('### `versions` (named versions)')).toEqual(storageOf(versionFields as never));
  });

  it('has a worked example whose workspace Tavola reads with nothing to repair', () => {
    const blocks = [...page.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    // Run as a real program with the project's node_modules, as a reader of the page would.
    const output = execFileSync(process.execPath, ['--input-type=module'], { cwd: root, input: blocks.join('\n'), encoding: 'utf8' });
    const [updateLine, listLine] = output.trim().split('\n');

    const ws = new Workspace(new Y.Doc());
    ws.applyUpdate(Buffer.from(updateLine!, 'base64'));
    expect(ws.compatibility()).toEqual({ kind: 'ok' });
    expect(ws.meta()).toMatchObject({ name: 'Night-time economy', description: 'Cities comparing how they run the night.' });
    expect(ws.problems()).toEqual([]);

    const topics = ws.topics.list();
    expect(topics.map((t) => t.title)).toEqual(['Licensing and night mayors']);
    const points = ws.focusPoints.ofTopic(topics[0]!.id);
    expect(points.map((p) => [p.text, p.status])).toEqual([['Invite the Amsterdam night mayor', 'agreed']]);
    expect(ws.focusPoints.ofTopic(topics[0]!.id, 'only').map((p) => p.text)).toEqual(['Compare licensing hours']);
    for (const collection of [ws.topics, ws.focusPoints]) {
      for (const result of collection.readAll()) expect(result).toMatchObject({ ok: true, repaired: [] });
    }

    // The plain reader in the page lists what Tavola lists.
    expect(JSON.parse(listLine!)).toEqual(points.map((p) => ({ id: p.id, order: p.order, text: p.text, status: p.status })));

    // And Tavola can go on editing it: restore the deleted point, add one between.
    const deleted = ws.focusPoints.ofTopic(topics[0]!.id, 'only')[0]!;
    ws.focusPoints.restore(deleted.id);
    ws.focusPoints.add({ topicId: topics[0]!.id, text: 'Between' }, 1);
    expect(ws.focusPoints.ofTopic(topics[0]!.id).map((p) => p.text)).toEqual(['Compare licensing hours', 'Between', 'Invite the Amsterdam night mayor']);
  });

  it('names the schema version the code writes', () => {
    expect(page).toContain('describes version **3**');
    expect(page).toContain('# The workspace document (layout version 3)');
    const ws = new Workspace();
    ws.initialise({ name: 'x' });
    expect(ws.meta().schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(3);
  });
});
