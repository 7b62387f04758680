import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../connectors/registry';
import type { ConnectorEvidence } from '../evidence/extractors/connector';
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
  const { command, args } = connector.config;
  const pkg = command ? packageOfCommand(command, args ?? []) : undefined;
  const target: AuditTarget = { kind: 'connector', name: connector.label, ...(pkg ? { package: pkg } : {}) };
  return { target, connectors: [evidence] };
}
