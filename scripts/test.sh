#!/usr/bin/env bash
# Runs every test: format lint, the Swift suites against real fixtures (SoftHSM token, test PKI, TSA,
# pcscd with a virtual card, PostgreSQL), and the smoke test of the demo environment.
# Ends with one line: "N passed, N failed[, N skipped]".
# Usage: scripts/test.sh        (as root on Debian 12; installs what is missing first)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# Under /tmp, one directory per checkout: PostgreSQL's user must be able to reach its data directory.
RUN=/tmp/sceau-test-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)
mkdir -p "$RUN"
echo "test: fixtures and logs in $RUN"

scripts/install-deps.sh
echo "   install-deps: $SECONDS s"

scripts/fixtures/up.sh "$RUN/fixtures"
trap 'scripts/fixtures/down.sh "$RUN/fixtures" >/dev/null 2>&1 || true' EXIT
# shellcheck disable=SC1091
. "$RUN/fixtures/env.sh"
export SCEAU_TEST_REQUIRE_FIXTURES=1

passed=0 failed=0 skipped=0 failures=()

# took START: how long the step begun at START (in $SECONDS) lasted, to see where CI's time goes.
took() { echo "   $(($SECONDS - $1)) s"; }

# step NAME COMMAND...: one pass/fail unit, its output kept in .test-run/NAME.log.
step() {
    local name=$1 started=$SECONDS
    shift
    echo "== $name"
    if "$@" >"$RUN/$name.log" 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)) failures+=("$name (read $RUN/$name.log)")
        tail -n 30 "$RUN/$name.log"
    fi
    took "$started"
}

step lint swift format lint --strict -r Sources Tests Fuzz Package.swift
step build swift build --build-tests

# The fuzz targets build in the background at the lowest priority while the suites below run (they mostly wait
# on servers, tokens and browsers, leaving the CPU idle); the fuzz step waits for that build.
setsid nice -n 19 scripts/fuzz.sh --build >"$RUN/fuzz-build.log" 2>&1 &
fuzz_build=$!
trap 'kill -- -"$fuzz_build" 2>/dev/null || true; scripts/fixtures/down.sh "$RUN/fixtures" >/dev/null 2>&1 || true' EXIT
# fuzz_quick: the background build's result, then every target 30 s from its seeds.
fuzz_quick() {
    wait "$fuzz_build" || { cat "$RUN/fuzz-build.log"; return 1; }
    FUZZ_SKIP_BUILD=1 scripts/fuzz.sh --all 30
}

echo "== swift test"
started=$SECONDS
set +e
# Scratch files of the tests go under the run directory, emptied at each run.
rm -rf "$RUN/tmp" && mkdir -p "$RUN/tmp"
TMPDIR=$RUN/tmp swift test --skip-build 2>&1 | tee "$RUN/swift-test.log" | grep -E "^(✘|􀢄)|error:" 
swift_status=${PIPESTATUS[0]}
set -e
# Swift Testing prints one line per test: ✔ passed, ✘ failed, ➜ skipped (with or without its SF symbol).
swift_passed=$(grep -E "^(✔|􁁛) Test .* passed after" "$RUN/swift-test.log" | grep -vc "Test run with" || true)
swift_failed=$(grep -E "^(✘|􀢄) Test .* failed after" "$RUN/swift-test.log" | grep -vc "Test run with" || true)
swift_skipped=$(grep -cE "^(➜|􀙟) Test .* skipped" "$RUN/swift-test.log" || true)
if [ "$swift_status" -ne 0 ] && [ "$swift_failed" -eq 0 ]; then
    swift_failed=1 failures+=("swift test exited $swift_status (read $RUN/swift-test.log)")
fi
grep -E "Test run with" "$RUN/swift-test.log" | tail -n 1 || true
took "$started"
passed=$((passed + swift_passed)) failed=$((failed + swift_failed)) skipped=$((skipped + swift_skipped))

# counted NAME COMMAND...: a suite that ends with "N passed, N failed"; its counts join the total.
counted() {
    local name=$1 line started=$SECONDS
    shift
    echo "== $name"
    "$@" >"$RUN/$name.log" 2>&1 || true
    took "$started"
    line=$(grep -E "^[0-9]+ passed, [0-9]+ failed" "$RUN/$name.log" | tail -n 1 || true)
    if [ -z "$line" ]; then
        failed=$((failed + 1)) failures+=("$name did not finish (read $RUN/$name.log)")
        tail -n 30 "$RUN/$name.log"
        return
    fi
    local suite_failed
    suite_failed=$(echo "$line" | cut -d' ' -f3)
    passed=$((passed + $(echo "$line" | cut -d' ' -f1))) failed=$((failed + suite_failed))
    if [ "$suite_failed" -gt 0 ]; then
        failures+=("$name: $suite_failed failed (read $RUN/$name.log)")
        grep -E "^FAIL" "$RUN/$name.log" || true
    fi
}

counted browser .venv/bin/python Tests/Browser/test_assistant_page.py "$(swift build --show-bin-path)/sceau-assistant" "$RUN"
counted platform-walk .venv/bin/python scripts/tests/platform_walk.py "$(swift build --show-bin-path)/sceau-platform" "$RUN"
counted bidder-walk .venv/bin/python scripts/tests/bidder_walk.py "$(swift build --show-bin-path)" "$RUN"
counted remote-jobs-walk .venv/bin/python scripts/tests/remote_jobs_walk.py "$(swift build --show-bin-path)" "$RUN"
counted opening-walk .venv/bin/python scripts/tests/opening_walk.py "$(swift build --show-bin-path)" "$RUN"
counted requests-walk .venv/bin/python scripts/tests/requests_walk.py "$(swift build --show-bin-path)/sceau-platform" "$RUN"
counted requests-entities-walk .venv/bin/python scripts/tests/requests_entities_walk.py "$(swift build --show-bin-path)/sceau-platform" "$RUN"
counted xss-walk .venv/bin/python scripts/tests/xss_walk.py "$(swift build --show-bin-path)" "$RUN"
counted messaging-walk .venv/bin/python scripts/tests/messaging_walk.py "$(swift build --show-bin-path)" "$RUN"
counted dce-walk .venv/bin/python scripts/tests/dce_walk.py "$(swift build --show-bin-path)/sceau-platform" "$RUN"
counted session-walk .venv/bin/python scripts/tests/session_walk.py "$(swift build --show-bin-path)/sceau-platform" "$RUN"
# Two nodes behind HAProxy over one PostgreSQL and one data directory, bidders depositing through a kill -9 of a
# node, a PostgreSQL restart and a full disk: every receipt kept (bench/cluster-rush.sh is its large mode).
counted cluster-faults .venv/bin/python scripts/tests/cluster_faults.py "$(swift build --show-bin-path)" "$RUN"
# The JSON API fuzzed against docs/openapi.yaml (schemathesis, quick mode: a few examples per operation),
# agent, company and citizen signed in: no 5xx, every answer documented and matching its schema.
counted api-contract .venv/bin/python scripts/tests/api_contract.py "$(swift build --show-bin-path)/sceau-platform" "$RUN" --quick
# libFuzzer on every parser, 30 s each from the committed seeds (docs/fuzzing.md); its own build in .build-fuzz,
# started after the main build.
counted fuzz fuzz_quick
step openapi .venv/bin/openapi-spec-validator docs/openapi.yaml
step demo-smoke scripts/tests/demo-smoke.sh "$RUN"
step packaging-smoke scripts/tests/packaging-smoke.sh "$RUN"

echo
echo "test: $SECONDS s in all"
for failure in "${failures[@]}"; do echo "FAILED: $failure"; done
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
