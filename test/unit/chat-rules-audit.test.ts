// An audit in the chat without a model: a message that names a target (or a front end's typed
// audit) runs on the evidence rules when no model is configured, says so once with "Set Up a
// Model…", and ends in a report with the rules' evidence; a question keeps the model's guidance;
// with a model the typed target reaches the run (the rules bound its verdict).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelClient } from '../../src/core/agent/modelClient';
import type { AuditReport } from '../../src/core/audit/report';
import { chatAuditTarget } from '../../src/core/chat/auditTarget';
import type { ChatPorts, ChosenModel, RunConnectors } from '../../src/core/chat/chatPorts';
import { ChatSession, newChatRecord } from '../../src/core/chat/chatSession';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import type { ChatItem } from '../../src/protocol/chatItems';
import { scriptedPort } from '../helpers/agentRun';
import { ScriptedModel, toolCall } from '../helpers/scriptedModel';
import { memoryLog } from '../helpers/sessions';

function chat(model: ChosenModel | (() => Promise<ChosenModel>)) {
  const runs: (RunConnectors | undefined)[] = [];
  const ports: ChatPorts = {
    chooseModel: typeof model === 'function' ? model : async () => model,
    attachConnectors: async (_ids, _signal, run) => {
      runs.push(run);
      return { attached: [], failures: [] };
    },
    confirmations: new ConfirmationService(scriptedPort()),
    policy: () => 'listedOnly',
    saver: { save: async () => undefined },
    log: memoryLog(),
    saveIntervalMs: 0,
  };
  const session = new ChatSession(newChatRecord(), ports, { item: () => undefined, text: () => undefined, running: () => undefined, header: () => undefined });
  return { session, runs, items: (): readonly ChatItem[] => session.record.items };
}

/** A model that must never be asked: the rules run instead. */
const unused: ModelClient = {
  id: 'openai:guess',
  // eslint-disable-next-line require-yield
  async *stream() {
    throw new Error('the assumed model was asked');
  },
};
const assumed: ChosenModel = { client: unused, label: 'openai:guess', assumed: true };

describe('chat audits without a model', () => {
  it('reads a message as a target: owner/repo, a purl, name@version, "Audit …"; never a bare word on its own', () => {
    assert.deepEqual(chatAuditTarget('expressjs/express', false), { kind: 'repo', owner: 'expressjs', repo: 'express' });
    assert.deepEqual(chatAuditTarget('  Audit pkg:npm/lodash@4.17.15 ', true), { kind: 'package', system: 'npm', name: 'lodash', version: '4.17.15' });
    assert.equal(chatAuditTarget('hello', false), undefined, 'a first message "hello" is not an npm package to audit');
    assert.equal(chatAuditTarget('left-pad@1.3.0', false)?.kind, 'package');
    assert.equal(chatAuditTarget('why?', true), undefined, 'a follow-up word is a question');
    assert.equal(chatAuditTarget('audit left-pad', true)?.kind, 'package');
    assert.equal(chatAuditTarget('Is the npm package left-pad safe to adopt?', false), undefined);
  });

  it('audits a named target with the rules, says so once with "Set Up a Model…", and ends in a report with evidence', async () => {
    const { session, items } = chat(assumed);
    await session.send('lodash@4.17.15');
    const notice = items().find((i) => i.kind === 'notice');
    assert.ok(notice?.kind === 'notice');
    assert.match(notice.text, /No model is configured.*A model adds explanation/);
    assert.deepEqual(
      notice.fixes?.map((f) => f.action.type),
      ['pickModel'],
    );
    const report = items().find((i) => i.kind === 'report');
    assert.ok(report?.kind === 'report', `a report: ${JSON.stringify(items().map((i) => i.kind))}`);
    assert.equal(report.evidence?.target.kind, 'package');
    assert.notEqual(report.evidence?.model?.bound.overridden, true, 'nothing bounded: the verdict is the rules’ own');
    assert.equal(session.record.title, 'Audit lodash@4.17.15');
  });

  it('keeps the model guidance for a question when no model is configured', async () => {
    const { session, items } = chat(assumed);
    await session.send('What should I look for in a dependency?');
    assert.equal(
      items().some((i) => i.kind === 'report' || (i.kind === 'notice' && /evidence rules/.test(i.text))),
      false,
    );
    assert.equal(items().at(-1)?.kind, 'error', 'the guessed model was tried and failed, as before');
  });

  it('runs a front end’s typed audit with the connectors it adds and omits, and retries it the same way', async () => {
    const { session, runs, items } = chat(assumed);
    const connectors = { add: ['builtin:workspace'], omit: ['everything'] };
    await session.audit({ text: 'Audit the open workspace.', target: 'the open workspace', audit: { target: { kind: 'workspace' } }, connectors });
    assert.equal(items().filter((i) => i.kind === 'report').length, 1);
    await session.retry();
    assert.deepEqual(runs, [connectors, connectors]);
  });

  it('with a model, passes the typed target so the rules bound its verdict', async () => {
    const report: AuditReport = { target: 'expressjs/express', verdict: 'SAFE TO ADOPT', summary: 'Fine.', findings: [] };
    const model = new ScriptedModel([{ toolCalls: [toolCall('submit_audit_report', report)] }]);
    const { session, items } = chat({ client: model, label: model.id });
    await session.send('expressjs/express');
    const item = items().find((i) => i.kind === 'report');
    assert.ok(item?.kind === 'report');
    assert.equal(item.evidence?.target.kind, 'repo');
    assert.equal(item.evidence?.model?.verdict, 'SAFE TO ADOPT');
  });
});
