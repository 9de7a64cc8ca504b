import { Collection, baseFields, text, type BaseRecord, type Fields, type Host } from './collection';
import { newId } from './ids';
import type { CoText } from './text';

export const TOPIC_TITLE_MAX = 1_000;

export interface Topic extends BaseRecord {
  title: string;
}

export const topicFields: Fields<Topic> = {
  ...baseFields,
  title: text(TOPIC_TITLE_MAX),
};

export class Topics extends Collection<Topic> {
  constructor(host: Host) {
    super(host, 'topics', topicFields);
  }

  /** A new topic at `index` (default: last). */
  add(title: string, index?: number, id = newId()): string {
    return this.insertRecord('topics.add', id, { title: title.trim() }, this.list(), index ?? this.list().length);
  }

  title(id: string): CoText | undefined {
    return this.text(id, 'title');
  }

  move(id: string, index: number): void {
    this.placeRecord('topics.move', id, this.list(), index);
  }
}
