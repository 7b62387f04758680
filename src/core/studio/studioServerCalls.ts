import { raceAbort } from '../agent/abort';
import type { PendingContext } from '../agent/agentBackend';
import type { AgentEvent } from '../agent/agentEvents';
import { parseArguments } from '../agent/toolExecution';
import type { Transcript } from '../agent/transcript';
import { maskArguments } from '../tools/maskArguments';
import type { StudioAttachment } from './studioAgent';
import type { ToolConfirmation } from './studioConversationSdk';
import type { StudioFunctionCall } from './studioEvents';
import { studioConfirmReason } from './studioToolConfiguration';

/**
 * The tools Mistral runs on its side (Studio connectors' tools, web_search): how they show in the
 * run's events, and the pending-confirmation round trip. Mistral names the tool, not its
 * connector, so the connector is found by the tool's name among the attached ones.
 */

const WEB_SEARCH_LABEL = 'Web search (Mistral Studio)';

export function studioLabel(attachment: StudioAttachment): string {
  return `${attachment.connector.name} (Mistral Studio)`;
}

/** The attached connector a server-side tool name belongs to, when it can be told. */
export function ownerOf(tool: string, attachments: readonly StudioAttachment[]): StudioAttachment | undefined {
  return (
    attachments.find((a) => a.toolConfiguration.requiresConfirmation?.includes(tool)) ??
    attachments.find((a) => a.tools?.some((t) => t.name === tool)) ??
    (attachments.length === 1 ? attachments[0] : undefined)
  );
}

/** The label of whoever runs a server-side tool, for progress lines and the chat. */
export function serverLabel(tool: string, attachments: readonly StudioAttachment[]): string {
  if (/^web_search/.test(tool)) return WEB_SEARCH_LABEL;
  const owner = ownerOf(tool, attachments);
  return owner ? studioLabel(owner) : 'Mistral Studio';
}

/** The loop's context for a held call, and the attached connectors that tell its label and annotations. */
export interface StudioPendingContext extends PendingContext {
  attachments: readonly StudioAttachment[];
}

/**
 * Asks the person about one call Mistral holds for confirmation, with the same request a direct
 * call of the tool makes (callStudioTool), and returns the answer Mistral is sent. A denied call
 * ends here; an allowed one is finished when Mistral reports its execution.
 */
export async function confirmPending(call: StudioFunctionCall, ctx: StudioPendingContext): Promise<ToolConfirmation> {
  const known = [...ctx.secrets()];
  const parsed = parseArguments(call.arguments);
  const args = parsed.ok ? parsed.value : {};
  const owner = ownerOf(call.name, ctx.attachments);
  const label = owner ? studioLabel(owner) : 'Mistral Studio';
  const tool = owner?.tools?.find((t) => t.name === call.name);
  const masked = maskArguments(parsed.ok ? parsed.value : call.arguments, known);
  ctx.emit({
    type: 'toolCallStarted',
    round: ctx.round,
    callId: call.toolCallId,
    name: call.name,
    connector: label,
    tool: call.name,
    internal: false,
    args: masked,
  });
  ctx.transcript.record({
    type: 'toolCall',
    round: ctx.round,
    callId: call.toolCallId,
    name: call.name,
    connector: label,
    tool: call.name,
    args: parsed.ok ? parsed.value : call.arguments,
  });
  ctx.emit({ type: 'awaitingConfirmation', round: ctx.round, callId: call.toolCallId, connector: label, tool: call.name });
  ctx.transcript.record({ type: 'decision', round: ctx.round, callId: call.toolCallId, decision: 'asked' });
  // A dialog nobody can close from code must not hold a cancelled run: cancelling answers "deny".
  const request = {
    connectorId: `studio:${owner?.connector.name ?? 'unknown'}`,
    connectorLabel: label,
    toolName: call.name,
    args: maskArguments(args, known) as Record<string, unknown>,
    reason: studioConfirmReason(tool, ctx.policy()),
    readOnly: tool?.annotations?.readOnlyHint === true,
    destructive: tool?.annotations?.destructiveHint === true,
  };
  const answer = await raceAbort(ctx.confirmations.request(request, ctx.signal), ctx.signal).catch(() => ({ aborted: false as const, value: false }));
  const allowed = !answer.aborted && answer.value;
  ctx.emit({ type: 'confirmationAnswered', round: ctx.round, callId: call.toolCallId, allowed });
  ctx.transcript.record({ type: 'decision', round: ctx.round, callId: call.toolCallId, decision: allowed ? 'allowed' : 'denied' });
  if (!allowed) {
    ctx.emit({
      type: 'toolCallFinished',
      round: ctx.round,
      callId: call.toolCallId,
      name: call.name,
      status: 'denied',
      durationMs: 0,
      preview: 'denied by the user',
    });
    ctx.transcript.record({
      type: 'toolResult',
      round: ctx.round,
      callId: call.toolCallId,
      name: call.name,
      status: 'denied',
      durationMs: 0,
      content: 'denied by the user; Mistral was told not to run it',
    });
  }
  return { toolCallId: call.toolCallId, confirmation: allowed ? 'allow' : 'deny' };
}

/**
 * Server-side executions as toolCallStarted / toolCallFinished. An execution of a tool the person
 * just allowed continues that call's entry (same callId) rather than starting a second one.
 */
export class ServerExecutions {
  private readonly allowed = new Map<string, string[]>();
  private readonly running = new Map<string, { callId: string; name: string; started: number }>();

  constructor(
    private readonly attachments: readonly StudioAttachment[],
    private readonly secrets: () => Iterable<string>,
    private readonly emit: (event: AgentEvent) => void,
    private readonly transcript: Transcript,
  ) {}

  /** An allowed pending call, whose execution is reported in the next response. */
  expect(name: string, callId: string): void {
    this.allowed.set(name, [...(this.allowed.get(name) ?? []), callId]);
  }

  started(round: number, exec: { id: string; name: string; arguments: string }): void {
    const queued = this.allowed.get(exec.name);
    const callId = queued?.shift() ?? exec.id;
    this.running.set(exec.id, { callId, name: exec.name, started: performance.now() });
    if (callId !== exec.id) return;
    const parsed = parseArguments(exec.arguments);
    const connector = serverLabel(exec.name, this.attachments);
    const args = parsed.ok ? parsed.value : exec.arguments;
    this.emit({
      type: 'toolCallStarted',
      round,
      callId,
      name: exec.name,
      connector,
      tool: exec.name,
      internal: false,
      args: maskArguments(args, [...this.secrets()]),
    });
    this.transcript.record({ type: 'toolCall', round, callId, name: exec.name, connector, tool: exec.name, args });
  }

  done(round: number, exec: { id: string; name: string; isError: boolean; info: Record<string, unknown> }): void {
    const run = this.running.get(exec.id) ?? { callId: exec.id, name: exec.name, started: performance.now() };
    this.running.delete(exec.id);
    const durationMs = performance.now() - run.started;
    const status = exec.isError ? 'error' : 'ok';
    const preview = exec.isError ? 'failed on Mistral’s side' : 'ran on Mistral’s side; the model read the result';
    this.emit({ type: 'toolCallFinished', round, callId: run.callId, name: exec.name, status, durationMs, preview });
    this.transcript.record({
      type: 'toolResult',
      round,
      callId: run.callId,
      name: exec.name,
      status,
      durationMs: Math.round(durationMs),
      content: `server-side execution ${JSON.stringify(exec.info)}`,
    });
  }

  /** Allowed calls Mistral never reported running, closed so no entry stays open. */
  settle(round: number): void {
    for (const [name, ids] of this.allowed) {
      for (const callId of ids)
        this.emit({ type: 'toolCallFinished', round, callId, name, status: 'ok', durationMs: 0, preview: 'allowed; Mistral reported no execution' });
    }
    this.allowed.clear();
  }
}
