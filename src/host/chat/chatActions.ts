import * as vscode from 'vscode';
import type { Logger } from '../../core/util/logger';
import type { FixAction } from '../../protocol/chatItems';
import { reconnect } from '../commands/connectorCommands';
import type { Services } from '../services';

const t = vscode.l10n.t;

/** What a fix may do besides commands: the controller's own actions. */
export interface FixContext {
  services: Services;
  retry(): void;
  newChat(): void;
  /** The model picker, as the header's model button opens it. */
  pickModel(): Promise<void>;
  /** After something that changes the model or the connectors, the header is redrawn. */
  refreshHeader(): void;
}

/**
 * Runs a fix the host found in its own copy of the chat: the webview names a fix, it never
 * supplies the action, so a compromised page cannot make the host run an arbitrary command.
 */
export async function runFix(action: FixAction, ctx: FixContext): Promise<void> {
  const s = ctx.services;
  switch (action.type) {
    case 'setModelKey':
      await vscode.commands.executeCommand(action.provider === 'mistral' ? 'connectorAuditor.setMistralApiKey' : 'connectorAuditor.setOpenAiApiKey');
      return ctx.refreshHeader();
    case 'pickModel':
      await ctx.pickModel();
      return ctx.refreshHeader();
    case 'openModelSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'connectorAuditor.model');
      return;
    case 'reconnect': {
      const connector = s.registry.snapshot.connectors.find((c) => c.id === action.connectorId);
      if (!connector) throw new Error(t('The connector no longer exists.'));
      await reconnect(s, { kind: 'connector', connector });
      return ctx.refreshHeader();
    }
    case 'showLog': {
      const connector = s.registry.snapshot.connectors.find((c) => c.id === action.connectorId);
      if (!connector) throw new Error(t('The connector no longer exists.'));
      s.logs.show(connector.label);
      return;
    }
    case 'retry':
      return ctx.retry();
    case 'newChat':
      return ctx.newChat();
  }
}

const OPENABLE = new Set(['http:', 'https:', 'mailto:']);

/** A link from the chat opens outside VS Code, and only for web and mail addresses: no command:, file: or vscode: links. */
export async function openLink(href: string, log: Logger): Promise<void> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    log.warn(`chat: refused to open a link that is not an absolute URL: ${href.slice(0, 200)}`);
    throw new Error(t('Not a web address: {0}', href.slice(0, 200)));
  }
  if (!OPENABLE.has(url.protocol)) {
    log.warn(`chat: refused to open a ${url.protocol} link: ${href.slice(0, 200)}`);
    throw new Error(t('Only http, https and mailto links open from the chat.'));
  }
  await vscode.env.openExternal(vscode.Uri.parse(url.href, true));
}
