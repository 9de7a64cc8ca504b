import type { DictionaryOf } from '../dictionary';
import type { members as en } from '../en/members';

export const members: DictionaryOf<typeof en> = {
  title: 'Membros',
  fromCountries: { one: 'de # país', many: 'de # de países', other: 'de # países' },
  leads: { one: '# coordenador', many: '# de coordenadores', other: '# coordenadores' },
  summary: '{{ members }} {{ countries }}',
  emptyTitle: 'Ainda não há membros',
  emptyBody: 'Acrescente as cidades, regiões, associações e fóruns nacionais que participam no grupo.',
  column: { position: 'Posição', name: 'Nome', kind: 'Tipo', country: 'País', lead: 'Coordenador', actions: 'Ações' },
  deleted: 'Membros eliminados',
  unnamed: 'Membro sem nome',
  nameLabel: 'Nome',
  nameNeeded: 'Um membro precisa de um nome.',
  lead: 'Coordenador',
  kindOf: 'Tipo de {{ name }}',
  countryOf: 'País de {{ name }}',
  isLead: '{{ name }} é um membro coordenador',
  moveUp: 'Mover {{ name }} para cima',
  moveUpTitle: 'Mover para cima',
  moveDown: 'Mover {{ name }} para baixo',
  moveDownTitle: 'Mover para baixo',
  delete: 'Eliminar {{ name }}',
  deleteTitle: 'Eliminar membro',
  add: {
    title: 'Acrescentar um membro',
    name: 'Nome',
    placeholder: 'p. ex. Cidade de Lyon',
    kind: 'Tipo',
    country: 'País',
    button: 'Acrescentar membro',
  },
};
