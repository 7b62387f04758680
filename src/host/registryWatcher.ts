import * as vscode from 'vscode';
import { dirname, basename } from 'node:path';
import type { ConnectorRegistry } from '../core/connectors/registry';

/**
 * Watches the connectors files (inside or outside the workspace) and reloads the registry
 * when someone edits them by hand. Bursts (an atomic save is a create + change) collapse into one read.
 */
export class ConnectorFileWatcher implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly files: () => string[],
  ) {
    this.rewatch();
  }

  /** Call when the set of files changes (workspace folders added or removed). */
  rewatch(): void {
    this.disposeWatchers();
    this.watchers = this.files().map((file) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file)));
      const reload = () => this.scheduleReload();
      w.onDidChange(reload);
      w.onDidCreate(reload);
      w.onDidDelete(reload);
      return w;
    });
  }

  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.registry.reload(), 75);
  }

  private disposeWatchers(): void {
    for (const w of this.watchers.splice(0)) w.dispose();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposeWatchers();
  }
}
