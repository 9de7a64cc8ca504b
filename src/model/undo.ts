import * as Y from 'yjs';
import { LocalAction, type Workspace } from './workspace';

/**
 * Undo and redo of this person's own changes only (Y.UndoManager tracking LocalAction origins):
 * a partner's edits arrive with the provider as origin and are never reverted, whatever the
 * order they came in. Typing within half a second counts as one step.
 */
export class UndoHistory {
  private readonly manager: Y.UndoManager;

  constructor(workspace: Workspace, options: { captureTimeout?: number } = {}) {
    const doc = workspace.doc;
    this.manager = new Y.UndoManager(
      [doc.getMap('meta'), doc.getMap('members'), doc.getMap('topics'), doc.getMap('focusPoints'), doc.getMap('meetings'), doc.getMap('practices')],
      { trackedOrigins: new Set([LocalAction]), captureTimeout: options.captureTimeout ?? 500 },
    );
    // Only the same action repeated (typing into a text) merges into one step: a restore, a move
    // or a status change right after typing is a step of its own, whatever the timing.
    const onBefore = (transaction: Y.Transaction) => {
      const origin = transaction.origin;
      if (!(origin instanceof LocalAction)) return;
      if (this.lastAction !== null && origin.name !== this.lastAction) this.manager.stopCapturing();
      this.lastAction = origin.name;
    };
    doc.on('beforeTransaction', onBefore);
    this.stopListening = () => doc.off('beforeTransaction', onBefore);
  }

  private lastAction: string | null = null;
  private readonly stopListening: () => void;

  undo(): boolean {
    return this.manager.undo() !== null;
  }

  redo(): boolean {
    return this.manager.redo() !== null;
  }

  canUndo(): boolean {
    return this.manager.canUndo();
  }

  canRedo(): boolean {
    return this.manager.canRedo();
  }

  /** End the current step: the next change starts a new one. */
  stopCapturing(): void {
    this.manager.stopCapturing();
  }

  observe(listener: () => void): () => void {
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    for (const event of events) this.manager.on(event, listener);
    return () => {
      for (const event of events) this.manager.off(event, listener);
    };
  }

  destroy(): void {
    this.stopListening();
    this.manager.destroy();
  }
}
