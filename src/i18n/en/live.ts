/** English: the banner of a meeting in progress, on every workspace screen (see ../dictionary.ts). */
export const live = {
  banner: 'Meeting in progress: {{ title }}',
  untitled: 'Untitled meeting',
  chairedBy: 'chaired by {{ chair }}',
  join: 'Join',
} as const;
