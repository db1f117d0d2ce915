#!/usr/bin/env bash
# Installs what the editor tests (test/e2e) need, when it is missing; quick when everything is there.
#   - Debian packages: chromium (driven by Playwright), fonts-wqy-microhei (Chinese in screenshots), ripgrep
#     (code-server's search), libkrb5-dev (code-server's native modules), neovim (second LSP client), psmisc.
#   - code-server (VS Code 1.100.3, the newest whose engines.node accepts Node 20) and playwright-core, in .e2e/,
#     outside the extension's own dependencies.
# Exit codes: 0 ready; 3 setup impossible here (not root, or no apt-get): the caller decides whether to skip.
# See shared notes: E2E.md (the recipe this follows).
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
PACKAGES=(chromium fonts-wqy-microhei ripgrep libkrb5-dev neovim psmisc)
log() { echo "e2e-setup: $*" >&2; }

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "cannot install ${missing[*]}: needs root and apt-get"
    exit 3
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cs=.e2e/node_modules/code-server
installed=$(node -p "try { require('./$cs/package.json').version } catch { '' }" 2>/dev/null || true)
if [ "$installed" != "$CODE_SERVER_VERSION" ] || [ ! -e "$cs/lib/vscode/node_modules.asar" ] \
  || [ ! -d .e2e/node_modules/playwright-core ]; then
  log "installing code-server@$CODE_SERVER_VERSION and playwright-core into .e2e/ (~1 min)"
  # @vscode/ripgrep's postinstall downloads rg unless this cache file exists: hand it Debian's rg.
  rgcache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgcache"
  [ -s "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] \
    || tar czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  mkdir -p .e2e
  echo '{ "name": "report-lint-e2e", "private": true, "description": "editor-test tools, installed by scripts/e2e-setup.sh" }' > .e2e/package.json
  # code-server's postinstall installs VS Code's own modules (npm 11 gates install scripts: allow them here,
  # in this throw-away folder only); node-pty's postinstall runs npx (npm_config_yes) and refuses root
  # without unsafe-perm.
  (cd .e2e && npm_config_dangerously_allow_all_scripts=true npm_config_yes=true npm_config_unsafe_perm=true \
    npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
    npm install --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION" playwright-core@1 >/dev/null)
  [ -e "$cs/lib/vscode/node_modules.asar" ] || { log "code-server's postinstall did not run"; exit 1; }
fi
log "ready (code-server $CODE_SERVER_VERSION, $(chromium --version 2>/dev/null | head -1))"
