/** English: the home strings (see ../dictionary.ts). */
export const home = {
  tagline: "Your working group's topics, focus points, meetings and practice sheets — kept in this browser, shared only with the partners you invite.",
  storage: {
    refused:
      "This browser has not promised to keep Tavola's data. It may clear your workspaces if the disk runs low. Keep backups, or install Tavola as an app, which usually lets the browser keep it.",
    unsupported: "This browser cannot promise to keep Tavola's data. It may clear your workspaces if the disk runs low.",
    granted: 'Stored permanently in this browser.',
    use: "Tavola uses {{ used }} of this browser's storage ({{ share }} of what it allows).",
    lessThanOnePercent: 'less than 1%',
    percent: '{{ value }}%',
    nearlyFull:
      'This browser is running out of space for Tavola: {{ used }} used of {{ quota }}. Export backups of your workspaces and delete the ones you no longer need here, or free space on this computer.',
  },
  create: {
    title: 'Start a workspace',
    label: 'Name of the new workspace',
    placeholder: 'e.g. Working group on urban safety',
    button: 'Create workspace',
    sampleBefore: 'Or',
    sampleLink: 'open the sample working group',
    sampleAfter: 'to see how a group uses Tavola.',
  },
  failed: {
    create: 'Creating the workspace did not work: {{ reason }}',
    sample: 'Opening the sample did not work: {{ reason }}',
    rename: 'Renaming did not work: {{ reason }}',
    delete: 'Deleting the workspace did not work: {{ reason }}',
    restore: 'Restoring the backup did not work: {{ reason }}',
    copy: 'Importing the copy did not work: {{ reason }}',
  },
  list: {
    title: 'Your workspaces',
    emptyTitle: 'No workspaces in this browser yet',
    emptyBody: 'Create one above, or open a link a partner sent you.',
    untitled: 'Untitled workspace',
    lastOpened: 'Last opened {{ date }}',
    rename: 'Rename',
    delete: 'Delete',
    newName: 'New name',
    save: 'Save',
  },
  confirmDelete: {
    title: 'Delete “{{ name }}”?',
    button: 'Delete from this browser',
    body: 'Its topics, focus points, meetings and practice sheets are removed from this browser. Partners who have the workspace keep their own copy.',
  },
  restore: {
    title: 'Restore from a backup file',
    intro:
      "A backup is a “.tavola.json” file made with “Export backup” in a workspace's settings. Restoring it brings the workspace back into this browser; nothing you have here is removed.",
    restored: 'Restored “{{ name }}” from the backup of {{ date }}.',
    copied: 'Imported the backup of {{ date }} as a separate workspace, “{{ name }}”.',
    copyName: '{{ name }} (copy)',
    open: 'Open it',
    alreadyHere: '“{{ name }}” is already in this browser',
    asCopy: 'Import as a separate copy',
    merge: 'Merge into this workspace',
    mergeTerm: 'Merge',
    mergeExplained:
      "combines the backup with the workspace here, as a partner's changes would be: what the backup has that is missing here comes back, and changes made here since stay. Partners who are connected receive what it adds.",
    copyTerm: 'Separate copy',
    copyExplained: 'makes a new workspace from the backup alone, shared with no one, and leaves the workspace here as it is.',
    failed: {
      alreadyHere: 'This workspace is already in this browser. Nothing was changed.',
      noRoom:
        'This browser has no room left to store the workspace, so it was not restored. Nothing was changed. Free some space (delete a workspace you no longer need here) and try again.',
      notStored: 'The workspace could not be stored in this browser. Nothing was changed.',
      notStoredBecause: 'The workspace could not be stored in this browser ({{ reason }}). Nothing was changed.',
    },
  },
} as const;
