// The workspace's search index (MiniSearch): built once from every record, then kept up to date
// from the model's change observers, one changed record at a time, whoever made the change (this
// person, a partner, an undo, a restored version). It reads records through the model's API only,
// and never writes to the document. Loaded with the search box, never with the page.
import MiniSearch, { type SearchResult } from 'minisearch';
import { PRACTICE_SECTIONS, type ChangedFields, type Workspace } from '../model';
import { fold, snippet, type SnippetPart } from './fold';

export type SearchKind = 'topic' | 'focusPoint' | 'meeting' | 'practice' | 'member';

/** The fields searched in each kind of record, most telling first (a tie between fields goes to the first). */
export const SEARCH_FIELDS = {
  topic: ['title'],
  focusPoint: ['text'],
  meeting: ['title', 'notes'],
  practice: ['title', ...PRACTICE_SECTIONS, 'partners', 'contactName'],
  member: ['name'],
} as const satisfies Record<SearchKind, readonly string[]>;

export type SearchField = (typeof SEARCH_FIELDS)[SearchKind][number];

/** The field that holds a record's name, shown as the result's heading. */
const HEADING_FIELD: Record<SearchKind, SearchField> = { topic: 'title', focusPoint: 'text', meeting: 'title', practice: 'title', member: 'name' };

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The record's name: topic, meeting or practice title, member name, or the focus point's text. */
  heading: string;
  /** The heading with the matched words marked, when the match is in it. */
  headingParts: SnippetPart[] | null;
  /** The field the match is in (the heading field, or another). */
  field: SearchField;
  /** Where the match is, in a few words around it with the matched words marked. */
  snippet: SnippetPart[];
  /** A focus point's topic. */
  topicId?: string;
  topicTitle?: string;
  /** A meeting's date. */
  date?: string;
}

export interface SearchResults {
  hits: SearchHit[];
  /** How many records matched in all (hits holds the first `limit`). */
  total: number;
  /** The index is still being built (see SearchIndex's `chunked`): nothing is found yet. */
  preparing?: boolean;
}

export interface SearchIndexOptions {
  /**
   * Build in pieces of this many records, waiting for `pause` between them, so a page stays
   * responsive while a large workspace is indexed; `ready` resolves when done. Without it, the
   * constructor builds the whole index at once.
   */
  chunked?: { size: number; pause: () => Promise<void> };
}

/** A focus point's topic is stored with it: whether its topic is shown decides whether it is found. */
type Doc = { id: string; kind: SearchKind; recordId: string; topicId?: string } & Partial<Record<SearchField, string>>;

const ALL_FIELDS = [...new Set(Object.values(SEARCH_FIELDS).flat())] as SearchField[];
const KINDS = Object.keys(SEARCH_FIELDS) as SearchKind[];
const COLLECTION = { topic: 'topics', focusPoint: 'focusPoints', meeting: 'meetings', practice: 'practices', member: 'members' } as const;

/** Index and query terms alike: lowercase, without accents (fold.ts). */
const processTerm = (term: string): string | null => {
  const folded = fold(term);
  return folded || null;
};

const SEARCH_OPTIONS = {
  prefix: true,
  // One typo in five letters; none in short words, where it would match almost anything.
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  maxFuzzy: 3,
  combineWith: 'AND' as const,
  boost: { title: 2, name: 2 },
};

export class SearchIndex {
  private readonly index = new MiniSearch<Doc>({
    fields: ALL_FIELDS,
    idField: 'id',
    processTerm,
    storeFields: ['topicId'],
    searchOptions: SEARCH_OPTIONS,
  });
  /** Index ids (`kind/recordId`) whose records changed since the index last caught up. */
  private readonly dirty = new Set<string>();
  private readonly stops: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private notifyQueued = false;
  private built = false;
  private destroyed = false;
  /** Resolves once the index holds every record (at once without `chunked`). */
  readonly ready: Promise<void>;

  constructor(
    private readonly workspace: Workspace,
    options: SearchIndexOptions = {},
  ) {
    // Observed before the first read, so no change falls between the two: a record changed while
    // a chunked build runs is applied again once the build is over (catchUp waits for it).
    for (const kind of KINDS) this.stops.push(this.collection(kind).observe((_ids, _local, fields) => this.changed(kind, fields)));
    const docs: Doc[] = [];
    for (const kind of KINDS) for (const record of this.collection(kind).list()) docs.push(this.docOf(kind, record as unknown as Record<string, unknown>));
    if (!options.chunked) {
      this.index.addAll(docs);
      this.built = true;
      this.ready = Promise.resolve();
    } else {
      this.ready = this.buildInPieces(docs, options.chunked);
    }
  }

  private async buildInPieces(docs: Doc[], chunked: NonNullable<SearchIndexOptions['chunked']>): Promise<void> {
    for (let start = 0; start < docs.length; start += chunked.size) {
      if (this.destroyed) return;
      this.index.addAll(docs.slice(start, start + chunked.size));
      await chunked.pause();
    }
    this.built = true;
    this.notifySoon();
  }

  /** Whether the index holds every record yet (always, without `chunked`). */
  get isReady(): boolean {
    return this.built;
  }

  /** How many records the index holds. */
  get size(): number {
    this.catchUp();
    return this.index.documentCount;
  }

  /** Called (once per task at most) after records the index holds may have changed: a shown result list searches again. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  search(query: string, limit = 30): SearchResults {
    if (!fold(query).trim()) return { hits: [], total: 0 };
    if (!this.built) return { hits: [], total: 0, preparing: true };
    this.catchUp();
    const results = this.index.search(query);
    const hits: SearchHit[] = [];
    let total = 0;
    // Whether each topic is shown, looked up once per search: a common word matches thousands of points.
    const shownTopics = new Map<string, boolean>();
    const topicShown = (topicId: string) => {
      let shown = shownTopics.get(topicId);
      if (shown === undefined) shownTopics.set(topicId, (shown = this.topicShown(topicId)));
      return shown;
    };
    for (const result of results) {
      if (typeof result.topicId === 'string' && !topicShown(result.topicId)) continue;
      if (hits.length >= limit) {
        total++;
        continue;
      }
      const hit = this.hitOf(result);
      if (!hit) continue;
      total++;
      hits.push(hit);
    }
    return { hits, total };
  }

  destroy(): void {
    this.destroyed = true;
    for (const stop of this.stops.splice(0)) stop();
    this.listeners.clear();
  }

  private collection(kind: SearchKind) {
    return this.workspace[COLLECTION[kind]];
  }

  private changed(kind: SearchKind, changes: ChangedFields): void {
    const fields: readonly string[] = SEARCH_FIELDS[kind];
    let any = false;
    for (const [id, changed] of changes) {
      // Added, removed or replaced (null), deleted or restored, or a searched field edited.
      if (changed === null || changed.has('deletedAt') || changed.has('topicId') || fields.some((field) => changed.has(field))) {
        this.dirty.add(`${kind}/${id}`);
        any = true;
      }
    }
    // A topic renamed: its points show the new title.
    if (!any && kind === 'topic') for (const changed of changes.values()) if (changed?.has('title')) any = true;
    if (any) this.notifySoon();
  }

  private notifySoon(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    // After the transaction has ended and left (the observers run inside it): nothing is read there.
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }

  /** Apply the changed records: each one added, replaced or discarded, nothing else touched. */
  private catchUp(): void {
    if (!this.built || this.dirty.size === 0) return;
    for (const key of this.dirty) {
      const slash = key.indexOf('/');
      const kind = key.slice(0, slash) as SearchKind;
      const id = key.slice(slash + 1);
      const record = this.collection(kind).get(id) as unknown as (Record<string, unknown> & { deletedAt: string | null }) | undefined;
      const present = this.index.has(key);
      if (!record || record.deletedAt) {
        if (present) this.index.discard(key);
      } else if (present) this.index.replace(this.docOf(kind, record));
      else this.index.add(this.docOf(kind, record));
    }
    this.dirty.clear();
  }

  private docOf(kind: SearchKind, record: Record<string, unknown>): Doc {
    const doc: Doc = { id: `${kind}/${record.id as string}`, kind, recordId: record.id as string };
    if (kind === 'focusPoint') doc.topicId = record.topicId as string;
    for (const field of SEARCH_FIELDS[kind]) {
      const value = record[field];
      if (typeof value === 'string' && value) doc[field] = value;
    }
    return doc;
  }

  private topicShown(topicId: string): boolean {
    const topic = this.workspace.topics.get(topicId);
    return !!topic && !topic.deletedAt;
  }

  private hitOf(result: SearchResult): SearchHit | null {
    const [kind, id] = splitKey(result.id as string);
    const record = this.collection(kind).get(id) as unknown as Record<string, unknown> | undefined;
    if (!record || record.deletedAt) return null;
    let topicId: string | undefined;
    let topicTitle: string | undefined;
    if (kind === 'focusPoint') {
      topicId = record.topicId as string;
      // A point of a deleted topic is not shown anywhere: not found either, until the topic is restored.
      if (!this.topicShown(topicId)) return null;
      topicTitle = this.workspace.topics.get(topicId)?.title ?? '';
    }
    const terms = result.terms;
    // The field with the most matched terms; a tie goes to the first in SEARCH_FIELDS.
    const counts = new Map<string, number>();
    for (const term of terms) for (const field of result.match[term] ?? []) counts.set(field, (counts.get(field) ?? 0) + 1);
    let field: SearchField = HEADING_FIELD[kind];
    let best = 0;
    for (const candidate of SEARCH_FIELDS[kind]) {
      const count = counts.get(candidate) ?? 0;
      if (count > best) {
        best = count;
        field = candidate;
      }
    }
    const heading = String(record[HEADING_FIELD[kind]] ?? '');
    const text = String(record[field] ?? '');
    const parts = snippet(text, terms) ?? [{ text: text.slice(0, 150), mark: false }];
    const headingParts = counts.has(HEADING_FIELD[kind]) ? snippet(heading, terms, { before: 60, length: 200 }) : null;
    return {
      kind,
      id,
      heading,
      headingParts,
      field,
      snippet: parts,
      ...(topicId !== undefined ? { topicId, topicTitle } : {}),
      ...(kind === 'meeting' ? { date: record.date as string } : {}),
    };
  }
}

function splitKey(key: string): [SearchKind, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash) as SearchKind, key.slice(slash + 1)];
}
