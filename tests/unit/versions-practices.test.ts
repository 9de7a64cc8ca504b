import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { summarise, Workspace, type RichNode } from '../../src/model';
import { diffPractices, openVersion, practiceChangesSince, saveVersion, takeSnapshot } from '../../src/model/versions-diff';

function sheetWorkspace() {
  const ws = new Workspace();
  ws.initialise({ name: 'Port cities' });
  const rtm = ws.members.add({ name: 'Rotterdam', kind: 'city', country: 'NL' });
  const pact = ws.practices.add({ title: 'Port security pact', memberId: rtm, partners: 'Customs', context: 'Containers screened.', budget: 'EUR 40 000 a year.' });
  const other = ws.practices.add({ title: 'Night-time economy', objectives: 'Safer nights.' });
  return { ws, rtm, pact, other };
}

describe('named versions keep practice sheets', () => {
  it('keeps every live sheet with its header and the rich text of each section', () => {
    const { ws, pact } = sheetWorkspace();
    ws.practices.setPeriod(pact, '2019-03', '');
    const version = saveVersion(ws, 'Before the review', 'Anna');
    const snapshot = ws.versions.get(version)!.snapshot!;
    expect(snapshot.practices!.map((p) => p.title)).toEqual(['Port security pact', 'Night-time economy']);
    const kept = snapshot.practices![0]!;
    expect(kept).toMatchObject({ id: pact, partners: 'Customs', periodStart: '2019-03', periodEnd: '', status: 'draft' });
    expect(kept.sections.context).toEqual(ws.practices.sectionDoc(pact, 'context'));
    expect(kept.sections.context.type).toBe('doc');
    expect(summarise(ws.versions.get(version)!).practices).toBe(2);
    // Opened again, as another peer reads it.
    const b = new Workspace();
    b.applyUpdate(Y.encodeStateAsUpdate(ws.doc));
    expect(b.versions.get(version)!.snapshot).toEqual(snapshot);
  });

  it('shows, sheet by sheet and section by section, what changed since', () => {
    const { ws, pact, other } = sheetWorkspace();
    const version = saveVersion(ws, 'v1', 'Anna');
    ws.practices.section(pact, 'context')!.set('Containers screened at the quay.');
    ws.practices.headerText(pact, 'partners')!.set('Customs, Police');
    ws.practices.update(pact, { status: 'final' });
    ws.practices.remove(other);
    const added = ws.practices.add({ title: 'Youth work', evaluation: 'Fewer recruits.' });
    const result = practiceChangesSince(ws, version);
    expect(result.ok).toBe(true);
    const changes = result.ok ? result.practices! : [];
    expect(changes.map((c) => [c.title, c.kind])).toEqual([
      ['Port security pact', 'changed'],
      ['Youth work', 'added'],
      ['Night-time economy', 'removed'],
    ]);
    expect(changes[0]!.fields).toEqual([
      { field: 'partners', before: 'Customs', after: 'Customs, Police' },
      { field: 'status', before: 'draft', after: 'final' },
    ]);
    expect(changes[0]!.sections).toEqual([{ section: 'context', before: 'Containers screened.', after: 'Containers screened at the quay.', formattingOnly: false }]);
    expect(changes[1]).toMatchObject({ id: added, sections: [{ section: 'evaluation', before: '', after: 'Fewer recruits.' }] });
    expect(changes[2]!.sections).toEqual([{ section: 'objectives', before: 'Safer nights.', after: '', formattingOnly: false }]);
  });

  it('tells a change of formatting alone from a change of text', () => {
    const { ws } = sheetWorkspace();
    const before = takeSnapshot(ws);
    const after = structuredClone(before);
    const bolded: RichNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Containers screened.', marks: [{ type: 'bold' }] }] }] };
    after.practices![0]!.sections.context = bolded;
    expect(diffPractices(before, after)![0]!.sections).toEqual([{ section: 'context', before: 'Containers screened.', after: 'Containers screened.', formattingOnly: true }]);
    expect(diffPractices(before, before)).toEqual([]);
  });

  it('opens a version saved before sheets were kept: its topics show, and its sheets are said to be unknown', () => {
    const { ws } = sheetWorkspace();
    ws.topics.add('Ports');
    const id = 'old-version-1';
    // As the earlier code wrote it: topics and focus points only.
    ws.doc.transact(() => {
      const record = new Y.Map<unknown>();
      ws.doc.getMap('versions').set(id, record);
      record.set('id', id);
      record.set('order', 'a0');
      record.set('createdAt', '2021-01-01T00:00:00.000Z');
      record.set('deletedAt', null);
      record.set('name', 'Old');
      record.set('createdBy', '');
      record.set('snapshot', { topics: [{ id: 'topic-1', order: 'a0', title: 'Ports' }], focusPoints: [] });
    });
    const opened = openVersion(ws, id);
    expect(opened.ok && opened.view.topics.map((t) => t.title)).toEqual(['Ports']);
    expect(summarise(ws.versions.get(id)!).practices).toBeNull();
    const changes = practiceChangesSince(ws, id);
    expect(changes).toMatchObject({ ok: true, practices: null });
  });

  it('refuses a snapshot whose section is not rich text, as it refuses any bad snapshot', () => {
    const { ws } = sheetWorkspace();
    const snapshot = takeSnapshot(ws) as unknown as { practices: { sections: Record<string, unknown> }[] };
    snapshot.practices[0]!.sections.context = { type: 'script', content: [] };
    expect(() => ws.versions.save('Bad', '', snapshot as never)).toThrow(/versions\.snapshot/);
    // Written by another program: listed, not opened.
    const id = saveVersion(ws, 'Good', '');
    ws.doc.transact(() => (ws.doc.getMap('versions').get(id) as Y.Map<unknown>).set('snapshot', snapshot));
    expect(ws.versions.get(id)!.snapshot).toBeNull();
    expect(openVersion(ws, id)).toMatchObject({ ok: false });
  });
});
