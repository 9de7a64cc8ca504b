import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n';
import { LIMITS, SCHEMA_VERSION } from '../../model';
import { createMeta } from '../../state/session';
import { deleteWorkspace } from '../../state/workspaces';
import { CoTextField, ConfirmDialog, Notice, formatDate } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { NetworkSettings } from './NetworkSettings';
import { BackupSettings } from './BackupSettings';
import { LanguageSettings } from '../kit/LanguagePicker';
import { ValueInput } from '../kit/record-fields';
import { useCanEdit } from '../kit/can-edit';
import '../practices/practices.css';
import '../kit/records.css';

export function SettingsPage() {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const meta = createMeta(workspace, id);
  const description = workspace.description();
  const canEdit = useCanEdit();
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
      setError(t('settings.deleteFailed', { reason: cause instanceof Error ? cause.message : String(cause) }));
      setDeleting(false);
    }
  };

  return (
    <div class="settings" data-testid="settings">
      <section class="card" aria-labelledby="settings-general">
        <h2 id="settings-general">{t('settings.workspace')}</h2>
        <p class="quiet">{t('settings.sameForPartners')}</p>

        <div class="settings-field">
          <label for="settings-name">{t('settings.name')}</label>
          {/* Saved as it is typed, so nothing is lost by leaving the page or closing the browser.
              An empty name cannot be kept: the field says so and the last name stays. Partners'
              renames show unless the name is being typed. */}
          <ValueInput
            id="settings-name"
            value={meta().name}
            label={t('settings.name')}
            testId="settings-name"
            maxLength={LIMITS.workspaceName}
            normalise={(raw) => raw.trim()}
            validate={(name) => (name ? null : t('settings.nameNeeded'))}
            onCommit={(name) => workspace.rename(name)}
          />
          <Show when={canEdit()}>
            <p class="quiet field-help" data-testid="settings-name-help">
              {t('settings.savedAsYouType')}
            </p>
          </Show>
        </div>

        <div class="settings-field">
          <span class="field-label" id="settings-description-label">
            {t('settings.description')}
          </span>
          <Show when={description} fallback={<p data-testid="settings-description">{meta().description}</p>}>
            {(text) => (
              <CoTextField
                text={text()}
                multiline
                rows={4}
                maxLength={LIMITS.workspaceDescription}
                label={t('settings.description')}
                testId="settings-description"
                placeholder={t('settings.descriptionPlaceholder')}
              />
            )}
          </Show>
          <Show when={canEdit()}>
            <p class="quiet field-help">{t('settings.descriptionHelp')}</p>
          </Show>
        </div>
      </section>

      <LanguageSettings />

      <NetworkSettings />

      <BackupSettings />

      <section class="card" aria-labelledby="settings-about">
        <h2 id="settings-about">{t('settings.about')}</h2>
        <dl class="facts">
          <dt>{t('settings.created')}</dt>
          <dd data-testid="settings-created">{formatDate(meta().createdAt) || t('common.unknown')}</dd>
          <dt>{t('settings.layoutVersion')}</dt>
          <dd data-testid="settings-schema-version">
            {meta().schemaVersion}
            <Show when={meta().schemaVersion !== SCHEMA_VERSION}>
              <span class="quiet"> {t('settings.writesVersion', { version: SCHEMA_VERSION })}</span>
            </Show>
          </dd>
          <dt>{t('settings.workspaceId')}</dt>
          <dd>
            <code data-testid="settings-id">{id}</code>
          </dd>
          <dt>{t('settings.stored')}</dt>
          <dd>{t('settings.storedWhere')}</dd>
        </dl>
      </section>

      <section class="card danger-zone" aria-labelledby="settings-danger">
        <h2 id="settings-danger">{t('settings.deleteTitle')}</h2>
        <Show when={error()}>
          <Notice tone="error">{error()}</Notice>
        </Show>
        <div class="danger-row">
          <p>{t('settings.deleteBody')}</p>
          <button type="button" class="button danger" data-testid="delete-workspace" disabled={deleting()} onClick={() => setConfirming(true)}>
            {deleting() ? t('settings.deleting') : t('settings.deleteButton')}
          </button>
        </div>
      </section>

      <ConfirmDialog
        open={confirming()}
        title={t('settings.confirmTitle', { name: meta().name })}
        confirmLabel={t('settings.confirmButton')}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => void remove()}
      >
        <p>{t('settings.confirmBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
