import * as vscode from 'vscode';
import { access, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { describeTarget } from '../../core/connectors/describe';
import { addConnectorToFile } from '../../core/connectors/fileEdits';
import { referencedSecrets } from '../../core/connectors/placeholders';
import { describeImportCandidates, importMcpConfig, type ImportCandidate, type ImportedConnector } from '../../core/connectors/importers';
import type { Services } from '../services';
import { UserCancelled } from './commandRunner';

const t = vscode.l10n.t;

/** Import from mcp.json / Claude / Cursor / Cline: pick a file, review what will be added, choose where. */
export async function importConnectors(s: Services, fileArg?: unknown): Promise<void> {
  const file = typeof fileArg === 'string' ? fileArg : await pickSourceFile();
  const result = importMcpConfig(await readFile(file, 'utf8'));
  if (result.connectors.length === 0) {
    const why = result.skipped.map((x) => `${x.name}: ${x.reason}`).join('; ');
    throw new Error(t('Nothing to import from {0}.{1}', file, why ? ` ${why}` : ''));
  }

  const existing = new Set(s.registry.snapshot.connectors.map((c) => c.name));
  const items = result.connectors.map((entry) => {
    const clash = existing.has(entry.config.name);
    return {
      label: entry.config.name,
      description: `${entry.config.transport ?? ''} · ${describeTarget(entry.config)}`,
      detail: clash ? t('Already exists: will be skipped unless renamed in the file first') : entry.notes.join(' · ') || undefined,
      picked: !clash,
      entry,
      clash,
    };
  });
  const chosen = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: t('Import from {0}', vscode.workspace.asRelativePath(file)),
    placeHolder: t('{0} found; choose what to add', items.length),
    ignoreFocusOut: true,
  });
  if (!chosen || chosen.length === 0) throw new UserCancelled();

  const target = await pickTargetFile(s);
  const added: ImportedConnector[] = [];
  const failed: string[] = [];
  for (const item of chosen) {
    try {
      await addConnectorToFile(target, item.entry.config);
      added.push(item.entry);
    } catch (err) {
      failed.push(`${item.label}: ${(err as Error).message}`);
    }
  }
  await s.registry.reload();

  // Non-modal messages have no detail line, so what needs doing goes into the message itself.
  const secrets = [...new Set(added.flatMap((e) => referencedSecrets(e.config)))];
  const parts = [t('Imported {0} of {1} connectors into {2}.', added.length, chosen.length, vscode.workspace.asRelativePath(target))];
  if (failed.length) parts.push(t('Not added: {0}.', failed.join('; ')));
  if (secrets.length) parts.push(t('Set the secrets they use before connecting: {0}.', secrets.join(', ')));
  const setSecret = t('Set Secret…');
  const show = failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(parts.join(' '), ...(secrets.length ? [setSecret] : []));
  if (choice === setSecret) await vscode.commands.executeCommand('connectorAuditor.setSecret');
}

async function pickSourceFile(): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const candidates = describeImportCandidates(process.platform, homedir(), process.env, folder);
  const found = (await Promise.all(candidates.map(async (c) => ((await exists(c.path)) ? c : undefined)))).filter((c): c is ImportCandidate => !!c);
  const browse = { label: `$(folder-opened) ${t('Browse…')}`, description: '', candidate: undefined as ImportCandidate | undefined };
  const picked = await vscode.window.showQuickPick(
    [...found.map((c) => ({ label: c.label, description: c.path, candidate: c as ImportCandidate | undefined })), browse],
    { placeHolder: found.length ? t('Import connectors from…') : t('No known MCP configuration found; browse for one') },
  );
  if (!picked) throw new UserCancelled();
  if (picked.candidate) return picked.candidate.path;
  const uris = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json', 'jsonc'] }, openLabel: t('Import') });
  if (!uris?.[0]) throw new UserCancelled();
  return uris[0].fsPath;
}

async function pickTargetFile(s: Services): Promise<string> {
  const ws = s.workspaceFile();
  if (!ws) return s.privateFile;
  const picked = await vscode.window.showQuickPick(
    [
      { label: t('Private'), detail: s.privateFile, file: s.privateFile },
      { label: t('Workspace'), detail: vscode.workspace.asRelativePath(ws), file: ws },
    ],
    { placeHolder: t('Add them to…') },
  );
  if (!picked) throw new UserCancelled();
  return picked.file;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
