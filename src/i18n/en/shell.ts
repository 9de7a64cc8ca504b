/** English: the workspace's frame: header, tabs, who is here (see ../dictionary.ts). */
export const shell = {} as const;
