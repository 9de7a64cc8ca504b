import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { LIMITS, PRACTICE_SECTIONS, SCHEMA_VERSION, Workspace, migrationClientId, type RichNode } from '../../src/model';

/** A sheet as a schema-2 peer wrote it: sections as Y.Text at the section's key, no fragments. */
function oldWorkspace(sections: Partial<Record<(typeof PRACTICE_SECTIONS)[number], string>>, notes = ''): { update: Uint8Array; practiceId: string; meetingId: string } {
  const ws = new Workspace();
  ws.initialise({ name: 'Old group' });
  const practiceId = ws.practices.add({ title: 'Pact' });
  const meetingId = ws.meetings.add({ title: 'Kick-off', date: '2024-01-10' });
  ws.doc.transact(() => {
    const practice = ws.doc.getMap('practices').get(practiceId) as Y.Map<unknown>;
    for (const section of PRACTICE_SECTIONS) {
      practice.delete(`${section}Doc`);
      practice.set(section, new Y.Text(sections[section] ?? ''));
    }
    const meeting = ws.doc.getMap('meetings').get(meetingId) as Y.Map<unknown>;
    meeting.delete('notesDoc');
    meeting.set('notes', new Y.Text(notes));
    ws.doc.getMap('meta').set('schemaVersion', 2);
  });
  return { update: ws.encodeState(), practiceId, meetingId };
}

function open(update: Uint8Array): Workspace {
  const ws = new Workspace();
  ws.applyUpdate(update);
  return ws;
}

function exchange(a: Workspace, b: Workspace, order: 'a-first' | 'b-first'): void {
  const toB = a.encodeStateSince(b.stateVector());
  const toA = b.encodeStateSince(a.stateVector());
  if (order === 'a-first') {
    b.applyUpdate(toB);
    a.applyUpdate(toA);
  } else {
    a.applyUpdate(toA);
    b.applyUpdate(toB);
  }
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('rich text: layout and reading', () => {
  it('creates one fragment per section and for the notes with the record, in the same transaction', () => {
    const ws = new Workspace();
    const transactions: number[] = [];
    ws.doc.on('afterTransaction', () => transactions.push(1));
    const id = ws.practices.add({ title: 'Pact', context: 'First line\nSecond line' });
    expect(transactions).toHaveLength(1);
    const record = ws.doc.getMap('practices').get(id) as Y.Map<unknown>;
    for (const section of PRACTICE_SECTIONS) expect(record.get(`${section}Doc`)).toBeInstanceOf(Y.XmlFragment);
    expect(ws.practices.sectionDoc(id, 'context')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First line' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Second line' }] },
      ],
    });
    expect(ws.practices.sectionText(id, 'context')).toBe('First line\nSecond line');
    const meeting = ws.meetings.add({ title: 'M', date: '2024-02-02', notes: 'Agreed' });
    expect((ws.doc.getMap('meetings').get(meeting) as Y.Map<unknown>).get('notesDoc')).toBeInstanceOf(Y.XmlFragment);
    expect(ws.meetings.notesDoc(meeting)).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Agreed' }] }] });
  });

  it('reads what y-prosemirror writes: headings, lists, marks, links, hard breaks, and drops unsafe links', () => {
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Pact' });
    const fragment = (ws.doc.getMap('practices').get(id) as Y.Map<unknown>).get('activitiesDoc') as Y.XmlFragment;
    ws.doc.transact(() => {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 1 as unknown as string);
      heading.insert(0, [new Y.XmlText('Steps')]);
      const para = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.applyDelta([
        { insert: 'Bold', attributes: { bold: {} } },
        { insert: ' and ' },
        { insert: 'site', attributes: { link: { href: 'https://example.org/' }, italic: {} } },
        { insert: ' evil', attributes: { link: { href: 'javascript:alert(1)' } } },
      ]);
      para.insert(0, [text, new Y.XmlElement('hard_break'), new Y.XmlText('next')]);
      const list = new Y.XmlElement('ordered_list');
      const item = new Y.XmlElement('list_item');
      const itemPara = new Y.XmlElement('paragraph');
      itemPara.insert(0, [new Y.XmlText('One')]);
      item.insert(0, [itemPara]);
      list.insert(0, [item]);
      fragment.insert(0, [heading, para, list]);
    });
    const doc = ws.practices.sectionDoc(id, 'activities');
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Steps' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' and ' },
            { type: 'text', text: 'site', marks: [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://example.org/' } }] },
            { type: 'text', text: ' evil' },
            { type: 'hard_break' },
            { type: 'text', text: 'next' },
          ],
        },
        { type: 'ordered_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }] }] }] },
      ],
    } satisfies RichNode);
    expect(ws.practices.get(id)!.activities).toBe('Steps\nBold and site evil\nnext\nOne');
  });

  it('repairs what a hostile peer writes: unknown elements unwrapped, loose text wrapped, empty lists dropped', () => {
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Pact' });
    const fragment = (ws.doc.getMap('practices').get(id) as Y.Map<unknown>).get('budgetDoc') as Y.XmlFragment;
    ws.doc.transact(() => {
      const script = new Y.XmlElement('script');
      script.insert(0, [new Y.XmlText('kept as text')]);
      fragment.insert(0, [new Y.XmlText('loose'), script, new Y.XmlElement('bullet_list')]);
    });
    expect(ws.practices.sectionDoc(id, 'budget')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'loose' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'kept as text' }] },
      ],
    });
  });

  it('applies the section limit to the plain text, from LIMITS', () => {
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Pact' });
    expect(ws.practices.section(id, 'budget')!.maxLength).toBe(LIMITS.practiceSection);
    expect(() => ws.practices.add({ title: 'Too long', budget: 'x'.repeat(LIMITS.practiceSection + 1) })).toThrow(/more than|not a valid/);
    ws.practices.section(id, 'budget')!.insertText(0, 0, 'x'.repeat(LIMITS.practiceSection + 5));
    const read = ws.practices.read(id)!;
    expect(read.ok && read.record.budget.length).toBe(LIMITS.practiceSection);
    expect(read.ok && read.repaired).toContain('budget');
  });

  it('edits by block: insert, delete, format, block type, list wrap, each one named action', () => {
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Pact', objectives: 'Safer ports\nFewer drugs' });
    const origins: string[] = [];
    ws.doc.on('afterTransaction', (t: Y.Transaction) => origins.push((t.origin as { name?: string })?.name ?? ''));
    const text = ws.practices.section(id, 'objectives')!;
    text.insertText(0, 5, ' and calmer');
    text.format(0, 0, 5, 'bold', true);
    text.setBlockType(0, 'heading2');
    expect(text.wrapInList(1, 'bullet_list')).toBe(true);
    text.deleteText(1, 0, 6);
    expect(text.toJSON()).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Safer', marks: [{ type: 'bold' }] }, { type: 'text', text: ' and calmer ports' }] },
        { type: 'bullet_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'drugs' }] }] }] },
      ],
    });
    text.format(0, 0, 5, 'bold', false);
    expect(text.text).toBe('Safer and calmer ports\ndrugs');
    expect(JSON.stringify(text.toJSON())).not.toContain('bold');
    expect(new Set(origins)).toEqual(new Set(['practices.objectives.edit']));
  });
});

describe('rich text: migration of plain sections', () => {
  it('migrates an old sheet once, keeps the old Y.Text, and bumps the schema', () => {
    const { update, practiceId, meetingId } = oldWorkspace({ context: 'Port of Rotterdam\nSince 2019' }, 'Decided: pact');
    const ws = open(update);
    expect(ws.practices.section(practiceId, 'context')).toBeUndefined();
    // Not migrated yet: the plain text reads, as paragraphs.
    expect(ws.practices.sectionDoc(practiceId, 'context')).toMatchObject({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'paragraph' }] });
    expect(ws.practices.get(practiceId)!.context).toBe('Port of Rotterdam\nSince 2019');
    const done = ws.migrate();
    expect(done.join('; ')).toMatch(/5 practice sections kept as rich text/);
    expect(done.join('; ')).toMatch(/1 meeting note kept as rich text/);
    expect(ws.meta().schemaVersion).toBe(SCHEMA_VERSION);
    expect(ws.practices.section(practiceId, 'context')!.text).toBe('Port of Rotterdam\nSince 2019');
    expect(ws.meetings.notes(meetingId)!.text).toBe('Decided: pact');
    const record = ws.doc.getMap('practices').get(practiceId) as Y.Map<unknown>;
    expect((record.get('context') as Y.Text).toString()).toBe('Port of Rotterdam\nSince 2019');
    // Once: a second run writes nothing.
    const before = Y.encodeStateVector(ws.doc);
    expect(ws.practices.migrateSections()).toBe(0);
    expect(Y.encodeStateVector(ws.doc)).toEqual(before);
  });

  it('migrates under a deterministic client id, never the document’s own, and undo does not take it back', () => {
    const { update, practiceId } = oldWorkspace({ budget: '€ 40 000' });
    const ws = open(update);
    const own = ws.doc.clientID;
    ws.migrate();
    expect(ws.doc.clientID).toBe(own);
    const clients = [...ws.stateVector().keys()];
    expect(clients).toContain(migrationClientId(practiceId, 'budget', '€ 40 000'));
    expect(migrationClientId(practiceId, 'budget', '€ 40 000')).toBeGreaterThan(2 ** 32);
    expect(migrationClientId(practiceId, 'budget', '€ 40 000')).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(migrationClientId(practiceId, 'budget', '€ 40 000')).not.toBe(migrationClientId(practiceId, 'budget', '€ 40 001'));
  });

  for (const order of ['a-first', 'b-first'] as const) {
    it(`two peers migrating the same sheet at once keep one copy of the text (${order})`, () => {
      const { update, practiceId, meetingId } = oldWorkspace({ context: 'Port of Rotterdam', activities: 'Checks\nTraining' }, 'Notes once');
      const a = open(update);
      const b = open(update);
      a.migrate();
      b.migrate();
      exchange(a, b, order);
      for (const ws of [a, b]) {
        expect(ws.practices.get(practiceId)!.context).toBe('Port of Rotterdam');
        expect(ws.practices.get(practiceId)!.activities).toBe('Checks\nTraining');
        expect(ws.meetings.get(meetingId)!.notes).toBe('Notes once');
      }
      expect(a.practices.sectionDoc(practiceId, 'activities')).toEqual(b.practices.sectionDoc(practiceId, 'activities'));
      expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    });

    it(`migration and concurrent typing on both peers: one copy, every word kept (${order})`, () => {
      const { update, practiceId } = oldWorkspace({ context: 'Port of Rotterdam' });
      const a = open(update);
      const b = open(update);
      a.migrate();
      a.practices.section(practiceId, 'context')!.insertText(0, 0, 'Amsterdam: ');
      b.migrate();
      b.practices.section(practiceId, 'context')!.insertText(0, 'Port of Rotterdam'.length, ' and Gent');
      exchange(a, b, order);
      for (const ws of [a, b]) {
        const text = ws.practices.get(practiceId)!.context;
        expect(count(text, 'Port of Rotterdam')).toBe(1);
        expect(text).toBe('Amsterdam: Port of Rotterdam and Gent');
      }
    });
  }

  it('never migrates a document still waiting for its workspace', () => {
    const { update, practiceId } = oldWorkspace({ context: 'Waiting' });
    const ws = open(update);
    const meta = ws.doc.getMap('meta');
    ws.doc.transact(() => {
      for (const key of [...meta.keys()]) meta.delete(key);
    });
    expect(ws.received()).toBe(false);
    const before = Y.encodeStateVector(ws.doc);
    expect(ws.practices.migrateSections()).toBe(0);
    expect(ws.meetings.migrateNotes()).toBe(0);
    expect(Y.encodeStateVector(ws.doc)).toEqual(before);
    expect(ws.practices.section(practiceId, 'context')).toBeUndefined();
  });

  it('peers migrating different texts (an old peer typed meanwhile): one fragment wins, never doubled', () => {
    const { update, practiceId } = oldWorkspace({ evaluation: 'Results' });
    const a = open(update);
    const b = open(update);
    // b's old Y.Text got a word before it migrated (typed by a schema-2 peer, say).
    const legacy = (b.doc.getMap('practices').get(practiceId) as Y.Map<unknown>).get('evaluation') as Y.Text;
    b.doc.transact(() => legacy.insert(7, ' so far'));
    a.migrate();
    b.migrate();
    exchange(a, b, 'a-first');
    const texts = [a, b].map((ws) => ws.practices.get(practiceId)!.evaluation);
    expect(texts[0]).toBe(texts[1]);
    expect(['Results', 'Results so far']).toContain(texts[0]);
  });

  it('an old workspace file, a backup and a named version still open', async () => {
    const { readFileSync } = await import('node:fs');
    const ws = new Workspace();
    ws.applyUpdate(new Uint8Array(readFileSync(new URL('../fixtures/workspace-v1.yjs', import.meta.url))));
    const before = ws.practices.list().map((p) => [p.id, PRACTICE_SECTIONS.map((s) => p[s])]);
    ws.migrate();
    const after = ws.practices.list().map((p) => [p.id, PRACTICE_SECTIONS.map((s) => p[s])]);
    expect(after).toEqual(before);
    for (const p of ws.practices.list()) for (const s of PRACTICE_SECTIONS) expect(ws.practices.section(p.id, s)!.text).toBe(p[s]);
  });
});
