import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { KeeperConnection, KeeperSnapshot } from '../sync/keeper/connection';
import type { ConnectionSnapshot, PeerConnection } from '../sync/peers';
import {
  loadProfile,
  observeParticipants,
  readParticipants,
  saveProfile,
  setLocalEditing,
  setLocalProfile,
  type EditingTarget,
  type Participant,
  type Profile,
} from '../sync/presence';

const OFFLINE: ConnectionSnapshot = { status: { kind: 'connecting' }, tabs: 0, lastRemoteChangeAt: null };

/** The connection's status line, following the connection as it is replaced. */
export function createConnectionStatus(peers: Accessor<PeerConnection | null>): Accessor<ConnectionSnapshot> {
  const [snapshot, setSnapshot] = createSignal<ConnectionSnapshot>(OFFLINE, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  createEffect(() => {
    const connection = peers();
    if (!connection) return setSnapshot(OFFLINE);
    onCleanup(connection.subscribe(setSnapshot));
  });
  return snapshot;
}

/**
 * The keepers' status line, following the keeper connection as it is replaced; null while the
 * workspace has none (or its code is still loading). Types only: the keeper's code stays out of
 * the initial bundle (src/state/session.ts loads it).
 */
export function createKeeperStatus(keeper: Accessor<KeeperConnection | null>): Accessor<KeeperSnapshot | null> {
  const [snapshot, setSnapshot] = createSignal<KeeperSnapshot | null>(null, {
    // The connection says its status every second: only a change of what is shown re-renders.
    equals: (a, b) => a === b || (!!a && !!b && a.reachedAt === b.reachedAt && JSON.stringify(a.status) === JSON.stringify(b.status)),
  });
  createEffect(() => {
    const connection = keeper();
    if (!connection) return setSnapshot(null);
    onCleanup(connection.subscribe(setSnapshot));
  });
  return snapshot;
}

/**
 * Everyone in the room, with what they are editing; remote states are validated. Reconciled by
 * client id, so a partner moving their caret re-renders only what shows that caret.
 */
export function createParticipants(peers: Accessor<PeerConnection | null>): Accessor<Participant[]> {
  const [participants, setParticipants] = createStore<{ list: Participant[] }>({ list: [] });
  createEffect(() => {
    const connection = peers();
    if (!connection) return setParticipants('list', []);
    const read = () => setParticipants('list', reconcile(readParticipants(connection.awareness), { key: 'clientId', merge: true }));
    read();
    onCleanup(observeParticipants(connection.awareness, read));
  });
  return () => participants.list;
}

const [profile, setProfileSignal] = createSignal<Profile | null>(typeof localStorage === 'undefined' ? null : loadProfile());

/** This person's name, organisation and colour, kept in this browser. */
export const currentProfile = profile;

export function updateProfile(next: Profile): void {
  saveProfile(next);
  setProfileSignal(next);
}

/** Tell the room who this person is, whenever the profile or the connection changes. */
export function createPresence(peers: Accessor<PeerConnection | null>): void {
  createEffect(() => {
    const connection = peers();
    const me = profile();
    if (connection && me) setLocalProfile(connection.awareness, me);
  });
}

/** Say what this person is editing now (null when nothing). */
export function announceEditing(peers: Accessor<PeerConnection | null>, target: EditingTarget | null): void {
  const connection = peers();
  if (connection) setLocalEditing(connection.awareness, target);
}
