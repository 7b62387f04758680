import * as vscode from 'vscode';
import { renderReportJson } from '../../core/audit/json';
import { renderReportMarkdown } from '../../core/audit/markdown';
import type { AuditReport } from '../../core/audit/report';
import { UserCancelled } from '../commands/commandRunner';

const t = vscode.l10n.t;

/** The report as Markdown in an untitled document beside the chat: readable, editable, not saved anywhere yet. */
export async function openReportMarkdown(report: AuditReport): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderReportMarkdown({ kind: 'report', report }) });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** Save Report…: Markdown or JSON, by the filter or the extension the person chose. */
export async function saveReport(report: AuditReport): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${slug(report.target) || 'audit'}-audit.md`;
  const uri = await vscode.window.showSaveDialog({
    title: t('Save Audit Report'),
    saveLabel: t('Save Report'),
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { [t('Markdown')]: ['md'], JSON: ['json'] },
  });
  if (!uri) throw new UserCancelled();
  const outcome = { kind: 'report' as const, report };
  const text = /\.json$/i.test(uri.path) ? renderReportJson(outcome) : renderReportMarkdown(outcome);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  void vscode.window.setStatusBarMessage(t('Report saved to {0}', vscode.workspace.asRelativePath(uri)), 5000);
}

function slug(target: string): string {
  return target
    .replace(/^https?:\/\/(www\.)?github\.com\//i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
