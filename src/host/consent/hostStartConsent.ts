import * as vscode from 'vscode';
import type { Connector } from '../../core/connectors/registry';
import type { ConnectorConfig } from '../../core/connectors/schema';
import { rememberedApproval, type ApproveStart, type StartRequest } from '../../core/mcp/startConsent';
import type { GlobalStateApprovalStore } from './approvalStore';
import { askToStart } from './startConsentModal';

const t = vscode.l10n.t;

/** The setting is application-scoped (package.json), so a workspace cannot switch the question off. */
const SETTING = 'security.confirmServerStart';

/**
 * Start consent in VS Code: remembered approvals in globalState, the modal otherwise. A connector
 * the person has just typed into Add Connector counts as approved for its first start.
 */
export class HostStartConsent {
  private readonly typedByPerson = new Map<string, string>();
  readonly approveStart: ApproveStart;

  constructor(private readonly store: GlobalStateApprovalStore) {
    this.approveStart = rememberedApproval(
      store,
      (r) => this.ask(r),
      () => vscode.workspace.getConfiguration('connectorAuditor').get<boolean>(SETTING, true),
    );
  }

  /** Add Connector: the person wrote this command line a moment ago; asking again adds nothing. */
  approveTyped(file: string, config: ConnectorConfig): void {
    this.typedByPerson.set(`${file}\n${config.name}`, commandOf(config));
  }

  private async ask(request: StartRequest): Promise<boolean> {
    const key = `${request.connector.origin?.file}\n${request.connector.name}`;
    const typed = this.typedByPerson.get(key);
    this.typedByPerson.delete(key);
    if (typed !== undefined && typed === commandOf(request.connector.config)) return true;
    return askToStart(request);
  }

  /** Forget Start Approvals: every stdio connector asks again at its next start. */
  async forget(): Promise<void> {
    const count = this.store.size;
    await this.store.clear();
    void vscode.window.showInformationMessage(
      count === 1
        ? t('Forgot 1 approved command; it asks again at its next start.')
        : t('Forgot {0} approved commands; each asks again at its next start.', count),
    );
  }
}

function commandOf(config: ConnectorConfig): string {
  return JSON.stringify([config.command, config.args ?? [], config.cwd, config.env ?? {}, config.inheritEnv]);
}

/** Why a workspace connector is not started while the workspace is untrusted. */
export function untrustedMessage(connector: Connector): string {
  return t('"{0}" is from the workspace, which is not trusted: trust the workspace to start it (Manage Workspace Trust).', connector.label);
}
