import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { SessionDeps } from '../core/mcp/session';
import { answerWithDefaults, elicitationDefaults } from '../core/tools/elicitation';
import { readLine } from './confirmationPrompt';

/**
 * How the CLI answers a server that asks for input during a call (MCP form elicitation):
 * `--yes` accepts the schema's defaults when they cover every required field; on a terminal the
 * person sees the question and the defaults and says y/N; otherwise the capability is not
 * declared at all, so servers do not ask.
 */
export function cliElicitation(opts: {
  yes: boolean;
  interactive: boolean;
  stdin: () => NodeJS.ReadableStream;
  write: (text: string) => void;
}): SessionDeps['elicit'] {
  if (opts.yes) return async ({ params }) => answerWithDefaults(params);
  if (!opts.interactive) return undefined;
  return async ({ connector, params }, signal) => {
    const proposal = answerWithDefaults(params);
    opts.write(elicitationText(connector.label, params));
    if (proposal.action !== 'accept') {
      opts.write('Some required fields have no default, so the CLI cannot fill them in: declined.\n');
      return proposal;
    }
    opts.write('Accept these values? [y/N] ');
    const answer = await readLine(opts.stdin(), signal);
    return answer !== undefined && /^\s*y(es)?\s*$/i.test(answer) ? proposal : ({ action: 'decline' } satisfies ElicitResult);
  };
}

export function elicitationText(connectorLabel: string, params: ElicitRequestFormParams): string {
  const defaults = elicitationDefaults(params.requestedSchema);
  const required = new Set(params.requestedSchema.required ?? []);
  const fields = Object.keys(params.requestedSchema.properties ?? {}).map(
    (k) => `  ${k}${required.has(k) ? ' (required)' : ''}: ${k in defaults ? JSON.stringify(defaults[k]) : '(no default)'}`,
  );
  return [`"${connectorLabel}" asks for input: ${params.message.replace(/\s+/g, ' ')}`, ...fields, ''].join('\n');
}
