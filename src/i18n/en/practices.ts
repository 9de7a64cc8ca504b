/** English: the practices strings (see ../dictionary.ts). */
export const practices = {} as const;
