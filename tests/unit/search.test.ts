// The search index (src/search): every kind and searched field, case and accent folding,
// snippets, and updates from the model's change observers, a partner's included.
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { Workspace } from '../../src/model';
import { buildWorkingGroup } from '../../src/model/sample';
import { fold, snippet } from '../../src/search/fold';
import { SearchIndex, type SearchHit } from '../../src/search';

function workspace(): Workspace {
  const ws = new Workspace();
  ws.initialise({ name: 'Search' });
  return ws;
}

const keys = (hits: SearchHit[]) => hits.map((hit) => `${hit.kind}:${hit.field}`);
const marked = (hit: SearchHit) => hit.snippet.filter((part) => part.mark).map((part) => part.text);
const snippetText = (hit: SearchHit) => hit.snippet.map((part) => part.text).join('');
/** Microtasks run: the index's change notice goes out in one. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('folding', () => {
  test('lowercase and without accents, in the six languages and beyond', () => {
    expect(fold('Düsseldorf')).toBe('dusseldorf');
    expect(fold('Coopération')).toBe('cooperation');
    expect(fold('COOPERAÇÃO')).toBe('cooperacao');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('Città')).toBe('citta');
    expect(fold('Señal')).toBe('senal');
    expect(fold('Ørsted Łódź Œuvre')).toBe('orsted lodz oeuvre');
    // Already decomposed (NFD) text folds the same.
    expect(fold('Coope\u0301ration')).toBe('cooperation');
  });

  test('a snippet marks the matched words where they are in the original text', () => {
    const text = 'La coopération entre villes portuaires est essentielle pour la Coopération européenne.';
    const parts = snippet(text, ['cooperation'])!;
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['coopération', 'Coopération']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    // Only where a word starts: "operation" is inside "coopération".
    expect(snippet(text, ['operation'])).toBeNull();
  });

  test('a long text is cut around the first match, at word boundaries', () => {
    const text = `${'Lorem ipsum dolor sit amet '.repeat(10)}Zusammenarbeit mit Düsseldorf ${'und weitere Worte '.repeat(20)}`;
    const parts = snippet(text, ['dusseldorf'])!;
    const joined = parts.map((p) => p.text).join('');
    expect(joined.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined.length).toBeLessThan(200);
    expect(parts.find((p) => p.mark)?.text).toBe('Düsseldorf');
    expect(joined).toMatch(/^…\S/);
    // One that fits is shown whole, however far in the match is.
    const title = 'Administrative approach to keep organised crime out of local licences';
    expect(snippet(title, ['licences'])!.map((p) => p.text)).toEqual(['Administrative approach to keep organised crime out of local ', 'licences']);
  });
});

describe('the search index', () => {
  test('finds every kind in every searched field, case and accent insensitive', () => {
    const ws = workspace();
    const topic = ws.topics.add('Zusammenarbeit der Hafenstädte');
    const point = ws.focusPoints.add({ topicId: topic, text: 'Échanger avec Düsseldorf sur la prévention' });
    const meeting = ws.meetings.add({ title: 'Réunion à Lisboa', date: '2024-05-02' });
    ws.meetings.notes(meeting)!.set('Decidimos a cooperação com Porto.\nOutra linha.');
    const member = ws.members.add({ name: 'Città di Torino', kind: 'city', country: 'IT' });
    const practice = ws.practices.add({
      title: 'Barrio seguro',
      context: 'Kontext: Nachbarschaft',
      objectives: 'Objectif: confiance',
      activities: 'Attività: pattuglie',
      budget: 'Presupuesto: modesto',
      evaluation: 'Evaluatie: jaarlijks',
      partners: 'Polícia Municipal',
      contactName: 'Zoë Janssens',
    });
    const index = new SearchIndex(ws);
    expect(index.size).toBe(5);

    const only = (query: string) => {
      const { hits } = index.search(query);
      expect(hits, query).toHaveLength(1);
      return hits[0]!;
    };
    expect(only('zusammenarbeit')).toMatchObject({ kind: 'topic', id: topic, field: 'title', heading: 'Zusammenarbeit der Hafenstädte' });
    expect(only('hafenstadte').headingParts?.find((p) => p.mark)?.text).toBe('Hafenstädte');
    const pointHit = only('dusseldorf');
    expect(pointHit).toMatchObject({ kind: 'focusPoint', id: point, field: 'text', topicId: topic, topicTitle: 'Zusammenarbeit der Hafenstädte' });
    expect(marked(pointHit)).toEqual(['Düsseldorf']);
    expect(only('PREVENTION').kind).toBe('focusPoint');
    expect(only('reunion')).toMatchObject({ kind: 'meeting', id: meeting, field: 'title', date: '2024-05-02' });
    const notes = only('cooperacao');
    expect(notes).toMatchObject({ kind: 'meeting', field: 'notes' });
    expect(marked(notes)).toEqual(['cooperação']);
    expect(only('citta')).toMatchObject({ kind: 'member', id: member, field: 'name' });
    expect(only('barrio')).toMatchObject({ kind: 'practice', id: practice, field: 'title' });
    const sections = ['nachbarschaft', 'confiance', 'attivita', 'presupuesto', 'jaarlijks', 'policia', 'zoe'].map((q) => only(q).field);
    expect(sections).toEqual(['context', 'objectives', 'activities', 'budget', 'evaluation', 'partners', 'contactName']);
  });

  test('prefixes and small typos match; every word of the query must', () => {
    const ws = workspace();
    const topic = ws.topics.add('Ports');
    ws.focusPoints.add({ topicId: topic, text: 'Coopération transfrontalière entre ports' });
    ws.focusPoints.add({ topicId: topic, text: 'Prévention de la traite' });
    const index = new SearchIndex(ws);
    expect(keys(index.search('coop').hits)).toEqual(['focusPoint:text']);
    expect(keys(index.search('cooperatoin').hits)).toEqual(['focusPoint:text']);
    expect(index.search('coop prevention').hits).toEqual([]);
    expect(index.search('prev traite').hits.map((hit) => hit.heading)).toEqual(['Prévention de la traite']);
    expect(index.search('   ').hits).toEqual([]);
    expect(index.search('xyzzy').total).toBe(0);
  });

  test('the sample working group: the total counts every match, the hits the first ones', () => {
    const ws = new Workspace();
    buildWorkingGroup(ws);
    const index = new SearchIndex(ws);
    const all = index.search('port', 1000);
    // The ports topic and three of its points say "port" or "ports".
    expect(all.total).toBe(4);
    expect(all.hits).toHaveLength(4);
    expect(new Set(all.hits.map((hit) => hit.kind))).toEqual(new Set(['topic', 'focusPoint']));
    const few = index.search('port', 2);
    expect(few.hits).toHaveLength(2);
    expect(few.total).toBe(4);
  });

  test('edits, deletions and restores reach the index, and a listener hears of them', async () => {
    const ws = workspace();
    const topic = ws.topics.add('Ports');
    const point = ws.focusPoints.add({ topicId: topic, text: 'Nothing special' });
    const index = new SearchIndex(ws);
    let notices = 0;
    index.onChange(() => notices++);
    expect(index.search('zusammenarbeit').hits).toEqual([]);

    ws.focusPoints.textOf(point)!.set('Zusammenarbeit mit Häfen');
    await settle();
    expect(notices).toBe(1);
    expect(index.search('zusammenarbeit').hits.map((hit) => hit.id)).toEqual([point]);
    expect(index.search('nothing').hits).toEqual([]);

    ws.focusPoints.remove(point);
    expect(index.search('zusammenarbeit').hits).toEqual([]);
    ws.focusPoints.restore(point);
    expect(index.search('zusammenarbeit').hits.map((hit) => hit.id)).toEqual([point]);

    // A point of a deleted topic is not found while its topic is deleted.
    ws.topics.remove(topic);
    expect(index.search('zusammenarbeit').hits).toEqual([]);
    ws.topics.restore(topic);
    expect(index.search('zusammenarbeit').total).toBe(1);

    // A topic renamed: its points show the new title.
    ws.topics.title(topic)!.set('Häfen');
    expect(index.search('zusammenarbeit').hits[0]!.topicTitle).toBe('Häfen');
    // Moved to a deleted topic: not found, and not counted; moved back: found again.
    const other = ws.topics.add('Other');
    ws.topics.remove(other);
    ws.focusPoints.move(point, 0, other);
    expect(index.search('zusammenarbeit')).toEqual({ hits: [], total: 0 });
    ws.focusPoints.move(point, 0, topic);
    expect(index.search('zusammenarbeit').hits.map((hit) => hit.topicId)).toEqual([topic]);

    const member = ws.members.add({ name: 'Düsseldorf', kind: 'city', country: 'DE' });
    expect(index.search('dusseldorf').hits.map((hit) => hit.id)).toEqual([member]);
    ws.members.update(member, { name: 'Köln' });
    expect(index.search('dusseldorf').hits).toEqual([]);
    expect(index.search('koln').hits.map((hit) => hit.id)).toEqual([member]);

    const practice = ws.practices.add({ title: 'Sheet' });
    ws.practices.section(practice, 'budget')!.set('Financement européen');
    expect(index.search('europeen').hits.map((hit) => hit.field)).toEqual(['budget']);
    expect(index.size).toBe(4); // the topic, the point, the member, the sheet (the deleted topic left)

    // A change to a field not searched (a status) is not a notice.
    await settle();
    const before = notices;
    ws.focusPoints.setStatus(point, 'agreed');
    await settle();
    expect(notices).toBe(before);
  });

  test("a partner's edits, arriving as updates, reach the index", () => {
    const ours = workspace();
    const theirs = new Workspace(new Y.Doc());
    theirs.applyUpdate(ours.encodeState());
    const sync = () => ours.applyUpdate(Y.encodeStateAsUpdate(theirs.doc, Y.encodeStateVector(ours.doc)));
    const index = new SearchIndex(ours);
    expect(index.size).toBe(0);

    const topic = theirs.topics.add('Coopération portuaire');
    const point = theirs.focusPoints.add({ topicId: topic, text: 'Premier point' });
    const meeting = theirs.meetings.add({ title: 'Kick-off', date: '2024-01-10' });
    sync();
    expect(index.search('cooperation').hits.map((hit) => hit.id)).toEqual([topic]);
    expect(index.search('premier').hits.map((hit) => hit.id)).toEqual([point]);

    theirs.focusPoints.textOf(point)!.set('Premier point, revu à Genève');
    theirs.meetings.notes(meeting)!.set('Notes de Genève');
    sync();
    expect(index.search('geneve').hits.map((hit) => `${hit.kind}:${hit.field}`).sort()).toEqual(['focusPoint:text', 'meeting:notes']);

    theirs.meetings.remove(meeting);
    sync();
    expect(index.search('geneve').hits.map((hit) => hit.kind)).toEqual(['focusPoint']);
    expect(index.size).toBe(2);
    index.destroy();
    // Stopped: no longer follows the document.
    theirs.topics.add('Après la fin');
    sync();
    expect(index.search('apres').hits).toEqual([]);
  });

  test('built in pieces: nothing is found until it is done, then every record, with the changes made meanwhile', async () => {
    const ws = workspace();
    const topic = ws.topics.add('Ports');
    const ids = Array.from({ length: 25 }, (_, i) => ws.focusPoints.add({ topicId: topic, text: `Punkt ${i}` }));
    const pauses: (() => void)[] = [];
    const index = new SearchIndex(ws, { chunked: { size: 10, pause: () => new Promise<void>((resolve) => pauses.push(resolve)) } });
    let notices = 0;
    index.onChange(() => notices++);
    expect(index.search('punkt')).toEqual({ hits: [], total: 0, preparing: true });
    expect(index.isReady).toBe(false);
    // Meanwhile: a point already indexed edited, one not indexed yet deleted, one added.
    ws.focusPoints.textOf(ids[0]!)!.set('Zusammenarbeit');
    ws.focusPoints.remove(ids[24]!);
    const added = ws.focusPoints.add({ topicId: topic, text: 'Punkt neu' });
    let rounds = 0;
    while (!index.isReady && rounds++ < 10) {
      pauses.shift()?.();
      await settle();
    }
    await index.ready;
    expect(rounds).toBe(3);
    expect(notices).toBeGreaterThan(0);
    const found = index.search('punkt', 100);
    expect(found.total).toBe(24);
    expect(found.hits.map((hit) => hit.id)).toContain(added);
    expect(found.hits.map((hit) => hit.id)).not.toContain(ids[24]);
    expect(index.search('zusammenarbeit').hits.map((hit) => hit.id)).toEqual([ids[0]]);
    expect(index.size).toBe(26);
  });

  test('searching writes nothing to the document', () => {
    const ws = new Workspace();
    buildWorkingGroup(ws);
    const before = Y.encodeStateVector(ws.doc);
    const index = new SearchIndex(ws);
    index.search('port crime');
    index.search('amsterdam');
    expect(Y.encodeStateVector(ws.doc)).toEqual(before);
    expect(snippetText(index.search('amsterdam').hits.find((hit) => hit.kind === 'member')!)).toBe('Amsterdam');
  });
});
