import * as vscode from 'vscode';
import type { ConfirmationAnswer, ConfirmationPort, ConfirmationRequest } from '../core/tools/confirmation';
import { modalText, type ModalButton } from '../core/tools/confirmationText';
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
    const items: Record<ModalButton, vscode.MessageItem> = {
      allow: { title: t('Allow') },
      allowSession: { title: t('Allow for this Session') },
      showFull: { title: t('Show Full Arguments') },
      deny: { title: t('Deny'), isCloseAffordance: true },
    };
    let fullShown = false;
    for (;;) {
      if (signal?.aborted) return 'deny';
      // Which answers are offered (and so whether Allow is) is decided in core, where it is tested.
      const text = modalText(req, t, fullShown);
      const answer = await vscode.window.showWarningMessage(text.title, { modal: true, detail: text.detail }, ...text.buttons.map((b) => items[b]));
      if (answer === items.allow) return 'allow';
      if (answer === items.allowSession) return 'allowSession';
      if (answer !== items.showFull) return 'deny';
      const editor = await this.showFull(req, text.preview.full, text.preview.total);
      fullShown = true;
      if (!(await this.readingDone(req, editor, signal))) return 'deny';
    }
  }

  private showFull(req: ConfirmationRequest, full: string, total: number): Promise<vscode.TextEditor> {
    const name = revealInvisible(req.toolName, { singleLine: true });
    const label = revealInvisible(req.connectorLabel, { singleLine: true });
    const header = [
      `// ${t('Arguments of "{0}" on {1}, as the call would send them ({2} characters). Read-only.', name, label, total.toLocaleString('en-US'))}`,
      `// ${t('Invisible characters are shown as ⟨U+…⟩ marks. Close this tab (or choose Answer Now) to answer.')}`,
    ].join('\n');
    return this.documents.show(`arguments-${req.toolName}`, `${header}\n${full}\n`, vscode.ViewColumn.Active, 'jsonc');
  }

  /**
   * Resolves true when the person is ready to answer: "Answer Now" on the notification, the
   * notification closed, or the arguments tab closed. False when the run was cancelled meanwhile.
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
      const open = () =>
        vscode.window.tabGroups.all.some((g) => g.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri));
      subscriptions.push(vscode.window.tabGroups.onDidChangeTabs(() => open() || finish(true)));
      const answerNow: vscode.MessageItem = { title: t('Answer Now') };
      // Not modal: the person must be able to scroll the arguments while this waits.
      void vscode.window
        .showInformationMessage(
          t(
            'Read the full arguments of "{0}", then choose Answer Now or close their tab to allow or deny the call.',
            revealInvisible(req.toolName, { singleLine: true }),
          ),
          answerNow,
        )
        // Closing the notification is an answer too: asked again rather than left waiting unseen.
        .then(() => finish(true));
    });
  }
}
