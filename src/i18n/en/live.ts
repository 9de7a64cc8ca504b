/** English: the live strings (see ../dictionary.ts). */
export const live = {} as const;
