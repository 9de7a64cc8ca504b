import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { ExportDocument, ExportNode } from './document';

/**
 * An export document (document.ts) as a Word file: headings in Word's Heading styles (so its
 * navigation pane and a table of contents find them), lists as Word's own bulleted and numbered
 * paragraphs (each numbered list restarting at 1), bold and italic runs, links as hyperlinks, the
 * header facts as a two-column table, on A4. This module pulls in the docx library (~100 KB
 * gzipped): the app imports it only when someone asks for a .docx.
 */
export async function toDocx(exported: ExportDocument): Promise<Uint8Array> {
  const writer = new Writer();
  const children = (exported.doc.content ?? []).flatMap((node) => writer.block(node));
  const document = new Document({
    creator: 'Tavola',
    title: exported.title,
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22 } } },
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        // A4 in twentieths of a point, 2 cm margins.
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children,
      },
    ],
  });
  return Packer.pack(document, 'uint8array');
}

const NUMBERED = 'tavola-numbered';
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

type ListContext = { kind: 'bullet' | 'numbered'; level: number; instance: number };

class Writer {
  /** Each numbered list its own instance of the numbering, so it starts at 1. */
  private instances = 0;

  block(node: ExportNode, list?: ListContext, firstInItem = true): (Paragraph | Table)[] {
    switch (node.type) {
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
        return [new Paragraph({ heading: HEADINGS[level - 1], children: this.inline(node.content ?? []) })];
      }
      case 'paragraph':
        return [this.paragraph(node.content ?? [], list, firstInItem)];
      case 'bullet_list':
      case 'ordered_list': {
        const level = list ? list.level + 1 : 0;
        const context: ListContext =
          node.type === 'ordered_list' ? { kind: 'numbered', level, instance: ++this.instances } : { kind: 'bullet', level, instance: 0 };
        return (node.content ?? []).flatMap((item) => (item.content ?? []).flatMap((child, i) => this.block(child, context, i === 0)));
      }
      case 'facts':
        return [this.facts(node.content ?? [])];
      default:
        return node.content ? [this.paragraph(flatten(node), list, firstInItem)] : [];
    }
  }

  private paragraph(content: readonly ExportNode[], list: ListContext | undefined, firstInItem: boolean): Paragraph {
    const children = this.inline(content);
    if (!list) return new Paragraph({ children });
    // A second paragraph in a list item: indented with the item, without a marker of its own.
    if (!firstInItem) return new Paragraph({ children, indent: { left: 720 * (list.level + 1) } });
    if (list.kind === 'bullet') return new Paragraph({ children, bullet: { level: list.level } });
    return new Paragraph({ children, numbering: { reference: NUMBERED, level: list.level, instance: list.instance } });
  }

  private facts(facts: readonly ExportNode[]): Table {
    const border = { style: BorderStyle.SINGLE, size: 4, color: 'BFC7D2' };
    const borders = { top: border, bottom: border, left: border, right: border };
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [2400, 7238],
      rows: facts.map(
        (fact) =>
          new TableRow({
            children: [
              new TableCell({
                borders,
                width: { size: 25, type: WidthType.PERCENTAGE },
                shading: { fill: 'F1F4F8' },
                children: [new Paragraph({ children: [new TextRun({ text: String(fact.attrs?.label ?? ''), bold: true })] })],
              }),
              new TableCell({ borders, width: { size: 75, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: this.inline(fact.content ?? []) })] }),
            ],
          }),
      ),
    });
  }

  private inline(nodes: readonly ExportNode[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const node of nodes) {
      if (node.type === 'hard_break') {
        out.push(new TextRun({ text: '', break: 1 }));
        continue;
      }
      if (node.type !== 'text' || !node.text) continue;
      const marks = node.marks ?? [];
      const bold = marks.some((m) => m.type === 'bold');
      const italics = marks.some((m) => m.type === 'italic');
      const href = marks.find((m) => m.type === 'link')?.attrs?.href;
      if (typeof href === 'string' && /^(https?:\/\/|mailto:)/i.test(href.trim())) {
        out.push(new ExternalHyperlink({ link: href.trim(), children: [new TextRun({ text: node.text, bold, italics, style: 'Hyperlink' })] }));
      } else {
        out.push(new TextRun({ text: node.text, bold, italics }));
      }
    }
    return out;
  }
}

function flatten(node: ExportNode): ExportNode[] {
  if (node.type === 'text' || node.type === 'hard_break') return [node];
  return (node.content ?? []).flatMap(flatten);
}
