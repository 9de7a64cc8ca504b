/**
 * Run `work` once the next frame has been painted (a task posted from requestAnimationFrame runs
 * after that frame), when the browser is idle or at most a second later. For work the first screen
 * does not need. Returns how to cancel it.
 */
export function afterPaint(work: () => void): () => void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => {
      if (cancelled) return;
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(() => !cancelled && work(), { timeout: 1_000 });
      else work();
    }, 0);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
