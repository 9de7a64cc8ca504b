import { createContext, useContext, type Accessor } from 'solid-js';
import type { UndoHistory, Workspace } from '../../model';
import type { PeerConnection } from '../../sync/peers';
import type { EditingTarget, Participant } from '../../sync/presence';

export interface WorkspaceContextValue {
  id: string;
  workspace: Workspace;
  /** The connection to partners; null until it started or when the workspace is not shared. */
  peers: Accessor<PeerConnection | null>;
  /** Everyone in the room, this person first. */
  participants: Accessor<Participant[]>;
  /** This person's one history of changes (Ctrl+Z, the Undo button, and the rich-text editor's undo). */
  history: UndoHistory;
  /** Tell partners what this person is editing now (null: nothing). */
  announce: (target: EditingTarget | null) => void;
}

export const WorkspaceContext = createContext<WorkspaceContextValue>();

/** The open workspace of the screen; only inside WorkspaceLayout. */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside a workspace screen');
  return value;
}
