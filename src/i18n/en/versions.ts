/** English: the versions strings (see ../dictionary.ts). */
export const versions = {} as const;
