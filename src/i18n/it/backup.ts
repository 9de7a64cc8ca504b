import type { DictionaryOf } from '../dictionary';
import type { backup as en } from '../en/backup';

export const backup: DictionaryOf<typeof en> = {
  title: 'Backup',
  intro:
    'Questo spazio di lavoro è conservato in questo browser. Un backup è un unico file che contiene tutto — temi, punti di attenzione, riunioni, schede di buona pratica e membri, anche quelli eliminati — che puoi conservare dove vuoi e ripristinare in qualsiasi browser.',
  export: 'Esporta backup',
  saved: '«{{ file }}» ({{ size }}) salvato nei tuoi download.',
  tooLargeToRestore:
    'Questo backup è di {{ size }}, più di quanto Tavola possa ripristinare ({{ limit }}). Conservalo comunque: contiene tutto e i suoi dati si possono leggere con qualsiasi editor di testo.',
  exportFailed: 'Non è stato possibile esportare il backup: {{ reason }}',
  restoreTitle: 'Ripristina da un backup',
  restoreIntro:
    'Unisce a questo spazio di lavoro un suo backup, come farebbero le modifiche di un partner: ciò che il backup contiene e qui manca ritorna, e le modifiche fatte nel frattempo restano. Per tornare al backup così com’era, ripristinalo come copia separata dalla schermata iniziale.',
  otherWorkspace:
    'Questo backup è di un altro spazio di lavoro, «{{ name }}». Per portarlo in questo browser, usa «Ripristina da un file di backup» nella schermata iniziale.',
  confirmTitle: 'Unire il backup a «{{ name }}»?',
  merge: 'Unisci',
  nothingLost: 'Non si perde nulla da nessuna delle due parti. I partner connessi ricevono ciò che il backup aggiunge.',
};
