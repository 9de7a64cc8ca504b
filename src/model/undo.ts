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
      {
        trackedOrigins: new Set([LocalAction]),
        captureTimeout: options.captureTimeout ?? 500,
        // y-prosemirror marks the transactions that are no one's edit (the editor's first render).
        captureTransaction: (transaction) => transaction.meta.get('addToHistory') !== false,
        // As y-prosemirror's own undo: undoing never removes a paragraph or text that still holds
        // something (a partner may have typed into it since), only what it added.
        deleteFilter: (item) =>
          !(item.content instanceof Y.ContentType) ||
          !(item.content.type instanceof Y.XmlText || (item.content.type instanceof Y.XmlElement && item.content.type.nodeName === 'paragraph')) ||
          item.content.type._length === 0,
      },
    );
    // Only the same action repeated (typing into a text) merges into one step: a restore, a move
    // or a status change right after typing is a step of its own, whatever the timing.
    const onBefore = (transaction: Y.Transaction) => {
      const origin = transaction.origin;
      const name = origin instanceof LocalAction ? origin.name : this.otherOrigins.get(origin);
      if (name === undefined) return;
      if (this.lastAction !== null && name !== this.lastAction) this.manager.stopCapturing();
      this.lastAction = name;
    };
    doc.on('beforeTransaction', onBefore);
    this.stopListening = () => doc.off('beforeTransaction', onBefore);
  }

  private lastAction: string | null = null;
  /** Origins other than LocalAction that are this person's edits (the rich-text editor's), and the action each counts as. */
  private readonly otherOrigins = new Map<unknown, string>();

  /**
   * Count transactions of `origin` as this person's own edits, named `action` (one step while
   * repeated). For y-prosemirror, whose edits carry its ySyncPluginKey as origin rather than a
   * LocalAction: its edits go into this one history, so Ctrl+Z and the Undo button take back
   * typing in the editor and everything else in the order it was done.
   */
  trackOrigin(origin: object, action: string): void {
    this.otherOrigins.set(origin, action);
    this.manager.addTrackedOrigin(origin);
  }

  /**
   * THE ESCAPE HATCH for the rich-text editor (src/ui/editor): this history's Y.UndoManager, for
   * y-prosemirror's undo plugin, which needs one. What the editor attaches to it is detached by
   * `destroy()` on the handle (y-prosemirror calls it when the editor goes), which never destroys
   * the history itself. Nothing else outside src/model may use it.
   */
  managerForEditor(): Y.UndoManager {
    const manager = this.manager;
    const attached: [string, (...args: any[]) => void][] = [];
    return new Proxy(manager, {
      get(target, property) {
        if (property === 'on') {
          return (name: string, listener: (...args: any[]) => void) => {
            attached.push([name, listener]);
            target.on(name as 'stack-item-added', listener);
          };
        }
        if (property === 'destroy') {
          return () => {
            for (const [name, listener] of attached.splice(0)) target.off(name as 'stack-item-added', listener);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
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
