import type { DictionaryOf } from '../dictionary';
import type { settings as en } from '../en/settings';

export const settings: DictionaryOf<typeof en> = {
  workspace: 'Spazio di lavoro',
  sameForPartners: 'I partner che condividono questo spazio di lavoro vedono lo stesso nome e la stessa descrizione.',
  name: 'Nome',
  nameNeeded: 'Uno spazio di lavoro deve avere un nome.',
  savedAsYouType: 'Salvato mentre scrivi.',
  description: 'Descrizione',
  descriptionPlaceholder: 'Di cosa si occupa il gruppo, chi lo coordina e da quando.',
  descriptionHelp: 'Salvata mentre scrivi e redatta insieme ai partner.',
  about: 'Informazioni su questo spazio di lavoro',
  created: 'Creato il',
  layoutVersion: 'Versione della struttura',
  writesVersion: '(questa copia di Tavola scrive la versione {{ version }})',
  workspaceId: 'Identificativo dello spazio',
  stored: 'Conservato',
  storedWhere: 'In questo browser. I partner che hanno lo spazio di lavoro ne conservano una propria copia.',
  deleteTitle: 'Elimina da questo browser',
  deleteBody: 'Rimuove da questo browser lo spazio di lavoro e tutto ciò che contiene. I partner che lo hanno ne conservano una propria copia.',
  deleteButton: 'Elimina questo spazio di lavoro da questo browser',
  deleting: 'Eliminazione…',
  deleteFailed: 'Non è stato possibile eliminare lo spazio di lavoro: {{ reason }}',
  confirmTitle: 'Eliminare «{{ name }}»?',
  confirmButton: 'Elimina da questo browser',
  confirmBody: 'I suoi temi, punti di attenzione, riunioni e schede di buona pratica vengono rimossi da questo browser. I partner che hanno lo spazio di lavoro ne conservano una propria copia.',
};
