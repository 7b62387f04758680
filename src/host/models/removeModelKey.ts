import * as vscode from 'vscode';
import type { SecretStore } from '../secrets';
import { MISTRAL_KEY_SECRET } from './keyNames';

const t = vscode.l10n.t;

/**
 * Remove Mistral API Key: deletes the key from SecretStorage. The chat's model choice and the
 * Mistral Studio group follow at once (MISTRAL_API_KEY in VS Code's environment, if set, remains).
 */
export async function removeMistralApiKey(secrets: SecretStore): Promise<void> {
  if (!(await secrets.has(MISTRAL_KEY_SECRET))) {
    void vscode.window.showInformationMessage(
      process.env.MISTRAL_API_KEY
        ? t("No Mistral API key is stored; the one in use comes from MISTRAL_API_KEY in VS Code's environment.")
        : t('No Mistral API key is stored.'),
    );
    return;
  }
  await secrets.delete(MISTRAL_KEY_SECRET);
  void vscode.window.showInformationMessage(t('Mistral API key removed.'));
}
