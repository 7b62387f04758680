import { z } from 'zod';
import type { Signal, Subject } from '../signals';
import { signal, type CallInfo } from './extractor';

/**
 * workflow.risk from the signals workflowSignals.ts puts in both list_workflows (github) and
 * workflows (workspace). Only the patterns with a known exploit path become signals: a pwn
 * request (pull_request_target or workflow_run checking out the contributor's code), outsider
 * text in an expression (script injection), write-all tokens, and actions not pinned to a SHA.
 */

const workflowSignals = z.looseObject({
  triggers: z.array(z.string()).default([]),
  pull_request_target: z.boolean().default(false),
  checks_out_pull_request_head: z.boolean().default(false),
  unpinned_actions: z.array(z.string()).default([]),
  write_all_permissions: z.boolean().default(false),
  untrusted_expressions: z.array(z.string()).default([]),
});

export const workflowsSchema = z.looseObject({
  workflows: z.array(z.looseObject({ path: z.string(), html_url: z.string().optional(), signals: workflowSignals.optional() })),
});

type Workflow = z.infer<typeof workflowsSchema>['workflows'][number];

export function workflowRiskSignals(workflows: Workflow[], call: CallInfo, subjectOf: (path: string) => Subject): Signal[] {
  return workflows.flatMap((w) => {
    const s = w.signals;
    if (!s) return [];
    const subject = subjectOf(w.path);
    const at = (risk: Parameters<typeof riskSignal>[3], detail: string) => riskSignal(call, subject, w.html_url, risk, detail);
    const out: Signal[] = [];
    const privileged = s.pull_request_target || s.triggers.includes('workflow_run');
    if (privileged && s.checks_out_pull_request_head)
      out.push(at('pwn_request', `${w.path} runs on ${s.pull_request_target ? 'pull_request_target' : 'workflow_run'} and checks out the contributor's code`));
    for (const e of s.untrusted_expressions) out.push(at('untrusted_expression', `${w.path} expands \${{ ${e} }}, text an outsider controls`));
    if (s.write_all_permissions) out.push(at('write_all', `${w.path} grants the token write-all permissions`));
    if (s.unpinned_actions.length) out.push(at('unpinned_action', `${w.path} uses actions not pinned to a commit SHA: ${s.unpinned_actions.join(', ')}`));
    return out;
  });
}

function riskSignal(
  call: CallInfo,
  subject: Subject,
  url: string | undefined,
  risk: 'pwn_request' | 'untrusted_expression' | 'write_all' | 'unpinned_action',
  detail: string,
) {
  return signal(call, 'workflow.risk', subject, { risk, detail }, url);
}
