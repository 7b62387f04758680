import * as vscode from 'vscode';
import type { ConfirmationDefault } from '../../core/connectors/toolPolicy';
import { tightenOnly, type IgnoredValue } from '../../core/connectors/tightenOnly';
import type { Logger } from '../../core/util/logger';

const t = vscode.l10n.t;

/** Loosest first: a workspace may move right, never left of the user's own value. */
const CONFIRMATION_STRICTNESS: readonly ConfirmationDefault[] = ['listedOnly', 'unlessReadOnly', 'always'];
const WORKSPACE_CONNECTORS_STRICTNESS: readonly boolean[] = [true, false];

/**
 * The settings that guard the person, read tighten-only (core/connectors/tightenOnly.ts). A
 * workspace value that would loosen one is ignored, logged, and said once per window in a notice
 * that opens the user settings, so the person knows why the repository's setting has no effect.
 */
export class SafetySettings {
  private readonly told = new Set<string>();

  constructor(private readonly log: Logger) {}

  confirmationDefault(): ConfirmationDefault {
    return this.read('confirmation.default', CONFIRMATION_STRICTNESS, 'unlessReadOnly', t('a workspace can make confirmations stricter, never looser'));
  }

  workspaceConnectorsEnabled(): boolean {
    return this.read('workspaceConnectors.enabled', WORKSPACE_CONNECTORS_STRICTNESS, true, t('a workspace cannot turn its own connectors back on'));
  }

  private read<T>(key: string, strictness: readonly T[], fallback: T, why: string): T {
    const layers = vscode.workspace.getConfiguration('connectorAuditor').inspect<T>(key) ?? {};
    const { value, ignored } = tightenOnly(layers, strictness, fallback);
    for (const i of ignored) this.tell(key, i, why);
    return value;
  }

  private tell<T>(key: string, ignored: IgnoredValue<T>, why: string): void {
    const id = `${key}=${JSON.stringify(ignored.value)}@${ignored.scope}`;
    if (this.told.has(id)) return;
    this.told.add(id);
    const setting = `connectorAuditor.${key}`;
    this.log.warn(`ignored the ${ignored.scope} value ${JSON.stringify(ignored.value)} of ${setting}: ${why}`);
    const open = t('Open User Settings');
    void vscode.window
      .showWarningMessage(
        t(
          'This workspace sets "{0}" to {1}, which is ignored: {2}. Change it in your user settings if you mean it.',
          setting,
          JSON.stringify(ignored.value),
          why,
        ),
        open,
      )
      .then((answer) => answer === open && vscode.commands.executeCommand('workbench.action.openSettings', setting));
  }
}
