// What the fake model answers in the chat e2e, by the repository the person asked about and by
// how many turns the model has had since that message. Each scenario is what a real provider
// would stream: text in pieces, tool calls by their namespaced names, the report through
// submit_audit_report.
import type { FakeTurn, RecordedRequest } from '../fixtures/fakeModel/server';

interface WireMessage {
  role: string;
  content?: unknown;
}

export const ANSWER_WIDGET =
  'I checked **acme/widget** with the everything connector.\n\n' +
  'The echo tool answered and the environment was readable, so the setup is sound.\n\n' +
  '- Maintenance: active\n- Licence: MIT\n\n' +
  '```json\n{ "ok": true }\n```\n';

export const ANSWER_GADGET = 'You denied get-env, so I went on without it: the audit of acme/gadget rests on the echo check alone.';

const report = (target: string, verdict: string, summary: string, extra: Record<string, unknown> = {}) => ({
  name: 'submit_audit_report',
  arguments: {
    target,
    verdict,
    summary,
    findings: [
      {
        analysis: 'security',
        severity: 'medium',
        claim: 'The server exposes its whole environment through get-env.',
        sources: ['tool everything__get-env', 'https://example.com/advisory'],
      },
      { analysis: 'maintenance', severity: 'info', claim: 'The echo tool answers promptly.', sources: ['tool everything__echo'] },
    ],
    ...extra,
  },
});

function lastUserText(messages: WireMessage[]): { text: string; step: number } {
  let i = messages.length - 1;
  while (i >= 0 && messages[i].role !== 'user') i--;
  const text = typeof messages[i]?.content === 'string' ? (messages[i].content as string) : JSON.stringify(messages[i]?.content ?? '');
  const step = messages.slice(i + 1).filter((m) => m.role === 'assistant').length;
  return { text, step };
}

/** The scenarios, plus the XSS corpus answer when the person asks about acme/xss. */
export function chatScript(xss: () => string[]): (request: RecordedRequest) => FakeTurn {
  return (request) => {
    const { text, step } = lastUserText((request.body as { messages: WireMessage[] }).messages);
    if (/acme\/widget/.test(text)) {
      if (step === 0) {
        return {
          text: 'Let me look at acme/widget.',
          toolCalls: [
            // The advisory URL comes back in the echo, so citing it is citing what a tool returned.
            { name: 'everything__echo', arguments: { message: 'is acme/widget maintained? https://example.com/advisory' } },
            { name: 'everything__get-env', arguments: {} },
          ],
        };
      }
      return {
        text: ANSWER_WIDGET,
        chunkDelayMs: 15,
        toolCalls: [report('acme/widget', 'ADOPT WITH CAUTION', 'Sound, but the server shares its environment.')],
      };
    }
    if (/acme\/gadget/.test(text)) {
      if (step === 0) return { toolCalls: [{ name: 'everything__get-env', arguments: {} }] };
      return { text: ANSWER_GADGET, toolCalls: [report('acme/gadget', 'ADOPT WITH CAUTION', 'Checked without the environment (denied).')] };
    }
    if (/acme\/slow/.test(text)) {
      // Long enough that Stop lands mid-stream.
      return { text: Array.from({ length: 400 }, (_, i) => `word${i}`).join(' '), chunkDelayMs: 60 };
    }
    if (/acme\/xss/.test(text)) {
      const payloads = xss();
      if (step === 0) return { text: payloads.join('\n\n'), chunkDelayMs: 0, toolCalls: [{ name: 'everything__echo', arguments: { message: payloads[0] } }] };
      return {
        toolCalls: [
          {
            name: 'submit_audit_report',
            arguments: {
              target: payloads[1],
              verdict: 'AVOID',
              summary: payloads.slice(0, 5).join(' '),
              findings: payloads.slice(0, 8).map((p) => ({ analysis: 'security', severity: 'high', claim: p, sources: [p] })),
            },
          },
        ],
      };
    }
    return { status: 500, message: `chat e2e: no scenario for ${text.slice(0, 80)}` };
  };
}
