// Chromium traces of a bench phase (CDP Tracing), for finding what stalls the main thread:
// `TAVOLA_BENCH_TRACE=1 npm run bench` traces A and B while they type, alone and in the call of
// ten (docs/performance.md, "The keystroke stalls"). The whole trace is written next to the
// results; the summary lists the main thread's long tasks and what ran in them, its time by kind
// of work, and the functions it ran most.
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

export interface LongTask {
  /** ms since the trace started. */
  at: number;
  ms: number;
  /** CPU time of the main thread in the task: far below `ms` means the thread waited for a core. */
  cpuMs: number;
  /** The largest parts of the task by self-reported duration (GC, script, style, layout, paint…). */
  parts: Record<string, number>;
}

export interface TraceSummary {
  file: string;
  durationMs: number;
  longTasks: LongTask[];
  /** Every garbage collection on the main thread: kind → count, total ms, longest ms. */
  gc: Record<string, { count: number; totalMs: number; maxMs: number }>;
  /** The main thread's time over the whole trace by kind of work (events nest: script includes its GC). */
  totals: Record<string, number>;
  /** The script the main thread ran most, by function (name, file, line): total ms and calls, the top 25. */
  functions: { fn: string; ms: number; calls: number }[];
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'toplevel', 'disabled-by-default-v8.gc'];

/** Start tracing the page's renderer; call the returned function to stop and summarise. */
export async function startTrace(page: Page, file: string): Promise<() => Promise<TraceSummary>> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (data) => {
    for (const event of data.value) events.push(event as unknown as TraceEvent);
  });
  await session.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
    await session.send('Tracing.end');
    await done;
    await session.detach();
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    return summarise(events, file);
  };
}

export function summarise(events: TraceEvent[], file: string): TraceSummary {
  // The renderer's main thread: the thread named CrRendererMain in the process with the most events.
  const mainThreads = events.filter((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain');
  const counts = new Map<string, number>();
  for (const event of events) counts.set(`${event.pid}:${event.tid}`, (counts.get(`${event.pid}:${event.tid}`) ?? 0) + 1);
  const main = mainThreads.map((e) => `${e.pid}:${e.tid}`).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && typeof e.dur === 'number');
  // Loops, not Math.min(...events): a trace holds far more events than the stack has room for.
  let start = Infinity;
  for (const event of events) if (event.ts > 0 && event.ts < start) start = event.ts;
  let end = -Infinity;
  for (const event of onMain) end = Math.max(end, event.ts + (event.dur ?? 0));
  // A task is traced as ThreadControllerImpl::RunTask around RunTask: count each once.
  const seenTasks = new Set<number>();
  const tasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && !seenTasks.has(e.ts) && (seenTasks.add(e.ts), true));
  const longTasks: LongTask[] = [];
  const gc: TraceSummary['gc'] = {};
  for (const event of onMain) {
    if (!/GC|Scavenge|MarkCompact|MinorMS/i.test(event.name) || event.cat.includes('disabled-by-default-v8.gc')) continue;
    const entry = (gc[event.name] ??= { count: 0, totalMs: 0, maxMs: 0 });
    entry.count++;
    entry.totalMs += (event.dur ?? 0) / 1000;
    entry.maxMs = Math.max(entry.maxMs, (event.dur ?? 0) / 1000);
  }
  onMain.sort((a, b) => a.ts - b.ts);
  const firstAtOrAfter = (ts: number) => {
    let lo = 0;
    let hi = onMain.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (onMain[mid]!.ts < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const task of tasks) {
    const ms = (task.dur ?? 0) / 1000;
    if (ms < 16) continue;
    const parts: Record<string, number> = {};
    const taskEnd = task.ts + (task.dur ?? 0);
    for (let i = firstAtOrAfter(task.ts); i < onMain.length && onMain[i]!.ts <= taskEnd; i++) {
      const event = onMain[i]!;
      if (event === task || event.ts + (event.dur ?? 0) > taskEnd) continue;
      if (!/^(V8\.GC|MinorGC|MajorGC|V8\.GC_|FunctionCall|EvaluateScript|v8\.callFunction|TimerFire|FireAnimationFrame|EventDispatch|UpdateLayoutTree|Layout|Paint|PrePaint|Layerize|ParseHTML|RunMicrotasks|HitTest|ScheduleStyleRecalculation)/.test(event.name)) continue;
      parts[event.name] = Math.round(((parts[event.name] ?? 0) + (event.dur ?? 0) / 1000) * 10) / 10;
    }
    longTasks.push({ at: Math.round((task.ts - start) / 1000), ms: Math.round(ms * 10) / 10, cpuMs: Math.round((task.tdur ?? 0) / 100) / 10, parts });
  }
  const totals: Record<string, number> = {};
  const byFunction = new Map<string, { ms: number; calls: number }>();
  for (const event of onMain) {
    if (/^(FunctionCall|EvaluateScript|v8\.callFunction|TimerFire|FireAnimationFrame|EventDispatch|UpdateLayoutTree|Layout|Paint|PrePaint|Layerize|RunMicrotasks|HitTest|ParseHTML|MajorGC|MinorGC|V8\.GC_SCAVENGER|V8\.GC_MARK_COMPACTOR|V8\.GC_MC_INCREMENTAL)$/.test(event.name)) {
      totals[event.name] = (totals[event.name] ?? 0) + (event.dur ?? 0) / 1000;
    }
    if (event.name === 'FunctionCall') {
      const data = (event.args as { data?: { functionName?: string; url?: string; lineNumber?: number } } | undefined)?.data;
      const fn = `${data?.functionName || '(anonymous)'} ${(data?.url ?? '').replace(/^.*\//, '')}:${data?.lineNumber ?? '?'}`;
      const entry = byFunction.get(fn) ?? { ms: 0, calls: 0 };
      entry.ms += (event.dur ?? 0) / 1000;
      entry.calls++;
      byFunction.set(fn, entry);
    }
  }
  for (const key of Object.keys(totals)) totals[key] = Math.round(totals[key]! * 10) / 10;
  const functions = [...byFunction]
    .map(([fn, { ms, calls }]) => ({ fn, ms: Math.round(ms * 10) / 10, calls }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 25);
  for (const entry of Object.values(gc)) {
    entry.totalMs = Math.round(entry.totalMs * 10) / 10;
    entry.maxMs = Math.round(entry.maxMs * 10) / 10;
  }
  return { file, durationMs: Math.round((end - start) / 1000), longTasks, gc, totals, functions };
}
