import { createContext, useContext, type Accessor } from 'solid-js';
import type { Workspace } from '../model';
import type { PeerConnection } from '../sync/peers';
import type { Participant } from '../sync/presence';

export interface WorkspaceContextValue {
  id: string;
  workspace: Workspace;
  /** The connection to partners; null until it started or when the workspace is not shared. */
  peers: Accessor<PeerConnection | null>;
  /** Everyone in the room, this person first. */
  participants: Accessor<Participant[]>;
}

export const WorkspaceContext = createContext<WorkspaceContextValue>();

/** The open workspace of the screen; only inside WorkspaceLayout. */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside a workspace screen');
  return value;
}
