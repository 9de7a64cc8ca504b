import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
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
