// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { DOMParser as ProseParser } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { cleanPastedHTML } from '../../src/ui/editor/paste';
import { richSchema } from '../../src/ui/editor/schema';

/**
 * Clipboard HTML as Word (Microsoft 365, Windows), LibreOffice Writer 7.6 and Google Docs put it
 * on the clipboard (tests/fixtures/clipboard/), through what the editor does with a paste: the
 * cleaning (paste.ts), then ProseMirror's parser with the schema's rules (schema.ts).
 */
function pasted(fixture: string): unknown {
  const html = readFileSync(`${process.cwd()}/tests/fixtures/clipboard/${fixture}`, 'utf8');
  const holder = document.createElement('div');
  holder.innerHTML = cleanPastedHTML(html);
  return ProseParser.fromSchema(richSchema).parse(holder).toJSON();
}

const t = (text: string, ...marks: ({ type: string; attrs?: Record<string, unknown> })[]) => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...content: unknown[]) => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
const h = (level: 1 | 2, text: string) => ({ type: 'heading', attrs: { level }, content: [t(text)] });
const li = (...content: unknown[]) => ({ type: 'list_item', content });
const bold = { type: 'bold' };
const italic = { type: 'italic' };
const link = (href: string) => ({ type: 'link', attrs: { href } });

describe('paste keeps the schema’s structure and drops everything else', () => {
  it('from Word: headings, marks, a link, nested bullet lists and a numbered list from mso-list paragraphs', () => {
    expect(pasted('word.html')).toEqual({
      type: 'doc',
      content: [
        h(1, 'Context of the practice'),
        p(t('The port of Rotterdam is '), t('Europe’s largest', bold), t(', and criminal groups use it for '), t('cocaine trafficking', italic), t('. See '), t('the port authority', link('https://www.portofrotterdam.com/en')), t('.')),
        h(2, 'What we do'),
        { type: 'bullet_list', content: [li(p(t('Screening of businesses')), { type: 'bullet_list', content: [li(p(t('catering and car washes')))] }), li(p(t('Closing premises')))] },
        p(t('\u00a0')),
        { type: 'ordered_list', content: [li(p(t('Map the risks'))), li(p(t('Act on them')))] },
        // The javascript: link keeps its text only; the script is gone.
        p(t('Click me')),
      ],
    });
  });

  it('from LibreOffice: <p class="western">, <font> and styles dropped, structure kept', () => {
    expect(pasted('libreoffice.html')).toEqual({
      type: 'doc',
      content: [
        h(1, 'Budget'),
        p(t('The city pays '), t('€ 40 000', bold), t(' a year; the '), t('province', italic), t(' adds staff. Details on '), t('the city’s page', link('https://www.example.org/budget')), t('.')),
        { type: 'ordered_list', content: [li(p(t('Staff: two officers'))), li(p(t('Training')), { type: 'bullet_list', content: [li(p(t('for inspectors')))] })] },
        p(t('Hidden link')),
      ],
    });
  });

  it('from Google Docs: the font-weight:normal wrapper is not bold, spans’ weight and style are marks, mailto kept', () => {
    expect(pasted('google-docs.html')).toEqual({
      type: 'doc',
      content: [
        h(1, 'Evaluation'),
        p(t('Results are '), t('measured yearly', bold), t(' by the university', italic), t('.')),
        h(2, 'Indicators'),
        { type: 'bullet_list', content: [li(p(t('Licences refused'))), li(p(t('Reports', link('mailto:evaluation@example.org')), t(' to the council')))] },
        p({ type: 'hard_break' }),
        p(t('Trap')),
      ],
    });
  });

  it('drops scripts, javascript: links, event handlers and images whatever the source', () => {
    for (const fixture of ['word.html', 'libreoffice.html', 'google-docs.html']) {
      const json = JSON.stringify(pasted(fixture));
      expect(json).not.toMatch(/javascript|alert|onerror|script|img|cookie/i);
    }
    const cleaned = cleanPastedHTML('<p>a<script>alert(1)</script><style>p{}</style>b</p><!--[if gte mso 9]><xml>x</xml><![endif]-->');
    expect(cleaned).toBe('<p>ab</p>');
  });
});
