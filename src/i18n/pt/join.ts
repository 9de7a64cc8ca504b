import type { DictionaryOf } from '../dictionary';
import type { join as en } from '../en/join';

export const join: DictionaryOf<typeof en> = {
  failedTitle: 'Esta ligação não abre um espaço de trabalho',
  conflictTitle: 'Esta ligação tem uma chave diferente',
  conflictBody:
    'Este navegador já tem «{{ name }}», partilhado com outra chave. Use a nova chave apenas se os seus parceiros lhe disseram que a chave do espaço de trabalho mudou: quem criou esta ligação receberá tudo o que o espaço de trabalho contém.',
  keepKey: 'Manter a chave atual e abrir',
  useNewKey: 'Usar a nova chave',
  opening: 'A abrir o espaço de trabalho partilhado…',
  sharedWorkspace: 'Espaço de trabalho partilhado',
  problems: {
    'not-a-link': 'Esta não é uma ligação para um espaço de trabalho do Tavola. Uma ligação destas contém «#/edit/», «#/view/» ou, nos espaços de trabalho mais antigos, «#/join/».',
    incomplete: 'Esta ligação está incompleta: provavelmente perdeu-se uma parte ao copiá-la. Peça ao seu parceiro que a envie de novo.',
    'too-long': 'Esta ligação contém mais do que o Tavola espera. Peça ao seu parceiro que a envie de novo.',
    'bad-workspace': 'O espaço de trabalho indicado nesta ligação não é válido. Peça ao seu parceiro que envie a ligação de novo.',
    'short-key': 'A chave desta ligação é demasiado curta: provavelmente a ligação foi cortada. Peça ao seu parceiro que a envie de novo.',
    'bad-key': 'A chave desta ligação está danificada. Peça ao seu parceiro que a envie de novo.',
    'bad-relay': 'A ligação indica um retransmissor de ligação com um endereço inválido ({{ address }}). Peça ao seu parceiro que verifique as definições.',
    'bad-keeper': 'A ligação indica um guardião com um endereço inválido ({{ address }}). Peça ao seu parceiro que verifique as definições.',
  },
};
