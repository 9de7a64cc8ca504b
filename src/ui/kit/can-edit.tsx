import { useContext, type Accessor } from 'solid-js';
import { t } from '../../i18n';
import { canEditOf } from '../../state/access';
import { WorkspaceContext } from '../shell/context';
import './view-only.css';

/**
 * Whether the person may change the open workspace (src/state/access.ts decides it): false when
 * this browser holds only its view link. Outside a workspace screen there is nothing to refuse.
 */
export function useCanEdit(): Accessor<boolean> {
  const workspace = useContext(WorkspaceContext);
  return workspace ? canEditOf(workspace.id) : () => true;
}

/** A calm line where a view-only screen would have its add form (the top bar's mark is the main one). */
export function ViewOnlyNote(props: { class?: string }) {
  return (
    <p class={`view-only-note quiet ${props.class ?? ''}`} data-testid="view-only-note">
      {t('common.viewOnly.explain')}
    </p>
  );
}
