/** English: strings every screen shares (see ../dictionary.ts). */
export const common = {
  cancel: 'Cancel',
  restore: 'Restore',
  unknown: 'Unknown',
  goHome: 'Go to your workspaces',
  notFound: {
    title: 'Page not found',
    body: 'This address does not lead to anything in Tavola.',
  },
  banner: {
    offline: 'No network. Tavola works as usual and keeps your changes in this browser; they reach your partners when you are back online.',
    storageFull:
      "This computer's disk, or the space the browser allows Tavola, is full: your latest changes could not be saved here. Keep this page open (partners who are online still receive them), free some disk space, and export a backup.",
    update: 'A new version of Tavola is ready. Nothing you typed will be lost.',
    reload: 'Reload now',
    later: 'Later',
  },
  language: {
    title: 'Language',
    label: 'Language of Tavola',
    help: 'Only for you, in this browser. Partners each see Tavola in their own language; what the group writes stays as written.',
  },
} as const;
