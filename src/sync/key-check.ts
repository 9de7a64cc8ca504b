import * as buffer from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as z from 'zod/mini';
import { toBase64Url } from './link';
import type { Move } from './access';

/**
 * Telling a wrong key from an absent partner (docs/sync.md, "Wrong keys").
 *
 * The room is derived from the secret, so someone whose link lost or changed a character of the
 * key is in another room and would only ever see "waiting for partners". Besides its room, each
 * peer therefore also listens on a rendezvous topic derived from the workspace id alone, where it
 * says only "I am here, with key check X" (X a hash of id and secret). Hearing a different X means
 * someone has this workspace's link with another key.
 *
 * And in the room itself, signaling that cannot be decrypted with the room's key (a peer with the
 * same room but another password) is caught here before y-webrtc sees it: y-webrtc would leave its
 * decryption's rejection uncaught (an `OperationError` in the console).
 */

/** Say we are here again this often while no partner is connected. */
export const ANNOUNCE_EVERY_MS = 20_000;
/** A different key heard this recently still counts. */
export const MISMATCH_KEPT_MS = 45_000;
/** Answer one sender at most this often. */
const ANSWER_EVERY_MS = 5_000;
/** Remember at most this many other senders (the rendezvous is open to anyone with the id). */
const MAX_SENDERS = 64;

async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/** The rendezvous topic of a workspace: a hash of its id (the relay never sees the id). */
export async function rendezvousTopicFor(workspaceId: string): Promise<string> {
  return `tavola-rv-${await sha256(`tavola/rendezvous/v1/${workspaceId}`)}`;
}

/** What a peer shows on the rendezvous: equal for equal keys, and reveals nothing of the key. */
export async function keyCheckFor(workspaceId: string, secret: string): Promise<string> {
  return sha256(`tavola/key-check/v1/${workspaceId}/${secret}`);
}

const base64url = (min: number, max: number) => z.string().check(z.regex(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`)));

/** One rendezvous message, the `data` of a relay `publish` (contract: docs/sync.md). */
export const keyCheckMessageSchema = z.object({
  tavola: z.literal('key-check'),
  v: z.literal(1),
  from: base64url(16, 64),
  check: base64url(43, 43),
  answer: z.optional(z.boolean()),
});
export type KeyCheckMessage = z.infer<typeof keyCheckMessageSchema>;

/**
 * A move (src/sync/access.ts, docs/sync.md "Replacing the links"): published by a member who
 * replaced the links, for holders of the old key check. The relay sees it; only holders of the
 * old edit secret can open its box, and holders of the old view link can check its signature.
 */
export const moveMessageSchema = z.object({
  tavola: z.literal('moved'),
  v: z.literal(1),
  from: base64url(16, 64),
  check: base64url(43, 43),
  box: base64url(40, 2048),
  sig: z.optional(base64url(86, 86)),
});
export type MoveMessage = z.infer<typeof moveMessageSchema>;

type Handler = (...args: unknown[]) => void;

/** The parts of y-webrtc 10.3.0's SignalingConn (a lib0 WebsocketClient) used here. */
export interface SignalingConnLike {
  connected: boolean;
  send(message: unknown): void;
  on(name: string, handler: Handler): void;
  off(name: string, handler: Handler): void;
  _observers?: Map<string, Set<Handler>>;
}

/** The parts of y-webrtc's WebrtcProvider used here. */
export interface ProviderLike {
  roomName: string;
  key: PromiseLike<CryptoKey | null>;
  signalingConns: SignalingConnLike[];
}

interface RoomGuard {
  key: PromiseLike<CryptoKey | null>;
  onUndecryptable: () => void;
}

/** Rooms of this JavaScript context whose incoming signaling is checked first (one provider per room). */
const roomGuards = new Map<string, RoomGuard>();
const guardedConns = new WeakSet<object>();
const OURS = Symbol('tavola-key-check');

interface PublishMessage {
  type: 'publish';
  topic: string;
  data?: unknown;
}
function isPublish(message: unknown): message is PublishMessage {
  return typeof message === 'object' && message !== null && (message as PublishMessage).type === 'publish' && typeof (message as PublishMessage).topic === 'string';
}

/**
 * Whether y-webrtc can read this signaling payload of an encrypted room: base64 of
 * varString "AES-GCM", varUint8Array iv, varUint8Array ciphertext, decrypting to a lib0 `any`
 * object with a `type` (as y-webrtc's crypto.js writes them). Never throws.
 */
export async function canReadSignaling(data: unknown, key: CryptoKey | null): Promise<boolean> {
  if (!key) return true;
  if (typeof data !== 'string') return false;
  try {
    const decoder = decoding.createDecoder(buffer.fromBase64(data));
    if (decoding.readVarString(decoder) !== 'AES-GCM') return false;
    const iv = decoding.readVarUint8Array(decoder);
    const cipher = decoding.readVarUint8Array(decoder);
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher));
    const value = decoding.readAny(decoding.createDecoder(plain)) as { type?: unknown; signal?: unknown } | null;
    if (typeof value !== 'object' || value === null || typeof value.type !== 'string') return false;
    return value.type !== 'signal' || (typeof value.signal === 'object' && value.signal !== null);
  } catch {
    return false;
  }
}

/**
 * Put a check in front of y-webrtc's own message handler on a relay connection: signaling for a
 * guarded room reaches y-webrtc only if it decrypts with the room's key. Messages are passed on
 * in the order they arrived. Once per connection (connections are shared by all rooms).
 */
export function guardSignaling(conn: SignalingConnLike): void {
  if (guardedConns.has(conn)) return;
  guardedConns.add(conn);
  const handlers = conn._observers?.get('message');
  if (!handlers) return;
  let queue: Promise<void> = Promise.resolve();
  for (const handler of [...handlers]) {
    if ((handler as { [OURS]?: true })[OURS]) continue;
    const guarded: Handler = (message, ...rest) => {
      const guard = isPublish(message) ? roomGuards.get(message.topic) : undefined;
      if (!guard) return handler(message, ...rest);
      queue = queue
        .then(async () => {
          if (await canReadSignaling(message && (message as PublishMessage).data, await guard.key)) handler(message, ...rest);
          else guard.onUndecryptable();
        })
        .catch(() => {});
    };
    handlers.delete(handler);
    handlers.add(guarded);
  }
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

export interface KeyCheckOptions {
  workspaceId: string;
  secret: string;
  /** Something changed that the status depends on. */
  onChange: () => void;
  /** No partner is connected (then we say we are here again every ANNOUNCE_EVERY_MS). */
  alone: () => boolean;
  now?: () => number;
  /** Accesses this member replaced: to whoever shows one of these old key checks, publish its move. */
  moves?: { check: string; move: () => Promise<Move> }[];
  /** A move for this peer's own key check was heard (it may be made up: the caller opens it). */
  onMove?: (move: Move) => void;
}

/** One workspace's rendezvous and room guard (see the top of this file). */
export class KeyCheck {
  private topic = '';
  private check = '';
  readonly id = randomId();
  /** Others heard with another key: sender → when last heard. */
  private readonly others = new Map<string, number>();
  private readonly answeredAt = new Map<string, number>();
  private readonly movedAt = new Map<string, number>();
  private undecryptableAt = -Infinity;
  private readonly conns = new Map<SignalingConnLike, { onConnect: Handler; onMessage: Handler }>();
  private roomName: string | null = null;
  private guard: RoomGuard | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: KeyCheckOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Derive the topic and the key check (WebCrypto: may throw on a plain http page). */
  async prepare(): Promise<void> {
    [this.topic, this.check] = await Promise.all([rendezvousTopicFor(this.options.workspaceId), keyCheckFor(this.options.workspaceId, this.options.secret)]);
  }

  /** Guard the provider's room and join the rendezvous on each of its relay connections. Call after every connect(). */
  attach(provider: ProviderLike): void {
    if (!this.topic) return;
    this.roomName = provider.roomName;
    this.guard = { key: provider.key, onUndecryptable: () => this.heardUndecryptable() };
    roomGuards.set(provider.roomName, this.guard);
    for (const conn of provider.signalingConns) this.attachConn(conn);
    this.timer ??= setInterval(() => {
      if (this.options.alone()) for (const conn of this.conns.keys()) if (conn.connected) this.publish(conn, false);
    }, ANNOUNCE_EVERY_MS);
  }

  /** Leave the rendezvous (going offline or paused); forget who was heard. */
  detach(): void {
    for (const [conn, { onConnect, onMessage }] of this.conns) {
      conn.off('connect', onConnect);
      conn.off('message', onMessage);
      if (conn.connected) conn.send({ type: 'unsubscribe', topics: [this.topic] });
    }
    this.conns.clear();
    clearInterval(this.timer);
    this.timer = undefined;
    this.others.clear();
    this.undecryptableAt = -Infinity;
  }

  /** Someone with this workspace's link but another key was heard recently. */
  mismatch(): boolean {
    const since = this.now() - MISMATCH_KEPT_MS;
    if (this.undecryptableAt > since) return true;
    for (const [from, at] of this.others) {
      if (at > since) return true;
      this.others.delete(from);
    }
    return false;
  }

  destroy(): void {
    this.detach();
    if (this.roomName && roomGuards.get(this.roomName) === this.guard) roomGuards.delete(this.roomName);
  }

  private attachConn(conn: SignalingConnLike): void {
    guardSignaling(conn);
    if (this.conns.has(conn)) return;
    const onConnect: Handler = () => {
      conn.send({ type: 'subscribe', topics: [this.topic] });
      this.publish(conn, false);
      // Holders of a replaced link who are listening hear of it at once.
      for (const move of this.options.moves ?? []) this.publishMove(conn, move);
    };
    const onMessage: Handler = (message) => this.receive(conn, message);
    (onMessage as { [OURS]?: true })[OURS] = true;
    conn.on('connect', onConnect);
    conn.on('message', onMessage);
    this.conns.set(conn, { onConnect, onMessage });
    if (conn.connected) onConnect();
  }

  private publish(conn: SignalingConnLike, answer: boolean): void {
    const data: KeyCheckMessage = { tavola: 'key-check', v: 1, from: this.id, check: this.check, ...(answer ? { answer } : {}) };
    conn.send({ type: 'publish', topic: this.topic, data });
  }

  private publishMove(conn: SignalingConnLike, move: { move: () => Promise<Move> }): void {
    void move
      .move()
      .then((sealed) => {
        if (!conn.connected) return;
        const data: MoveMessage = { tavola: 'moved', v: 1, from: this.id, check: sealed.check, box: sealed.box, ...(sealed.sig ? { sig: sealed.sig } : {}) };
        conn.send({ type: 'publish', topic: this.topic, data });
      })
      .catch(() => {});
  }

  private receive(conn: SignalingConnLike, message: unknown): void {
    if (!isPublish(message) || message.topic !== this.topic) return;
    const moved = moveMessageSchema.safeParse(message.data);
    if (moved.success) {
      if (moved.data.from !== this.id && moved.data.check === this.check) {
        const { check, box, sig } = moved.data;
        this.options.onMove?.({ check, box, ...(sig ? { sig } : {}) });
      }
      return;
    }
    const parsed = keyCheckMessageSchema.safeParse(message.data);
    if (!parsed.success || parsed.data.from === this.id) return;
    const { from, check, answer } = parsed.data;
    if (check === this.check) {
      this.others.delete(from);
      return;
    }
    const now = this.now();
    const replaced = this.options.moves?.find((move) => move.check === check);
    if (replaced) {
      // Someone with a link this member replaced: tell them (at most once per sender every 5 s).
      if (!((this.movedAt.get(from) ?? -Infinity) > now - ANSWER_EVERY_MS)) {
        this.movedAt.delete(from);
        this.movedAt.set(from, now);
        if (this.movedAt.size > MAX_SENDERS) this.movedAt.delete(this.movedAt.keys().next().value!);
        this.publishMove(conn, replaced);
      }
      return;
    }
    this.others.delete(from);
    this.others.set(from, now);
    if (this.others.size > MAX_SENDERS) this.others.delete(this.others.keys().next().value!);
    if (!answer && !((this.answeredAt.get(from) ?? -Infinity) > now - ANSWER_EVERY_MS)) {
      this.answeredAt.delete(from);
      this.answeredAt.set(from, now);
      if (this.answeredAt.size > MAX_SENDERS) this.answeredAt.delete(this.answeredAt.keys().next().value!);
      this.publish(conn, true);
    }
    this.options.onChange();
  }

  private heardUndecryptable(): void {
    this.undecryptableAt = this.now();
    this.options.onChange();
  }
}
