import type { DictionaryOf } from '../dictionary';
import type { backup as en } from '../en/backup';

export const backup: DictionaryOf<typeof en> = {
  title: 'Cópias de segurança',
  intro:
    'Este espaço de trabalho é mantido neste navegador. Uma cópia de segurança é um único ficheiro com tudo — temas, pontos de atenção, reuniões, fichas de boas práticas e membros, incluindo os eliminados — que guarda onde quiser e pode restaurar em qualquer navegador.',
  export: 'Exportar cópia de segurança',
  saved: '«{{ file }}» ({{ size }}) foi guardado nas suas transferências.',
  tooLargeToRestore:
    'Esta cópia de segurança tem {{ size }}, mais do que o Tavola consegue restaurar ({{ limit }}). Guarde-a na mesma: contém tudo, e os seus registos podem ser lidos em qualquer editor de texto.',
  exportFailed: 'Não foi possível exportar a cópia de segurança: {{ reason }}',
  restoreTitle: 'Restaurar a partir de uma cópia de segurança',
  restoreIntro:
    'Funde uma cópia de segurança deste espaço de trabalho com ele, como fariam as alterações de um parceiro: o que a cópia de segurança tem e falta aqui volta, e as alterações feitas entretanto mantêm-se. Para voltar à cópia de segurança tal como estava, restaure-a como cópia separada a partir do ecrã inicial.',
  otherWorkspace:
    'Esta cópia de segurança é de outro espaço de trabalho, «{{ name }}». Para a trazer para este navegador, utilize «Restaurar a partir de um ficheiro de cópia de segurança» no ecrã inicial.',
  confirmTitle: 'Fundir a cópia de segurança com «{{ name }}»?',
  merge: 'Fundir',
  nothingLost: 'Nada se perde de nenhum dos lados. Os parceiros ligados recebem o que a cópia de segurança acrescenta.',
};
