/** English: the backup strings (see ../dictionary.ts). */
export const backup = {} as const;
