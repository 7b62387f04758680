import * as vscode from 'vscode';
import type { ConfirmationAnswer, ConfirmationPort, ConfirmationRequest } from '../core/tools/confirmation';
import { asksEveryTime, modalText } from '../core/tools/confirmationText';
import { revealInvisible } from '../core/util/invisibleChars';
import type { ResultDocuments } from './resultDocuments';

const t = vscode.l10n.t;

/**
 * The native modal every tool confirmation uses; closing it denies. Arguments too long for the
 * dialog are cut there, and Allow would send all of them, so a cut dialog offers only Show Full
 * Arguments and Deny: the full text opens read-only in an editor tab, and the same question
 * comes back — with Allow — once the person has read it (the modal blocks the editor, so it
 * waits for "Answer Now" on a notification or for the tab to close).
 */
export class ModalConfirmationPort implements ConfirmationPort {
  constructor(private readonly documents: ResultDocuments) {}

  async confirm(req: ConfirmationRequest, signal?: AbortSignal): Promise<ConfirmationAnswer> {
    // Deny is the close affordance, so VS Code adds no separate Cancel and Escape denies.
    const allow: vscode.MessageItem = { title: t('Allow') };
    const allowSession: vscode.MessageItem = { title: t('Allow for this Session') };
    const showFull: vscode.MessageItem = { title: t('Show Full Arguments') };
    const deny: vscode.MessageItem = { title: t('Deny'), isCloseAffordance: true };
    let fullShown = false;
    for (;;) {
      if (signal?.aborted) return 'deny';
      const text = modalText(req, t, fullShown);
      // A held tool, or a call hiding characters, asks every time, so no session-wide answer is offered.
      const items = text.mustShowFull ? [showFull, deny] : asksEveryTime(req) ? [allow, deny] : [allow, allowSession, deny];
      if (fullShown && text.preview.hidden > 0) items.splice(items.length - 1, 0, showFull);
      const answer = await vscode.window.showWarningMessage(text.title, { modal: true, detail: text.detail }, ...items);
      if (answer === allow) return 'allow';
      if (answer === allowSession) return 'allowSession';
      if (answer !== showFull) return 'deny';
      const editor = await this.showFull(req, text.preview.full);
      fullShown = true;
      if (!(await this.readingDone(req, editor, signal))) return 'deny';
    }
  }

  private showFull(req: ConfirmationRequest, full: string): Promise<vscode.TextEditor> {
    const name = revealInvisible(req.toolName, { singleLine: true });
    const label = revealInvisible(req.connectorLabel, { singleLine: true });
    const header = [
      `// ${t('Arguments of "{0}" on {1}, as the call would send them ({2} characters). Read-only.', name, label, full.length.toLocaleString('en-US'))}`,
      `// ${t('Invisible characters are shown as ⟨U+…⟩ marks. Close this tab (or choose Answer Now) to answer.')}`,
    ].join('\n');
    return this.documents.show(`arguments-${req.toolName}`, `${header}\n${full}\n`, vscode.ViewColumn.Active, 'jsonc');
  }

  /**
   * Resolves true when the person is ready to answer: "Answer Now" on the notification, or the
   * arguments tab closed. False when the run was cancelled meanwhile.
   */
  private readingDone(req: ConfirmationRequest, editor: vscode.TextEditor, signal?: AbortSignal): Promise<boolean> {
    const uri = editor.document.uri.toString();
    return new Promise<boolean>((resolve) => {
      const subscriptions: vscode.Disposable[] = [];
      let done = false;
      const finish = (ready: boolean) => {
        if (done) return;
        done = true;
        subscriptions.forEach((s) => s.dispose());
        signal?.removeEventListener('abort', onAbort);
        resolve(ready);
      };
      const onAbort = () => finish(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      const open = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri));
      subscriptions.push(vscode.window.tabGroups.onDidChangeTabs(() => open() || finish(true)));
      const answerNow: vscode.MessageItem = { title: t('Answer Now') };
      // Not modal: the person must be able to scroll the arguments while this waits.
      void vscode.window
        .showInformationMessage(t('Read the full arguments of "{0}", then choose Answer Now or close their tab to allow or deny the call.', revealInvisible(req.toolName, { singleLine: true })), answerNow)
        .then((answer) => answer === answerNow && finish(true));
    });
  }
}
