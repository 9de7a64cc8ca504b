/** The Share dialog and taking the links back: loaded with the dialog (ui/shell/ShareDialog.tsx). */
export const share = {
  shareDialog: {
    title: 'Share this workspace',
    /** A workspace with edit and view links (issue 14). */
    bothIntro: 'Two links open this workspace: one to change it, one only to read it. Send each only to the people it is meant for.',
    /** This browser holds only the view link. */
    viewIntro: 'This browser can only view this workspace: it was opened with the view link. You can pass that link on.',
    /** A workspace made before view links: its one link lets everyone edit. */
    oldIntro: 'Send this link to partner cities. Whoever has it can open and edit the workspace.',
    privacy: 'Sharing works browser to browser: no server keeps a copy of the workspace, and the key after {{ hash }} never leaves the browsers.',
    privacySealed: 'Sharing works browser to browser: no server can read the workspace, and the key after {{ hash }} never leaves the browsers.',
    keepers: {
      one: "The link includes this workspace's keeper ({{ keepers }}): it holds the workspace sealed between calls and cannot read it.",
      other: "The link includes this workspace's keepers ({{ keepers }}): they hold the workspace sealed between calls and cannot read it.",
    },
    editLink: 'Edit link',
    editAllows: 'Partners with this link can read and change everything. Give it only to members of the group.',
    viewLink: 'View link',
    viewAllows: "Partners with this link can read everything, follow changes live, export and print, but change nothing. For a national forum, a liaison, the network's staff.",
    link: 'Workspace link',
    copied: 'Copied',
    copy: 'Copy link',
    copyEdit: 'Copy edit link',
    copyView: 'Copy view link',
    onlyWith: 'Share it only with people who should see and edit everything in this workspace.',
    noViewLinkYet: 'This workspace was made before view links, so it has one link for everyone. A view link comes when the group moves to new links.',
    close: 'Close',
  },
  /** Taking the links back (issue 14): the foot of the Share dialog. */
  replaceLinks: {
    title: 'Take the links back',
    titleOld: 'Move to edit and view links',
    explain: 'If a link went where it should not, replace both links. The workspace moves to new links: whoever opens an old one gets nothing new and is told it was replaced.',
    explainOld: 'Replace this workspace\'s one link with an edit link and a view link. Whoever opens the current link afterwards gets nothing new and is told it was replaced.',
    button: 'Replace the links…',
    buttonOld: 'Replace the link…',
    moveMembers: 'Move members who have the edit link along when they next connect.',
    moveMembersHint: 'Leave this on unless the edit link itself went astray; then send the new edit link to each member yourself.',
    confirmText: 'Replace the links now? The links you shared so far stop bringing anything new.',
    confirm: 'Replace the links',
    cancel: 'Cancel',
    done: 'The links were replaced. Share the new ones below.',
    failed: 'The links could not be replaced. Nothing was changed; try again.',
  },
} as const;
