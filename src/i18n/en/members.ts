/** English: the members strings (see ../dictionary.ts). */
export const members = {} as const;
