import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const OAUTH_SERVER = join(__dirname, '..', 'fixtures', 'servers', 'oauth-protected.mjs');

export interface Observed {
  registrations: number;
  authorizations: { clientId: string; scopes: string[]; resource?: string; codeChallenge: string; redirectUri: string; state?: string }[];
  tokenRequests: { grantType: string; clientId: string; resource?: string }[];
  issued: string[];
  mcpRequests: { method?: string; bearer: boolean }[];
}

/** The SDK-built authorization server + protected MCP server of test/fixtures/servers/oauth-protected.mjs. */
export interface OAuthServer {
  url: string;
  observed(): Promise<Observed>;
  expireAccessTokens(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOAuthServer(flags: string[] = []): Promise<OAuthServer> {
  const child: ChildProcess = spawn(process.execPath, [OAUTH_SERVER, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`oauth-protected.mjs exited with ${code}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  const origin = new URL(url).origin;
  return {
    url,
    observed: async () => (await (await fetch(`${origin}/_observed`)).json()) as Observed,
    expireAccessTokens: async () => void (await fetch(`${origin}/_expire`, { method: 'POST' })),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
