import { createSignal, For, Show } from 'solid-js';
import { LIMITS, MEMBER_KINDS, type Member, type MemberKind } from '../../model';
import { t, tn } from '../../i18n';
import { createRecordList } from '../../state/records';
import { EmptyState, Trash } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { countryName, CountrySelect, kindLabel, ValueInput } from '../kit/record-fields';
import { attempt } from '../kit/write-problem';
import { useCanEdit, ViewOnlyNote } from '../kit/can-edit';
import '../kit/records.css';

export function MembersPage() {
  const { workspace } = useWorkspace();
  const canEdit = useCanEdit();
  const members = createRecordList(workspace.members, () => workspace.members.list());
  const deletedMembers = createRecordList(workspace.members, () => workspace.members.list({ deleted: 'only' }));

  const summary = () => {
    const countries = new Set(members.filter((m) => m.country).map((m) => m.country));
    const leads = members.filter((m) => m.lead).length;
    const count = tn('common.count.members', members.length);
    let text = countries.size > 0 ? t('members.summary', { members: count, countries: tn('members.fromCountries', countries.size) }) : count;
    if (leads > 0) text += ` · ${tn('members.leads', leads)}`;
    return text;
  };

  return (
    <section class="main-pane records-page" aria-labelledby="members-title" data-testid="members-page">
      <header class="records-header">
        <div>
          <h2 id="members-title" class="records-title">
            {t('members.title')}
          </h2>
          <Show when={members.length > 0}>
            <p class="quiet records-summary" data-testid="members-summary">
              {summary()}
            </p>
          </Show>
        </div>
      </header>

      <Show
        when={members.length > 0}
        fallback={
          <EmptyState title={t('members.emptyTitle')}>
            <p>{t('members.emptyBody')}</p>
          </EmptyState>
        }
      >
        <div class="table-scroll">
          <table class="table members-table" data-testid="members-table">
            <thead>
              <tr>
                <th class="col-number" scope="col">
                  <span class="visually-hidden">{t('members.column.position')}</span>
                </th>
                <th class="col-name" scope="col">
                  {t('members.column.name')}
                </th>
                <th class="col-kind" scope="col">
                  {t('members.column.kind')}
                </th>
                <th class="col-country" scope="col">
                  {t('members.column.country')}
                </th>
                <th class="col-lead" scope="col">
                  {t('members.column.lead')}
                </th>
                <th class="col-actions" scope="col">
                  <span class="visually-hidden">{t('members.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={members}>{(member, i) => <MemberRow member={member} index={i()} count={members.length} />}</For>
            </tbody>
          </table>
        </div>
      </Show>

      <Show when={canEdit()} fallback={<ViewOnlyNote />}>
        <AddMemberForm />
      </Show>

      <Trash
        title={t('members.deleted')}
        items={deletedMembers}
        testId="deleted-members"
        itemTestId="deleted-member"
        restoreTestId="restore-member"
        onRestore={(member) => workspace.members.restore(member.id)}
        label={(member) => (
          <span class="deleted-text">
            {member.name || t('members.unnamed')}
            <span class="quiet"> · {kindLabel(member.kind)}{member.country ? `, ${countryName(member.country)}` : ''}</span>
          </span>
        )}
      />
    </section>
  );
}

function MemberRow(props: { member: Member; index: number; count: number }) {
  const { workspace } = useWorkspace();
  const canEdit = useCanEdit();
  const id = () => props.member.id;
  const name = () => props.member.name || t('members.unnamed');

  return (
    <tr class="member-row" classList={{ lead: props.member.lead }} data-testid="member-row" data-member-id={id()} data-kind={props.member.kind}>
      <td class="col-number" aria-hidden="true">
        {props.index + 1}
      </td>
      <td class="col-name">
        <div class="member-name-cell">
          <ValueInput
            value={props.member.name}
            label={t('members.nameLabel')}
            class="member-name"
            testId="member-name"
            title={props.member.name}
            messageClass="floating"
            maxLength={LIMITS.memberName}
            normalise={(raw) => raw.trim()}
            validate={(name) => (name ? null : t('members.nameNeeded'))}
            onCommit={(next) => workspace.members.update(id(), { name: next })}
          />
          <Show when={props.member.lead}>
            <span class="badge lead" data-testid="lead-badge">
              {t('members.lead')}
            </span>
          </Show>
        </div>
      </td>
      <td class="col-kind">
        <Show when={canEdit()} fallback={<span class="read-only-value" data-testid="member-kind">{kindLabel(props.member.kind)}</span>}>
        <select
          aria-label={t('members.kindOf', { name: name() })}
          data-testid="member-kind"
          value={props.member.kind}
          onChange={(event) => {
            const select = event.currentTarget;
            if (!attempt(() => workspace.members.update(id(), { kind: select.value as MemberKind }))) select.value = props.member.kind;
          }}
        >
          <For each={MEMBER_KINDS}>{(kind) => <option value={kind}>{kindLabel(kind)}</option>}</For>
        </select>
        </Show>
      </td>
      <td class="col-country">
        <CountrySelect
          value={props.member.country}
          label={t('members.countryOf', { name: name() })}
          testId="member-country"
          onPick={(code) => attempt(() => workspace.members.update(id(), { country: code }))}
        />
      </td>
      <td class="col-lead">
        <Show when={canEdit()} fallback={<span class="read-only-value" data-testid="member-lead">{props.member.lead ? '✓' : ''}</span>}>
        <label class="lead-check">
          <input
            type="checkbox"
            data-testid="member-lead"
            checked={props.member.lead}
            onChange={(event) => {
              const box = event.currentTarget;
              if (!attempt(() => workspace.members.update(id(), { lead: box.checked }))) box.checked = props.member.lead;
            }}
          />
          <span class="visually-hidden">{t('members.isLead', { name: name() })}</span>
          <span class="lead-label" aria-hidden="true">
            {t('members.lead')}
          </span>
        </label>
        </Show>
      </td>
      <td class="col-actions">
        <Show when={canEdit()}>
        <div class="row-actions">
          <button
            type="button"
            class="icon-button"
            aria-label={t('members.moveUp', { name: name() })}
            title={t('members.moveUpTitle')}
            data-testid="move-up"
            disabled={props.index === 0}
            onClick={() => attempt(() => workspace.members.move(id(), props.index - 1))}
          >
            ↑
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label={t('members.moveDown', { name: name() })}
            title={t('members.moveDownTitle')}
            data-testid="move-down"
            disabled={props.index >= props.count - 1}
            onClick={() => attempt(() => workspace.members.move(id(), props.index + 1))}
          >
            ↓
          </button>
          <button
            type="button"
            class="icon-button danger-quiet"
            aria-label={t('members.delete', { name: name() })}
            title={t('members.deleteTitle')}
            data-testid="delete-member"
            onClick={() => attempt(() => workspace.members.remove(id()))}
          >
            ✕
          </button>
        </div>
        </Show>
      </td>
    </tr>
  );
}

function AddMemberForm() {
  const { workspace } = useWorkspace();
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<MemberKind>('city');
  const [country, setCountry] = createSignal('');
  let nameInput!: HTMLInputElement;

  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = name().trim();
    if (!trimmed) return;
    if (!attempt(() => workspace.members.add({ name: trimmed, kind: kind(), country: country() }))) return;
    setName('');
    setCountry('');
    nameInput.focus();
  };

  return (
    <form class="add-member" onSubmit={submit} data-testid="add-member" aria-labelledby="add-member-title">
      <h3 id="add-member-title" class="section-title">
        {t('members.add.title')}
      </h3>
      <div class="add-member-fields">
        <label class="field add-member-name">
          {t('members.add.name')}
          <input
            ref={nameInput}
            data-testid="add-member-name"
            placeholder={t('members.add.placeholder')}
            maxLength={LIMITS.memberName}
            autocomplete="off"
            value={name()}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t('members.add.kind')}
          <select data-testid="add-member-kind" value={kind()} onChange={(event) => setKind(event.currentTarget.value as MemberKind)}>
            <For each={MEMBER_KINDS}>{(k) => <option value={k}>{kindLabel(k)}</option>}</For>
          </select>
        </label>
        <label class="field add-member-country">
          {t('members.add.country')}
          <CountrySelect value={country()} testId="add-member-country" onPick={setCountry} />
        </label>
        <button type="submit" class="button primary" data-testid="add-member-submit" disabled={!name().trim()}>
          {t('members.add.button')}
        </button>
      </div>
    </form>
  );
}
