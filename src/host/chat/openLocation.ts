import * as vscode from 'vscode';
import { locationFile } from '../../core/builtins/workspace/locationFile';
import { WorkspacePathError } from '../../core/builtins/workspace/pathErrors';
import type { Logger } from '../../core/util/logger';

const t = vscode.l10n.t;

/**
 * A finding's "path:line" link from the report card: the file opens at that line, but only when it
 * lies inside a workspace folder (locationFile.ts); the webview names a path, the host decides.
 */
export async function openLocation(path: string, line: number | undefined, log: Logger): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  let file: string;
  try {
    file = await locationFile(
      folders.map((f) => ({ name: f.name, path: f.uri.fsPath })),
      path,
    );
  } catch (err) {
    if (!(err instanceof WorkspacePathError)) throw err;
    log.warn(`chat: refused to open the report location "${path.slice(0, 200)}": ${err.message}`);
    // The webview does not show a request's error: the person who clicked is told here.
    void vscode.window.showWarningMessage(t('Not opened: {0}', err.message));
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const at = Math.min(Math.max((line ?? 1) - 1, 0), Math.max(document.lineCount - 1, 0));
  const range = document.lineAt(at).range;
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(range.start, range.start), preview: true });
}
