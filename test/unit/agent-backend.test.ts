import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentBackend, BackendSink, BackendTurn, PendingCall, PendingContext, RoundRequest } from '../../src/core/agent/agentBackend';
import { AgentRunner } from '../../src/core/agent/agentRunner';
import { auditInput } from '../../src/core/agent/auditorProfile';
import type { AuditReport } from '../../src/core/audit/report';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { collect, ofType, scriptedPort } from '../helpers/agentRun';

const REPORT: AuditReport = { target: 'acme/widgets', verdict: 'SAFE TO ADOPT', summary: 'Healthy.', findings: [] };

/**
 * A backend that keeps the conversation itself (as Studio's does): each turn is scripted, and every
 * request it gets is kept, so the test sees what the one loop hands a backend round by round.
 */
function scriptedBackend(turns: BackendTurn[]) {
  const requests: RoundRequest[] = [];
  const closed: RoundRequest[] = [];
  const asked: PendingCall[] = [];
  const backend: AgentBackend = {
    modelId: 'scripted-remote',
    serverTools: ['remote_search'],
    narrowsTools: false,
    open: async (_functions, sink: BackendSink) => ({
      ok: true,
      session: {
        turn: async (request) => {
          requests.push(request);
          const turn = turns.shift() ?? { text: '', toolCalls: [], pending: [] };
          sink.text(turn.text);
          return { ok: true, turn };
        },
        confirmPending: async (call: PendingCall, ctx: PendingContext) => {
          asked.push(call);
          const allowed = await ctx.confirmations.request(
            { connectorId: 'remote', connectorLabel: 'Remote', toolName: call.name, args: {}, reason: 'held', readOnly: false, destructive: false },
            ctx.signal,
          );
          return { toolCallId: call.id, confirmation: allowed ? 'allow' : 'deny' };
        },
        close: async (request) => {
          closed.push(request);
          return { ok: true, turn: { text: 'Thanks.', toolCalls: [], pending: [] } };
        },
      },
    }),
  };
  return { backend, requests, closed, asked };
}

describe('the agent loop over a backend', () => {
  it('hands a kept-conversation backend what answers each turn, confirms held calls, reminds in words, and closes after the report', async () => {
    const { backend, requests, closed, asked } = scriptedBackend([
      { text: 'Checking.', toolCalls: [], pending: [{ id: 'p1', name: 'remote_write', arguments: '{}' }] },
      { text: 'Nothing more.', toolCalls: [], pending: [] },
      { text: '', toolCalls: [{ id: 's1', name: 'submit_audit_report', arguments: JSON.stringify(REPORT) }], pending: [] },
    ]);
    const port = scriptedPort(['allow']);
    const runner = new AgentRunner({ backend, confirmations: new ConfirmationService(port), policy: () => 'listedOnly' });
    const conversation = { connectors: [], messages: [] };
    const { events, finished } = await collect(runner.run(conversation, auditInput('acme/widgets')));

    assert.equal(finished.reason, 'report');
    assert.equal(port.asked.length, 1);
    assert.deepEqual(
      asked.map((c) => c.id),
      ['p1'],
    );
    assert.equal(requests.length, 3);
    assert.equal(requests[0].input, 'Audit acme/widgets and submit your report.');
    assert.deepEqual(requests[1].confirmations, [{ toolCallId: 'p1', confirmation: 'allow' }]);
    assert.equal(requests[1].input, undefined);
    // Tools fixed at the start: the reminder is asked in words, with every tool still offered.
    assert.equal(requests[2].reminder, true);
    assert.match(requests[2].input ?? '', /submit_audit_report/);
    assert.equal(requests[2].toolChoice, 'auto');
    assert.ok(requests[2].tools.some((t) => t.name === 'submit_audit_report'));
    assert.deepEqual(
      ofType(events, 'roundStarted').map((e) => [e.round, e.toolCount, e.reminder]),
      [
        [1, 2, false],
        [2, 2, false],
        [3, 2, true],
      ],
    );
    assert.equal(closed.length, 1);
    assert.deepEqual(
      closed[0].results.map((r) => r.toolCallId),
      ['s1'],
    );
    assert.deepEqual(conversation.messages.at(-1), { role: 'assistant', content: 'Thanks.' });
  });
});
