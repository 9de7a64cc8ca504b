/** English: strings every screen shares (see ../dictionary.ts). */
export const common = {
  status: { proposed: 'Proposed', agreed: 'Agreed', 'in-progress': 'In progress', done: 'Done', dropped: 'Dropped' },
  practiceStatus: { draft: 'Draft', 'in-review': 'In review', final: 'Final' },
  sections: {
    context: { title: 'Context', hint: 'The local situation: the problem this practice answers, where, and since when.' },
    objectives: { title: 'Objectives', hint: 'What the practice sets out to achieve, and for whom.' },
    activities: { title: 'Activities', hint: 'What is done, by whom, and with which partners.' },
    budget: { title: 'Budget', hint: 'What it costs, how it is funded, and the staff it takes.' },
    evaluation: { title: 'Evaluation', hint: 'How results are measured, what they show, and what was learned.' },
  },
  kind: { topic: 'Topic', focusPoint: 'Focus point', meeting: 'Meeting', practice: 'Practice sheet', member: 'Member' },
  count: {
    topics: { one: '# topic', other: '# topics' },
    focusPoints: { one: '# focus point', other: '# focus points' },
    meetings: { one: '# meeting', other: '# meetings' },
    practices: { one: '# practice sheet', other: '# practice sheets' },
    members: { one: '# member', other: '# members' },
  },
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
