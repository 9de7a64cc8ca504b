import { createContext, useContext } from 'solid-js';
import type { Workspace } from '../model';

export interface WorkspaceContextValue {
  id: string;
  workspace: Workspace;
}

export const WorkspaceContext = createContext<WorkspaceContextValue>();

/** The open workspace of the screen; only inside WorkspaceLayout. */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside a workspace screen');
  return value;
}
