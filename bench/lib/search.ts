// The search figure (docs/performance.md): first results for a query on the generated workspace
// (10,000 focus points in the full run), with the app's own index (src/search), against a plain
// scan of the same texts. In Node, on the model: the index is the same code the app loads.
import { PRACTICE_SECTIONS, type Workspace } from '../../src/model';
import { SearchIndex } from '../../src/search';
import { fold } from '../../src/search/fold';
import { median } from './pages';

/** Queries a person might type: a common word, two words, a prefix, a name, a typo. */
export const SEARCH_QUERIES = ['laundering', 'integrity screening', 'procur', 'Rotterdam', 'cooperaton', 'night economy mayor'];

export interface SearchBench {
  queries: string[];
  /** Building the index from every record, once, as the app does when the box is first used. */
  buildMs: number;
  /** Build and the first query: the very first results the person sees. */
  firstQueryMs: number;
  /** Per query, the median of `runs` searches on the built index, and of the scan. */
  indexMs: number[];
  scanMs: number[];
  /** What each query found: index (prefix, typos) and scan (substrings). */
  indexTotals: number[];
  scanTotals: number[];
  records: number;
}

/** The floor: every searched text of every live record, folded once; a query folded, each of its words a substring. */
function plainScan(texts: readonly { id: string; text: string }[], query: string): string[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const found: string[] = [];
  for (const { id, text } of texts) if (words.every((word) => text.includes(word))) found.push(id);
  return found;
}

function textsOf(workspace: Workspace): { id: string; text: string }[] {
  const texts: { id: string; text: string }[] = [];
  const add = (id: string, ...parts: string[]) => texts.push({ id, text: fold(parts.join('\n')) });
  for (const topic of workspace.topics.list()) add(topic.id, topic.title);
  for (const point of workspace.focusPoints.list()) add(point.id, point.text);
  for (const meeting of workspace.meetings.list()) add(meeting.id, meeting.title, meeting.notes);
  for (const practice of workspace.practices.list()) add(practice.id, practice.title, ...PRACTICE_SECTIONS.map((s) => practice[s]), practice.partners, practice.contactName);
  for (const member of workspace.members.list()) add(member.id, member.name);
  return texts;
}

export function searchBench(workspace: Workspace, runs: number): SearchBench {
  const queries = SEARCH_QUERIES;
  let started = performance.now();
  const index = new SearchIndex(workspace);
  const buildMs = performance.now() - started;
  started = performance.now();
  index.search(queries[0]!);
  const firstQueryMs = buildMs + performance.now() - started;
  const texts = textsOf(workspace);
  const time = (fn: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const at = performance.now();
      fn();
      samples.push(performance.now() - at);
    }
    return median(samples);
  };
  const result: SearchBench = { queries, buildMs, firstQueryMs, indexMs: [], scanMs: [], indexTotals: [], scanTotals: [], records: texts.length };
  for (const query of queries) {
    result.indexMs.push(time(() => index.search(query)));
    result.scanMs.push(time(() => plainScan(texts, query)));
    result.indexTotals.push(index.search(query).total);
    result.scanTotals.push(plainScan(texts, query).length);
  }
  index.destroy();
  return result;
}
