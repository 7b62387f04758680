import * as vscode from 'vscode';
import { renderReportJson } from '../../core/audit/json';
import { renderReportMarkdown } from '../../core/audit/markdown';
import type { AuditReport } from '../../core/audit/report';
import { UserCancelled } from '../commands/commandRunner';
import type { ResultDocuments } from '../resultDocuments';

const t = vscode.l10n.t;

/**
 * The report as a read-only Markdown document (Save Report… writes it to a file): in the editor
 * area when asked from the sidebar, beside the chat when the chat itself is an editor tab.
 */
export async function openReportMarkdown(report: AuditReport, results: ResultDocuments, from: 'view' | 'panel'): Promise<void> {
  const markdown = renderReportMarkdown({ kind: 'report', report });
  await results.show(`audit-${slug(report.target) || 'report'}`, markdown, from === 'panel' ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
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
