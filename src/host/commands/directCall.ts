import * as vscode from 'vscode';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { CallRecord } from '../../core/tools/callHistory';
import { maskArguments } from '../../core/tools/maskArguments';
import { formatResult } from '../../core/tools/resultFormat';
import type { Services } from '../services';

const t = vscode.l10n.t;

/**
 * How one direct call reaches its connector: a local session through the ToolCaller, or Mistral
 * Studio through callStudioTool. The rules before the call are the same (core/tools/callPreamble.ts);
 * only this differs, and runDirectCall is the one path around it.
 */
export interface DirectCallTransport {
  /** How the History and the result name the connector. */
  connectorId: string;
  connectorLabel: string;
  source?: CallRecord['source'];
  invoke(
    signal: AbortSignal,
    onProgress: (p: { progress: number; total?: number; message?: string }) => void,
  ): Promise<{ result: CallToolResult; durationMs: number }>;
  /** How a failure is recorded; undefined for one that is not the call's (it is thrown unrecorded). */
  failureOutcome(err: unknown): 'denied' | 'cancelled' | 'failed' | undefined;
}

/** Runs one call with progress and cancellation, shows the result, and records it in the History. */
export async function runDirectCall(s: Services, tool: Tool, args: Record<string, unknown>, transport: DirectCallTransport): Promise<void> {
  const label = transport.connectorLabel;
  const started = Date.now();
  const record = (outcome: CallRecord['outcome'], summary?: string, durationMs?: number) =>
    s.history.add({
      connectorId: transport.connectorId,
      connectorLabel: label,
      ...(transport.source ? { source: transport.source } : {}),
      tool: tool.name,
      args: maskArguments(args) as Record<string, unknown>,
      at: started,
      durationMs,
      outcome,
      summary,
    });

  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('{0} · {1}', label, tool.name), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await transport.invoke(abort.signal, ({ progress: done, total, message }) => {
            // VS Code's bar takes increments; MCP reports totals so far.
            const percent = total ? Math.min(100, (done / total) * 100) : undefined;
            progress.report({ message, increment: percent !== undefined ? percent - reported : undefined });
            if (percent !== undefined) reported = percent;
          });
        } finally {
          sub.dispose();
        }
      },
    );
    const title = `${tool.name} · ${label}`;
    await s.results.show(title, formatResult(outcome.result, { title, durationMs: outcome.durationMs }));
    await record(outcome.result.isError ? 'toolError' : 'ok', undefined, outcome.durationMs);
    if (outcome.result.isError) void vscode.window.showErrorMessage(t('"{0}" reported an error; see the result.', tool.name));
  } catch (err) {
    const kind = transport.failureOutcome(err);
    if (kind) {
      await record(kind, err instanceof Error ? err.message : String(err), Date.now() - started);
      if (kind === 'cancelled') return;
    }
    throw err;
  }
}
