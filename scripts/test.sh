#!/usr/bin/env bash
# Sets up and runs every check and test suite on a fresh Debian/Ubuntu machine:
# typecheck, lint, build, unit, integration (private PostgreSQL and MariaDB over SSL, started
# once for all suites), and e2e (Chromium against `sluice serve`). Ends with one line
# "N passed, N failed, N skipped" summing all of them; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

# Not under test-results/: Playwright empties that folder when it starts.
summary=.test-summary
rm -rf "$summary" && mkdir -p "$summary" test/.harness

check() { # name, command...: a check without tests of its own counts as one pass or one failure
  local name=$1; shift
  echo "== $name"
  "$@"
  echo $? > "$summary/$name.status"
}

check typecheck npx tsc -b
check lint npx eslint . --max-warnings=0
check build npx electron-vite build --logLevel warn
check build-cli node scripts/build-cli.mjs

echo "== starting the database harness (private PostgreSQL and MariaDB with SSL)"
harness_file=$PWD/test/.harness/harness.json
rm -f "$harness_file"
npx tsx test/support/harness-cli.ts start --file "$harness_file" &
harness_pid=$!
stop_harness() { kill -TERM "$harness_pid" 2>/dev/null && wait "$harness_pid" 2>/dev/null; }
trap stop_harness EXIT
for _ in $(seq 1 240); do
  [ -s "$harness_file" ] && break
  kill -0 "$harness_pid" 2>/dev/null || break
  sleep 0.5
done
if [ -s "$harness_file" ]; then
  export SLUICE_HARNESS_FILE=$harness_file
else
  echo "the harness did not start; suites that need servers will fail"
  echo 1 > "$summary/harness.status"
fi

echo "== unit and integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$summary/vitest.json"

echo "== e2e (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$summary/playwright.json" npx playwright test --reporter=list,json

stop_harness
trap - EXIT
echo "== summary"
node scripts/summarize.mjs "$summary"
