// The judge in the loop: a report about another target is sent back (and never stands as the
// asked target's verdict), citations from nowhere are sent back once, and a report submitted
// beside the calls that back it is judged with their results.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { AgentRunner } from '../../src/core/agent/agentRunner';
import type { AttachedConnector, Conversation } from '../../src/core/agent/conversation';
import { auditInput } from '../../src/core/agent/auditorProfile';
import { parseAuditTarget } from '../../src/core/audit/target';
import type { AuditReport } from '../../src/core/audit/report';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { collect, ofType, scriptedPort } from '../helpers/agentRun';
import { inProcessConnector } from '../helpers/inProcessSession';
import { ScriptedModel, toolCall, type ScriptStep } from '../helpers/scriptedModel';

const report = (target: string, sources: string[] = ['tool lab__lookup']): AuditReport => ({
  target,
  verdict: 'ADOPT WITH CAUTION',
  summary: 'Checked.',
  findings: [{ analysis: 'maintenance', severity: 'info', claim: 'Looked up.', sources }],
});

describe('the judge in the agent loop', () => {
  let lab: AttachedConnector;
  before(async () => {
    lab = await inProcessConnector('lab', (server) => {
      server.registerTool(
        'lookup',
        { description: 'Looks up a fact.', inputSchema: { q: z.string() }, annotations: { readOnlyHint: true } },
        async ({ q }) => ({
          content: [{ type: 'text', text: `fact about ${q}: see https://example.org/facts/${q}` }],
        }),
      );
    });
  });
  after(() => lab.session.dispose());

  function run(steps: ScriptStep[], target: string) {
    const model = new ScriptedModel(steps);
    const runner = new AgentRunner({ model, confirmations: new ConfirmationService(scriptedPort()), policy: () => 'listedOnly' });
    const conversation: Conversation = { connectors: [lab], messages: [] };
    const input = { ...auditInput(target), audit: { target: parseAuditTarget(target)! } };
    return { model, result: collect(runner.run(conversation, input)) };
  }

  it('sends a report about another repository back with the reason, and accepts the corrected one', async () => {
    const { model, result } = run(
      [
        { toolCalls: [toolCall('lab__lookup', { q: 'acme' })] },
        { toolCalls: [toolCall('submit_audit_report', report('other/repo'))] },
        { toolCalls: [toolCall('submit_audit_report', report('acme/widgets'))] },
      ],
      'acme/widgets',
    );
    const { finished } = await result;
    assert.match(model.requests[2].messages.at(-1)?.content ?? '', /The report is about other\/repo, but the audit asked for acme\/widgets/);
    assert.equal(finished.reason, 'report');
    assert.ok(finished.outcome.kind === 'report' && finished.outcome.report.target === 'acme/widgets');
  });

  it('never accepts a report about another target as the asked one, however often it comes', async () => {
    const wrong = { toolCalls: [toolCall('submit_audit_report', report('Other/Repo'))] };
    const { finished } = await (await run([{ toolCalls: [toolCall('lab__lookup', { q: 'acme' })] }, wrong, wrong, wrong], 'acme/widgets')).result;
    assert.notEqual(finished.reason, 'report');
    assert.equal(finished.outcome.kind, 'undetermined');
  });

  it('takes PyPI name spellings and a leading v as the same target', async () => {
    const { finished } = await run(
      [{ toolCalls: [toolCall('lab__lookup', { q: 'x' })] }, { toolCalls: [toolCall('submit_audit_report', report('pypi:Typing.Extensions@v4.12.2'))] }],
      'pypi:typing_extensions@4.12.2',
    ).result;
    assert.equal(finished.reason, 'report', finished.message);
  });

  it('sends back a citation no tool returned once, then keeps the report with the source marked', async () => {
    const made = report('acme/widgets', ['https://example.com/from-memory']);
    const { model, result } = run(
      [
        { toolCalls: [toolCall('lab__lookup', { q: 'acme' })] },
        { toolCalls: [toolCall('submit_audit_report', made)] },
        { toolCalls: [toolCall('submit_audit_report', made)] },
      ],
      'acme/widgets',
    );
    const { finished } = await result;
    assert.match(
      model.requests[2].messages.at(-1)?.content ?? '',
      /not returned by any tool in this run: findings\[0\]: "https:\/\/example\.com\/from-memory"/,
    );
    assert.ok(finished.outcome.kind === 'report');
    assert.deepEqual(finished.outcome.report.findings[0].sources, ['https://example.com/from-memory (not returned by any tool)']);
  });

  it('judges a report submitted in the same turn as the call it cites, with that call’s result', async () => {
    const { finished, events } = await run(
      [{ toolCalls: [toolCall('lab__lookup', { q: 'acme' }), toolCall('submit_audit_report', report('acme/widgets', ['https://example.org/facts/acme']))] }],
      'acme/widgets',
    ).result;
    assert.equal(finished.reason, 'report', finished.message);
    assert.equal(ofType(events, 'toolCallFinished').find((e) => e.name === 'submit_audit_report')?.status, 'ok');
    assert.equal(finished.calls.made, 1);
  });
});
