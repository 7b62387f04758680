import { AgentRunner } from '../../core/agent/agentRunner';
import { auditInput } from '../../core/agent/auditorProfile';
import { createModelClient } from '../../core/agent/models';
import { ConfirmationService } from '../../core/tools/confirmation';
import { maskUrl } from '../../core/util/redact';
import type { AuditCommand } from '../auditArgs';
import { announcedConfirmation } from '../audit/announcedConfirmation';
import { attachConnectors, chooseConnectors } from '../audit/attachConnectors';
import { AuditProgress } from '../audit/auditProgress';
import { chooseModel } from '../audit/modelChoice';
import { recordingModel, runFailure } from '../audit/modelErrors';
import { deliverReport, renderOutcome } from '../audit/reportOutput';
import { secretValues } from '../audit/secretValues';
import { closeTranscript, openTranscript } from '../audit/transcriptOutput';
import { TerminalConfirmationPort } from '../confirmationPrompt';
import { loadConnectors } from '../connectorSet';
import { ExitCode } from '../exitCodes';
import { printProblems } from '../output';
import { confirmationPolicy } from '../policy';
import { cliPins } from '../pins';
import { auditStudio } from './auditStudio';
import { CommandSessions } from './connect';
import type { CommandContext } from './context';

/**
 * `audit TARGET`: the auditor agent over the chosen connectors, through the one AgentRunner.
 * Progress on stderr, the report on stdout or --out. Exit 0 with a verdict, 8 without one;
 * provider failures exit as the direct calls do (3 auth, 4 unreachable, 5 provider error).
 * With --studio the run happens on Mistral's Conversations API instead (auditStudio.ts).
 */
export async function audit(ctx: CommandContext, cmd: AuditCommand): Promise<number> {
  if (cmd.studio) return auditStudio(ctx, cmd, cmd.studio);
  const { options, io } = ctx;
  const policy = confirmationPolicy(io.env);
  const model = chooseModel(cmd, io.env);
  const secrets = secretValues(io.env, model.config);
  const loaded = await loadConnectors(options, io.env, io.cwd);
  printProblems(io.err, loaded.problems);
  const sessions = new CommandSessions(ctx);
  const chosen = chooseConnectors(loaded, cmd.connectors, sessions.trust);
  const progress = new AuditProgress(io.err, options.verbose);
  const say = (line: string) => progress.line(line);

  const transcript = cmd.transcript === undefined ? undefined : await openTranscript(cmd.transcript, io.cwd);
  try {
    const recorder = recordingModel(createModelClient({ ...model.config, retry: { onRetry: (info) => progress.retry(info, secrets) } }));
    say(`Auditing ${cmd.target} with ${recorder.client.id} at ${maskUrl(model.url)}${model.why ? ` (${model.why})` : ''}`);
    const pins = cliPins(options, io.env, io.cwd);
    const attached = await attachConnectors(sessions, chosen, say, { pins, acceptChanges: options.acceptChanges });
    if (attached.length === 0) say('No connector is available: the model audits with only what it knows.');

    const port = new TerminalConfirmationPort({
      yes: options.yes,
      interactive: io.tty.stdin && io.tty.stderr,
      stdin: io.stdin,
      write: (s) => progress.write(s),
    });
    const runner = new AgentRunner({
      model: recorder.client,
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

    const failure = runFailure(finished, recorder.lastError(), io.signal?.aborted === true, secrets);
    if (failure) throw failure;
    await deliverReport(renderOutcome(finished.outcome, cmd.format), cmd.out, io, say);
    return finished.reason === 'report' ? ExitCode.ok : ExitCode.noVerdict;
  } finally {
    progress.end();
    await sessions.releaseAll();
    await closeTranscript(transcript, say);
  }
}
