import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
  status: { proposed: 'Proposto', agreed: 'Concordato', 'in-progress': 'In corso', done: 'Fatto', dropped: 'Abbandonato' },
  practiceStatus: { draft: 'Bozza', 'in-review': 'In revisione', final: 'Definitiva' },
  sections: {
    context: { title: 'Contesto', hint: 'La situazione locale: il problema a cui risponde la pratica, dove e da quando.' },
    objectives: { title: 'Obiettivi', hint: 'Che cosa si propone di ottenere la pratica, e per chi.' },
    activities: { title: 'Attività', hint: 'Che cosa si fa, chi lo fa e con quali partner.' },
    budget: { title: 'Budget', hint: 'Quanto costa, come è finanziata e quale personale richiede.' },
    evaluation: { title: 'Valutazione', hint: 'Come si misurano i risultati, che cosa mostrano e che cosa si è imparato.' },
  },
  kind: { topic: 'Tema', focusPoint: 'Punto di attenzione', meeting: 'Riunione', practice: 'Scheda di buona pratica', member: 'Membro' },
  count: {
    topics: { one: '# tema', many: '# di temi', other: '# temi' },
    focusPoints: { one: '# punto di attenzione', many: '# di punti di attenzione', other: '# punti di attenzione' },
    meetings: { one: '# riunione', many: '# di riunioni', other: '# riunioni' },
    practices: { one: '# scheda di buona pratica', many: '# di schede di buona pratica', other: '# schede di buona pratica' },
    members: { one: '# membro', many: '# di membri', other: '# membri' },
  },
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
