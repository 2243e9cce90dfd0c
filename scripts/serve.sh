#!/usr/bin/env bash
# Serves the repo root (index.html + www/, with the built www/pkg) on 127.0.0.1.
# Port from PORT (default 8000). Python's http.server sends .wasm as application/wasm,
# which WebAssembly.instantiateStreaming requires. `make serve` builds first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-8000}"

[ -f "$root/www/pkg/loopscope.js" ] \
  || echo "serve: warning: www/pkg/loopscope.js is missing; run \`make build\` (or use \`make serve\`)" >&2

echo "Loopscope: http://127.0.0.1:${port}/index.html#lesson=gather   (Ctrl-C stops)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$root"
