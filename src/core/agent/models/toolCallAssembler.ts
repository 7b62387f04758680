import type { ModelEvent, ModelToolCall } from '../modelClient';

export interface ToolCallPart {
  id?: string | null;
  name?: string | null;
  /** A piece of the arguments' JSON text (appended), or a whole object (serialised). */
  arguments?: string | Record<string, unknown> | null;
}

/**
 * Collects tool-call pieces as they stream — OpenAI-style servers send the id and name first and
 * the arguments in fragments, all under one `index`; Mistral sends whole calls — and hands each call
 * out once, complete, when the turn ends.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<string, ModelToolCall>();
  private synthetic = 0;

  add(key: string, part: ToolCallPart): void {
    let call = this.calls.get(key);
    if (!call) {
      call = { id: '', name: '', arguments: '' };
      this.calls.set(key, call);
    }
    if (!call.id && part.id && part.id !== 'null') call.id = part.id;
    if (!call.name && part.name) call.name = part.name;
    if (typeof part.arguments === 'string') call.arguments += part.arguments;
    else if (part.arguments && typeof part.arguments === 'object') call.arguments += JSON.stringify(part.arguments);
  }

  /** The calls gathered so far, in arrival order, each with an id (made up if the server sent none). */
  drain(): ModelToolCall[] {
    const out = [...this.calls.values()].map((c) => ({ ...c, id: c.id || `call_${++this.synthetic}` }));
    this.calls.clear();
    return out;
  }
}

export function finishReason(raw: string | null | undefined): Extract<ModelEvent, { type: 'finish' }>['reason'] {
  switch (raw) {
    case 'stop':
    case 'tool_calls':
    case 'length':
    case 'content_filter':
      return raw;
    case 'model_length':
      return 'length';
    default:
      return 'other';
  }
}
