import type { DictionaryOf } from '../dictionary';
import type { settings as en } from '../en/settings';

export const settings: DictionaryOf<typeof en> = {
  workspace: 'Espaço de trabalho',
  sameForPartners: 'Os parceiros que partilham este espaço de trabalho veem o mesmo nome e a mesma descrição.',
  name: 'Nome',
  nameNeeded: 'Um espaço de trabalho precisa de um nome.',
  savedAsYouType: 'Guardado à medida que escreve.',
  description: 'Descrição',
  descriptionPlaceholder: 'Em que trabalha o grupo, quem o coordena e desde quando.',
  descriptionHelp: 'Guardada à medida que escreve e redigida em conjunto com os parceiros.',
  about: 'Sobre este espaço de trabalho',
  created: 'Criado em',
  layoutVersion: 'Versão da estrutura',
  writesVersion: '(esta cópia do Tavola escreve a versão {{ version }})',
  workspaceId: 'Identificador do espaço',
  stored: 'Guardado',
  storedWhere: 'Neste navegador. Os parceiros que têm o espaço de trabalho mantêm a sua própria cópia.',
  deleteTitle: 'Eliminar deste navegador',
  deleteBody: 'Remove deste navegador o espaço de trabalho e tudo o que contém. Os parceiros que o têm mantêm a sua própria cópia.',
  deleteButton: 'Eliminar este espaço de trabalho deste navegador',
  deleting: 'A eliminar…',
  deleteFailed: 'Não foi possível eliminar o espaço de trabalho: {{ reason }}',
  confirmTitle: 'Eliminar «{{ name }}»?',
  confirmButton: 'Eliminar deste navegador',
  confirmBody: 'Os seus temas, pontos de atenção, reuniões e fichas de boas práticas são removidos deste navegador. Os parceiros que têm o espaço de trabalho mantêm a sua própria cópia.',
};
