// Opening a modal dialog marks the page (`modal-open` on <html>) until it closes, so the styles
// can draw a topic's contained rows whole while a dialog is open (shell/styles.css). A class, not
// `:root:has(dialog[open]) .point`: that selector made every style recalculation re-match every
// row, some 6 ms per partner's keystroke in a topic of 200 points (docs/performance.md).

/** `dialog.showModal()`, with the page marked until no dialog is open. */
export function showModal(dialog: HTMLDialogElement): void {
  dialog.showModal();
  const root = document.documentElement;
  root.classList.add('modal-open');
  dialog.addEventListener('close', () => root.classList.toggle('modal-open', document.querySelector('dialog[open]') !== null), { once: true });
}
