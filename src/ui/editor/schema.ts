import { Schema, type DOMOutputSpec, type Node as ProseNode } from 'prosemirror-model';
import { safeHref } from '../../model';

/**
 * Tavola's rich-text schema: the node and mark names of docs/document.md ("Rich text"), which
 * the model reads without ProseMirror (src/model/rich-text.ts). The parse rules are also what a
 * paste from Word, LibreOffice or Google Docs goes through (paste.ts): anything they do not
 * match (styles, classes, fonts, images, tables' frames) is dropped, its text kept.
 */
export const richSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: {
      content: 'inline*',
      group: 'block',
      parseDOM: [{ tag: 'p' }, { tag: 'div', priority: 10 }],
      toDOM: (): DOMOutputSpec => ['p', 0],
    },
    heading: {
      attrs: { level: { default: 2 } },
      content: 'inline*',
      group: 'block',
      defining: true,
      parseDOM: [
        // Tavola's own headings, copied from one section to another.
        { tag: 'h4.rich-heading-1', attrs: { level: 1 }, priority: 60 },
        { tag: 'h5.rich-heading-2', attrs: { level: 2 }, priority: 60 },
        { tag: 'h1', attrs: { level: 1 } },
        // The sheets have two levels: every smaller heading is a level 2.
        ...['h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => ({ tag, attrs: { level: 2 } })),
      ],
      // Under the section's own title (h3).
      toDOM: (node: ProseNode): DOMOutputSpec => [node.attrs.level === 1 ? 'h4' : 'h5', { class: `rich-heading rich-heading-${node.attrs.level === 1 ? 1 : 2}` }, 0],
    },
    bullet_list: {
      content: 'list_item+',
      group: 'block',
      parseDOM: [{ tag: 'ul' }],
      toDOM: (): DOMOutputSpec => ['ul', 0],
    },
    ordered_list: {
      content: 'list_item+',
      group: 'block',
      parseDOM: [{ tag: 'ol' }],
      toDOM: (): DOMOutputSpec => ['ol', 0],
    },
    list_item: {
      content: 'paragraph block*',
      defining: true,
      parseDOM: [{ tag: 'li' }],
      toDOM: (): DOMOutputSpec => ['li', 0],
    },
    text: { group: 'inline' },
    hard_break: {
      inline: true,
      group: 'inline',
      selectable: false,
      parseDOM: [{ tag: 'br' }],
      toDOM: (): DOMOutputSpec => ['br'],
    },
  },
  marks: {
    bold: {
      parseDOM: [
        { tag: 'strong' },
        // Google Docs wraps a whole paste in <b> styled font-weight:normal: not bold.
        { tag: 'b', getAttrs: (node: HTMLElement) => node.style.fontWeight !== 'normal' && null },
        { style: 'font-weight=400', clearMark: (mark) => mark.type.name === 'bold' },
        { style: 'font-weight', getAttrs: (value: string) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null },
      ],
      toDOM: (): DOMOutputSpec => ['strong', 0],
    },
    italic: {
      parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }, { style: 'font-style=normal', clearMark: (mark) => mark.type.name === 'italic' }],
      toDOM: (): DOMOutputSpec => ['em', 0],
    },
    link: {
      attrs: { href: {} },
      inclusive: false,
      parseDOM: [
        {
          tag: 'a[href]',
          // Only http, https and mailto: a javascript: (or data:, file:…) link keeps its text, not its link.
          getAttrs: (node: HTMLElement) => {
            const href = safeHref(node.getAttribute('href'));
            return href ? { href } : false;
          },
        },
      ],
      toDOM: (mark): DOMOutputSpec => ['a', { href: safeHref(mark.attrs.href) ?? '', rel: 'noopener noreferrer nofollow', target: '_blank' }, 0],
    },
  },
});
