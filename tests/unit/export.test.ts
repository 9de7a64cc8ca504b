import { describe, expect, it, vi } from 'vitest';
import { personLabel, recordAttendance, Workspace, type Attendee } from '../../src/model';
import { meetingMinutes } from '../../src/model/minutes';
import { minutesDocument, periodLabel, practiceDocument, type ExportDocument, type ExportNode } from '../../src/io/export/document';
import { toMarkdown } from '../../src/io/export/markdown';
import { toDocx } from '../../src/io/export/docx';
import { readDocx } from './docx-reader';

const t = (text: string, ...marks: ExportNode['marks'] & object): ExportNode => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...content: ExportNode[]): ExportNode => ({ type: 'paragraph', content });
const li = (...content: ExportNode[]): ExportNode => ({ type: 'list_item', content });
const B = { type: 'bold' };
const I = { type: 'italic' };
const L = (href: string) => ({ type: 'link', attrs: { href } });

/** A section as the rich-text editor writes it (ProseMirror JSON in Tavola's schema). */
const SECTION: ExportNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [t('Where it started')] },
    p(t('The port of '), t('Rotterdam', B), t(' saw '), t('more', I), t(' than '), t('30 cases', B, I), t(' in 2019; see '), t('the report', L('https://example.eu/report?year=2019&lang=en')), t('.')),
    { type: 'heading', attrs: { level: 2 }, content: [t('Who takes part')] },
    {
      type: 'bullet_list',
      content: [
        li(p(t('Customs')), { type: 'ordered_list', content: [li(p(t('Scanning'))), li(p(t('Inspection')))] }),
        li(p(t('Police'), { type: 'hard_break' }, t('and the harbour master'))),
      ],
    },
    { type: 'ordered_list', content: [li(p(t('First step'))), li(p(t('Second step')))] },
    p(t('Characters: *stars*, _under_, [brackets], <tags>, `code`, a|b, back\\slash, &amp; and 1. at a line start')),
    p(t('# not a heading')),
    p(t('Write to '), t('anna@rotterdam.nl', L('mailto:anna@rotterdam.nl')), t(' or '), t('click', L('javascript:alert(1)'))),
  ],
};

const SHEET: ExportDocument = {
  title: 'Port security pact',
  fileName: 'port-security-pact-practice-sheet',
  doc: { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [t('1. Context')] }, ...SECTION.content!] },
};

describe('Markdown export', () => {
  const markdown = toMarkdown(SHEET.doc);

  it('writes headings, bold, italic and links as Markdown', () => {
    expect(markdown).toMatch(/^## 1\. Context\n\n# Where it started\n\n/);
    expect(markdown).toContain('The port of **Rotterdam** saw _more_ than **_30 cases_** in 2019; see [the report](https://example.eu/report?year=2019&lang=en).');
    expect(markdown).toContain('\n\n## Who takes part\n\n');
  });

  it('nests lists by indentation, numbers ordered ones, and keeps a hard break inside its item', () => {
    expect(markdown).toContain(['- Customs', '  1. Scanning', '  2. Inspection', '- Police  ', '  and the harbour master'].join('\n'));
    expect(markdown).toContain('1. First step\n2. Second step');
  });

  it('escapes what Markdown would read as markup, and drops a link of a scheme the editor refuses', () => {
    expect(markdown).toContain('Characters: \\*stars\\*, \\_under\\_, \\[brackets\\], \\<tags\\>, \\`code\\`, a\\|b, back\\\\slash, \\&amp; and 1. at a line start');
    expect(markdown).toContain('\n\\# not a heading\n');
    expect(markdown).toContain('Write to [anna@rotterdam.nl](mailto:anna@rotterdam.nl) or click\n');
    expect(markdown).not.toContain('javascript:');
  });

  it('keeps delimiters next to the text they mark, and uses * inside a word', () => {
    const md = toMarkdown({ type: 'doc', content: [p(t('un'), t('believ', I), t('able and '), t(' spaced ', B), t('end'))] });
    expect(md).toBe('un*believ*able and  **spaced** end\n');
  });

  it('writes a practice sheet: title, header facts and the five numbered sections', () => {
    const { ws, id } = sheetWorkspace();
    const exported = practiceDocument(ws, id, (code) => ({ NL: 'Netherlands' })[code] ?? code)!;
    const md = toMarkdown(exported.doc);
    expect(exported.fileName).toBe('port-security-pact-practice-sheet');
    expect(md).toMatch(/^# Port security pact\n\nPractice sheet · Port cities\n\n/);
    expect(md).toContain(
      [
        '- **City:** Rotterdam',
        '- **Country:** Netherlands',
        '- **Period:** March 2019 – June 2023',
        '- **Partners:** Port of Rotterdam, Customs  ',
        '  Police',
        '- **Contact:** Anna de Vries, [anna@rotterdam.nl](mailto:anna@rotterdam.nl)',
        '- **Topics:** Ports',
        '- **Status:** In review',
      ].join('\n'),
    );
    expect(md).toContain('## 1. Context\n\nContainers \\*screened\\* at the quay.\n\nA second line.\n\n## 2. Objectives\n\n_Not written yet._\n\n## 3. Activities');
    expect(md.match(/^## \d\. /gm)).toEqual(['## 1. ', '## 2. ', '## 3. ', '## 4. ', '## 5. ']);
  });

  it('writes the minutes as the model has always written them', () => {
    const { ws, meeting } = heldMeeting();
    const exported = minutesDocument(ws, meeting, { timeZone: 'Europe/Amsterdam' })!;
    expect(toMarkdown(exported.doc)).toBe(meetingMinutes(ws, meeting, { timeZone: 'Europe/Amsterdam' }));
    expect(exported.fileName).toBe('2020-09-23-kick-off-minutes');
    expect(minutesDocument(ws, 'missing')).toBeUndefined();
  });
});

describe('.docx export', () => {
  it('is a Word file whose paragraphs carry every heading, list item, run and link of the sheet', async () => {
    const { paragraphs, files, coreXml } = readDocx(await toDocx(SHEET));
    expect(files).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', '[Content_Types].xml']));
    expect(coreXml).toContain('<dc:title>Port security pact</dc:title>');
    const headings = paragraphs.filter((x) => x.style?.startsWith('Heading')).map((x) => [x.style, x.text]);
    expect(headings).toEqual([
      ['Heading2', '1. Context'],
      ['Heading1', 'Where it started'],
      ['Heading2', 'Who takes part'],
    ]);

    const port = paragraphs.find((x) => x.text.startsWith('The port of'))!;
    expect(port.runs.map((r) => [r.text, r.bold, r.italic])).toEqual([
      ['The port of ', false, false],
      ['Rotterdam', true, false],
      [' saw ', false, false],
      ['more', false, true],
      [' than ', false, false],
      ['30 cases', true, true],
      [' in 2019; see ', false, false],
      ['the report', false, false],
      ['.', false, false],
    ]);
    expect(port.runs.find((r) => r.text === 'the report')!.link).toBe('https://example.eu/report?year=2019&lang=en');

    const listed = paragraphs.filter((x) => x.list).map((x) => [x.text, x.list!.kind, x.list!.level]);
    expect(listed).toEqual([
      ['Customs', 'bullet', 0],
      ['Scanning', 'number', 1],
      ['Inspection', 'number', 1],
      ['Police\nand the harbour master', 'bullet', 0],
      ['First step', 'number', 0],
      ['Second step', 'number', 0],
    ]);
    // Two numbered lists, two instances: the second starts at 1 again.
    const scanning = paragraphs.find((x) => x.text === 'Scanning')!.list!.numId;
    expect(paragraphs.find((x) => x.text === 'First step')!.list!.numId).not.toBe(scanning);

    const chars = paragraphs.find((x) => x.text.startsWith('Characters'))!;
    expect(chars.text).toBe('Characters: *stars*, _under_, [brackets], <tags>, `code`, a|b, back\\slash, &amp; and 1. at a line start');
    const mail = paragraphs.find((x) => x.text.startsWith('Write to'))!;
    expect(mail.runs.map((r) => r.link)).toEqual([null, 'mailto:anna@rotterdam.nl', null, null]);
  });

  it('writes a practice sheet with its header as a table and its five sections as Heading 2', async () => {
    const { ws, id } = sheetWorkspace();
    const { paragraphs } = readDocx(await toDocx(practiceDocument(ws, id)!));
    expect(paragraphs[0]).toMatchObject({ style: 'Heading1', text: 'Port security pact' });
    expect(paragraphs.filter((x) => x.style === 'Heading2').map((x) => x.text)).toEqual(['1. Context', '2. Objectives', '3. Activities', '4. Budget', '5. Evaluation']);
    const cells = paragraphs.filter((x) => x.inTable).map((x) => x.text);
    expect(cells).toEqual([
      'City', 'Rotterdam',
      'Country', 'NL',
      'Period', 'March 2019 – June 2023',
      'Partners', 'Port of Rotterdam, Customs\nPolice',
      'Contact', 'Anna de Vries, anna@rotterdam.nl',
      'Topics', 'Ports',
      'Status', 'In review',
    ]);
    expect(paragraphs.filter((x) => x.inTable && x.runs[0]?.bold).map((x) => x.text)).toEqual(['City', 'Country', 'Period', 'Partners', 'Contact', 'Topics', 'Status']);
    expect(paragraphs.find((x) => x.text === 'Anna de Vries, anna@rotterdam.nl')!.runs.at(-1)!.link).toBe('mailto:anna@rotterdam.nl');
    expect(paragraphs.find((x) => x.text === 'Containers *screened* at the quay.')).toBeDefined();
    expect(paragraphs.find((x) => x.text === 'Not written yet.')!.runs[0]!.italic).toBe(true);
  });

  it('writes the minutes: headings, attendees as bullets, the agenda numbered, the status in bold', async () => {
    const { ws, meeting } = heldMeeting();
    const { paragraphs } = readDocx(await toDocx(minutesDocument(ws, meeting)!));
    expect(paragraphs[0]).toMatchObject({ style: 'Heading1', text: 'Minutes: Kick-off' });
    expect(paragraphs.filter((x) => x.style === 'Heading2').map((x) => x.text)).toEqual(['Attendees', 'Agenda', '1. Ports', 'Notes']);
    expect(paragraphs.filter((x) => x.list?.kind === 'bullet').map((x) => x.text)).toEqual(['Anna (Amsterdam)', 'Agreed: Share port *screening* data']);
    expect(paragraphs.filter((x) => x.list?.kind === 'number').map((x) => x.text)).toEqual(['Ports']);
    expect(paragraphs.find((x) => x.text.startsWith('Agreed:'))!.runs[0]).toMatchObject({ text: 'Agreed:', bold: true });
    expect(paragraphs.at(-1)!.text).toBe('Next meeting in Lisbon.');
  });
});

describe('exports in the language of the person exporting', () => {
  it('writes a sheet and minutes in French: its words, months and dates; the group\'s texts as written', async () => {
    const { loadArea, loadLocale } = await import('../../src/i18n');
    const { exportWords } = await import('../../src/ui/kit/download');
    await loadLocale('fr');
    await loadArea('editor');
    try {
      const words = exportWords();
      const { ws, id } = sheetWorkspace();
      const sheet = practiceDocument(ws, id, (code) => code, words)!;
      const md = toMarkdown(sheet.doc);
      expect(md).toMatch(/^# Port security pact\n\nFiche de pratique · Port cities\n\n/);
      expect(md).toContain('mars 2019 – juin 2023');
      expect(md).toContain('## 1. Contexte');
      expect(md).toContain('En relecture');
      expect(sheet.fileName).toBe('port-security-pact-fiche-de-pratique');
      expect(periodLabel('2019-03', '', words)).toBe('Depuis mars 2019');

      const { ws: meetingWs, meeting } = heldMeeting();
      const minutes = minutesDocument(meetingWs, meeting, { words })!;
      expect(minutes.title).toBe('Compte rendu : Kick-off');
      const text = toMarkdown(minutes.doc);
      expect(text).toContain('## Présents');
      expect(text).toContain('## Ordre du jour');
      expect(text).toContain('**Convenu :** ');
      expect(text).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/);
      // The model's Markdown minutes take the same words.
      expect(meetingMinutes(meetingWs, meeting, { words })).toContain('# Compte rendu : Kick-off');
    } finally {
      await loadLocale('en');
    }
  });
});

describe('the period as people read it', () => {
  it('names months, an open end and a single month', () => {
    expect(periodLabel('2019-03', '2023-06')).toBe('March 2019 – June 2023');
    expect(periodLabel('2019-03', '')).toBe('Since March 2019');
    expect(periodLabel('', '2023-06')).toBe('Until June 2023');
    expect(periodLabel('2020-01', '2020-01')).toBe('January 2020');
    expect(periodLabel('', '')).toBe('');
  });
});

function sheetWorkspace() {
  const ws = new Workspace();
  ws.initialise({ name: 'Port cities' });
  const ports = ws.topics.add('Ports');
  const rtm = ws.members.add({ name: 'Rotterdam', kind: 'city', country: 'NL' });
  const id = ws.practices.add({
    title: 'Port security pact',
    memberId: rtm,
    topics: [ports],
    status: 'in-review',
    periodStart: '2019-03',
    periodEnd: '2023-06',
    partners: 'Port of Rotterdam, Customs\nPolice',
    contactName: 'Anna de Vries',
    contactEmail: 'anna@rotterdam.nl',
    context: 'Containers *screened* at the quay.\nA second line.',
  });
  return { ws, id };
}

function heldMeeting() {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2020-09-23T09:30:00.000Z'));
  const ws = new Workspace();
  ws.initialise({ name: 'Port cities' });
  const ports = ws.topics.add('Ports');
  const anna: Attendee = { name: 'Anna', organisation: 'Amsterdam' };
  ws.members.add({ name: 'Amsterdam', kind: 'city', country: 'NL' });
  const meeting = ws.meetings.add({ title: 'Kick-off', date: '2020-09-23', agenda: [ports] });
  ws.meetings.start(meeting, personLabel(anna));
  recordAttendance(ws, meeting, [anna]);
  const point = ws.focusPoints.add({ topicId: ports, text: 'Share port *screening* data', meetingId: meeting });
  ws.focusPoints.setStatus(point, 'agreed');
  ws.meetings.notes(meeting)!.set('Next meeting in Lisbon.');
  vi.setSystemTime(new Date('2020-09-23T11:05:00.000Z'));
  ws.meetings.end(meeting);
  vi.useRealTimers();
  return { ws, meeting };
}
