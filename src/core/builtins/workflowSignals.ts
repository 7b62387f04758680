/**
 * Risk signals in a GitHub Actions workflow, found by pattern (not by a YAML parser: a workflow
 * the parser rejects is still worth flagging, and the auditor gets the full text anyway). These
 * point the auditor at lines to read; they are not findings by themselves. One implementation for
 * both the github connector (a remote repository's workflows) and the workspace connector (the
 * open folder's), so the two never disagree about the same file.
 */

export interface WorkflowSignals {
  triggers: string[];
  /** Runs with the base repository's secrets on events from forks. */
  pull_request_target: boolean;
  /** With pull_request_target or workflow_run, checking out the contributor's code is the classic "pwn request". */
  checks_out_pull_request_head: boolean;
  /** `uses:` references not pinned to a full commit SHA (a tag or branch can be moved to other code). */
  unpinned_actions: string[];
  pinned_actions: number;
  declares_permissions: boolean;
  write_all_permissions: boolean;
  /** `${{ github.event… }}` expressions with text an outsider controls (titles, bodies, branch names). */
  untrusted_expressions: string[];
  secrets: string[];
}

const TRIGGERS = [
  'push',
  'pull_request',
  'pull_request_target',
  'workflow_run',
  'workflow_dispatch',
  'workflow_call',
  'schedule',
  'issue_comment',
  'issues',
  'release',
  'merge_group',
  'repository_dispatch',
  'discussion',
  'discussion_comment',
];

const UNTRUSTED_EXPRESSION =
  /\$\{\{\s*(github\.(?:event\.(?:issue|pull_request|comment|review|review_comment|discussion|head_commit|commits|workflow_run)[\w.*[\]]*\.(?:title|body|message|name|email|label|ref|head_branch)|head_ref))\s*\}\}/g;

/** Drops `#` comments so a commented-out trigger or action does not count; quotes are rare enough in keys to ignore. */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
}

export function workflowSignals(text: string): WorkflowSignals {
  const body = withoutComments(text);
  const triggers = TRIGGERS.filter((t) => new RegExp(`(^|[\\s\\[,])${t}(\\s*:|\\s*[,\\]]|\\s*$)`, 'm').test(body));
  const uses = [...body.matchAll(/uses:\s*['"]?([^\s'"]+)/g)].map((m) => m[1]);
  const remote = uses.filter((u) => !u.startsWith('./') && !u.startsWith('docker://'));
  const pinned = remote.filter((u) => /@[0-9a-f]{40}$/i.test(u));
  return {
    triggers,
    pull_request_target: triggers.includes('pull_request_target'),
    checks_out_pull_request_head: /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|refs\/pull\//.test(body),
    unpinned_actions: [...new Set(remote.filter((u) => !pinned.includes(u)))],
    pinned_actions: pinned.length,
    declares_permissions: /^\s*permissions\s*:/m.test(body),
    write_all_permissions: /permissions\s*:\s*write-all/.test(body),
    untrusted_expressions: [...new Set([...body.matchAll(UNTRUSTED_EXPRESSION)].map((m) => m[1]))],
    secrets: [...new Set([...body.matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]))],
  };
}
