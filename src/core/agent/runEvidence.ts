import type { Evidence } from '../evidence/evidence';
import type { AgentEvent, CallCounts } from './agentEvents';

/**
 * What one run gathered, for the judge and the report: every connector tool result whole (as the
 * rules read it), the tools a backend's server ran (Studio: only a name and a preview, but a report
 * may cite them), and the counts of calls made, failed and denied.
 */
export class RunEvidence {
  readonly items: Evidence[] = [];
  readonly calls: CallCounts = { made: 0, failed: 0, denied: 0 };
  private readonly serverStarted = new Map<string, Extract<AgentEvent, { type: 'toolCallStarted' }>>();

  add(evidence: Evidence): void {
    this.items.push(evidence);
    this.calls.made++;
    const result = evidence.result as { isError?: boolean; content?: Array<{ text?: string }> };
    if (result?.isError === true) {
      if (/denied by the user/.test(result.content?.[0]?.text ?? '')) this.calls.denied++;
      else this.calls.failed++;
    }
  }

  /** A server-side call's events (started, then finished) become one evidence item. */
  serverEvent(event: AgentEvent): void {
    if (event.type === 'toolCallStarted') this.serverStarted.set(event.callId, event);
    if (event.type !== 'toolCallFinished') return;
    const started = this.serverStarted.get(event.callId);
    this.serverStarted.delete(event.callId);
    this.add({
      callId: event.callId,
      connector: started?.connector ?? 'server',
      tool: started?.tool ?? event.name,
      name: event.name,
      args: {},
      result: { isError: event.status !== 'ok', content: [{ type: 'text', text: event.preview }] },
      serverSide: true,
    });
  }
}
