import * as vscode from 'vscode';
import type { ConfirmationAnswer, ConfirmationPort, ConfirmationRequest } from '../core/tools/confirmation';

const t = vscode.l10n.t;

/** The native modal every tool confirmation uses; closing it denies. */
export class ModalConfirmationPort implements ConfirmationPort {
  async confirm(req: ConfirmationRequest): Promise<ConfirmationAnswer> {
    // Deny is the close affordance, so VS Code adds no separate Cancel and Escape denies.
    const allow: vscode.MessageItem = { title: t('Allow') };
    const allowSession: vscode.MessageItem = { title: t('Allow for this Session') };
    const deny: vscode.MessageItem = { title: t('Deny'), isCloseAffordance: true };
    const args = Object.keys(req.args).length ? JSON.stringify(req.args, null, 2) : t('(no arguments)');
    const detail = [
      req.destructive ? t('The server marks this tool as destructive.') : undefined,
      req.held === 'changed' ? t('This tool changed since you accepted it. Review Tool Change… in the Connectors view shows how.') : undefined,
      req.held === 'new' ? t('This is a new tool you have not reviewed. Review Tool Change… in the Connectors view shows it.') : undefined,
      // A held tool's own line above says why it asks.
      req.held ? undefined : t('Asks first because it is {0}.', req.reason),
      '',
      t('Arguments:'),
      args.length > 2000 ? `${args.slice(0, 2000)}\n…` : args,
    ]
      .filter((l) => l !== undefined)
      .join('\n');
    // A held tool asks every time until its change is accepted, so no session-wide answer is offered.
    const items = req.held ? [allow, deny] : [allow, allowSession, deny];
    const answer = await vscode.window.showWarningMessage(t('Run "{0}" on {1}?', req.toolName, req.connectorLabel), { modal: true, detail }, ...items);
    return answer === allow ? 'allow' : answer === allowSession ? 'allowSession' : 'deny';
  }
}
