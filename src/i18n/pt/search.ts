import type { DictionaryOf } from '../dictionary';
import type { search as en } from '../en/search';

export const search: DictionaryOf<typeof en> = {
  label: 'Pesquisar no espaço de trabalho',
  placeholder: 'Pesquisar',
  shortcut: 'Ctrl K',
  fields: { title: 'Título', text: 'Texto', notes: 'Notas', name: 'Nome', partners: 'Parceiros', contactName: 'Contacto' },
  inTopic: 'em {{ title }}',
  listLabel: 'Resultados da pesquisa',
  noResults: 'Nenhum resultado',
  results: { one: '# resultado', many: '# de resultados', other: '# resultados' },
  firstShown: '{{ total }} resultados, mostrados os primeiros {{ shown }}',
  nothing: 'Nada encontrado para « {{ query }} ».',
  more: { one: 'Mais #: acrescente uma palavra para restringir a pesquisa.', many: 'Mais #: acrescente uma palavra para restringir a pesquisa.', other: 'Mais #: acrescente uma palavra para restringir a pesquisa.' },
  hint: '↑ ↓ para navegar, Enter para abrir, Esc para fechar',
  preparing: 'A preparar a pesquisa…',
};
