// The floor of the keeper's first figure (docs/performance.md, "The keeper"): a new page opens a
// bare WebSocket to the bench's tiny server (bench/lib/keeper.ts), which sends the workspace's
// encoded state (Y.encodeStateAsUpdate, unsealed: what a plain Hocuspocus would send to a new
// client) in one message. The page applies it to a plain Y.Doc, reads the topics, focus points
// and members as plain data, and renders the same rows as the app with Solid alone
// (bench/lab/rows.tsx: the app's markup and style sheet). The probe's "shown"
// (bench/lib/probe.js) notes when the screen is complete and painted, as for the app; this page's
// own stages are window.__keeperFloor. Open as keeper.html?ws=<ws: address>.
import * as Y from 'yjs';
import { showRows, type Member, type Point, type Topic } from './rows';

interface FloorMarks {
  socketAt: number;
  openAt: number;
  receivedAt: number;
  appliedAt: number;
  /** Read as plain data and rendered (Solid renders as the signal is set). */
  renderedAt: number;
  bytes: number;
}

interface Ordered {
  id: string;
  order: string;
}
// The model's order (src/model/order.ts): the order key, ties by id.
const byOrder = (a: Ordered, b: Ordered) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const textOf = (value: unknown) => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '');

/** The live topics in order, each with its live points in order, and the members: as the model reads them. */
function readPlain(doc: Y.Doc): { topics: Topic[]; members: Member[] } {
  const topics: (Topic & { order: string })[] = [];
  doc.getMap('topics').forEach((raw, id) => {
    if (!(raw instanceof Y.Map) || raw.get('deletedAt')) return;
    topics.push({ id, title: textOf(raw.get('title')), order: String(raw.get('order') ?? '~'), points: [] });
  });
  const pointsOf = new Map<string, (Point & { order: string })[]>(topics.map((topic) => [topic.id, []]));
  doc.getMap('focusPoints').forEach((raw, id) => {
    if (!(raw instanceof Y.Map) || raw.get('deletedAt')) return;
    const place = raw.get('place') as { topicId?: string; order?: string } | undefined;
    const points = pointsOf.get(place?.topicId ?? '');
    if (!points) return;
    const owners = raw.get('owners');
    points.push({
      id,
      order: String(place?.order ?? '~'),
      text: textOf(raw.get('text')),
      status: String(raw.get('status') ?? 'proposed'),
      owners: owners instanceof Y.Map ? [...owners.keys()] : [],
    });
  });
  topics.sort(byOrder);
  for (const topic of topics) topic.points = pointsOf.get(topic.id)!.sort(byOrder);
  const members: (Member & { order: string })[] = [];
  doc.getMap('members').forEach((raw, id) => {
    if (!(raw instanceof Y.Map) || raw.get('deletedAt')) return;
    members.push({ id, name: textOf(raw.get('name')), order: String(raw.get('order') ?? '~') });
  });
  members.sort(byOrder);
  return { topics, members };
}

function receive(url: string): Promise<FloorMarks> {
  return new Promise((resolve, reject) => {
    const socketAt = performance.now();
    let openAt = NaN;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => (openAt = performance.now());
    socket.onerror = () => reject(new Error(`the floor's WebSocket to ${url} failed`));
    socket.onmessage = (event) => {
      const receivedAt = performance.now();
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, bytes);
      const appliedAt = performance.now();
      showRows(readPlain(doc));
      const renderedAt = performance.now();
      socket.close();
      // Kept, as the app keeps its document.
      (window as unknown as { __floorDoc: Y.Doc }).__floorDoc = doc;
      resolve({ socketAt, openAt, receivedAt, appliedAt, renderedAt, bytes: bytes.byteLength });
    };
  });
}

const url = new URLSearchParams(location.search).get('ws');
(window as unknown as { __keeperFloor: Promise<FloorMarks> }).__keeperFloor = url ? receive(url) : Promise.reject(new Error('no ?ws='));
