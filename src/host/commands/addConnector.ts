import * as vscode from 'vscode';
import { splitCommandLine } from '../../core/connectors/commandLine';
import { addConnectorToFile } from '../../core/connectors/fileEdits';
import { CONNECTOR_NAME_PATTERN, type ConnectorConfig, type TransportKind } from '../../core/connectors/schema';
import type { Services } from '../services';
import { isBack, runWizard, BACK, type Step } from './wizard';

const t = vscode.l10n.t;

interface AddState {
  name?: string;
  transport?: TransportKind;
  commandLine?: string;
  url?: string;
  auth?: 'none' | 'bearer' | 'apiKey';
  header?: string;
  secret?: string;
  visibility?: 'private' | 'shared_workspace';
}

/** Add Connector: name → transport → command line or URL → optional auth → visibility. */
export async function addConnector(s: Services): Promise<void> {
  const taken = new Set(s.registry.snapshot.connectors.map((c) => c.name));
  const state = await runWizard<AddState>(t('Add Connector'), (st) => stepsFor(st, s, taken), {});
  const config = toConfig(state);
  const file = state.visibility === 'shared_workspace' ? s.workspaceFile() : s.privateFile;
  if (!file) throw new Error(t('Open a folder to add a workspace connector.'));
  if (state.secret) await s.secrets.set(secretName(state), state.secret);
  // The person typed this command line just now: its first start does not ask again.
  if (config.command) s.startConsent.approveTyped(file, config);
  await addConnectorToFile(file, config);
  const snap = await s.registry.reload();
  const added = snap.connectors.find((c) => c.name === config.name && c.origin?.file === file);
  const node = added && s.tree.nodeFor(added.id);
  if (node) await s.treeView.reveal(node, { select: true, focus: false, expand: true });
}

function secretName(st: AddState): string {
  return `${st.name}-${st.auth === 'bearer' ? 'token' : 'api-key'}`;
}

function toConfig(st: AddState): ConnectorConfig {
  const config: ConnectorConfig = { name: st.name!, transport: st.transport! };
  if (st.transport === 'stdio') {
    const [command, ...args] = splitCommandLine(st.commandLine!);
    config.command = command;
    if (args.length) config.args = args;
  } else {
    config.url = st.url!;
  }
  const placeholder = `\${secret:${secretName(st)}}`;
  if (st.auth === 'bearer') config.auth = { type: 'bearer', token: placeholder };
  if (st.auth === 'apiKey') config.auth = { type: 'apiKey', header: st.header!, value: placeholder };
  return config;
}

function stepsFor(st: AddState, s: Services, taken: Set<string>): Step<AddState>[] {
  const steps: Step<AddState>[] = [askName(taken), askTransport, st.transport === 'stdio' ? askCommand : askUrl];
  if (st.transport && st.transport !== 'stdio') {
    steps.push(askAuth);
    if (st.auth === 'apiKey') steps.push(askHeader);
    if (st.auth === 'bearer' || st.auth === 'apiKey') steps.push(askSecret);
  }
  steps.push(askVisibility(s));
  return steps;
}

const askName =
  (taken: Set<string>): Step<AddState> =>
  async (input, st) => {
    const v = await input.inputBox({
      prompt: t('A short name; tools appear to the agent as name__tool'),
      placeholder: 'everything',
      value: st.name,
      validate: (v) =>
        !CONNECTOR_NAME_PATTERN.test(v) ? t('Use 1–64 letters, digits, "_" or "-"') : taken.has(v) ? t('A connector named "{0}" already exists', v) : undefined,
    });
    if (isBack(v)) return BACK;
    st.name = v;
  };

const askTransport: Step<AddState> = async (input, st) => {
  const items = [
    { label: 'stdio', value: 'stdio' as const, detail: t('Run a local command and talk over its stdin/stdout') },
    { label: 'http', value: 'http' as const, detail: t('A Streamable HTTP endpoint (falls back to SSE for older servers)') },
    { label: 'sse', value: 'sse' as const, detail: t('A Server-Sent Events endpoint (older servers)') },
  ];
  const v = await input.pick({ placeholder: t('How does Connector Auditor reach the server?'), items, active: items.find((i) => i.value === st.transport) });
  if (isBack(v)) return BACK;
  st.transport = v.value;
};

const askCommand: Step<AddState> = async (input, st) => {
  const v = await input.inputBox({
    prompt: t('The command line that starts the server (run without a shell)'),
    placeholder: 'npx -y @modelcontextprotocol/server-everything',
    value: st.commandLine,
    validate: (v) => {
      if (!v.trim()) return t('Enter a command');
      try {
        splitCommandLine(v);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  if (isBack(v)) return BACK;
  st.commandLine = v.trim();
};

const askUrl: Step<AddState> = async (input, st) => {
  const v = await input.inputBox({
    prompt: t('The server URL'),
    placeholder: st.transport === 'sse' ? 'https://example.com/sse' : 'https://example.com/mcp',
    value: st.url,
    validate: (v) => (/^https?:\/\/[^\s/]+/i.test(v.trim()) ? undefined : t('Enter an http:// or https:// URL')),
  });
  if (isBack(v)) return BACK;
  st.url = v.trim();
};

const askAuth: Step<AddState> = async (input, st) => {
  const items = [
    { label: t('None'), value: 'none' as const, detail: t('The server needs no credentials') },
    { label: t('Bearer token'), value: 'bearer' as const, detail: t('Sent as "Authorization: Bearer …"; stored in SecretStorage') },
    { label: t('API key header'), value: 'apiKey' as const, detail: t('Sent in a header you name; stored in SecretStorage') },
  ];
  const v = await input.pick({ placeholder: t('Authentication'), items, active: items.find((i) => i.value === st.auth) });
  if (isBack(v)) return BACK;
  st.auth = v.value;
  if (v.value === 'none') st.secret = undefined;
};

const askHeader: Step<AddState> = async (input, st) => {
  const v = await input.inputBox({
    prompt: t('Header name for the API key'),
    value: st.header ?? 'X-API-Key',
    validate: (v) => (/^[A-Za-z0-9-]+$/.test(v) ? undefined : t('Letters, digits and "-" only')),
  });
  if (isBack(v)) return BACK;
  st.header = v;
};

const askSecret: Step<AddState> = async (input, st) => {
  const v = await input.inputBox({
    prompt: st.auth === 'bearer' ? t('Bearer token (stored in SecretStorage, never in the file)') : t('API key (stored in SecretStorage, never in the file)'),
    password: true,
    value: st.secret,
    validate: (v) => (v.trim() ? undefined : t('Enter the value')),
  });
  if (isBack(v)) return BACK;
  st.secret = v.trim();
};

const askVisibility =
  (s: Services): Step<AddState> =>
  async (input, st) => {
    const ws = s.workspaceFile();
    const items = [
      { label: t('Private'), value: 'private' as const, detail: t('Only you, in every workspace and the CLI: {0}', s.privateFile) },
      ...(ws
        ? [{ label: t('Workspace'), value: 'shared_workspace' as const, detail: t('Everyone who opens this folder: {0}', vscode.workspace.asRelativePath(ws)) }]
        : []),
    ];
    const v = await input.pick({ placeholder: t('Where should the connector live?'), items, active: items.find((i) => i.value === st.visibility) });
    if (isBack(v)) return BACK;
    st.visibility = v.value;
  };
