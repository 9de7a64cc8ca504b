/** English: the editor strings (see ../dictionary.ts). */
export const editor = {} as const;
