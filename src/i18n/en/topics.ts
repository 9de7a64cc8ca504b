/** English: the topics strings (see ../dictionary.ts). */
export const topics = {} as const;
