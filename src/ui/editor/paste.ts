/**
 * What Word, LibreOffice and Google Docs put on the clipboard, made into plain structural HTML
 * before ProseMirror parses it with the schema's rules (schema.ts), which drop everything else.
 * String work only: nothing here turns HTML into DOM (the editor's own parser does, into nodes
 * of the schema and never into the page).
 *
 * - Word: Office's conditional comments, <o:p>, <xml>, <style> and <script> go; its lists are
 *   paragraphs styled `mso-list:l0 level1 lfo1` with the bullet or number in a
 *   `mso-list:Ignore` span, made into real (nested) <ul>/<ol> here.
 * - LibreOffice: <p class="western">, <font> and <span> carry no structure; the schema's rules
 *   keep their <b>/<i>/<u>… as far as the schema has marks, and their text.
 * - Google Docs: the <b id="docs-internal-guid-…"> wrapper, styled font-weight:normal, is not
 *   bold (schema.ts), its spans' font-weight:700 and font-style:italic are.
 */
export function cleanPastedHTML(html: string): string {
  let out = html
    // Comments, including Office's <!--[if …]> blocks (their content is Office's own layout).
    .replace(/<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->/gi, '<span data-list-marker>$1</span>')
    .replace(/<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/gi, '<span data-list-marker>$1</span>')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[if [^\]]*\]>[\s\S]*?<!\[endif\]>/gi, '')
    .replace(/<(script|style|xml|title|head|meta|link|object|iframe|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style|meta|link|iframe|object|embed)\b[^>]*\/?>/gi, '')
    .replace(/<\/?o:p[^>]*>/gi, '')
    .replace(/<\/?(v|w|m):[^>]*>/gi, '');
  out = wordLists(out);
  // The marker spans left outside a list (a list paragraph Word wrote without its style) go too.
  return out.replace(/<span data-list-marker>[\s\S]*?<\/span>/gi, '');
}

interface WordItem {
  level: number;
  ordered: boolean;
  content: string;
}

/** Word's list paragraphs: `<p … style='…mso-list:l0 level2 lfo1…'>` runs become nested lists. */
function wordLists(html: string): string {
  const paragraph = /<p\b([^>]*?mso-list:\s*l\d+\s+level(\d+)[^>]*)>([\s\S]*?)<\/p>/gi;
  let result = '';
  let last = 0;
  let run: WordItem[] = [];
  let runEnd = 0;
  const flush = () => {
    if (run.length > 0) result += listHTML(run);
    run = [];
  };
  for (let match = paragraph.exec(html); match; match = paragraph.exec(html)) {
    const between = html.slice(last, match.index);
    // Only whitespace between two list paragraphs: the same list goes on.
    if (run.length > 0 && between.trim() !== '') flush();
    if (run.length === 0) result += between;
    const content = match[3]!;
    const marker = /<span data-list-marker>([\s\S]*?)<\/span>/i.exec(content)?.[1] ?? '';
    const markerText = marker.replace(/<[^>]*>/g, '').replace(/&nbsp;|\s/g, '');
    run.push({ level: Number(match[2]), ordered: /^(\d+|[a-z]{1,3}|[ivxlc]+)[.)]$/i.test(markerText), content: content.replace(/<span data-list-marker>[\s\S]*?<\/span>/gi, '') });
    last = runEnd = match.index + match[0].length;
  }
  flush();
  return result + html.slice(Math.max(last, runEnd));
}

function listHTML(items: readonly WordItem[]): string {
  let html = '';
  const open: ('ul' | 'ol')[] = [];
  const base = Math.min(...items.map((item) => item.level));
  for (const item of items) {
    const depth = item.level - base + 1;
    const tag = item.ordered ? 'ol' : 'ul';
    while (open.length > depth) html += `</li></${open.pop()}>`;
    if (open.length === depth) html += '</li>';
    while (open.length < depth) {
      open.push(tag);
      html += `<${tag}>`;
    }
    html += `<li><p>${item.content}</p>`;
  }
  while (open.length > 0) html += `</li></${open.pop()}>`;
  return html;
}
