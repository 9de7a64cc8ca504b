/** English: the search box and its results (see ../dictionary.ts). */
export const search = {
  label: 'Search the workspace',
  placeholder: 'Search',
  shortcut: 'Ctrl K',
  fields: {
    title: 'Title',
    text: 'Text',
    notes: 'Notes',
    name: 'Name',
    partners: 'Partners',
    contactName: 'Contact',
  },
  inTopic: 'in {{ title }}',
  listLabel: 'Search results',
  noResults: 'No results',
  results: { one: '# result', other: '# results' },
  firstShown: '{{ total }} results, the first {{ shown }} shown',
  nothing: 'Nothing found for “{{ query }}”.',
  more: { one: '# more: add a word to narrow the search.', other: '# more: add a word to narrow the search.' },
  hint: '↑ ↓ to move, Enter to open, Esc to close',
  preparing: 'Preparing search…',
} as const;
