import { AgentRunner } from '../../core/agent/agentRunner';
import { reportMeta } from '../../core/audit/reportMeta';
import { privateRegistryFile } from '../../core/connectors/paths';
import { readEvidencePolicy } from '../../core/evidence/policyFile';
import { ConfirmationService } from '../../core/tools/confirmation';
import type { AuditCommand } from '../auditArgs';
import { announcedConfirmation } from '../audit/announcedConfirmation';
import { attachConnectors, chooseConnectors } from '../audit/attachConnectors';
import { AuditProgress } from '../audit/auditProgress';
import { prepareSubject } from '../audit/auditSubject';
import { localAuditBackend } from '../audit/localAuditBackend';
import { runFailure } from '../audit/modelErrors';
import { deliverReport, renderOutcome } from '../audit/reportOutput';
import { modelConfigured, rulesAuditBackend } from '../audit/rulesAuditBackend';
import { studioAuditBackend } from '../audit/studioAuditBackend';
import { closeTranscript, openTranscript } from '../audit/transcriptOutput';
import { verdictExit } from '../audit/verdictExit';
import { TerminalConfirmationPort } from '../confirmationPrompt';
import { loadAuditConnectors } from '../connectorSet';
import { usageError } from '../exitCodes';
import { ExitCode } from '../exitCodes';
import { printProblems } from '../output';
import { confirmationPolicy } from '../policy';
import { cliPins } from '../pins';
import { version } from '../usage';
import { CommandSessions } from './connect';
import type { CommandContext } from './context';

/**
 * `audit`: the one AgentRunner over the chosen connectors, with a model (local or --studio) or with
 * the evidence rules alone (--no-model, or no model configured). Progress on stderr, the report
 * on stdout or --out. Exit 0 with a verdict (2 when it is at or past --fail-on), 8 without one;
 * provider failures exit as the direct calls do (3 auth, 4 unreachable, 5 provider error).
 */
export async function audit(ctx: CommandContext, cmd: AuditCommand): Promise<number> {
  const { options, io } = ctx;
  // Studio's key is checked before anything else is read: without it nothing can run.
  const studio = cmd.studio ? studioAuditBackend(ctx, cmd, cmd.studio) : undefined;
  const policy = confirmationPolicy(io.env);
  const rulesOnly = !studio && (cmd.noModel || !modelConfigured(cmd, io.env));
  const setup = studio ?? (rulesOnly ? rulesAuditBackend(cmd, cmd.noModel ? 'asked' : 'unconfigured') : localAuditBackend(cmd, io.env));
  const secrets = setup.secrets;
  const loaded = await loadAuditConnectors(options, io.env, io.cwd, cmd.subject.kind === 'connector');
  printProblems(io.err, loaded.problems);
  const sessions = new CommandSessions(ctx);
  const progress = new AuditProgress(io.err, options.verbose);
  const say = (line: string) => progress.line(line);
  const pins = cliPins(options, io.env, io.cwd);

  const transcript = cmd.transcript === undefined ? undefined : await openTranscript(cmd.transcript, io.cwd);
  try {
    const subject = await prepareSubject(cmd, loaded, sessions, pins, say, io.cwd);
    if (rulesOnly && !subject.spec)
      throw usageError(
        `Without a model the rules audit a repository (owner/repo), a package (name@version, pkg:npm/…, pypi:name), --workspace, --dependencies or --connector; "${cmd.target}" is none of those.`,
      );
    const eligible = { ...loaded, connectors: loaded.connectors.filter(subject.eligible) };
    const chosen = chooseConnectors(eligible, cmd.connectors, sessions.trust, subject.withWorkspace);
    const backend = await setup.prepare(say, progress, policy);
    const attached = await attachConnectors(sessions, chosen, say, { pins, acceptChanges: options.acceptChanges });
    if (attached.length === 0 && setup.noConnectorsNote) say(setup.noConnectorsNote);

    const port = new TerminalConfirmationPort({
      yes: options.yes,
      interactive: io.tty.stdin && io.tty.stderr,
      stdin: io.stdin,
      write: (s) => progress.write(s),
    });
    const policyRead = await readEvidencePolicy(privateRegistryFile(io.env));
    for (const problem of policyRead.problems) say(`warning: ${problem} — the evidence policy is not applied.`);
    const runner = new AgentRunner({
      backend,
      ...(policyRead.policy ? { evidencePolicy: policyRead.policy } : {}),
      confirmations: new ConfirmationService(announcedConfirmation(port, options.yes, say)),
      policy: () => policy,
      pins,
      transcript,
      secrets: () => secrets,
      options: {
        ...(options.timeoutMs !== undefined ? { toolTimeoutMs: options.timeoutMs } : {}),
        ...(cmd.maxRounds !== undefined ? { maxRounds: cmd.maxRounds } : {}),
        ...(cmd.maxContextTokens !== undefined ? { maxContextTokens: cmd.maxContextTokens } : {}),
        ...(cmd.temperature !== undefined ? { temperature: cmd.temperature } : {}),
        allowWriteTools: cmd.allowWrites,
      },
    });
    const run = runner.run({ connectors: attached, messages: [] }, subject.input, io.signal);
    for await (const event of run) progress.event(event);
    const finished = await run.finished;
    progress.end();

    const failure = runFailure(finished, setup.providerError(finished), io.signal?.aborted === true, secrets);
    if (failure) throw failure;
    const meta = reportMeta({
      version: version(),
      model: finished.model,
      target: cmd.target,
      calls: finished.calls,
      tools: finished.tools,
      ...(cmd.temperature !== undefined ? { temperature: cmd.temperature } : {}),
    });
    await deliverReport(renderOutcome(finished.outcome, cmd.format, meta, subject.spec?.target), cmd.out, io, say);
    if (finished.outcome.kind !== 'report') return ExitCode.noVerdict;
    const exit = verdictExit(finished.outcome.report.verdict, cmd.failOn);
    if (exit !== ExitCode.ok) say(`The verdict is ${finished.outcome.report.verdict}: exit ${exit} (--fail-on ${cmd.failOn}).`);
    return exit;
  } finally {
    progress.end();
    await sessions.releaseAll();
    await closeTranscript(transcript, say);
  }
}
