/** English: opening a share link (see ../dictionary.ts). */
export const join = {
  failedTitle: 'This link does not open a workspace',
  conflictTitle: 'This link has a different key',
  conflictBody:
    "This browser already has “{{ name }}”, shared with another key. Use the new key only if your partners told you the workspace's key changed: whoever made this link will receive everything in the workspace.",
  keepKey: 'Keep the current key and open it',
  useNewKey: 'Use the new key',
  opening: 'Opening the shared workspace…',
  sharedWorkspace: 'Shared workspace',
  problems: {
    'not-a-link': 'This is not a Tavola workspace link. A workspace link contains “#/edit/”, “#/view/” or, for older workspaces, “#/join/”.',
    incomplete: 'This workspace link is incomplete: part of it was probably lost when it was copied. Ask your partner to send it again.',
    'too-long': 'This workspace link has more in it than Tavola expects. Ask your partner to send it again.',
    'bad-workspace': 'The workspace named in this link is not valid. Ask your partner to send the link again.',
    'short-key': 'The key in this workspace link is too short: the link was probably cut off. Ask your partner to send it again.',
    'bad-key': 'The key in this workspace link is damaged. Ask your partner to send it again.',
    'bad-relay': 'The link names a connection relay that is not a valid address ({{ address }}). Ask your partner to check their settings.',
    'bad-keeper': 'The link names a keeper that is not a valid address ({{ address }}). Ask your partner to check their settings.',
  },
} as const;
