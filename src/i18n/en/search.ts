/** English: the search strings (see ../dictionary.ts). */
export const search = {} as const;
