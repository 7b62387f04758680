import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { AgentRunner, type AgentRunnerDeps } from '../../src/core/agent/agentRunner';
import type { AttachedConnector, Conversation } from '../../src/core/agent/conversation';
import { ModelError } from '../../src/core/agent/modelClient';
import { auditInput } from '../../src/core/agent/auditorProfile';
import { MemoryTranscriptSink } from '../../src/core/agent/transcript';
import { renderReportMarkdown } from '../../src/core/audit/markdown';
import type { AuditReport } from '../../src/core/audit/report';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { collect, ofType, scriptedPort } from '../helpers/agentRun';
import { inProcessConnector } from '../helpers/inProcessSession';
import { sessionFor } from '../helpers/sessions';
import { ScriptedModel, toolCall, type ScriptStep } from '../helpers/scriptedModel';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const KNOWN_SECRET = 'sekret-value-42';
const REPORT: AuditReport = {
  target: 'acme/widgets',
  verdict: 'SAFE TO ADOPT',
  summary: 'Healthy project.',
  findings: [{ analysis: 'maintenance', severity: 'info', claim: 'Active.', sources: ['tool lab__lookup'] }],
};
const submit = (report: unknown = REPORT) => toolCall('submit_audit_report', report);

describe('AgentRunner loop (in-process MCP server)', () => {
  let lab: AttachedConnector;
  before(async () => {
    lab = await inProcessConnector(
      'lab',
      (server) => {
        server.registerTool(
          'lookup',
          { description: 'Looks up a fact.', inputSchema: { q: z.string(), apiKey: z.string().optional() }, annotations: { readOnlyHint: true } },
          async ({ q }) => ({
            content: [{ type: 'text', text: `fact about ${q}` }],
          }),
        );
        server.registerTool('big', { description: 'A huge answer.' }, async () => ({ content: [{ type: 'text', text: 'y'.repeat(50_000) }] }));
        server.registerTool('leaky', { description: 'Returns secrets.' }, async () => ({
          content: [{ type: 'text', text: `token ${TOKEN} and ${KNOWN_SECRET}` }],
        }));
        server.registerTool('slow', { description: 'Waits.', inputSchema: { ms: z.number() } }, async ({ ms }, extra) => {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms);
            extra.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
          });
          return { content: [{ type: 'text', text: `waited ${ms}` }] };
        });
        server.registerTool('fails', { description: 'Reports an error.' }, async () => ({
          isError: true,
          content: [{ type: 'text', text: 'rate limited upstream' }],
        }));
        server.registerTool('hidden', { description: 'Excluded by configuration.' }, async () => ({ content: [] }));
      },
      { toolConfiguration: { exclude: ['hidden'] } },
    );
  });
  after(() => lab.session.dispose());

  function setup(steps: ScriptStep[], deps: Partial<AgentRunnerDeps> = {}) {
    const model = new ScriptedModel(steps);
    const port = scriptedPort();
    const runner = new AgentRunner({ model, confirmations: new ConfirmationService(port), policy: () => 'listedOnly', ...deps });
    const conversation: Conversation = { connectors: [lab], messages: [] };
    return { model, port, runner, conversation };
  }

  it('offers included tools namespaced plus submit_audit_report, and ends with the report', async () => {
    const { model, runner, conversation } = setup([
      { text: ['Looking ', 'it up.'], toolCalls: [toolCall('lab__lookup', { q: 'acme' })], usage: { inputTokens: 100, outputTokens: 10 } },
      { toolCalls: [submit()], usage: { inputTokens: 200, outputTokens: 20 } },
    ]);
    const { events, finished } = await collect(runner.run(conversation, auditInput('acme/widgets')));
    const first = model.requests[0];
    assert.deepEqual(first.tools.map((t) => t.name).sort(), ['lab__big', 'lab__fails', 'lab__leaky', 'lab__lookup', 'lab__slow', 'submit_audit_report']);
    assert.equal(first.messages[0].role, 'system');
    assert.match(first.messages[0].content, /submit_audit_report/);
    assert.deepEqual(first.messages[1], { role: 'user', content: 'Audit acme/widgets and submit your report.' });
    assert.equal(first.toolChoice, 'auto');
    assert.equal(first.parallelToolCalls, true);
    const toolMessage = model.requests[1].messages.at(-1);
    assert.equal(toolMessage?.role, 'tool');
    assert.match(toolMessage?.content ?? '', /data returned by the tool "lookup"[\s\S]*fact about acme/);

    assert.equal(finished.reason, 'report');
    assert.ok(finished.outcome.kind === 'report');
    // The model's findings stand; its verdict is bounded by the rules, which saw no built-in evidence here.
    assert.deepEqual(finished.outcome.report.findings[0], REPORT.findings[0]);
    assert.equal(finished.outcome.evidence?.model?.verdict, 'SAFE TO ADOPT');
    assert.equal(finished.outcome.report.verdict, 'ADOPT WITH CAUTION');
    assert.match(finished.outcome.report.summary, /evidence allows at most ADOPT WITH CAUTION/);
    assert.deepEqual(finished.usage, { inputTokens: 300, outputTokens: 30 });
    assert.equal(finished.rounds, 2);
    assert.equal(events[0].type, 'roundStarted');
    assert.equal(events.at(-1)?.type, 'finished');
    assert.equal(
      ofType(events, 'text')
        .map((e) => e.delta)
        .join(''),
      'Looking it up.',
    );
    const started = ofType(events, 'toolCallStarted')[0];
    assert.deepEqual(
      { connector: started.connector, tool: started.tool, args: started.args, internal: started.internal },
      { connector: 'lab', tool: 'lookup', args: { q: 'acme' }, internal: false },
    );
    assert.equal(ofType(events, 'reportSubmitted').length, 1);
    // The history is well formed for a follow-up run: every tool call has its tool message.
    assert.deepEqual(
      conversation.messages.map((m) => m.role),
      ['user', 'assistant', 'tool', 'assistant', 'tool'],
    );
  });

  it('refuses more than 128 tools and says how to narrow the set, before calling the model', async () => {
    const many = await inProcessConnector('many', (server) => {
      for (let i = 0; i < 128; i++) server.registerTool(`t${i}`, { description: 'x' }, async () => ({ content: [] }));
    });
    try {
      const { model, runner } = setup([]);
      const { finished } = await collect(runner.run({ connectors: [many], messages: [] }, auditInput('x')));
      assert.equal(finished.reason, 'error');
      assert.match(finished.message ?? '', /offer 128 tools \(many: 128\) plus 1 internal; models accept at most 128/);
      assert.match(finished.message ?? '', /toolConfiguration\.include.*attach fewer connectors/);
      assert.equal(model.requests.length, 0);

      const narrowed = {
        connector: { ...many.connector, config: { ...many.connector.config, toolConfiguration: { include: ['t1', 't2'] } } },
        session: many.session,
      };
      const ok = setup([{ toolCalls: [submit()] }]);
      const run = await collect(ok.runner.run({ connectors: [narrowed], messages: [] }, auditInput('x')));
      assert.equal(run.finished.reason, 'report');
      assert.deepEqual(
        ok.model.requests[0].tools.map((t) => t.name),
        ['many__t1', 'many__t2', 'submit_audit_report'],
      );
    } finally {
      await many.session.dispose();
    }
  });

  it('truncates a long result to the budget and tells the model', async () => {
    const { model, runner, conversation } = setup([{ toolCalls: [toolCall('lab__big')] }, { toolCalls: [submit()] }], { options: { resultBudget: 1000 } });
    await collect(runner.run(conversation, auditInput('x')));
    const content = model.requests[1].messages.at(-1)?.content ?? '';
    assert.equal(content.match(/y{100,}/)?.[0].length, 1000);
    assert.match(content, /\[Truncated: the result had 50000 characters; only the first 1000 are shown/);
  });

  it('keeps secrets out of the transcript, the events and what the model is sent back', async () => {
    const sink = new MemoryTranscriptSink();
    const { model, runner, conversation } = setup(
      [
        { text: `I will use ${TOKEN}`, toolCalls: [toolCall('lab__lookup', { q: `find ${KNOWN_SECRET}`, apiKey: 'key-value-xyz' }), toolCall('lab__leaky')] },
        { toolCalls: [submit()] },
      ],
      { transcript: sink, secrets: () => [KNOWN_SECRET] },
    );
    const { events } = await collect(runner.run(conversation, auditInput('x')));
    assert.ok(sink.lines.length > 8);
    for (const line of sink.lines) {
      JSON.parse(line);
      assert.doesNotMatch(line, /ghp_|sekret-value-42|key-value-xyz/, line);
    }
    const types = new Set(sink.lines.map((l) => JSON.parse(l).type));
    for (const t of ['run', 'message', 'toolCall', 'toolResult', 'end']) assert.ok(types.has(t), `has ${t} records`);
    assert.doesNotMatch(JSON.stringify(events), /ghp_|sekret-value-42|key-value-xyz/);
    assert.doesNotMatch(model.requests[1].messages.at(-1)?.content ?? '', /ghp_|sekret-value-42/, 'tool output is redacted before the model sees it');
  });

  it('returns an invalid report to the model naming the field, and accepts the corrected one', async () => {
    const bad = { ...REPORT, findings: [{ ...REPORT.findings[0], severity: 'severe' }] };
    const { model, runner, conversation } = setup([{ toolCalls: [submit(bad)] }, { toolCalls: [submit()] }]);
    const { events, finished } = await collect(runner.run(conversation, auditInput('x')));
    const error = model.requests[1].messages.at(-1);
    assert.equal(error?.role, 'tool');
    assert.match(error?.content ?? '', /not accepted[\s\S]*findings\[0\]\.severity: Invalid option/);
    assert.equal(ofType(events, 'toolCallFinished')[0].status, 'error');
    assert.equal(finished.reason, 'report');
  });

  it('sends one reminder (only the submit tool, toolChoice required), then ends with no verdict', async () => {
    const { model, runner, conversation } = setup([{ text: 'It looks <b>fine</b> to me.' }, { text: 'Still fine.' }]);
    const { events, finished } = await collect(runner.run(conversation, auditInput('acme/widgets')));
    assert.equal(model.requests.length, 2);
    assert.equal(model.requests[1].toolChoice, 'required');
    assert.deepEqual(
      model.requests[1].tools.map((t) => t.name),
      ['submit_audit_report'],
    );
    assert.match(model.requests[1].messages.at(-1)?.content ?? '', /You have not submitted the audit/);
    assert.deepEqual(
      ofType(events, 'roundStarted').map((e) => e.reminder),
      [false, true],
    );
    assert.equal(finished.reason, 'no-verdict');
    assert.equal(finished.outcome.kind, 'undetermined');
    assert.match(renderReportMarkdown(finished.outcome), /Verdict: UNDETERMINED[\s\S]*Still fine\./);
  });

  it('accepts the report after the reminder', async () => {
    const { runner, conversation } = setup([{ text: 'Done, it is fine.' }, { toolCalls: [submit()] }]);
    const { finished } = await collect(runner.run(conversation, auditInput('x')));
    assert.equal(finished.reason, 'report');
  });

  it('answers malformed JSON, a non-object, an unknown tool and a tool not offered in this round as tool errors', async () => {
    const { model, runner, conversation } = setup([
      { toolCalls: [toolCall('lab__lookup', '{"q": "acme"'), toolCall('lab__lookup', '[1]'), toolCall('lab__nope', {}), toolCall('lab__hidden', {})] },
      { toolCalls: [submit()] },
    ]);
    const { finished } = await collect(runner.run(conversation, auditInput('x')));
    const answers = model.requests[1].messages.filter((m) => m.role === 'tool').map((m) => m.content);
    assert.match(answers[0], /arguments of lab__lookup are not a valid JSON object/);
    assert.match(answers[1], /got an array/);
    assert.match(answers[2], /no tool named "lab__nope".*Use one of: .*lab__lookup/);
    assert.match(answers[3], /no tool named "lab__hidden"/, 'an excluded tool is unknown to the model');
    assert.equal(finished.reason, 'report');
  });

  it('passes a tool-reported error on as untrusted data, with status error', async () => {
    const { model, runner, conversation } = setup([{ toolCalls: [toolCall('lab__fails')] }, { toolCalls: [submit()] }]);
    const { events } = await collect(runner.run(conversation, auditInput('x')));
    assert.equal(ofType(events, 'toolCallFinished')[0].status, 'error');
    assert.equal(ofType(events, 'toolCallFinished')[0].preview, 'rate limited upstream');
    assert.match(model.requests[1].messages.at(-1)?.content ?? '', /which reported an error[\s\S]*<<<TOOL_DATA \w+>>>\nrate limited upstream/);
  });

  it('goes on without a connector that cannot start, saying so', async () => {
    const broken = sessionFor({ name: 'broken', command: '/nonexistent/connector-auditor-test' });
    try {
      const { model, runner } = setup([{ toolCalls: [submit()] }]);
      const conversation: Conversation = { connectors: [lab, { connector: broken.session.connector, session: broken.session }], messages: [] };
      const { events, finished } = await collect(runner.run(conversation, auditInput('x')));
      assert.match(ofType(events, 'notice')[0]?.message ?? '', /^"broken" is error \(.+\); its tools are not offered\.$/);
      assert.ok(model.requests[0].tools.every((t) => !t.name.startsWith('broken__')));
      assert.equal(finished.reason, 'report');
    } finally {
      await broken.session.dispose();
    }
  });

  it('stops at the step limit', async () => {
    const always = () => ({ toolCalls: [toolCall('lab__lookup', { q: 'again' })] });
    const { model, runner, conversation } = setup([always, always, always, always], { options: { maxRounds: 3 } });
    const { finished } = await collect(runner.run(conversation, auditInput('x')));
    assert.equal(finished.reason, 'step-limit');
    assert.equal(finished.rounds, 3);
    assert.equal(model.requests.length, 3);
    assert.match(finished.message ?? '', /step limit.*stopped after 3 rounds/);
  });

  it('ends with the provider error in words', async () => {
    const { runner, conversation } = setup([{ error: new ModelError('auth', 'The Mistral API key was rejected; set MISTRAL_API_KEY.') }]);
    const { finished } = await collect(runner.run(conversation, auditInput('x')));
    assert.equal(finished.reason, 'error');
    assert.match(finished.message ?? '', /MISTRAL_API_KEY/);
    assert.equal(finished.errorKind, 'auth', 'the kind lets a front end offer the fix (set the key)');
  });

  it('cancels when the consumer stops reading', async () => {
    const { runner, conversation } = setup([{ toolCalls: [toolCall('lab__slow', { ms: 5000 })] }]);
    const run = runner.run(conversation, auditInput('x'));
    const started = performance.now();
    for await (const event of run) if (event.type === 'toolCallStarted') break;
    const finished = await run.finished;
    assert.equal(finished.reason, 'cancelled');
    assert.ok(performance.now() - started < 2000);
    assert.equal(conversation.messages.at(-1)?.role, 'tool', 'the cancelled call still has its tool message');
  });

  it('cancels a model stream that ignores the signal', async () => {
    const { runner, conversation } = setup([{ text: 'thinking…', hang: 'ignore-signal' }]);
    const abort = new AbortController();
    const { finished } = await collect(runner.run(conversation, auditInput('x'), abort.signal), (e) => {
      if (e.type === 'text') abort.abort();
    });
    assert.equal(finished.reason, 'cancelled');
    assert.equal(finished.outcome.kind, 'undetermined');
  });

  it('finishes cancelled at once when the signal is already aborted', async () => {
    const { model, runner, conversation } = setup([]);
    const { finished } = await collect(runner.run(conversation, auditInput('x'), AbortSignal.abort()));
    assert.equal(finished.reason, 'cancelled');
    assert.equal(model.requests.length, 0);
  });
});
