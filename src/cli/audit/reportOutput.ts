import { resolve } from 'node:path';
import { renderReportJson } from '../../core/audit/json';
import { renderReportMarkdown } from '../../core/audit/markdown';
import type { AuditOutcome } from '../../core/audit/outcome';
import type { ReportMeta } from '../../core/audit/reportMeta';
import { renderReportSarif } from '../../core/audit/sarif';
import type { AuditTarget } from '../../core/audit/target';
import { writeFileAtomic } from '../../core/util/atomicWrite';
import type { ReportFormat } from '../auditArgs';
import { usageError } from '../exitCodes';

/** The report as text: Markdown for people, the report JSON (verdict UNDETERMINED without one), or SARIF for code scanning. */
export function renderOutcome(outcome: AuditOutcome, format: ReportFormat, meta: ReportMeta, target?: AuditTarget): string {
  const text =
    format === 'json'
      ? renderReportJson(outcome, meta)
      : format === 'sarif'
        ? renderReportSarif(outcome, meta, target ? { target } : {})
        : renderReportMarkdown(outcome, meta);
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Writes the report to stdout, or atomically to --out (the path is said on stderr). Should the
 * file fail, the report still goes to stdout, so an audit is never lost to a bad path.
 */
export async function deliverReport(
  text: string,
  out: string | undefined,
  io: { out: (s: string) => void; cwd: string },
  say: (line: string) => void,
): Promise<void> {
  if (out === undefined) return io.out(text);
  const file = resolve(io.cwd, out);
  try {
    await writeFileAtomic(file, text);
  } catch (err) {
    io.out(text);
    throw usageError(`Cannot write the report to ${file} (${(err as Error).message}); it was printed on stdout instead.`);
  }
  say(`Report written to ${file}`);
}
