#!/usr/bin/env bash
# Sets up and starts Sluice: the desktop app where Electron's binary is (or can be) installed,
# otherwise the same app in the default browser through `sluice serve --open`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

electron_ready() {
  [ -f node_modules/electron/path.txt ] && [ -e "node_modules/electron/dist/$(cat node_modules/electron/path.txt)" ]
}
# Electron fetches its binary on first use; try once, quietly fall back when the host is unreachable.
electron_ready || timeout 300 node node_modules/electron/install.js >/dev/null 2>&1 || true

if electron_ready; then
  npx electron-vite build
  exec npx electron-vite preview
fi
echo "start: the Electron binary could not be installed here; serving Sluice to your browser instead."
npx vite build --config renderer/vite.config.ts --logLevel warn
node scripts/build-cli.mjs
exec node bin/sluice.mjs serve --open "$@"
