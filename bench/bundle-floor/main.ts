// The floor of the bundle: the app's dependencies, each used minimally, bundled with the app's
// own Vite configuration (bench/lib/build.mjs). Each import is used, so none is tree-shaken away.
import { render } from 'solid-js/web';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebrtcProvider } from 'y-webrtc';
import * as z from 'zod/mini';

const entry = z.object({ id: z.string(), name: z.string() });
const doc = new Y.Doc();
new IndexeddbPersistence('floor', doc);
new WebrtcProvider('floor', doc, { signaling: [] });
render(() => entry.parse({ id: 'floor', name: 'Floor' }).name, document.getElementById('root')!);
