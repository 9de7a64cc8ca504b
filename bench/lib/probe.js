// The bench's probe: installed by Playwright (addInitScript) in every page of a bench browser,
// before the page's own scripts, the app's as well as the floor pages'. Plain JavaScript, no
// imports: it is injected as text after `window.__benchConfig = {…};`.
//
// What it adds to a page, as window.__bench:
// - now(): performance.now(), ms since this document's navigation started; clock(): the same as a
//   wall-clock time (timeOrigin + now()), comparable between processes once their offset is known;
// - afterPaint(): resolves just after the next frame is rendered (requestAnimationFrame, then a
//   task): the moment a change made now is on screen;
// - shown: when config.shown is set, the moment the workspace screen is complete (the topic list,
//   the first topic's focus points) and the frame after it was painted;
// - rtcTap: when this page's WebRTC data channels opened and what they received (the app's
//   y-webrtc connections; the bench's own channels below are not counted);
// - idb: when this page asked IndexedDB for all stored updates (getAll) and when it got them;
// - rtc: raw RTCDataChannels signalled by the bench (offer/answer through Node), and a clock
//   calibration over one (NTP-style ping/pong);
// - keys: the keydown times of this page, or every change of one text field's value;
// - rows: when a topic's focus points, opened by a click, were all in the DOM and painted;
// - ws: the page's WebSockets (the keeper's Hocuspocus provider, the relay): when each was made
//   and opened, what arrived, the largest message and when; decrypts: each AES-GCM decryption
//   (the keeper's entries being unsealed), its size, when it was asked and when it resolved.
(() => {
  if (window.__bench) return;
  const config = window.__benchConfig || {};
  const now = () => performance.now();
  const clock = () => performance.timeOrigin + performance.now();
  // requestAnimationFrame runs just before the frame's style, layout and paint; a task posted
  // from it runs after them. user-blocking priority puts it ahead of tasks already queued (IndexedDB,
  // network), which would otherwise make the frame look later than it was.
  const afterFrame = (callback) =>
    requestAnimationFrame(() => {
      if (globalThis.scheduler?.postTask) {
        void globalThis.scheduler.postTask(callback, { priority: 'user-blocking' });
      } else {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => callback();
        channel.port2.postMessage(0);
      }
    });
  const afterPaint = (timeOf = now) => new Promise((resolve) => afterFrame(() => resolve(timeOf())));
  const bench = { config, now, clock, afterPaint };
  window.__bench = bench;
  // A user-timing mark, to line this page's times up with a trace (docs/performance.md, profiling).
  bench.probeAt = now();
  try {
    performance.mark('tavola-bench-probe');
  } catch {
    // Marks need a document.
  }

  // The person's profile, as the app's prompt would have stored it.
  if (config.profile) {
    try {
      if (!localStorage.getItem('tavola.profile.v1')) localStorage.setItem('tavola.profile.v1', JSON.stringify(config.profile));
    } catch {
      // about:blank has no localStorage.
    }
  }

  // IndexedDB: when a database was opened, when all stored updates were asked for, and received
  // (y-indexeddb uses getAll).
  bench.idb = { opens: [], getAll: [] };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    bench.idb.opens.push({ name: String(args[0]), at: now() });
    return open.apply(this, args);
  };
  const getAll = IDBObjectStore.prototype.getAll;
  IDBObjectStore.prototype.getAll = function (...args) {
    const request = getAll.apply(this, args);
    const entry = { store: this.name, at: now(), doneAt: null, count: null };
    bench.idb.getAll.push(entry);
    request.addEventListener('success', () => {
      entry.doneAt = now();
      entry.count = Array.isArray(request.result) ? request.result.length : null;
    });
    return request;
  };
  // Tavola walks the stored updates with a cursor once y-indexeddb has applied them
  // (dropEmptyUpdates): its start is when loading ended, its transaction's end when opening did.
  // (It opens a key cursor; both kinds are recorded.)
  bench.idb.cursors = [];
  for (const method of ['openCursor', 'openKeyCursor']) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (...args) {
      const request = original.apply(this, args);
      const entry = { store: this.name, at: now(), doneAt: null };
      bench.idb.cursors.push(entry);
      this.transaction.addEventListener('complete', () => (entry.doneAt = now()));
      return request;
    };
  }

  // WebRTC data channels of the page's own code (y-webrtc's simple-peer creates its connections
  // through window.RTCPeerConnection): when the first one opened, what arrived and when.
  const NativePeerConnection = window.RTCPeerConnection;
  // frames: the largest framed message received (Tavola's transport, src/sync/chunked-peer.js:
  // marker 0xff 0x54, then id, index, count, total as big-endian uint32s): first and last frame.
  // While `recording`, the clock time of every message received and every message sent.
  const tap = {
    openAt: null,
    firstMessageAt: null,
    lastMessageAt: null,
    bytesIn: 0,
    messagesIn: 0,
    connections: 0,
    frames: { total: 0, firstAt: null, lastAt: null },
    recording: false,
    received: [],
    sent: [],
  };
  bench.rtcTap = tap;
  const tapped = new WeakSet();
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (data) {
    if (tap.recording && tapped.has(this)) tap.sent.push(clock());
    return send.call(this, data);
  };
  const watch = (channel) => {
    tapped.add(channel);
    const opened = () => {
      if (tap.openAt === null) tap.openAt = now();
    };
    if (channel.readyState === 'open') opened();
    channel.addEventListener('open', opened);
    channel.addEventListener('message', (event) => {
      const data = event.data;
      tap.bytesIn += typeof data === 'string' ? data.length : data.byteLength ?? data.size ?? 0;
      tap.messagesIn++;
      tap.lastMessageAt = now();
      if (tap.firstMessageAt === null) tap.firstMessageAt = tap.lastMessageAt;
      if (tap.recording) tap.received.push(clock());
      if (data instanceof ArrayBuffer && data.byteLength >= 18) {
        const bytes = new Uint8Array(data, 0, 2);
        if (bytes[0] === 0xff && bytes[1] === 0x54) {
          const view = new DataView(data);
          const index = view.getUint32(6);
          const count = view.getUint32(10);
          const total = view.getUint32(14);
          if (index === 0 && total >= tap.frames.total) Object.assign(tap.frames, { total, firstAt: tap.lastMessageAt, lastAt: null });
          if (index === count - 1 && total === tap.frames.total) tap.frames.lastAt = tap.lastMessageAt;
        }
      }
    });
  };
  if (NativePeerConnection) {
    class TappedPeerConnection extends NativePeerConnection {
      constructor(...args) {
        super(...args);
        tap.connections++;
        this.addEventListener('datachannel', (event) => watch(event.channel));
      }
      createDataChannel(...args) {
        const channel = super.createDataChannel(...args);
        watch(channel);
        return channel;
      }
    }
    window.RTCPeerConnection = TappedPeerConnection;
  }

  // WebSockets made by the page's own code: per socket, its address, when it was made and opened,
  // and what arrived (the listener is added before the page's own `onmessage`, so it runs first).
  bench.ws = [];
  const NativeWebSocket = window.WebSocket;
  if (NativeWebSocket) {
    class TappedWebSocket extends NativeWebSocket {
      constructor(...args) {
        super(...args);
        const entry = { url: String(args[0]), createdAt: now(), openAt: null, messages: 0, bytesIn: 0, firstMessageAt: null, lastMessageAt: null, largest: { bytes: 0, at: null } };
        bench.ws.push(entry);
        this.addEventListener('open', () => (entry.openAt = now()));
        this.addEventListener('message', (event) => {
          const at = now();
          const data = event.data;
          const bytes = typeof data === 'string' ? data.length : data.byteLength ?? data.size ?? 0;
          entry.messages++;
          entry.bytesIn += bytes;
          entry.lastMessageAt = at;
          if (entry.firstMessageAt === null) entry.firstMessageAt = at;
          if (bytes > entry.largest.bytes) entry.largest = { bytes, at };
        });
      }
    }
    window.WebSocket = TappedWebSocket;
  }
  // AES-GCM decryptions (SubtleCrypto exists only in a secure context: not in about:blank).
  bench.decrypts = [];
  if (typeof SubtleCrypto !== 'undefined') {
    const decrypt = SubtleCrypto.prototype.decrypt;
    SubtleCrypto.prototype.decrypt = function (...args) {
      const entry = { bytes: args[2]?.byteLength ?? 0, at: now(), doneAt: null };
      bench.decrypts.push(entry);
      const result = decrypt.apply(this, args);
      result.then(
        () => (entry.doneAt = now()),
        () => undefined,
      );
      return result;
    };
  }

  // The workspace screen, complete: every topic in the list with the right counts, and the first
  // topic's focus points; then the next frame. Checked after every DOM change (MutationObserver).
  if (config.shown) {
    const want = config.shown;
    const shown = { domAt: null, paintAt: null, checks: 0 };
    bench.shown = shown;
    let resolveShown;
    shown.promise = new Promise((resolve) => (resolveShown = resolve));
    const complete = () => {
      shown.checks++;
      const links = document.querySelectorAll('[data-testid=topic-link]');
      if (links.length !== want.topics) return false;
      // The first topic's points: its first point first, and all of them (the URL may change
      // after the screen does, so it is not looked at).
      const points = document.querySelectorAll('[data-testid=focus-point]');
      if (points.length !== want.firstTopicPoints) return false;
      if (want.firstPointId && points[0].getAttribute('data-point-id') !== want.firstPointId) return false;
      if (typeof want.livePoints === 'number') {
        let sum = 0;
        for (const link of links) sum += Number(link.querySelector('.count')?.textContent ?? NaN);
        if (sum !== want.livePoints) return false;
      }
      return true;
    };
    const observer = new MutationObserver(() => {
      if (shown.domAt !== null || !complete()) return;
      shown.domAt = now();
      observer.disconnect();
      void afterPaint().then((at) => {
        shown.paintAt = at;
        resolveShown(shown);
      });
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }

  // Opening a topic (the app's, or the floor page's, bench/lab/rows.tsx): from the next click in
  // the page (its event's time stamp: when the browser received the input) until the topic's
  // `count` focus points are in the DOM, `firstId` first, and the frame after that.
  bench.rows = {
    pending: null,
    watch(want) {
      const result = { clickAt: null, domAt: null, paintAt: null };
      bench.rows.pending = new Promise((resolve) => {
        window.addEventListener('click', (event) => (result.clickAt = event.timeStamp), { capture: true, once: true });
        const complete = () => {
          const points = document.querySelectorAll('[data-testid=focus-point]');
          return points.length === want.count && points[0].getAttribute('data-point-id') === want.firstId;
        };
        const observer = new MutationObserver(() => {
          if (result.clickAt === null || !complete()) return;
          result.domAt = now();
          observer.disconnect();
          void afterPaint().then((at) => {
            result.paintAt = at;
            resolve(result);
          });
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      return true;
    },
  };

  // Raw data channels between two bench pages, signalled through Node (no trickle: the whole
  // offer and answer once ICE gathering is complete). Not seen by rtcTap.
  const raw = new Map();
  const gathered = (pc) =>
    new Promise((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
    });
  bench.rtc = {
    async offer(label) {
      const pc = new NativePeerConnection();
      const channel = pc.createDataChannel(label);
      channel.binaryType = 'arraybuffer';
      const entry = { pc, channel, opened: new Promise((resolve) => channel.addEventListener('open', resolve)) };
      raw.set(label, entry);
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      return pc.localDescription.sdp;
    },
    async answer(label, sdp) {
      const pc = new NativePeerConnection();
      const entry = { pc, channel: null };
      entry.opened = new Promise((resolve) =>
        pc.addEventListener('datachannel', (event) => {
          entry.channel = event.channel;
          event.channel.binaryType = 'arraybuffer';
          if (event.channel.readyState === 'open') resolve();
          else event.channel.addEventListener('open', resolve);
        }),
      );
      raw.set(label, entry);
      await pc.setRemoteDescription({ type: 'offer', sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      return pc.localDescription.sdp;
    },
    async accept(label, sdp) {
      await raw.get(label).pc.setRemoteDescription({ type: 'answer', sdp });
    },
    async opened(label) {
      await raw.get(label).opened;
      return true;
    },
    channel(label) {
      return raw.get(label).channel;
    },
    close(label) {
      raw.get(label)?.pc.close();
      raw.delete(label);
    },
    /** Answer clock pings on this channel with this page's clock. */
    echo(label) {
      const channel = raw.get(label).channel;
      channel.onmessage = (event) => {
        if (typeof event.data === 'string' && event.data.startsWith('ping:')) channel.send(`pong:${event.data.slice(5)}:${clock()}`);
      };
      return true;
    },
    /**
     * The other page's clock minus this one's (ms), from `count` ping/pongs: the offsets of the
     * fastest fifth of round trips, their median (a round trip's two halves are then nearly equal).
     */
    async calibrate(label, count = 200) {
      const channel = raw.get(label).channel;
      const samples = [];
      for (let i = 0; i < count; i++) {
        const t0 = clock();
        const reply = await new Promise((resolve) => {
          channel.onmessage = (event) => resolve(event.data);
          channel.send(`ping:${i}`);
        });
        const t3 = clock();
        const t1 = Number(String(reply).split(':')[2]);
        samples.push({ rtt: t3 - t0, offset: t1 - (t0 + t3) / 2 });
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      channel.onmessage = null;
      const byRtt = [...samples].sort((a, b) => a.rtt - b.rtt);
      const best = byRtt.slice(0, Math.max(5, Math.floor(count / 5))).map((s) => s.offset).sort((a, b) => a - b);
      return {
        offset: best[Math.floor(best.length / 2)],
        spread: best[best.length - 1] - best[0],
        rttMin: byRtt[0].rtt,
        rttMedian: byRtt[Math.floor(byRtt.length / 2)].rtt,
      };
    },
  };

  // Keystrokes: when each key went down in this page (the event's own time stamp: when the
  // browser received the input), or every value a text field was given, and when it was painted.
  bench.keys = {
    sent: [],
    /** When the page's `input` event began, for each key (before the app's own listeners). */
    inputs: [],
    seen: [],
    /** From now on, and from scratch (each measurement calls it again). */
    recordKeydowns() {
      bench.keys.sent = [];
      bench.keys.inputs = [];
      if (!bench.keys.recording) {
        window.addEventListener('keydown', (event) => bench.keys.sent.push(performance.timeOrigin + event.timeStamp), { capture: true });
        window.addEventListener('input', () => bench.keys.inputs.push(clock()), { capture: true });
      }
      bench.keys.recording = true;
      return true;
    },
    /** Watch the value of the index-th focus point field (from scratch); the app sets `.value` on a partner's edit. */
    watchField(index) {
      bench.keys.seen = [];
      const field = document.querySelectorAll('[data-testid=focus-point-text]')[index];
      if (!field) throw new Error(`no focus point field ${index}`);
      const native = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
      Object.defineProperty(field, 'value', {
        configurable: true,
        get() {
          return native.get.call(this);
        },
        set(value) {
          native.set.call(this, value);
          const entry = { length: String(value).length, domAt: clock(), paintAt: null };
          bench.keys.seen.push(entry);
          void afterPaint(clock).then((at) => (entry.paintAt = at));
        },
      });
      return native.get.call(field).length;
    },
  };
})();
