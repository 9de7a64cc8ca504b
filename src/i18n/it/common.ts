import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
  cancel: 'Annulla',
  restore: 'Ripristina',
  unknown: 'Sconosciuto',
  goHome: 'Vai ai tuoi spazi di lavoro',
  notFound: {
    title: 'Pagina non trovata',
    body: 'Questo indirizzo non porta a nulla in Tavola.',
  },
  banner: {
    offline: 'Nessuna rete. Tavola funziona come sempre e conserva le tue modifiche in questo browser; arriveranno ai partner appena sarai di nuovo online.',
    storageFull:
      'Il disco di questo computer, o lo spazio che il browser concede a Tavola, è pieno: le ultime modifiche non sono state salvate qui. Tieni aperta questa pagina (i partner online le ricevono comunque), libera spazio sul disco ed esporta un backup.',
    update: 'È pronta una nuova versione di Tavola. Nulla di ciò che hai scritto andrà perso.',
    reload: 'Ricarica ora',
    later: 'Più tardi',
  },
  language: {
    title: 'Lingua',
    label: 'Lingua di Tavola',
    help: 'Solo per te, in questo browser. Ogni partner vede Tavola nella propria lingua; ciò che il gruppo scrive resta com’è stato scritto.',
  },
};
