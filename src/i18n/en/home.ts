/** English: the home strings (see ../dictionary.ts). */
export const home = {} as const;
