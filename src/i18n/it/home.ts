import type { DictionaryOf } from '../dictionary';
import type { home as en } from '../en/home';

export const home: DictionaryOf<typeof en> = {
  tagline: 'I temi, i punti di attenzione, le riunioni e le schede di buona pratica del tuo gruppo di lavoro — conservati in questo browser, condivisi solo con i partner che inviti.',
  storage: {
    refused:
      'Questo browser non si è impegnato a conservare i dati di Tavola. Potrebbe cancellare i tuoi spazi di lavoro se il disco si riempie. Fai dei backup, oppure installa Tavola come app: di solito così il browser li conserva.',
    unsupported: 'Questo browser non può impegnarsi a conservare i dati di Tavola. Potrebbe cancellare i tuoi spazi di lavoro se il disco si riempie.',
    granted: 'Conservato in modo permanente in questo browser.',
    use: 'Tavola usa {{ used }} dello spazio di archiviazione di questo browser ({{ share }} di quanto consente).',
    lessThanOnePercent: 'meno dell’1%',
    percent: '{{ value }}%',
    nearlyFull:
      'Questo browser sta esaurendo lo spazio per Tavola: {{ used }} usati su {{ quota }}. Esporta i backup dei tuoi spazi di lavoro ed elimina qui quelli che non ti servono più, oppure libera spazio su questo computer.',
  },
  create: {
    title: 'Crea uno spazio di lavoro',
    label: 'Nome del nuovo spazio di lavoro',
    placeholder: 'es. Gruppo di lavoro sulla sicurezza urbana',
    button: 'Crea spazio di lavoro',
    sampleBefore: 'Oppure',
    sampleLink: 'apri il gruppo di lavoro di esempio',
    sampleAfter: 'per vedere come un gruppo usa Tavola.',
  },
  failed: {
    create: 'Non è stato possibile creare lo spazio di lavoro: {{ reason }}',
    sample: 'Non è stato possibile aprire l’esempio: {{ reason }}',
    rename: 'Non è stato possibile rinominare: {{ reason }}',
    delete: 'Non è stato possibile eliminare lo spazio di lavoro: {{ reason }}',
    restore: 'Non è stato possibile ripristinare il backup: {{ reason }}',
    copy: 'Non è stato possibile importare la copia: {{ reason }}',
  },
  list: {
    title: 'I tuoi spazi di lavoro',
    emptyTitle: 'Ancora nessuno spazio di lavoro in questo browser',
    emptyBody: 'Creane uno qui sopra, oppure apri un link che ti ha inviato un partner.',
    untitled: 'Spazio di lavoro senza titolo',
    lastOpened: 'Ultima apertura: {{ date }}',
    rename: 'Rinomina',
    delete: 'Elimina',
    newName: 'Nuovo nome',
    save: 'Salva',
  },
  confirmDelete: {
    title: 'Eliminare «{{ name }}»?',
    button: 'Elimina da questo browser',
    body: 'I suoi temi, punti di attenzione, riunioni e schede di buona pratica vengono rimossi da questo browser. I partner che hanno lo spazio di lavoro ne conservano la propria copia.',
  },
  restore: {
    title: 'Ripristina da un file di backup',
    intro:
      'Un backup è un file «.tavola.json» creato con «Esporta backup» nelle impostazioni di uno spazio di lavoro. Ripristinarlo riporta lo spazio di lavoro in questo browser; nulla di ciò che hai qui viene rimosso.',
    restored: '«{{ name }}» ripristinato dal backup del {{ date }}.',
    copied: 'Backup del {{ date }} importato come spazio di lavoro separato, «{{ name }}».',
    copyName: '{{ name }} (copia)',
    open: 'Aprilo',
    alreadyHere: '«{{ name }}» è già in questo browser',
    asCopy: 'Importa come copia separata',
    merge: 'Unisci a questo spazio di lavoro',
    mergeTerm: 'Unisci',
    mergeExplained:
      'combina il backup con lo spazio di lavoro presente qui, come farebbero le modifiche di un partner: ciò che il backup contiene e qui manca ritorna, e le modifiche fatte qui nel frattempo restano. I partner connessi ricevono ciò che aggiunge.',
    copyTerm: 'Copia separata',
    copyExplained: 'crea un nuovo spazio di lavoro dal solo backup, non condiviso con nessuno, e lascia com’è lo spazio di lavoro presente qui.',
    failed: {
      alreadyHere: 'Questo spazio di lavoro è già in questo browser. Non è stato modificato nulla.',
      noRoom:
        'Questo browser non ha più spazio per archiviare lo spazio di lavoro, quindi non è stato ripristinato. Non è stato modificato nulla. Libera un po’ di spazio (elimina qui uno spazio di lavoro che non ti serve più) e riprova.',
      notStored: 'Non è stato possibile archiviare lo spazio di lavoro in questo browser. Non è stato modificato nulla.',
      notStoredBecause: 'Non è stato possibile archiviare lo spazio di lavoro in questo browser ({{ reason }}). Non è stato modificato nulla.',
    },
  },
};
