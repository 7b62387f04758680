import type { Verdict } from '../../core/audit/report';
import type { FailOn } from '../auditArgs';
import { ExitCode } from '../exitCodes';

/** The exit code of a verdict under --fail-on: a CI job fails on AVOID by default, on caution when asked, or never. */
export function verdictExit(verdict: Verdict, failOn: FailOn): number {
  if (failOn === 'never') return ExitCode.ok;
  if (verdict === 'AVOID') return ExitCode.verdict;
  if (verdict === 'ADOPT WITH CAUTION' && failOn === 'caution') return ExitCode.verdict;
  return ExitCode.ok;
}
