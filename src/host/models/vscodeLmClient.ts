import * as vscode from 'vscode';
import { ModelError, type ChatMessage, type ModelClient, type ModelEvent, type ModelRequest } from '../../core/agent/modelClient';

/**
 * The model port over VS Code's Language Model API (for example Copilot's models). The API has
 * no system role, so instructions travel as the first user message; tool results go back as
 * LanguageModelToolResultPart in a user message, as the API expects. The first request must
 * come from a user action: VS Code asks the person for consent then.
 */
export class VscodeLmClient implements ModelClient {
  readonly id: string;
  readonly contextTokens?: number;

  constructor(private readonly model: vscode.LanguageModelChat) {
    this.id = `vscode-lm:${model.vendor}/${model.id}`;
    if (model.maxInputTokens > 0) this.contextTokens = model.maxInputTokens;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      let response: vscode.LanguageModelChatResponse;
      try {
        response = await this.model.sendRequest(
          toMessages(request.messages),
          {
            tools: request.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.parameters })),
            toolMode: request.toolChoice === 'required' ? vscode.LanguageModelChatToolMode.Required : vscode.LanguageModelChatToolMode.Auto,
            justification: vscode.l10n.t('Connector Auditor runs an audit with your connectors.'),
          },
          cts.token,
        );
      } catch (err) {
        throw toModelError(err, signal);
      }
      let calledTools = false;
      try {
        for await (const part of response.stream) {
          if (part instanceof vscode.LanguageModelTextPart) yield { type: 'text', delta: part.value };
          else if (part instanceof vscode.LanguageModelToolCallPart) {
            calledTools = true;
            yield { type: 'toolCall', call: { id: part.callId, name: part.name, arguments: JSON.stringify(part.input ?? {}) } };
          }
        }
      } catch (err) {
        throw toModelError(err, signal);
      }
      if (signal.aborted) throw new ModelError('cancelled', 'The request was cancelled.');
      yield { type: 'finish', reason: calledTools ? 'tool_calls' : 'stop' };
    } finally {
      signal.removeEventListener('abort', onAbort);
      cts.dispose();
    }
  }
}

function toMessages(messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  return messages.map((m) => {
    switch (m.role) {
      case 'system':
        return vscode.LanguageModelChatMessage.User(m.content);
      case 'user':
        return vscode.LanguageModelChatMessage.User(m.content);
      case 'assistant': {
        const parts: (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[] = [];
        if (m.content) parts.push(new vscode.LanguageModelTextPart(m.content));
        for (const call of m.toolCalls ?? []) parts.push(new vscode.LanguageModelToolCallPart(call.id, call.name, parseObject(call.arguments)));
        return vscode.LanguageModelChatMessage.Assistant(parts.length ? parts : '');
      }
      case 'tool':
        return vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(m.toolCallId, [new vscode.LanguageModelTextPart(m.content)])]);
    }
  });
}

/** The model already saw its own (possibly malformed) arguments; send back what parses. */
function parseObject(text: string): object {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

function toModelError(err: unknown, signal: AbortSignal): ModelError {
  if (signal.aborted || err instanceof vscode.CancellationError) return new ModelError('cancelled', 'The request was cancelled.');
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions.name) {
      return new ModelError('auth', 'Connector Auditor may not use this language model yet: allow it when VS Code asks, or pick another model.');
    }
    if (err.code === vscode.LanguageModelError.NotFound.name) {
      return new ModelError('unreachable', 'The selected language model is no longer available; pick another one.');
    }
    if (err.code === vscode.LanguageModelError.Blocked.name) {
      return new ModelError('rateLimit', `The language model provider refused the request for now: ${err.message}`);
    }
  }
  return new ModelError('server', `The language model failed: ${err instanceof Error ? err.message : String(err)}`);
}
