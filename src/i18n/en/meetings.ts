/** English: the meetings strings (see ../dictionary.ts). */
export const meetings = {} as const;
