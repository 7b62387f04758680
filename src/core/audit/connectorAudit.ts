import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../connectors/registry';
import type { ConnectorEvidence } from '../evidence/extractors/connector';
import type { EvidenceNote } from '../evidence/signals';
import type { PinCheck } from '../pins/toolPins';
import { flagToolDescription } from '../tools/descriptionFlags';
import type { AuditSpec } from './judge';
import { packageOfCommand, type AuditTarget } from './target';

/**
 * What an audit of a connector weighs besides tool results: its tool list as our code read it
 * (description flags, pin state) and the package its command line runs. Built from a listing the
 * front end made without calling any tool; the pin review is the pins service's own (a first
 * listing pins every tool, as the tree's does).
 */
export async function connectorAuditSpec(connector: Connector, tools: readonly Tool[], pins: PinCheck | undefined): Promise<AuditSpec> {
  const review = pins ? await pins.review(connector, tools) : undefined;
  // Exempt connectors (built-ins: our own code) have no pin key, so no pin state to report.
  const pinOf = (name: string): 'pinned' | 'changed' | 'new' | undefined => {
    if (!review?.key) return undefined;
    const status = review.tools.find((r) => r.tool.name === name)?.status;
    return status === 'trusted' ? 'pinned' : status;
  };
  const evidence: ConnectorEvidence = {
    connector: connector.label,
    callId: 'tools/list',
    tools: tools.map((tool) => {
      const pin = pinOf(tool.name);
      return { name: tool.name, flags: flagToolDescription(tool).map(({ kind, detail }) => ({ kind, detail })), ...(pin ? { pin } : {}) };
    }),
  };
  const { command, args, url } = connector.config;
  const pkg = command ? packageOfCommand(command, args ?? []) : undefined;
  const target: AuditTarget = { kind: 'connector', name: connector.label, ...(pkg ? { package: pkg } : {}) };
  // Without a registry package, the code behind the tools is not something the rules can read: say so.
  const notes: EvidenceNote[] = pkg
    ? []
    : [
        {
          callId: 'tools/list',
          tool: 'the server’s code',
          reason: 'not-available',
          text: command
            ? `Its command line (${command}) names no npm or PyPI package, so the code it runs was not checked; only its tool list was.`
            : `It is reached at ${url ?? 'a URL'}: the code behind it cannot be read from here; only its tool list was checked.`,
        },
      ];
  return { target, connectors: [evidence], ...(notes.length ? { notes } : {}) };
}
