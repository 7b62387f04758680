import { AgentRunner } from '../../core/agent/agentRunner';
import { auditInput } from '../../core/agent/auditorProfile';
import { ConfirmationService } from '../../core/tools/confirmation';
import type { AuditCommand } from '../auditArgs';
import { announcedConfirmation } from '../audit/announcedConfirmation';
import { attachConnectors, chooseConnectors } from '../audit/attachConnectors';
import { AuditProgress } from '../audit/auditProgress';
import { localAuditBackend } from '../audit/localAuditBackend';
import { runFailure } from '../audit/modelErrors';
import { deliverReport, renderOutcome } from '../audit/reportOutput';
import { studioAuditBackend } from '../audit/studioAuditBackend';
import { closeTranscript, openTranscript } from '../audit/transcriptOutput';
import { TerminalConfirmationPort } from '../confirmationPrompt';
import { loadConnectors } from '../connectorSet';
import { ExitCode } from '../exitCodes';
import { printProblems } from '../output';
import { confirmationPolicy } from '../policy';
import { cliPins } from '../pins';
import { CommandSessions } from './connect';
import type { CommandContext } from './context';

/**
 * `audit TARGET`: the auditor agent over the chosen connectors, through the one AgentRunner.
 * Progress on stderr, the report on stdout or --out. Exit 0 with a verdict, 8 without one;
 * provider failures exit as the direct calls do (3 auth, 4 unreachable, 5 provider error).
 * --studio only chooses the backend (Mistral's Conversations API, studioAuditBackend.ts).
 */
export async function audit(ctx: CommandContext, cmd: AuditCommand): Promise<number> {
  const { options, io } = ctx;
  // Studio's key is checked before anything else is read: without it nothing can run.
  const studio = cmd.studio ? studioAuditBackend(ctx, cmd, cmd.studio) : undefined;
  const policy = confirmationPolicy(io.env);
  const setup = studio ?? localAuditBackend(cmd, io.env);
  const secrets = setup.secrets;
  const loaded = await loadConnectors(options, io.env, io.cwd);
  printProblems(io.err, loaded.problems);
  const sessions = new CommandSessions(ctx);
  const chosen = chooseConnectors(loaded, cmd.connectors, sessions.trust);
  const progress = new AuditProgress(io.err, options.verbose);
  const say = (line: string) => progress.line(line);

  const transcript = cmd.transcript === undefined ? undefined : await openTranscript(cmd.transcript, io.cwd);
  try {
    const backend = await setup.prepare(say, progress, policy);
    const pins = cliPins(options, io.env, io.cwd);
    const attached = await attachConnectors(sessions, chosen, say, { pins, acceptChanges: options.acceptChanges });
    if (attached.length === 0 && setup.noConnectorsNote) say(setup.noConnectorsNote);

    const port = new TerminalConfirmationPort({
      yes: options.yes,
      interactive: io.tty.stdin && io.tty.stderr,
      stdin: io.stdin,
      write: (s) => progress.write(s),
    });
    const runner = new AgentRunner({
      backend,
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

    const failure = runFailure(finished, setup.providerError(finished), io.signal?.aborted === true, secrets);
    if (failure) throw failure;
    await deliverReport(renderOutcome(finished.outcome, cmd.format), cmd.out, io, say);
    return finished.reason === 'report' ? ExitCode.ok : ExitCode.noVerdict;
  } finally {
    progress.end();
    await sessions.releaseAll();
    await closeTranscript(transcript, say);
  }
}
