#!/usr/bin/env bash
# `npm test`: every check the project has, as named steps, stopping at the first failure.
#
#   lint            eslint, zero warnings; Prettier's format check
#   typecheck       tsc --noEmit
#   unit            vitest (node + WXT's fake browser)
#   build-chrome    wxt build                      -> .output/chrome-mv3
#   build-firefox   wxt build -b firefox --mv3     -> .output/firefox-mv3
#   e2e             vitest -c vitest.e2e.config.ts (real Chromium; only when that config exists)
#   e2e-firefox     vitest -c vitest.e2e-firefox.config.ts (the card suite in real Firefox ESR,
#                   puppeteer-core over WebDriver BiDi)
#   bench-smoke     tsx scripts/bench.ts --quick must exit 0
#
# Local shortcut: SKIP_STEPS="e2e build-firefox" npm test  (CI never sets it).
# The last line printed is the number of tests that passed and failed across the vitest suites.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$ROOT/node_modules/.bin:$PATH"

SKIP_STEPS="${SKIP_STEPS:-}"
if [[ "${CI:-}" == "true" && -n "$SKIP_STEPS" ]]; then
  echo "test-all: SKIP_STEPS is ignored under CI" >&2
  SKIP_STEPS=""
fi

REPORT_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bt-test-all.XXXXXX")"
trap 'rm -rf "$REPORT_DIR"' EXIT

STEP_NAMES=()
STEP_TIMES=()
STEP_RESULTS=()
STEP_NO=0
STEP_TOTAL=8
START_ALL=$SECONDS

# The Node the tools run on: node_modules/.bin/node (Node 24 from the node-<platform> package) when
# it is installed, else the system's.
echo "test-all: node $(node --version) at $(command -v node)"

# Sum the vitest JSON reports written so far into "N passed, N failed[, N skipped]".
test_counts() {
  node -e '
    const fs = require("node:fs");
    const path = require("node:path");
    let passed = 0, failed = 0, skipped = 0;
    for (const f of fs.readdirSync(process.argv[1])) {
      if (!f.endsWith(".json")) continue;
      try {
        const r = JSON.parse(fs.readFileSync(path.join(process.argv[1], f), "utf8"));
        passed += r.numPassedTests || 0;
        failed += r.numFailedTests || 0;
        skipped += (r.numPendingTests || 0) + (r.numTodoTests || 0);
        // a test file that failed to load has no failed test in it: count it as one failure
        for (const file of r.testResults || []) {
          const tests = file.assertionResults || [];
          if (file.status === "failed" && !tests.some((t) => t.status === "failed")) failed += 1;
        }
      } catch {
        // a suite that crashed before writing its report counts through its step failing
      }
    }
    let line = `${passed} passed, ${failed} failed`;
    if (skipped) line += `, ${skipped} skipped`;
    console.log(line);
  ' "$REPORT_DIR"
}

summary() {
  echo
  echo "==================== summary ===================="
  local i
  for i in "${!STEP_NAMES[@]}"; do
    printf '  %-14s %-8s %5ss\n' "${STEP_NAMES[$i]}" "${STEP_RESULTS[$i]}" "${STEP_TIMES[$i]}"
  done
  printf '  %-14s %-8s %5ss\n' "total" "" "$((SECONDS - START_ALL))"
}

fail() {
  local name="$1" code="$2"
  STEP_NAMES+=("$name")
  STEP_TIMES+=("$3")
  STEP_RESULTS+=("FAILED")
  summary
  echo
  echo "test-all: step '$name' failed (exit $code); later steps were not run."
  echo "tests: $(test_counts)"
  exit "$code"
}

# step NAME COMMAND... : run one named step with a header, stop everything if it fails.
step() {
  local name="$1"
  shift
  STEP_NO=$((STEP_NO + 1))
  echo
  echo "==================== [$STEP_NO/$STEP_TOTAL] $name ===================="
  if [[ " $SKIP_STEPS " == *" $name "* ]]; then
    echo "(skipped: SKIP_STEPS)"
    STEP_NAMES+=("$name")
    STEP_TIMES+=(0)
    STEP_RESULTS+=("skipped")
    return 0
  fi
  echo "\$ $*"
  local t0=$SECONDS code=0
  "$@" || code=$?
  local dt=$((SECONDS - t0))
  if [[ $code -ne 0 ]]; then
    fail "$name" "$code" "$dt"
  fi
  STEP_NAMES+=("$name")
  STEP_TIMES+=("$dt")
  STEP_RESULTS+=("ok")
}

# ensure_browser STEP PATH PACKAGE: Debian's browsers drive the end-to-end tests (playwright-core
# and puppeteer-core cannot download one here); as root, install a missing one with apt.
ensure_browser() {
  local step="$1" path="$2" package="$3"
  if [[ -x "$path" ]]; then
    return 0
  fi
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "$step: $path is missing; installing Debian's $package package"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -q && apt-get install -y -q "$package" && [[ -x "$path" ]]; then
      return 0
    fi
  fi
  echo "$step: $path is missing. Install it (as root: apt-get install -y $package) and run again." >&2
  return 1
}

run_e2e() {
  # (set -e does not apply inside a function run as `cmd || ...`, so check explicitly)
  ensure_browser e2e /usr/bin/chromium chromium || return 1
  vitest run -c vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json="$REPORT_DIR/e2e.json"
}

run_e2e_firefox() {
  ensure_browser e2e-firefox "${FIREFOX_PATH:-/usr/bin/firefox-esr}" firefox-esr || return 1
  vitest run -c vitest.e2e-firefox.config.ts --reporter=default --reporter=json \
    --outputFile.json="$REPORT_DIR/e2e-firefox.json"
}

run_lint() {
  eslint . --max-warnings 0 && prettier --check . --log-level warn
}

step lint run_lint
step typecheck tsc --noEmit -p .
step unit vitest run --reporter=default --reporter=json --outputFile.json="$REPORT_DIR/unit.json"
step build-chrome wxt build
step build-firefox wxt build -b firefox --mv3
if [[ -f vitest.e2e.config.ts ]]; then
  step e2e run_e2e
else
  STEP_NO=$((STEP_NO + 1))
  echo
  echo "==================== [$STEP_NO/$STEP_TOTAL] e2e ===================="
  echo "(no vitest.e2e.config.ts: no end-to-end suite yet)"
fi
step e2e-firefox run_e2e_firefox
step bench-smoke tsx scripts/bench.ts --quick

summary
echo
echo "tests: $(test_counts)"
