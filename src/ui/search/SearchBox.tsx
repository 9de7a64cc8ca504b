// The search box in the workspace's top bar. Only this shell comes with the page: the index, the
// result list and MiniSearch (SearchPanel.tsx, src/search) load when the person first focuses the
// box or presses Ctrl+K (Cmd+K), and stay for as long as the workspace is open.
import { createSignal, onCleanup } from 'solid-js';
import { t } from '../../i18n';
import type { Workspace } from '../../model';
import './search.css';

type PanelModule = typeof import('./SearchPanel');

export function SearchBox(props: { workspace: Workspace; workspaceId: string }) {
  let input!: HTMLInputElement;
  let box!: HTMLDivElement;
  const [panel, setPanel] = createSignal<PanelModule>();
  let loading = false;
  // Loaded once; if loading fails (it is precached, so hardly ever), the next focus tries again.
  const load = () => {
    if (loading) return;
    loading = true;
    import('./SearchPanel').then(
      (module) => setPanel(() => module),
      () => (loading = false),
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return;
    event.preventDefault();
    input.focus();
    input.select();
    load();
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));
  const listId = `search-results-${props.workspaceId}`;
  return (
    <div class="search" ref={box} data-testid="search">
      <input
        ref={input}
        type="search"
        class="search-input"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded="false"
        aria-controls={listId}
        aria-autocomplete="list"
        autocomplete="off"
        spellcheck={false}
        enterkeyhint="search"
        placeholder={t('search.placeholder')}
        data-testid="search-input"
        onFocus={load}
      />
      <kbd class="search-shortcut" aria-hidden="true">
        {t('search.shortcut')}
      </kbd>
      {(() => {
        const module = panel();
        return module && <module.SearchPanel input={input} box={box} listId={listId} workspace={props.workspace} workspaceId={props.workspaceId} />;
      })()}
    </div>
  );
}
