/** English: the backup card of the workspace settings (see ../dictionary.ts). */
export const backup = {
  title: 'Backups',
  intro:
    'This workspace is kept in this browser. A backup is one file with everything in it — topics, focus points, meetings, practice sheets and members, deleted ones too — that you keep where you like and can restore in any browser.',
  export: 'Export backup',
  saved: 'Saved “{{ file }}” ({{ size }}) to your downloads.',
  tooLargeToRestore:
    'This backup is {{ size }}, more than Tavola can restore ({{ limit }}). Keep it anyway: it holds everything, and its records can be read in any text editor.',
  exportFailed: 'Exporting the backup did not work: {{ reason }}',
  restoreTitle: 'Restore from a backup',
  restoreIntro:
    "Merges a backup of this workspace into it, as a partner's changes would be: what the backup has that is missing here comes back, and changes made since stay. To go back to the backup as it was, restore it as a separate copy from the home screen.",
  otherWorkspace:
    'This backup is of another workspace, “{{ name }}”. To bring it into this browser, use “Restore from a backup file” on the home screen.',
  confirmTitle: 'Merge the backup into “{{ name }}”?',
  merge: 'Merge',
  nothingLost: 'Nothing is lost on either side. Partners who are connected receive what the backup adds.',
} as const;
