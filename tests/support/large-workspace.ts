import { Workspace } from '../../src/model';

/** A deterministic workspace of about `targetBytes` of encoded state: topics of long focus points. */
export function buildLargeWorkspace(options: { targetBytes: number; seed?: number }): Workspace {
  const workspace = new Workspace();
  let seed = options.seed ?? 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const words = ['port', 'city', 'prevention', 'money', 'laundering', 'licence', 'network', 'victims', 'police', 'exchange', 'practice', 'evaluation', 'local', 'authority', 'cooperation'];
  const sentence = (length: number) => Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
  workspace.initialise({ name: 'Large working group' });
  let topic = '';
  let written = 0;
  let count = 0;
  while (written < options.targetBytes) {
    if (count % 200 === 0) topic = workspace.topics.add(`Topic ${count / 200 + 1}: ${sentence(4)}`);
    const text = sentence(150);
    workspace.focusPoints.add({ topicId: topic, text });
    written += text.length + 120;
    count++;
  }
  return workspace;
}
