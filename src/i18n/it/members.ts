import type { DictionaryOf } from '../dictionary';
import type { members as en } from '../en/members';

export const members: DictionaryOf<typeof en> = {
  title: 'Membri',
  fromCountries: { one: 'da # paese', many: 'da # di paesi', other: 'da # paesi' },
  leads: { one: '# capofila', many: '# di capofila', other: '# capofila' },
  summary: '{{ members }} {{ countries }}',
  emptyTitle: 'Ancora nessun membro',
  emptyBody: 'Aggiungi le città, le regioni, le associazioni e i forum nazionali che partecipano al gruppo.',
  column: { position: 'Posizione', name: 'Nome', kind: 'Tipo', country: 'Paese', lead: 'Capofila', actions: 'Azioni' },
  deleted: 'Membri eliminati',
  unnamed: 'Membro senza nome',
  nameLabel: 'Nome',
  nameNeeded: 'Un membro deve avere un nome.',
  lead: 'Capofila',
  kindOf: 'Tipo di {{ name }}',
  countryOf: 'Paese di {{ name }}',
  isLead: '{{ name }} è un membro capofila',
  moveUp: 'Sposta su {{ name }}',
  moveUpTitle: 'Sposta su',
  moveDown: 'Sposta giù {{ name }}',
  moveDownTitle: 'Sposta giù',
  delete: 'Elimina {{ name }}',
  deleteTitle: 'Elimina membro',
  add: {
    title: 'Aggiungi un membro',
    name: 'Nome',
    placeholder: 'es. Città di Lione',
    kind: 'Tipo',
    country: 'Paese',
    button: 'Aggiungi membro',
  },
};
