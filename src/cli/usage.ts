import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeRulesText } from '../core/evidence/describeRules';

export const USAGE = `Usage: connector-auditor [options] <command>

Commands:
  connectors list                     List connectors (built-in: github, web, supply_chain, workspace;
                                      the private registry; ./.vscode/connectors.json)
  connectors add NAME (--stdio "CMD" [--inherit-env NAME|all]... | --url URL) [--description D]
                 [--visibility private|shared_workspace]
                                      Add a connector to the private registry (or the workspace file)
  connectors remove NAME [--visibility private|shared_workspace]
                                      Remove a connector from the file it is in
  tools list [CONNECTOR]              List the tools of CONNECTOR, or of every enabled connector
  tools call CONNECTOR TOOL [--arg key=value]... [--args-json JSON]
                                      Call a tool; --arg values are typed by the tool's input schema
  audit TARGET [--provider mistral|openai] [--model M] [--base-url URL] [--connectors a,b]
               [--out FILE] [--format md|json|sarif] [--fail-on avoid|caution|never] [--no-model]
               [--transcript FILE]
                                      Audit TARGET (owner/repo, a repository URL, a package:
                                      name@version, pkg:npm/…, pkg:pypi/…, pypi:name) with the
                                      auditor and the enabled connectors (or those of --connectors);
                                      progress on stderr, the report on stdout or --out
  audit --workspace [DIR]             Audit the folder (default: this one): dependencies, install
                                      scripts, CI workflows, hard-coded secrets (masked)
  audit --dependencies [DIR]          Audit the folder's dependency tree from its lockfiles
  audit --connector NAME              Audit an MCP server you added: its tools are listed, none is
  audit --stdio "CMD" | --url URL     called; description flags, pins and the package it runs
  audit TARGET --studio [--studio-connector NAME]... [--no-web-search] [--model M] [--connectors a,b]
                                      The same audit on Mistral's Conversations API: the Studio
                                      connectors (all, up to 20, or those named) and web_search run on
                                      Mistral's side, pausing for confirmation where the policy asks;
                                      the local connectors are offered as tools run here
  pins reset [CONNECTOR]              Forget the accepted tools of CONNECTOR (or of all connectors);
                                      the next listing pins its tools as they are then
  studio connectors list              List the connectors of the Mistral Studio workspace (every page)
  studio connectors create NAME --server URL --description D [--visibility private|shared_workspace]
                           [--auth none|bearer]
                                      Create a Studio connector for the MCP server at URL
  studio connectors update CONNECTOR [--name NEW] [--description D] [--server URL]
                           [--visibility private|shared_workspace] [--auth none|bearer]
                                      Change a Studio connector (by name or id)
  studio connectors delete CONNECTOR  Delete a Studio connector; asks first (y/N), --yes skips
  studio tools list CONNECTOR         List the tools Studio reports for CONNECTOR
  studio tools call CONNECTOR TOOL [--arg key=value]... [--args-json JSON]
                                      Call a Studio connector's tool through Mistral (asks first as
                                      tools call does)

Options:
  --config FILE         Read connectors from FILE only, without the built-in ones (Connector Auditor
                        format, or an MCP config: VS Code mcp.json, Claude Desktop, Cursor, Cline)
  --stdio "CMD ARGS"    An ad-hoc connector named "adhoc" that runs CMD (no file involved)
    --inherit-env NAME|all  A variable of yours the server may read (repeatable, or A,B); "all"
                            passes your whole environment. By default a server gets only HOME,
                            PATH, USER, locale, temp, proxy and CA variables, plus its own "env"
  --url URL             An ad-hoc connector named "adhoc" at URL (Streamable HTTP, SSE as fallback)
    --transport http|sse    Force the transport of --url
    --header "K: V"         An HTTP header for --url (repeatable)
    --oauth                 Sign in with OAuth 2.1 (discovery, PKCE S256, dynamic registration);
                            the redirect comes back to 127.0.0.1, and where the server does not
                            redirect at once the URL to open is printed. Tokens last for the command
    --oauth-client-id ID    A pre-registered client instead of dynamic registration
    --oauth-client-secret '\${secret:NAME}'  Its secret, as a reference (never the value)
    --oauth-scopes "A B"    Scopes when the server names none
    --oauth-redirect-uri U  A fixed loopback redirect, e.g. http://127.0.0.1:33418/callback
    --oauth-client-metadata-url U  An HTTPS client ID metadata document (used where supported)
  --json                Machine-readable output on stdout (for audit: --format json)
  --timeout MS          Timeout of a tool call in milliseconds (for audit: each call the agent makes)
  --github-url URL      GitHub Enterprise Server for the built-in github connector
  --workspace DIR       The folder the built-in workspace connector reads (default: the current
                        folder). Its tools are read-only and confined to DIR: no "..", no symbolic
                        link out; .git, node_modules and .gitignore'd files are left out, and
                        secrets_scan shows masked previews only. Without --trust-workspace each
                        answer says the folder is not trusted
  --yes                 Allow tools that require confirmation without asking, and accept a
                        server's request for input with its defaults
  --accept-changes      tools call, audit: accept tools held as new or changed since you
                        accepted them (see Tool pins), instead of refusing them
  --trust-workspace     Start the connectors of ./.vscode/connectors.json (read it first)
  --verbose             Log connection details, progress and server stderr to stderr
                        (for audit: also the model's streamed text and token usage)
  -h, --help            Show this help
  --version             Show the version

With --stdio or --url, CONNECTOR may be left out: "tools call TOOL" calls the ad-hoc connector.

Connectors in ./.vscode/connectors.json come with the repository, so like VS Code in an untrusted
workspace the CLI lists them but never starts or contacts them unless the folder is trusted:
read the file, then pass --trust-workspace (or set CONNECTOR_AUDITOR_TRUST_WORKSPACE=1, e.g. in CI
for your own repository). Until then "tools list" shows them as not started, "tools call" on one
exits 1, and "audit" leaves them out and says so. The private registry, --config FILE and
--stdio/--url are not affected: you chose those yourself.

Tool pins: the first listing of a connector's tools pins each one (a hash of its name, description,
input schema and annotations) in tool-pins.json beside the private registry, shared with the
extension. A tool that later changes, or a new one, is held: "tools list" marks it (pin: new or
changed), "tools call" prints the change and exits 6, and "audit" leaves it out, until you pass
--accept-changes. Connectors of --config FILE are pinned in the same file, under FILE's path.
Built-in connectors and the ad-hoc connector are not pinned.

Mistral Studio: the studio commands use MISTRAL_API_KEY (a key of the workspace) and
https://api.mistral.ai, or CONNECTOR_AUDITOR_MISTRAL_URL. A rate-limited request (429) is retried
after its Retry-After (twice, up to 30 s each) before it fails. "audit --studio" uses the same
key and URL; a Studio tool that the confirmation policy would ask about is sent as
requires_confirmation, and Mistral's pause is answered like a local confirmation (--yes, a
prompt, or denied when there is no terminal).

Audit options:
  --provider P          mistral, or openai (any OpenAI-compatible server). Default: mistral when
                        MISTRAL_API_KEY is set, else openai when OPENAI_API_KEY or --base-url is given
  --model M             Default: mistral-medium-latest (mistral), llama3.1 (openai, as Ollama names
                        it; required for api.openai.com)
  --base-url URL        mistral: the server URL; openai: the base URL with /v1. Default:
                        https://api.mistral.ai; https://api.openai.com/v1 when OPENAI_API_KEY is
                        set, else Ollama at http://127.0.0.1:11434/v1
  --connectors a,b      Only these connectors (default: every enabled one)
  --out FILE            Write the report to FILE (atomically) instead of stdout
  --format md|json|sarif  Markdown (default), the report JSON (schemaVersion, generator, model,
                        the evidence), or SARIF 2.1.0 for GitHub code scanning
  --fail-on V           avoid (default): exit 2 on AVOID; caution: also on ADOPT WITH CAUTION;
                        never: exit 0 whatever the verdict
  --no-model            The evidence rules alone, even with a model configured (they also run
                        alone when no model is configured: MISTRAL_API_KEY, OPENAI_API_KEY or
                        --base-url)
  --max-rounds N        Model requests per run (default 25); the last one asks only for the report,
                        so a run that runs out still ends with one, saying it was cut short
  --max-context-tokens N  The model's context window (default 32000). Tokens are estimated at 3
                        characters each (conservative); older tool results are compacted before a
                        request would pass the window, and no request goes over it
  --temperature T       Sampling temperature (0–2), recorded in the report
  --allow-writes        Offer tools their server marks destructive (GitHub's create_issue,
                        create_or_update_file, …); audits are read-only without it
  --transcript FILE     Append the run's JSON Lines transcript to FILE (secrets masked)
  --studio              Run on Mistral's Conversations API with the Studio connectors (needs
                        MISTRAL_API_KEY; --provider openai and --base-url do not apply)
  --studio-connector N  With --studio: attach this Studio connector (name or id); repeatable
  --no-web-search       With --studio: leave out Mistral's built-in web_search

Evidence rules (rules.ts; the verdict without a model, the bound on a model's verdict):
${describeRulesText()}

Environment:
  CONNECTOR_AUDITOR_HOME              Folder of the private registry (connectors.json, tool-pins.json)
  CONNECTOR_AUDITOR_SECRET_<NAME>     Value of \${secret:name} placeholders
  CONNECTOR_AUDITOR_CONFIRMATION      Which tools ask first: unlessReadOnly (default), always, listedOnly
  CONNECTOR_AUDITOR_TRUST_WORKSPACE   1: as --trust-workspace (CI in your own repository);
                                      0 or unset: ./.vscode/connectors.json is not started
  MISTRAL_API_KEY                     API key of the mistral provider (required for it); also
                                      enables Mistral's web search for the built-in web connector,
                                      and the studio commands
  OPENAI_API_KEY                      API key of the openai provider (optional for local servers)
  GITHUB_TOKEN                        Token of the built-in github connector (without it: public
                                      repositories only, 60 requests an hour)
  BRAVE_API_KEY, TAVILY_API_KEY, SEARXNG_URL
                                      Search providers of the built-in web connector (the first set
                                      is used; CONNECTOR_AUDITOR_SEARCH_PROVIDER picks one)
  CONNECTOR_AUDITOR_FETCH_ALLOW_HOSTS Hosts fetch_url may reach although private (comma-separated)
  CONNECTOR_AUDITOR_<SERVICE>_URL     Another endpoint for GITHUB_API, OSV, DEPS_DEV, SCORECARD,
                                      BRAVE, TAVILY or MISTRAL (a proxy or mirror)
  CONNECTOR_AUDITOR_NPM_REGISTRY_URL  The npm registry (default: .npmrc's registry=, then npmjs.org)
  CONNECTOR_AUDITOR_PYPI_URL          The PyPI JSON API (default: PIP_INDEX_URL's host, then pypi.org)

Exit codes: 0 ok, 1 usage or configuration error, 2 audit verdict at or past --fail-on,
3 authentication required,
4 connector unreachable or failed to start, 5 tool error or protocol error,
6 confirmation denied or tool held by its pin, 7 timeout, 130 interrupted.
audit: 3 also for a missing or rejected model API key, 4 for an unreachable model endpoint,
5 for another model provider error, 8 when the run ended without a verdict.
studio: 1 also for an unknown Studio connector or tool (404), a name already taken (409) or a
request Studio refuses (400/422); 3 for a missing or rejected MISTRAL_API_KEY; 4 when Mistral
cannot be reached, fails (5xx) or is still rate limiting (429) after the retries; 6 when a
deletion or a call is not confirmed.`;

declare const __VERSION__: string | undefined;

/** The version stamped in at build time, else read from the nearest package.json (running from source). */
export function version(): string {
  if (typeof __VERSION__ === 'string' && __VERSION__ !== 'dev') return __VERSION__;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'connector-auditor' && pkg.version) return pkg.version;
      } catch {
        // keep looking
      }
    }
    dir = dirname(dir);
  }
  return 'dev';
}
