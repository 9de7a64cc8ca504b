import type { DictionaryOf } from '../dictionary';
import type { home as en } from '../en/home';

export const home: DictionaryOf<typeof en> = {
  tagline: 'Os temas, pontos de atenção, reuniões e fichas de boas práticas do seu grupo de trabalho — guardados neste navegador, partilhados apenas com os parceiros que convidar.',
  storage: {
    refused:
      'Este navegador não se comprometeu a manter os dados do Tavola. Pode apagar os seus espaços de trabalho se o disco ficar sem espaço. Faça cópias de segurança ou instale o Tavola como aplicação, o que normalmente permite ao navegador mantê-los.',
    unsupported: 'Este navegador não pode comprometer-se a manter os dados do Tavola. Pode apagar os seus espaços de trabalho se o disco ficar sem espaço.',
    granted: 'Guardado de forma permanente neste navegador.',
    use: 'O Tavola utiliza {{ used }} do armazenamento deste navegador ({{ share }} do que ele permite).',
    lessThanOnePercent: 'menos de 1%',
    percent: '{{ value }}%',
    nearlyFull:
      'Este navegador está a ficar sem espaço para o Tavola: {{ used }} utilizados de {{ quota }}. Exporte cópias de segurança dos seus espaços de trabalho e elimine aqui os que já não precisa, ou liberte espaço neste computador.',
  },
  create: {
    title: 'Criar um espaço de trabalho',
    label: 'Nome do novo espaço de trabalho',
    placeholder: 'p. ex. Grupo de trabalho sobre segurança urbana',
    button: 'Criar espaço de trabalho',
    sampleBefore: 'Ou',
    sampleLink: 'abra o grupo de trabalho de exemplo',
    sampleAfter: 'para ver como um grupo utiliza o Tavola.',
  },
  failed: {
    create: 'Não foi possível criar o espaço de trabalho: {{ reason }}',
    sample: 'Não foi possível abrir o exemplo: {{ reason }}',
    rename: 'Não foi possível mudar o nome: {{ reason }}',
    delete: 'Não foi possível eliminar o espaço de trabalho: {{ reason }}',
    restore: 'Não foi possível restaurar a cópia de segurança: {{ reason }}',
    copy: 'Não foi possível importar a cópia: {{ reason }}',
  },
  list: {
    title: 'Os seus espaços de trabalho',
    emptyTitle: 'Ainda não há espaços de trabalho neste navegador',
    emptyBody: 'Crie um acima, ou abra uma ligação que um parceiro lhe tenha enviado.',
    untitled: 'Espaço de trabalho sem título',
    lastOpened: 'Aberto pela última vez a {{ date }}',
    rename: 'Mudar o nome',
    delete: 'Eliminar',
    newName: 'Novo nome',
    save: 'Guardar',
  },
  confirmDelete: {
    title: 'Eliminar «{{ name }}»?',
    button: 'Eliminar deste navegador',
    body: 'Os seus temas, pontos de atenção, reuniões e fichas de boas práticas são removidos deste navegador. Os parceiros que têm o espaço de trabalho mantêm a sua própria cópia.',
  },
  restore: {
    title: 'Restaurar a partir de um ficheiro de cópia de segurança',
    intro:
      'Uma cópia de segurança é um ficheiro «.tavola.json» criado com «Exportar cópia de segurança» nas definições de um espaço de trabalho. Restaurá-la traz o espaço de trabalho de volta a este navegador; nada do que tem aqui é removido.',
    restored: '«{{ name }}» foi restaurado a partir da cópia de segurança de {{ date }}.',
    copied: 'A cópia de segurança de {{ date }} foi importada como espaço de trabalho separado, «{{ name }}».',
    copyName: '{{ name }} (cópia)',
    open: 'Abrir',
    alreadyHere: '«{{ name }}» já está neste navegador',
    asCopy: 'Importar como cópia separada',
    merge: 'Fundir com este espaço de trabalho',
    mergeTerm: 'Fundir',
    mergeExplained:
      'combina a cópia de segurança com o espaço de trabalho daqui, como fariam as alterações de um parceiro: o que a cópia de segurança tem e falta aqui volta, e as alterações feitas aqui entretanto mantêm-se. Os parceiros ligados recebem o que ela acrescenta.',
    copyTerm: 'Cópia separada',
    copyExplained: 'cria um novo espaço de trabalho apenas a partir da cópia de segurança, não partilhado com ninguém, e deixa o espaço de trabalho daqui como está.',
    failed: {
      alreadyHere: 'Este espaço de trabalho já está neste navegador. Nada foi alterado.',
      noRoom:
        'Este navegador já não tem espaço para guardar o espaço de trabalho, pelo que não foi restaurado. Nada foi alterado. Liberte algum espaço (elimine aqui um espaço de trabalho de que já não precisa) e tente novamente.',
      notStored: 'Não foi possível guardar o espaço de trabalho neste navegador. Nada foi alterado.',
      notStoredBecause: 'Não foi possível guardar o espaço de trabalho neste navegador ({{ reason }}). Nada foi alterado.',
    },
  },
};
