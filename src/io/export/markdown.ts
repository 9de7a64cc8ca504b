import type { ExportNode } from './document';

/**
 * An export document (document.ts) as CommonMark: `#` headings, `**bold**`, `_italic_`,
 * `[links](…)`, `-` and `1.` lists nested by indentation, hard breaks as two spaces and a line
 * break. Text is set as the characters it is: anything Markdown would read as markup is escaped.
 */
export function toMarkdown(doc: ExportNode): string {
  const blocks = (doc.content ?? []).map((node) => block(node, '')).filter((out) => out !== null && out !== '');
  return `${blocks.join('\n\n').trimEnd()}\n`;
}

/** One block, its continuation lines indented by `indent` (inside a list item). */
function block(node: ExportNode, indent: string): string | null {
  switch (node.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      // A heading is one line: a hard break in it becomes a space.
      const content = inline(node.content ?? [], indent, { heading: true }).replace(/ {2}\n\s*/g, ' ');
      return `${'#'.repeat(level)} ${content}`.trimEnd();
    }
    case 'paragraph':
      return inline(node.content ?? [], indent, {});
    case 'bullet_list':
    case 'ordered_list':
      return list(node, indent);
    case 'facts':
      return (node.content ?? [])
        .map((fact) => {
          const label = String(fact.attrs?.label ?? '');
          return `- **${escape(`${label}:`, false)}** ${inline(fact.content ?? [], `${indent}  `, { midLine: true })}`.trimEnd();
        })
        .join(`\n${indent}`);
    default:
      // A node this exporter does not know (a newer schema's): its text, as a paragraph.
      return node.content ? inline(flatten(node), indent, {}) : null;
  }
}

function list(node: ExportNode, indent: string): string {
  const ordered = node.type === 'ordered_list';
  const items = node.content ?? [];
  return items
    .map((item, i) => {
      const marker = ordered ? `${i + 1}. ` : '- ';
      const inner = indent + ' '.repeat(marker.length);
      const children = (item.content ?? []).filter((child) => block(child, inner));
      const parts = children.map((child) => block(child, inner)!);
      if (parts.length === 0) parts.push('');
      // A paragraph after the first, or a list, separated by a blank line within the item.
      const [first, ...rest] = parts;
      const body = [first, ...rest.map((part, j) => (children[j + 1]?.type.endsWith('_list') ? `${inner}${part}` : `\n${inner}${part}`))].join('\n');
      return `${marker}${body}`.trimEnd();
    })
    .join(`\n${indent}`);
}

function flatten(node: ExportNode): ExportNode[] {
  if (node.type === 'text' || node.type === 'hard_break') return [node];
  return (node.content ?? []).flatMap(flatten);
}

interface InlineContext {
  /** In a heading: a line start there cannot begin a list. */
  heading?: boolean;
  /** The text follows other text on its line (a fact's value). */
  midLine?: boolean;
}

type Mark = 'link' | 'bold' | 'italic';

/** Inline content: runs of the same marks wrapped once, whitespace kept outside the delimiters. */
function inline(nodes: readonly ExportNode[], indent: string, context: InlineContext): string {
  // Segments: consecutive text with the same marks; a hard break is its own segment.
  const segments: { text: string; marks: Set<Mark>; href?: string }[] = [];
  for (const node of nodes) {
    if (node.type === 'hard_break') {
      segments.push({ text: '\n', marks: new Set() });
      continue;
    }
    if (node.type !== 'text' || !node.text) continue;
    const marks = new Set<Mark>();
    let href: string | undefined;
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold' || mark.type === 'italic') marks.add(mark.type);
      if (mark.type === 'link' && typeof mark.attrs?.href === 'string' && safeLink(mark.attrs.href)) {
        marks.add('link');
        href = mark.attrs.href;
      }
    }
    const last = segments.at(-1);
    if (last && last.text !== '\n' && sameMarks(last.marks, marks) && last.href === href) last.text += node.text;
    else segments.push({ text: node.text, marks, href });
  }

  let out = '';
  let lineStart = !context.midLine;
  segments.forEach((segment, i) => {
    if (segment.text === '\n') {
      out += `  \n${indent}`;
      lineStart = true;
      return;
    }
    const before = segments[i - 1]?.text.at(-1) ?? ' ';
    const after = segments[i + 1]?.text[0] ?? ' ';
    out += marked(segment, lineStart && !context.heading, before, after);
    lineStart = false;
  });
  return out;
}

function marked(segment: { text: string; marks: Set<Mark>; href?: string }, atLineStart: boolean, before: string, after: string): string {
  const lines = segment.text.split('\n');
  const escaped = lines.map((line, i) => escape(line, atLineStart && i === 0)).join(' ');
  if (segment.marks.size === 0) return escaped;
  // Delimiters hug the text: `** bold**` is not bold in CommonMark.
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped)!;
  if (!core) return escaped;
  let wrapped = core;
  // `_` does not work inside a word (snake_case stays literal): `*` does.
  if (segment.marks.has('italic')) wrapped = /\w/.test(lead ? ' ' : before) || /\w/.test(trail ? ' ' : after) ? `*${wrapped}*` : `_${wrapped}_`;
  if (segment.marks.has('bold')) wrapped = `**${wrapped}**`;
  if (segment.marks.has('link') && segment.href) wrapped = `[${wrapped}](${destination(segment.href)})`;
  return `${lead}${wrapped}${trail}`;
}

function sameMarks(a: Set<Mark>, b: Set<Mark>): boolean {
  return a.size === b.size && [...a].every((mark) => b.has(mark));
}

/** Only the schemes the editor keeps (http, https, mailto). */
function safeLink(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

/** A link destination in angle brackets when it has spaces or parentheses. */
function destination(href: string): string {
  const trimmed = href.trim();
  return /[\s()<>]/.test(trimmed) ? `<${trimmed.replace(/[<>]/g, (c) => encodeURIComponent(c))}>` : trimmed;
}

/**
 * Text set in Markdown as the characters it is: inline markup escaped, an entity-like `&…;`
 * kept literal, and at a line's start anything that would begin a block (`#`, `>`, a list marker).
 */
export function escape(value: string, atLineStart: boolean): string {
  let out = value.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
  if (atLineStart) out = out.replace(/^(\s*)([#+-]|\d+[.)]|=+\s*$)/, '$1\\$2');
  return out;
}
