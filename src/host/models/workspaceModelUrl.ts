import * as vscode from 'vscode';
import { decideBaseUrl } from '../../core/agent/models/workspaceBaseUrl';

const t = vscode.l10n.t;
const APPROVED_KEY = 'connectorAuditor.approvedWorkspaceModelUrls';

export interface ModelUrl {
  /** The base URL to use; undefined: the provider's default. */
  url?: string;
  /** Why it is not the workspace's value, for the chat header. */
  note?: string;
}

/**
 * `connectorAuditor.model.baseUrl` decides where prompts, evidence and the API key go. VS Code
 * already ignores a workspace's value while the workspace is untrusted (restrictedConfigurations);
 * in a trusted one, a value the repository sets is used only after the person said yes to that
 * URL once (remembered per URL in globalState, which no workspace file can write).
 */
export class WorkspaceModelUrl {
  /** Refused in this window: asked again after a reload, not on every audit. */
  private readonly declined = new Set<string>();

  constructor(private readonly memento: vscode.Memento) {}

  /** `ask`: a run is about to use the model, so a modal may ask. `peek`: describe only. */
  async resolve(mode: 'ask' | 'peek'): Promise<ModelUrl> {
    const decision = decideBaseUrl(vscode.workspace.getConfiguration('connectorAuditor.model').inspect<string>('baseUrl'), this.approved());
    if (decision.kind === 'use') return { url: decision.url };
    const { workspaceUrl: fromWorkspace, ownUrl: own } = decision;
    const mine = own ?? t("the provider's default");
    if (mode === 'peek' || this.declined.has(fromWorkspace)) {
      const note = this.declined.has(fromWorkspace)
        ? t('This workspace sets the model server to {0}; you chose {1} instead.', fromWorkspace, mine)
        : t('This workspace sets the model server to {0}; the audit asks before it sends anything there.', fromWorkspace);
      return { url: own, note };
    }
    const use: vscode.MessageItem = { title: t('Use This Server') };
    const keep: vscode.MessageItem = { title: t('Use {0}', mine), isCloseAffordance: true };
    const answer = await vscode.window.showWarningMessage(
      t('This workspace sets the model server to {0}', fromWorkspace),
      {
        modal: true,
        detail: t(
          'The audit would send your question, the evidence the tools gather and your model API key to this server ("connectorAuditor.model.baseUrl" in the workspace settings). Use it only if you trust whoever wrote this repository. Yes is remembered for this URL; no holds until the window reloads.',
        ),
      },
      use,
      keep,
    );
    if (answer === use) {
      await this.memento.update(APPROVED_KEY, [...this.approved(), fromWorkspace]);
      return { url: fromWorkspace };
    }
    this.declined.add(fromWorkspace);
    return { url: own, note: t('This workspace sets the model server to {0}; you chose {1} instead.', fromWorkspace, mine) };
  }

  private approved(): string[] {
    const value = this.memento.get<unknown>(APPROVED_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }
}
