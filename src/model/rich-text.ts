import * as Y from 'yjs';

/**
 * Rich text (a practice sheet's sections, a meeting's notes): one Y.XmlFragment per field, in
 * the layout y-prosemirror writes (docs/document.md, "Rich text"). Block nodes are Y.XmlElements
 * named for their node type, with the node's attributes as element attributes; text is a
 * Y.XmlText whose formatting attributes are the marks (`bold: {}`, `link: { href }`).
 *
 * The model reads and writes that layout itself, so it needs neither ProseMirror nor a DOM; the
 * editor (src/ui/editor) is the one module that binds a fragment to ProseMirror.
 */

/** A mark, as ProseMirror's JSON has it. */
export type RichMark = { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string } };

/** Rich text as ProseMirror JSON, in the node and mark names of Tavola's schema. */
export type RichNode =
  | { type: 'doc'; content: RichNode[] }
  | { type: 'paragraph'; content?: RichNode[] }
  | { type: 'heading'; attrs: { level: 1 | 2 }; content?: RichNode[] }
  | { type: 'bullet_list'; content: RichNode[] }
  | { type: 'ordered_list'; content: RichNode[] }
  | { type: 'list_item'; content: RichNode[] }
  | { type: 'text'; text: string; marks?: RichMark[] }
  | { type: 'hard_break' };

export type RichBlockType = 'paragraph' | 'heading1' | 'heading2';
export type RichListKind = 'bullet_list' | 'ordered_list';
export type RichMarkName = 'bold' | 'italic' | 'link';

export const RICH_NODE_NAMES = ['doc', 'paragraph', 'heading', 'bullet_list', 'ordered_list', 'list_item', 'text', 'hard_break'] as const;
export const RICH_MARK_NAMES = ['bold', 'italic', 'link'] as const;

/** Only these link schemes are kept: a `javascript:` or `data:` link is dropped, its text kept. */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  if (trimmed.length === 0 || trimmed.length > 2_000) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? trimmed : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------ reading

/** The fragment as a valid doc of Tavola's schema: whatever a peer wrote is repaired, never thrown. */
export function fragmentToJSON(fragment: Y.XmlFragment): RichNode {
  const content = blocksOf(fragment.toArray());
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}

type Child = Y.XmlElement | Y.XmlText | Y.XmlHook;

function blocksOf(children: readonly Child[], depth = 0): RichNode[] {
  const blocks: RichNode[] = [];
  let loose: Child[] = [];
  // Inline content met among blocks (another program's layout): kept as a paragraph.
  const flush = () => {
    if (loose.length === 0) return;
    blocks.push(paragraph(inlinesOf(loose)));
    loose = [];
  };
  for (const child of children) {
    if (child instanceof Y.XmlText || (child instanceof Y.XmlElement && child.nodeName === 'hard_break')) {
      loose.push(child);
      continue;
    }
    flush();
    if (!(child instanceof Y.XmlElement)) continue;
    switch (child.nodeName) {
      case 'paragraph':
        blocks.push(paragraph(inlinesOf(child.toArray())));
        break;
      case 'heading': {
        const level = Number(child.getAttribute('level')) === 1 ? 1 : 2;
        const content = inlinesOf(child.toArray());
        blocks.push(content.length > 0 ? { type: 'heading', attrs: { level }, content } : { type: 'heading', attrs: { level } });
        break;
      }
      case 'bullet_list':
      case 'ordered_list': {
        // Nesting deeper than people write is flattened, so a hostile peer cannot make reads recurse forever.
        if (depth > 16) {
          blocks.push(...blocksOf(child.toArray(), depth + 1).filter((b) => b.type !== 'bullet_list' && b.type !== 'ordered_list'));
          break;
        }
        const items = child
          .toArray()
          .flatMap((item) => (item instanceof Y.XmlElement && item.nodeName === 'list_item' ? [listItem(blocksOf(item.toArray(), depth + 1))] : item instanceof Y.XmlHook ? [] : [listItem(blocksOf([item], depth + 1))]));
        if (items.length > 0) blocks.push({ type: child.nodeName, content: items });
        break;
      }
      default:
        // An element Tavola does not know: its content is kept, its wrapper is not.
        if (depth <= 16) blocks.push(...blocksOf(child.toArray(), depth + 1));
    }
  }
  flush();
  return blocks;
}

function paragraph(content: RichNode[]): RichNode {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** A list item starts with a paragraph (the schema's `paragraph block*`). */
function listItem(blocks: RichNode[]): RichNode {
  const first = blocks[0];
  if (!first || first.type !== 'paragraph') blocks.unshift({ type: 'paragraph' });
  return { type: 'list_item', content: blocks };
}

function inlinesOf(children: readonly Child[]): RichNode[] {
  const inlines: RichNode[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
        const marks = marksOf(op.attributes);
        const previous = inlines[inlines.length - 1];
        if (previous?.type === 'text' && sameMarks(previous.marks, marks)) {
          previous.text += op.insert;
          continue;
        }
        inlines.push(marks.length > 0 ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hard_break') inlines.push({ type: 'hard_break' });
      else inlines.push(...inlinesOf(child.toArray()));
    }
  }
  return inlines;
}

function marksOf(attributes: Record<string, unknown> | undefined): RichMark[] {
  if (!attributes) return [];
  const marks: RichMark[] = [];
  // In the schema's order (bold, italic, link), as ProseMirror sorts them.
  if (attributes.bold != null && attributes.bold !== false) marks.push({ type: 'bold' });
  if (attributes.italic != null && attributes.italic !== false) marks.push({ type: 'italic' });
  const link = attributes.link as { href?: unknown } | null | undefined;
  const href = link && typeof link === 'object' ? safeHref(link.href) : null;
  if (href) marks.push({ type: 'link', attrs: { href } });
  return marks;
}

function sameMarks(a: RichMark[] | undefined, b: RichMark[]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b);
}

/** The plain text of a doc: one line per paragraph, heading or list item; a hard break is a line break. */
export function richNodeText(node: RichNode): string {
  const lines: string[] = [];
  const walk = (n: RichNode) => {
    switch (n.type) {
      case 'doc':
      case 'bullet_list':
      case 'ordered_list':
      case 'list_item':
        n.content.forEach(walk);
        return;
      case 'paragraph':
      case 'heading':
        lines.push(inlineText(n.content ?? []));
        return;
      case 'text':
      case 'hard_break':
        lines.push(inlineText([n]));
        return;
    }
  };
  walk(node);
  return lines.join('\n');
}

function inlineText(inlines: readonly RichNode[]): string {
  return inlines.map((n) => (n.type === 'text' ? n.text : n.type === 'hard_break' ? '\n' : '')).join('');
}

/** Plain text as a doc: one paragraph per line (how a section written before rich text reads). */
export function plainTextDoc(text: string): RichNode {
  return { type: 'doc', content: text.split('\n').map((line) => paragraph(line ? [{ type: 'text', text: line }] : [])) };
}

// ------------------------------------------------------------------------------------ writing

/** Plain text as the fragment's content: one paragraph per line. Deterministic (migration relies on it). */
export function fillWithPlainText(fragment: Y.XmlFragment, text: string): void {
  const paragraphs = text.split('\n').map((line) => {
    const element = new Y.XmlElement('paragraph');
    if (line) element.insert(0, [new Y.XmlText(line)]);
    return element;
  });
  fragment.insert(0, paragraphs);
}

/** A doc (ProseMirror JSON) as new shared types, for filling an empty fragment. */
function toShared(node: RichNode): (Y.XmlElement | Y.XmlText)[] {
  switch (node.type) {
    case 'doc':
      return node.content.flatMap(toShared);
    case 'text':
    case 'hard_break':
      return inlineShared([node]);
    case 'paragraph':
    case 'heading': {
      const element = new Y.XmlElement(node.type);
      if (node.type === 'heading') element.setAttribute('level', node.attrs.level as unknown as string);
      const children = inlineShared(node.content ?? []);
      if (children.length > 0) element.insert(0, children);
      return [element];
    }
    case 'bullet_list':
    case 'ordered_list':
    case 'list_item': {
      const element = new Y.XmlElement(node.type);
      const children = node.content.flatMap(toShared);
      if (children.length > 0) element.insert(0, children);
      return [element];
    }
  }
}

function inlineShared(inlines: readonly RichNode[]): (Y.XmlElement | Y.XmlText)[] {
  const out: (Y.XmlElement | Y.XmlText)[] = [];
  let delta: { insert: string; attributes?: Record<string, unknown> }[] = [];
  const flush = () => {
    if (delta.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(delta);
    out.push(text);
    delta = [];
  };
  for (const inline of inlines) {
    if (inline.type === 'text') {
      const attributes: Record<string, unknown> = {};
      for (const mark of inline.marks ?? []) attributes[mark.type] = mark.type === 'link' ? { href: mark.attrs.href } : {};
      delta.push(Object.keys(attributes).length > 0 ? { insert: inline.text, attributes } : { insert: inline.text });
    } else if (inline.type === 'hard_break') {
      flush();
      out.push(new Y.XmlElement('hard_break'));
    }
  }
  flush();
  return out;
}

/** The text blocks (paragraphs and headings, in lists too) of a fragment, in reading order. */
function textBlocks(parent: Y.XmlFragment | Y.XmlElement, out: Y.XmlElement[] = []): Y.XmlElement[] {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'paragraph' || child.nodeName === 'heading') out.push(child);
    else if (child.nodeName === 'bullet_list' || child.nodeName === 'ordered_list' || child.nodeName === 'list_item') textBlocks(child, out);
  }
  return out;
}

/** The Y.XmlText of a text block, created when it has none (an empty paragraph, as y-prosemirror writes it). */
function blockText(block: Y.XmlElement): Y.XmlText {
  const first = block.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  if (first) return first;
  const created = new Y.XmlText();
  block.insert(block.length, [created]);
  return created;
}

function copyBlock(block: Y.XmlElement, name: string, level?: 1 | 2): Y.XmlElement {
  const element = new Y.XmlElement(name);
  if (level) element.setAttribute('level', level as unknown as string);
  const children: (Y.XmlText | Y.XmlElement)[] = [];
  for (const child of block.toArray()) {
    if (child instanceof Y.XmlText) {
      const copy = new Y.XmlText();
      copy.applyDelta(child.toDelta());
      children.push(copy);
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hard_break') children.push(new Y.XmlElement('hard_break'));
  }
  if (children.length > 0) element.insert(0, children);
  return element;
}

/** One change to a rich text, as the fuzz and other programs make it (the editor writes through y-prosemirror). */
export type RichChange = { kind: 'text' | 'block' | 'format' | 'list' | 'replace'; block?: number };

/**
 * A co-edited rich text (Y.XmlFragment underneath). The app reads it as ProseMirror JSON and as
 * plain text, and edits it through these methods or through the editor, which receives the
 * fragment by `bindFragment`, the one escape hatch (below).
 */
export class CoRichText {
  constructor(
    private readonly fragment: Y.XmlFragment,
    private readonly transact: (fn: () => void) => void,
    /** The longest plain text kept (LIMITS): the editor refuses an edit past it. */
    readonly maxLength: number,
  ) {}

  toJSON(): RichNode {
    return fragmentToJSON(this.fragment);
  }

  get text(): string {
    return richNodeText(this.toJSON());
  }

  /** The plain text (as `text`), for code written against CoText. */
  get value(): string {
    return this.text;
  }

  get length(): number {
    return this.text.length;
  }

  /**
   * Insert plain text at `index` of the plain text (one line per block). Text without line breaks
   * goes into the block there, keeping everything around it; with line breaks, the blocks are
   * rewritten as plain paragraphs (programs writing plain text; the editor never does).
   */
  insert(index: number, text: string): void {
    const { block, offset } = this.blockAt(index);
    if (block !== null && !text.includes('\n')) return this.insertText(block, offset, text);
    const current = this.text;
    this.set(current.slice(0, index) + text + current.slice(index));
  }

  /** Delete plain text: within one block it is a splice there; across blocks, the blocks are rewritten as plain paragraphs. */
  delete(index: number, length: number): void {
    const { block, offset } = this.blockAt(index);
    if (block !== null && offset + length <= this.blockText(block).length) return this.deleteText(block, offset, length);
    const current = this.text;
    this.set(current.slice(0, index) + current.slice(index + length));
  }

  /** Make the plain text `next`: nothing is written when it already is; else the content becomes plain paragraphs. */
  set(next: string): void {
    if (this.text === next) return;
    this.transact(() => {
      this.fragment.delete(0, this.fragment.length);
      fillWithPlainText(this.fragment, next);
    });
  }

  /** The text block a plain-text index falls in, and the offset in it (block null: no text blocks, or past the end). */
  private blockAt(index: number): { block: number | null; offset: number } {
    const count = this.blockCount;
    let start = 0;
    for (let block = 0; block < count; block++) {
      const length = this.blockText(block).length;
      // A block's text holds no line break only if it has no hard break; with one, indexes are approximate: rewrite.
      if (index <= start + length) return this.blockText(block).includes('\n') ? { block: null, offset: 0 } : { block, offset: index - start };
      start += length + 1;
    }
    return { block: null, offset: 0 };
  }

  /** How many text blocks (paragraphs and headings, in lists too) it has: the fuzz edits by block. */
  get blockCount(): number {
    return textBlocks(this.fragment).length;
  }

  /** Which stored block a text block is (its Yjs item id): the fuzz tells a block replaced by a block change from text lost. */
  blockId(index: number): { client: number; clock: number } | undefined {
    const item = textBlocks(this.fragment)[index]?._item;
    return item ? { client: item.id.client, clock: item.id.clock } : undefined;
  }

  /** The plain text of one text block. */
  blockText(index: number): string {
    const block = textBlocks(this.fragment)[index];
    return block ? inlineText(inlinesOf(block.toArray())) : '';
  }

  /** Insert `text` at `offset` of text block `block`, with `marks` (the marks of the text there, by default none). */
  insertText(block: number, offset: number, text: string, marks: RichMarkName[] = []): void {
    const blocks = textBlocks(this.fragment);
    // No text block at all: an empty section, or one left holding only a list that lost its items
    // to concurrent deletions (fuzz seed 3322 of stop 20).
    const empty = block === 0 && blocks.length === 0;
    const target = blocks[block];
    if (!target && !empty) throw new Error(`No text block ${block}`);
    this.transact(() => {
      let ytext: Y.XmlText;
      if (target) ytext = blockText(target);
      else {
        // A section with no text block: its first paragraph, as the editor would write it.
        const paragraph = new Y.XmlElement('paragraph');
        ytext = new Y.XmlText();
        paragraph.insert(0, [ytext]);
        this.fragment.insert(0, [paragraph]);
      }
      const attributes: Record<string, unknown> = {};
      for (const mark of marks) attributes[mark] = mark === 'link' ? { href: 'https://example.org/' } : {};
      ytext.insert(Math.min(offset, ytext.length), text, attributes);
    });
  }

  deleteText(block: number, offset: number, length: number): void {
    const target = textBlocks(this.fragment)[block];
    if (!target) throw new Error(`No text block ${block}`);
    this.transact(() => {
      const ytext = blockText(target);
      const from = Math.min(offset, ytext.length);
      ytext.delete(from, Math.min(length, ytext.length - from));
    });
  }

  /** Turn a mark on or off over `offset`…`offset + length` of a text block. */
  format(block: number, offset: number, length: number, mark: RichMarkName, on: boolean, href = 'https://example.org/'): void {
    const target = textBlocks(this.fragment)[block];
    if (!target) throw new Error(`No text block ${block}`);
    const value = on ? (mark === 'link' ? { href: safeHref(href) ?? 'https://example.org/' } : {}) : null;
    this.transact(() => blockText(target).format(offset, length, { [mark]: value }));
  }

  /**
   * Make a text block a paragraph or a heading. Yjs cannot rename an element, so the block is
   * replaced by a copy (as y-prosemirror does): what a partner types into it at the same moment
   * goes with the old block.
   */
  setBlockType(block: number, type: RichBlockType): void {
    const target = textBlocks(this.fragment)[block];
    if (!target) throw new Error(`No text block ${block}`);
    const name = type === 'paragraph' ? 'paragraph' : 'heading';
    const level = type === 'heading1' ? 1 : type === 'heading2' ? 2 : undefined;
    this.transact(() => {
      const parent = target.parent as Y.XmlFragment | Y.XmlElement;
      const index = parent.toArray().indexOf(target);
      // Copied before the block goes: a deleted block's text reads empty.
      const copy = copyBlock(target, name, level);
      parent.delete(index, 1);
      parent.insert(index, [copy]);
    });
  }

  /** Wrap a top-level text block in a one-item list (headings become paragraphs), as the editor's list buttons do. */
  wrapInList(block: number, kind: RichListKind): boolean {
    const target = textBlocks(this.fragment)[block];
    if (!target || target.parent !== this.fragment) return false;
    this.transact(() => {
      const index = this.fragment.toArray().indexOf(target);
      const list = new Y.XmlElement(kind);
      const item = new Y.XmlElement('list_item');
      item.insert(0, [copyBlock(target, 'paragraph')]);
      list.insert(0, [item]);
      this.fragment.delete(index, 1);
      this.fragment.insert(index, [list]);
    });
    return true;
  }

  /** Replace the whole content (restoring a version, importing): with the plain text when it equals, nothing is written. */
  setDoc(doc: RichNode): void {
    if (JSON.stringify(doc) === JSON.stringify(this.toJSON())) return;
    this.transact(() => {
      this.fragment.delete(0, this.fragment.length);
      this.fragment.insert(0, toShared(doc));
    });
  }

  /** Calls `listener` after every change, with whether it came from this document's own edits. */
  observe(listener: (local: boolean) => void): () => void {
    const handler = (_events: Y.YEvent<any>[], transaction: Y.Transaction) => listener(transaction.local);
    this.fragment.observeDeep(handler);
    return () => this.fragment.unobserveDeep(handler);
  }

  /**
   * THE ESCAPE HATCH: the raw Y.XmlFragment, for the editor alone (src/ui/editor binds it to
   * ProseMirror with y-prosemirror, which needs the shared type itself). Nothing else outside
   * src/model may call this; everything else reads and writes through the methods above.
   */
  bindFragment(): Y.XmlFragment {
    return this.fragment;
  }
}

// ------------------------------------------------------------------------------------ records

/** The key of a field's fragment in its record's Y.Map: `context` → `contextDoc`. The old Y.Text stays at `context`. */
export function richKey(field: string): string {
  return `${field}Doc`;
}

/**
 * A rich field's plain text as stored in `record`: the fragment's when it has one (it wins), else
 * the old Y.Text (or string) of a record written before rich text. `exact` is false when the
 * stored value is of neither kind, or too long.
 */
export function readRichField(record: Y.Map<unknown>, field: string, maxLength: number): { text: string; doc: RichNode; migrated: boolean; exact: boolean } {
  const fragment = record.get(richKey(field));
  if (fragment instanceof Y.XmlFragment) {
    const doc = fragmentToJSON(fragment);
    const text = richNodeText(doc);
    return { text: cut(text, maxLength), doc, migrated: true, exact: text.length <= maxLength };
  }
  const legacy = record.get(field);
  const plain = legacy instanceof Y.Text ? legacy.toString() : typeof legacy === 'string' ? legacy : '';
  return { text: cut(plain, maxLength), doc: plainTextDoc(cut(plain, maxLength)), migrated: false, exact: legacy instanceof Y.Text && plain.length <= maxLength };
}

/** Write plain `text` into a rich field (a new record, or setFields): the fragment is created if missing; unchanged text writes nothing. */
export function writeRichField(record: Y.Map<unknown>, field: string, text: string): void {
  const existing = record.get(richKey(field));
  if (existing instanceof Y.XmlFragment) {
    if (richNodeText(fragmentToJSON(existing)) === text) return;
    existing.delete(0, existing.length);
    fillWithPlainText(existing, text);
    return;
  }
  const fragment = new Y.XmlFragment();
  if (text) fillWithPlainText(fragment, text);
  record.set(richKey(field), fragment);
}

export function richFieldOf(record: Y.Map<unknown>, field: string): Y.XmlFragment | undefined {
  const fragment = record.get(richKey(field));
  return fragment instanceof Y.XmlFragment ? fragment : undefined;
}

function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

// ------------------------------------------------------------------------------------ migration

/**
 * The client id a migration writes under: a 53-bit FNV-1a hash of (record id, field, plain text),
 * kept clear of 0 and of the 32-bit range Yjs gives real clients. Two peers migrating the same
 * text write byte-identical structs under the same id, which Yjs holds once; peers migrating
 * different texts write under different ids, and the record's key keeps one fragment (Y.Map is
 * last-writer-wins), so the text never shows twice.
 */
export function migrationClientId(recordId: string, field: string, text: string): number {
  // Two 32-bit FNV-1a lanes with different offsets, folded into 53 bits.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const input = `${recordId}\u0000${field}\u0000${text}`;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x01000193 ^ 0x2545f491) >>> 0;
  }
  const high = b & 0x1fffff; // 21 bits
  const id = high * 0x100000000 + a;
  // Yjs's own client ids are < 2^32: a migration id is always above them, and never 0.
  return id < 0x100000000 ? id + 0x100000000 : id;
}

/** What a migration needs from its record kind: the record's map, by id. */
export interface RichMigrationTarget {
  recordId: string;
  record: Y.Map<unknown>;
  field: string;
}

/**
 * Give each target a fragment holding its old plain text (docs/document.md, "Migration to rich
 * text"). Each fragment is written in a scratch copy of the document whose client id is the
 * migration's (migrationClientId), and the resulting update is applied here with `origin`: the
 * document's own client id never changes, and no observer of it ever writes under another id.
 * Returns how many fields were migrated.
 */
export function migrateRichFields(doc: Y.Doc, targets: readonly RichMigrationTarget[], origin: unknown): number {
  const pending = targets.filter((t) => !(t.record.get(richKey(t.field)) instanceof Y.XmlFragment));
  return writeUnderMigrationIds(
    doc,
    pending.map((target) => ({
      map: target.record,
      prepare: (copy) => {
        if (copy.get(richKey(target.field)) instanceof Y.XmlFragment) return null;
        const legacy = copy.get(target.field);
        const text = legacy instanceof Y.Text ? legacy.toString() : typeof legacy === 'string' ? legacy : '';
        return {
          clientId: migrationClientId(target.recordId, target.field, text),
          write: () => {
            const fragment = new Y.XmlFragment();
            fillWithPlainText(fragment, text);
            copy.set(richKey(target.field), fragment);
          },
        };
      },
    })),
    origin,
  );
}

/** A migration's write into one map: what it writes, under which client id, decided from the map's copy. */
export interface MigrationWrite {
  map: Y.Map<unknown>;
  /** Null when the copy needs nothing; otherwise the id (the same on every peer migrating the same data) and the write. */
  prepare: (copy: Y.Map<unknown>) => { clientId: number; write: () => void } | null;
}

/**
 * Make each write in a scratch copy of the document under its migration client id, and apply the
 * result here with `origin`: two peers migrating the same data write the same items under the
 * same ids, which Yjs keeps once, so neither copy replaces the other (and nothing typed into one
 * is lost with it). The document's own client id never changes. Returns how many writes were made.
 */
export function writeUnderMigrationIds(doc: Y.Doc, writes: readonly MigrationWrite[], origin: unknown): number {
  // Inside an open transaction the update would make Yjs take the whole transaction as remote.
  if (doc._transaction !== null) throw new Error('A migration writes outside any transaction');
  if (writes.length === 0) return 0;
  const scratch = new Y.Doc({ gc: false });
  const updates: Uint8Array[] = [];
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    scratch.on('update', (update: Uint8Array) => updates.push(update));
    for (const { map, prepare } of writes) {
      const copy = recordIn(scratch, map);
      const prepared = copy && prepare(copy);
      if (!prepared) continue;
      scratch.clientID = prepared.clientId;
      scratch.transact(prepared.write);
    }
  } finally {
    scratch.destroy();
  }
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates), origin);
  return updates.length;
}

/** The same record map in another copy of the document, found by the path of keys from its root map. */
function recordIn(copy: Y.Doc, record: Y.Map<unknown>): Y.Map<unknown> | undefined {
  const path: string[] = [];
  let type: Y.AbstractType<any> = record;
  while (type._item) {
    const key = type._item.parentSub;
    if (key === null) return undefined;
    path.unshift(key);
    type = type._item.parent as Y.AbstractType<any>;
  }
  const rootName = [...(type.doc?.share.entries() ?? [])].find(([, shared]) => shared === type)?.[0];
  if (rootName === undefined) return undefined;
  let found: unknown = copy.getMap(rootName);
  for (const key of path) found = found instanceof Y.Map ? found.get(key) : undefined;
  return found instanceof Y.Map ? found : undefined;
}
