import * as vscode from 'vscode';

/**
 * Read-only virtual documents for tool results and for the full arguments of a call awaiting
 * confirmation (`connector-auditor-result:` URIs). Content lives
 * in memory, bounded to the most recent results, and is never written to disk.
 */
export const RESULT_SCHEME = 'connector-auditor-result';
const KEEP = 30;

export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('This result is no longer kept. Run the call again from the History.');
  }

  async show(title: string, markdown: string, viewColumn?: vscode.ViewColumn, language: 'markdown' | 'jsonc' = 'markdown'): Promise<vscode.TextEditor> {
    const safe = title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${safe}-${++this.counter}.${language === 'jsonc' ? 'jsonc' : 'md'}` });
    this.contents.set(uri.toString(), markdown);
    while (this.contents.size > KEEP) this.contents.delete(this.contents.keys().next().value as string);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: false, ...(viewColumn ? { viewColumn } : {}) });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}
