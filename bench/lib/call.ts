// A call of ten (docs/performance.md, figure 7): the bench's Node peers (bench/peer) join a room
// and type into their own focus points of the open topic, one character every `intervalMs` each,
// while something is measured; then the bench checks that their typing reached the measuring page.
import type { CallPeers, Room } from '../peer/call-peers';
import { sleep, waitFor, withTimeout } from './pages';

/** The measured keystrokes take 20 s at the full sizes; this much is a page that cannot keep up. */
const MEASURE_TIMEOUT_MS = 5 * 60_000;

export interface CallLoad {
  /** Each peer's connections once joined: every other peer and every page in the room. */
  others: number;
  /** One point per peer (not the one the browser types into). */
  pointIds: string[];
  intervalMs: number;
  chars: string;
}

export interface UnderCall<T> {
  result: T;
  connectMs: number;
  /** Characters each peer typed while joined. */
  typed: number[];
  /** How long after the typing stopped the observing page had all of it. */
  arrivedMs: number;
}

/**
 * `measure` while the peers type in `room`. `lengthsIn` reads the observing page's texts of the
 * peers' points: all the peers typed must reach it, or the load was not what it claims. `what`
 * names the measurement in a timeout's message, with the step `progress` was last set to (the
 * measuring code sets it) and the observing page's lengths, if it still answers.
 */
export async function underCall<T>(
  what: string,
  peers: CallPeers,
  room: Room,
  load: CallLoad,
  lengthsIn: (pointIds: string[]) => Promise<number[]>,
  measure: (progress: { step: string }) => Promise<T>,
): Promise<UnderCall<T>> {
  const pointIds = load.pointIds.slice(0, peers.count);
  // A page swamped by the call must fail the run with a reason, not hang it.
  const lengths = () => withTimeout(lengthsIn(pointIds), 30_000, 'the observing page to read the peers\' points');
  const { connectMs } = await peers.join(room, load.others);
  // What the peers bring when they join (their typing in an earlier room) arrives first.
  await sleep(1_000);
  const before = await lengths();
  await peers.startTyping(pointIds, load.intervalMs, load.chars);
  // The load is on before the first measured keystroke.
  await sleep(1_000);
  try {
    const progress = { step: 'starting' };
    const explain = async () => {
      const seen = await withTimeout(lengthsIn(pointIds), 5_000, 'the observing page').then((now) => now.join('/'), (error: Error) => error.message);
      return `stuck ${progress.step}; the peers' points in the observing page ${seen}, ${before.join('/')} before the typing`;
    };
    const result = await withTimeout(measure(progress), MEASURE_TIMEOUT_MS, `the keystrokes of ${what}`, explain);
    const typed = await peers.stopTyping();
    const stopped = performance.now();
    await waitFor(
      async () => (await lengths()).every((length, i) => length >= before[i]! + typed[i]!),
      30_000,
      'the call peers\' typing to reach the observing page',
      200,
    );
    return { result, connectMs, typed, arrivedMs: performance.now() - stopped };
  } finally {
    await peers.stopTyping().catch(() => undefined);
    await peers.leave();
    // The pages notice that the peers left before anything else is measured.
    await sleep(1_000);
  }
}
