import * as vscode from 'vscode';
import type { StartRequest } from '../../core/mcp/startConsent';

const t = vscode.l10n.t;

/**
 * The native modal that asks before a stdio server's first start. It shows everything that decides
 * what runs — command, each argument on its own line, working directory, the names of the
 * variables added to the environment and of those inherited from the person's own (never their
 * values) and the file the connector comes from —
 * because a connector file, above all a workspace's, can name any program. Closing it declines.
 */
export async function askToStart(request: StartRequest): Promise<boolean> {
  const start: vscode.MessageItem = { title: t('Start Server') };
  const answer = await vscode.window.showWarningMessage(
    t('Start the MCP server "{0}"?', request.connector.label),
    { modal: true, detail: startDetail(request) },
    start,
  );
  return answer === start;
}

function startDetail(r: StartRequest): string {
  const lines = [
    t('It runs a program on this computer with your permissions. Start it only if you trust this command.'),
    '',
    t('Command: {0}', r.command),
    r.args.length ? t('Arguments:') : t('Arguments: (none)'),
    ...r.args.map((a) => `    ${a.length > 300 ? `${a.slice(0, 300)}…` : a}`),
    t('Working directory: {0}', r.cwd),
    t('Environment keys: {0}', r.envKeys.length ? r.envKeys.join(', ') : t('(none added)')),
    inheritedLine(r),
    sourceLine(r),
    '',
    t('Your answer is remembered for this exact command line; if it changes, you are asked again.'),
  ];
  return lines.join('\n');
}

/** At most this many inherited names are listed (with "all" there may be a hundred). */
const MAX_NAMES = 40;

/** Which of the person's variables the server can read: the default few, named ones, or all. */
function inheritedLine(r: StartRequest): string {
  const names =
    r.inheritedKeys.length > MAX_NAMES ? [...r.inheritedKeys.slice(0, MAX_NAMES), t('… and {0} more', r.inheritedKeys.length - MAX_NAMES)] : r.inheritedKeys;
  const list = names.length ? names.join(', ') : t('(none)');
  if (r.inheritEnv === 'all')
    return t('Inherited from your environment: ALL your variables ("inheritEnv": "all"), including any API keys and tokens: {0}', list);
  return t('Inherited from your environment: {0}', list);
}

function sourceLine({ connector }: StartRequest): string {
  const where = connector.origin ? `${connector.origin.file}:${connector.origin.line}` : '';
  if (connector.visibility === 'shared_workspace') return t('Defined in the workspace file {0}', where);
  if (connector.visibility === 'private') return t('Defined in your private registry {0}', where);
  return t('Defined by the extension');
}
