import { strFromU8, unzipSync } from 'fflate';

/** One paragraph of a .docx as Word would show it: its style, its list marker, its runs. */
export interface DocxParagraph {
  style: string | null;
  /** For a list paragraph: bulleted or numbered, its level (0 = top), and its numbering instance. */
  list: { kind: 'bullet' | 'number'; level: number; numId: string } | null;
  runs: { text: string; bold: boolean; italic: boolean; link: string | null }[];
  /** Its text, with a line break as '\n'. */
  text: string;
  /** In a table cell. */
  inTable: boolean;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * A .docx opened again the way Word reads it: the zip's word/document.xml, its relationships
 * (hyperlink targets) and word/numbering.xml (whether a list is bulleted or numbered). Enough
 * XML reading for what Tavola writes, not a general parser.
 */
export function readDocx(bytes: Uint8Array): { paragraphs: DocxParagraph[]; files: string[]; documentXml: string; coreXml: string } {
  const zip = unzipSync(bytes);
  const file = (name: string) => {
    const entry = zip[name];
    if (!entry) throw new Error(`${name} is not in the .docx`);
    return strFromU8(entry);
  };
  const documentXml = file('word/document.xml');
  const rels = new Map<string, string>();
  for (const m of file('word/_rels/document.xml.rels').matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"[^>]*?\/>/g)) rels.set(m[1]!, decode(m[2]!));
  for (const m of file('word/_rels/document.xml.rels').matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"[^>]*?\/>/g)) rels.set(m[2]!, decode(m[1]!));

  const numbering = zip['word/numbering.xml'] ? strFromU8(zip['word/numbering.xml']) : '';
  const abstractOf = new Map<string, string>();
  for (const m of numbering.matchAll(/<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"\/>/g)) abstractOf.set(m[1]!, m[2]!);
  const formatOf = (numId: string, level: number): string => {
    const abstract = abstractOf.get(numId);
    const body = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstract}"[^>]*>([\\s\\S]*?)</w:abstractNum>`).exec(numbering)?.[1] ?? '';
    const lvl = new RegExp(`<w:lvl [^>]*w:ilvl="${level}"[^>]*>([\\s\\S]*?)</w:lvl>`).exec(body)?.[1] ?? '';
    return /<w:numFmt w:val="([^"]+)"/.exec(lvl)?.[1] ?? 'unknown';
  };

  const tables: [number, number][] = [];
  for (const m of documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)) tables.push([m.index!, m.index! + m[0].length]);

  const paragraphs: DocxParagraph[] = [];
  for (const p of documentXml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)) {
    const body = p[1] ?? p[2] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1] ?? null;
    const numId = /<w:numId w:val="(\d+)"\/>/.exec(body)?.[1];
    const level = Number(/<w:ilvl w:val="(\d+)"\/>/.exec(body)?.[1] ?? 0);
    const list = numId ? { kind: formatOf(numId, level) === 'bullet' ? ('bullet' as const) : ('number' as const), level, numId } : null;
    const runs: DocxParagraph['runs'] = [];
    // Runs, each either inside a hyperlink or not.
    for (const part of body.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>|<w:r>([\s\S]*?)<\/w:r>/g)) {
      const link = part[1] ? (rels.get(part[1]) ?? `missing ${part[1]}`) : null;
      const runBodies = part[2] !== undefined ? [...part[2].matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => r[1]!) : [part[3]!];
      for (const run of runBodies) {
        const text = [...run.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>|<w:br\/>/g)].map((t) => (t[0] === '<w:br/>' ? '\n' : decode(t[1]!))).join('');
        runs.push({ text, bold: /<w:b\/>|<w:b w:val="true"\/>/.test(run), italic: /<w:i\/>|<w:i w:val="true"\/>/.test(run), link });
      }
    }
    const at = p.index!;
    paragraphs.push({ style, list, runs, text: runs.map((r) => r.text).join(''), inTable: tables.some(([a, b]) => at > a && at < b) });
  }
  const coreXml = zip['docProps/core.xml'] ? strFromU8(zip['docProps/core.xml']) : '';
  return { paragraphs, files: Object.keys(zip), documentXml, coreXml };
}
