import { auditInput } from '../../core/agent/auditorProfile';
import { MISTRAL_DEFAULT_MODEL, MISTRAL_SERVER_URL } from '../../core/agent/models/mistral';
import { ModelError } from '../../core/agent/modelClient';
import { endpointsFromEnv } from '../../core/builtins/endpoints';
import { StudioAgentRunner } from '../../core/studio/studioAgentRunner';
import { ConfirmationService } from '../../core/tools/confirmation';
import { maskUrl } from '../../core/util/redact';
import type { AuditCommand, StudioAuditOptions } from '../auditArgs';
import { announcedConfirmation } from '../audit/announcedConfirmation';
import { attachConnectors, chooseConnectors } from '../audit/attachConnectors';
import { AuditProgress } from '../audit/auditProgress';
import { MISTRAL_KEY_ENV } from '../audit/modelChoice';
import { runFailure } from '../audit/modelErrors';
import { deliverReport, renderOutcome } from '../audit/reportOutput';
import { secretValues } from '../audit/secretValues';
import { chooseStudioConnectors } from '../audit/studioAttachments';
import { closeTranscript, openTranscript } from '../audit/transcriptOutput';
import { TerminalConfirmationPort } from '../confirmationPrompt';
import { loadConnectors } from '../connectorSet';
import { CliError, ExitCode } from '../exitCodes';
import { printProblems } from '../output';
import { cliPins } from '../pins';
import { confirmationPolicy } from '../policy';
import { cliStudioClient, studio, STUDIO_KEY_HINT } from '../studio';
import { CommandSessions } from './connect';
import type { CommandContext } from './context';

/**
 * `audit TARGET --studio`: the auditor on Mistral's Conversations API, with the workspace's
 * Studio connectors (and web_search) run by Mistral and the local connectors offered as function
 * tools run here. Same progress, confirmations, report, transcript and exit codes as `audit`.
 */
export async function auditStudio(ctx: CommandContext, cmd: AuditCommand, opts: StudioAuditOptions): Promise<number> {
  const { options, io } = ctx;
  const apiKey = io.env[MISTRAL_KEY_ENV]?.trim();
  if (!apiKey) throw new CliError(ExitCode.auth, `${MISTRAL_KEY_ENV} is not set: audit --studio runs on Mistral's Conversations API. ${STUDIO_KEY_HINT}`);
  const serverUrl = endpointsFromEnv(io.env).mistral ?? MISTRAL_SERVER_URL;
  const model = cmd.model ?? MISTRAL_DEFAULT_MODEL;
  const policy = confirmationPolicy(io.env);
  const secrets = secretValues(io.env, { provider: 'mistral', apiKey });
  const loaded = await loadConnectors(options, io.env, io.cwd);
  printProblems(io.err, loaded.problems);
  const sessions = new CommandSessions(ctx);
  const chosen = chooseConnectors(loaded, cmd.connectors, sessions.trust);
  const progress = new AuditProgress(io.err, options.verbose);
  const say = (line: string) => progress.line(line);

  const transcript = cmd.transcript === undefined ? undefined : await openTranscript(cmd.transcript, io.cwd);
  try {
    const client = cliStudioClient(options, io);
    const studioConnectors = await studio(() => chooseStudioConnectors(client, opts.connectors, policy, say, io.signal));
    const remote = [...studioConnectors.map((a) => a.connector.name), ...(opts.webSearch ? ['web_search'] : [])];
    say(`Auditing ${cmd.target} with mistral-studio:${model} at ${maskUrl(serverUrl)}; on Mistral's side: ${remote.join(', ') || 'nothing'}`);
    const pins = cliPins(options, io.env, io.cwd);
    const attached = await attachConnectors(sessions, chosen, say, { pins, acceptChanges: options.acceptChanges });

    const port = new TerminalConfirmationPort({
      yes: options.yes,
      interactive: io.tty.stdin && io.tty.stderr,
      stdin: io.stdin,
      write: (s) => progress.write(s),
    });
    const runner = new StudioAgentRunner({
      api: { apiKey, serverUrl, timeoutMs: options.timeoutMs, keyHint: STUDIO_KEY_HINT },
      model,
      studioConnectors,
      webSearch: opts.webSearch,
      confirmations: new ConfirmationService(announcedConfirmation(port, options.yes, say)),
      policy: () => policy,
      pins,
      transcript,
      secrets: () => secrets,
      options: options.timeoutMs === undefined ? {} : { toolTimeoutMs: options.timeoutMs },
    });
    const run = runner.run({ connectors: attached, messages: [] }, auditInput(cmd.target), io.signal);
    for await (const event of run) progress.event(event);
    const finished = await run.finished;
    progress.end();

    // The run's message already names the cause and the fix; its kind picks the exit code as for `audit`.
    const providerError = finished.errorKind ? new ModelError(finished.errorKind, finished.message ?? 'The audit stopped on an error.') : undefined;
    const failure = runFailure(finished, providerError, io.signal?.aborted === true, secrets);
    if (failure) throw failure;
    await deliverReport(renderOutcome(finished.outcome, cmd.format), cmd.out, io, say);
    return finished.reason === 'report' ? ExitCode.ok : ExitCode.noVerdict;
  } finally {
    progress.end();
    await sessions.releaseAll();
    await closeTranscript(transcript, say);
  }
}
