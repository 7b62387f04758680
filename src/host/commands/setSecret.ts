import * as vscode from 'vscode';
import { referencedSecrets } from '../../core/connectors/placeholders';
import type { Services } from '../services';
import { UserCancelled } from './commandRunner';

const t = vscode.l10n.t;

/** Stores a `${secret:NAME}` value in SecretStorage; offers the names connectors refer to. */
export async function setSecret(s: Services, name?: string): Promise<void> {
  const target = typeof name === 'string' ? name : await pickName(s);
  const value = await vscode.window.showInputBox({
    title: t('Set Secret "{0}"', target),
    prompt: t('Stored in VS Code SecretStorage; connector files only hold ${secret:{0}}', target),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : t('Enter a value')),
  });
  if (value === undefined) throw new UserCancelled();
  await s.secrets.set(target, value);
  // Sessions that failed for want of this secret can try again now.
  for (const c of s.registry.snapshot.connectors) {
    const session = s.pool.get(c.id);
    if (session?.state.status === 'error' && referencedSecrets(c.config).includes(target)) void session.reconnect();
  }
  void vscode.window.showInformationMessage(t('Secret "{0}" saved.', target));
}

async function pickName(s: Services): Promise<string> {
  const names = new Map<string, string[]>();
  for (const c of s.registry.snapshot.connectors) {
    for (const n of referencedSecrets(c.config)) names.set(n, [...(names.get(n) ?? []), c.label]);
  }
  const items = await Promise.all(
    [...names].map(async ([n, users]) => ({
      label: n,
      description: (await s.secrets.has(n)) ? t('set') : t('not set'),
      detail: t('Used by {0}', users.join(', ')),
    })),
  );
  const other = { label: t('Other name…'), description: '', detail: '' };
  const picked = await vscode.window.showQuickPick([...items, other], { placeHolder: t('Which secret?') });
  if (!picked) throw new UserCancelled();
  if (picked !== other) return picked.label;
  const typed = await vscode.window.showInputBox({
    prompt: t('Secret name, as written in ${secret:NAME}'),
    validateInput: (v) => (/^[A-Za-z0-9_.-]+$/.test(v) ? undefined : t('Letters, digits, ".", "_" and "-" only')),
  });
  if (!typed) throw new UserCancelled();
  return typed;
}
