import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { LIMITS, SCHEMA_VERSION } from '../model';
import { createMeta } from '../state/session';
import { deleteWorkspace } from '../state/workspaces';
import { CoTextField, ConfirmDialog, Notice, formatDate } from './components';
import { useWorkspace } from './context';
import { NetworkSettings } from './NetworkSettings';
import { BackupSettings } from './BackupSettings';
import { ValueInput } from './record-fields';
import './practices.css';
import './records.css';

export function SettingsPage() {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const meta = createMeta(workspace, id);
  const description = workspace.description();
  const [confirming, setConfirming] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [error, setError] = createSignal('');

  const remove = async () => {
    setConfirming(false);
    setDeleting(true);
    setError('');
    try {
      await deleteWorkspace(id);
      navigate('/');
    } catch (cause) {
      setError(`Deleting the workspace did not work: ${cause instanceof Error ? cause.message : String(cause)}`);
      setDeleting(false);
    }
  };

  return (
    <div class="settings" data-testid="settings">
      <section class="card" aria-labelledby="settings-general">
        <h2 id="settings-general">Workspace</h2>
        <p class="quiet">Partners who share this workspace see the same name and description.</p>

        <div class="settings-field">
          <label for="settings-name">Name</label>
          {/* Saved as it is typed, so nothing is lost by leaving the page or closing the browser.
              An empty name cannot be kept: the field says so and the last name stays. Partners'
              renames show unless the name is being typed. */}
          <ValueInput
            id="settings-name"
            value={meta().name}
            label="Name"
            testId="settings-name"
            maxLength={LIMITS.workspaceName}
            normalise={(raw) => raw.trim()}
            validate={(name) => (name ? null : 'A workspace needs a name.')}
            onCommit={(name) => workspace.rename(name)}
          />
          <p class="quiet field-help" data-testid="settings-name-help">
            Saved as you type.
          </p>
        </div>

        <div class="settings-field">
          <span class="field-label" id="settings-description-label">
            Description
          </span>
          <Show when={description} fallback={<p data-testid="settings-description">{meta().description}</p>}>
            {(text) => (
              <CoTextField
                text={text()}
                multiline
                rows={4}
                maxLength={LIMITS.workspaceDescription}
                label="Description"
                testId="settings-description"
                placeholder="What the group works on, who leads it, and since when."
              />
            )}
          </Show>
          <p class="quiet field-help">Saved as you type, and edited together with partners.</p>
        </div>
      </section>

      <NetworkSettings />

      <BackupSettings />

      <section class="card" aria-labelledby="settings-about">
        <h2 id="settings-about">About this workspace</h2>
        <dl class="facts">
          <dt>Created</dt>
          <dd data-testid="settings-created">{formatDate(meta().createdAt) || 'Unknown'}</dd>
          <dt>Layout version</dt>
          <dd data-testid="settings-schema-version">
            {meta().schemaVersion}
            <Show when={meta().schemaVersion !== SCHEMA_VERSION}>
              <span class="quiet"> (this copy of Tavola writes version {SCHEMA_VERSION})</span>
            </Show>
          </dd>
          <dt>Workspace id</dt>
          <dd>
            <code data-testid="settings-id">{id}</code>
          </dd>
          <dt>Stored</dt>
          <dd>In this browser. Partners who have the workspace keep their own copy.</dd>
        </dl>
      </section>

      <section class="card danger-zone" aria-labelledby="settings-danger">
        <h2 id="settings-danger">Delete from this browser</h2>
        <Show when={error()}>
          <Notice tone="error">{error()}</Notice>
        </Show>
        <div class="danger-row">
          <p>
            Removes the workspace and everything in it from this browser. Partners who have the workspace keep their own
            copy.
          </p>
          <button type="button" class="button danger" data-testid="delete-workspace" disabled={deleting()} onClick={() => setConfirming(true)}>
            {deleting() ? 'Deleting…' : 'Delete this workspace from this browser'}
          </button>
        </div>
      </section>

      <ConfirmDialog
        open={confirming()}
        title={`Delete “${meta().name}”?`}
        confirmLabel="Delete from this browser"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => void remove()}
      >
        <p>
          Its topics, focus points, meetings and practice sheets are removed from this browser. Partners who have the
          workspace keep their own copy.
        </p>
      </ConfirmDialog>
    </div>
  );
}
