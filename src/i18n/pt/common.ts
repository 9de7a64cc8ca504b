import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
  status: { proposed: 'Proposto', agreed: 'Acordado', 'in-progress': 'Em curso', done: 'Concluído', dropped: 'Abandonado' },
  practiceStatus: { draft: 'Rascunho', 'in-review': 'Em revisão', final: 'Final' },
  sections: {
    context: { title: 'Contexto', hint: 'A situação local: o problema a que esta prática responde, onde e desde quando.' },
    objectives: { title: 'Objetivos', hint: 'O que a prática pretende alcançar, e para quem.' },
    activities: { title: 'Atividades', hint: 'O que é feito, por quem e com que parceiros.' },
    budget: { title: 'Orçamento', hint: 'Quanto custa, como é financiada e que pessoal exige.' },
    evaluation: { title: 'Avaliação', hint: 'Como se medem os resultados, o que mostram e o que se aprendeu.' },
  },
  kind: { topic: 'Tema', focusPoint: 'Ponto de atenção', meeting: 'Reunião', practice: 'Ficha de boas práticas', member: 'Membro' },
  count: {
    topics: { one: '# tema', many: '# de temas', other: '# temas' },
    focusPoints: { one: '# ponto de atenção', many: '# de pontos de atenção', other: '# pontos de atenção' },
    meetings: { one: '# reunião', many: '# de reuniões', other: '# reuniões' },
    practices: { one: '# ficha de boas práticas', many: '# de fichas de boas práticas', other: '# fichas de boas práticas' },
    members: { one: '# membro', many: '# de membros', other: '# membros' },
  },
  cancel: 'Cancelar',
  restore: 'Repor',
  unknown: 'Desconhecido',
  goHome: 'Ir para os seus espaços de trabalho',
  notFound: {
    title: 'Página não encontrada',
    body: 'Este endereço não leva a nada no Tavola.',
  },
  banner: {
    offline: 'Sem rede. O Tavola funciona normalmente e guarda as suas alterações neste navegador; chegarão aos seus parceiros quando voltar a estar online.',
    storageFull:
      'O disco deste computador, ou o espaço que o navegador concede ao Tavola, está cheio: as suas últimas alterações não puderam ser guardadas aqui. Mantenha esta página aberta (os parceiros online continuam a recebê-las), liberte espaço em disco e exporte uma cópia de segurança.',
    update: 'Está pronta uma nova versão do Tavola. Nada do que escreveu se perderá.',
    reload: 'Recarregar agora',
    later: 'Mais tarde',
  },
  language: {
    title: 'Língua',
    label: 'Língua do Tavola',
    help: 'Só para si, neste navegador. Cada parceiro vê o Tavola na sua própria língua; o que o grupo escreve fica como foi escrito.',
  },
};
