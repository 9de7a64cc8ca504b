import { createSignal, type Accessor } from 'solid-js';
import { ENGLISH_EXPORT_WORDS, type ExportDocument, type ExportWords } from '../../io/export/document';
import { toMarkdown } from '../../io/export/markdown';
import { formatDate, formatList, formatNumber, locale, t, tn } from '../../i18n';
import { FOCUS_POINT_STATUSES, PRACTICE_SECTIONS, PRACTICE_STATUSES } from '../../model';

/** Hand `content` to the browser as a file download called `name`. */
export function saveFile(name: string, content: string | Uint8Array, type: string): void {
  // A Uint8Array over a plain ArrayBuffer (what docx gives) is a BlobPart; TypeScript cannot tell.
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const MARKDOWN_TYPE = 'text/markdown;charset=utf-8';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The two downloads of an exported document (minutes, a practice sheet): Markdown at once, and
 * .docx with the docx library loaded only on that click (it is in no screen's chunk). A .docx
 * that cannot be made goes to `failed` with the library's reason.
 */
export function createDownloads(exported: () => ExportDocument | undefined, failed: (reason: string) => void): {
  downloadMarkdown: () => void;
  downloadDocx: () => Promise<void>;
  preparingDocx: Accessor<boolean>;
} {
  const [preparingDocx, setPreparingDocx] = createSignal(false);
  const downloadMarkdown = () => {
    const current = exported();
    if (current) saveFile(`${current.fileName}.md`, toMarkdown(current.doc), MARKDOWN_TYPE);
  };
  const downloadDocx = async () => {
    const current = exported();
    if (!current || preparingDocx()) return;
    setPreparingDocx(true);
    try {
      const { toDocx } = await import('../../io/export/docx');
      saveFile(`${current.fileName}.docx`, await toDocx(current), DOCX_TYPE);
    } catch (error) {
      failed(error instanceof Error ? error.message : String(error));
    } finally {
      setPreparingDocx(false);
    }
  };
  return { downloadMarkdown, downloadDocx, preparingDocx };
}

/**
 * The words of an export (minutes, practice sheets) in the language of the person exporting,
 * from the `editor` area (loaded with the practice sheets and meetings screens) and `common`.
 * Dates through src/i18n; what the group wrote stays as written.
 */
export function exportWords(): ExportWords {
  const status = Object.fromEntries(FOCUS_POINT_STATUSES.map((s) => [s, t(`common.status.${s}`)])) as ExportWords['status'];
  const practiceStatus = Object.fromEntries(PRACTICE_STATUSES.map((s) => [s, t(`common.practiceStatus.${s}`)])) as ExportWords['practiceStatus'];
  const sections = Object.fromEntries(PRACTICE_SECTIONS.map((s) => [s, t(`common.sections.${s}.title`)])) as ExportWords['sections'];
  const monthFormat = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric' });
  const weekdayFormat = new Intl.DateTimeFormat(locale(), { weekday: 'long' });
  return {
    status,
    practiceStatus,
    sections,
    minutesTitle: (title) => t('editor.export.minutesTitle', { title }),
    time: t('editor.export.time'),
    chair: t('editor.export.chair'),
    statusLabel: t('editor.export.status'),
    stillLive: t('editor.export.stillLive'),
    notHeld: t('editor.export.notHeld'),
    attendees: t('editor.export.attendees'),
    noAttendees: t('editor.export.noAttendees'),
    membersTakingPart: (members) => t('editor.export.membersTakingPart', { members }),
    agenda: t('editor.export.agenda'),
    nothingOnAgenda: t('editor.export.nothingOnAgenda'),
    deletedTopic: (topic) => t('editor.export.deletedTopic', { topic }),
    otherPoints: t('editor.export.otherPoints'),
    notes: t('editor.export.notes'),
    noNotes: t('editor.export.noNotes'),
    noPoints: t('editor.export.noPoints'),
    pointsRaised: (points, agreed) => tn('editor.export.pointsRaised', points, { agreed: agreed === 0 ? t('editor.export.noneAgreed') : formatNumber(agreed) }),
    pointStatus: (status) => t('editor.export.pointStatus', { status }),
    empty: t('editor.export.empty'),
    fromTime: (time) => t('editor.export.fromTime', { time }),
    // English keeps its own spelling (no ICU commas); other languages: the weekday, then the date as the language writes it.
    longDate: (date) => {
      if (locale() === 'en') return ENGLISH_EXPORT_WORDS.longDate(date);
      const parsed = new Date(`${date}T12:00:00`);
      return Number.isNaN(parsed.getTime()) ? date : `${weekdayFormat.format(parsed)} ${formatDate(date)}`;
    },
    list: (items) => formatList(items),
    fileMinutes: t('editor.export.fileMinutes'),
    practiceSheet: (workspace) => t('editor.export.practiceSheet', { workspace }),
    untitledSheet: t('editor.export.untitledSheet'),
    untitledTopic: t('editor.export.untitledTopic'),
    notWritten: t('editor.export.notWritten'),
    city: t('editor.export.city'),
    member: t('editor.export.member'),
    country: t('editor.export.country'),
    period: t('editor.export.period'),
    partners: t('editor.export.partners'),
    contact: t('editor.export.contact'),
    topics: t('editor.export.topics'),
    month: (month) => {
      const parsed = new Date(`${month}-15T12:00:00`);
      return Number.isNaN(parsed.getTime()) ? month : monthFormat.format(parsed);
    },
    periodBoth: (start, end) => t('editor.export.periodBoth', { start, end }),
    since: (start) => t('editor.export.since', { start }),
    until: (end) => t('editor.export.until', { end }),
    fileSheet: t('editor.export.fileSheet'),
  };
}
