/** Hand `content` to the browser as a file download called `name`. */
export function saveFile(name: string, content: string | Uint8Array, type: string): void {
  // A Uint8Array over a plain ArrayBuffer (what docx gives) is a BlobPart; TypeScript cannot tell.
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const MARKDOWN_TYPE = 'text/markdown;charset=utf-8';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
