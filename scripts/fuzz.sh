#!/usr/bin/env bash
# Fuzzes Sceau's parsers with libFuzzer (and AddressSanitizer, leak detection on): see docs/fuzzing.md.
# Usage: scripts/fuzz.sh TARGET [SECONDS]    one target, 60 s by default
#        scripts/fuzz.sh TARGET --runs N     one target, N executions
#        scripts/fuzz.sh --all SECONDS       every target in turn (prints "N passed, N failed")
#        scripts/fuzz.sh --build             only build the targets
#        scripts/fuzz.sh --list              the targets
# Builds into .build-fuzz (never .build). Each target starts from its committed seeds, Fuzz/Corpus/TARGET; what
# libFuzzer finds (new corpus entries, crash-*, leak-*, timeout-* inputs) goes to .fuzz/TARGET, ignored by git.
# Exits non-zero on any crash, leak or hang (an input over FUZZ_TIMEOUT seconds, 10 by default).
# FUZZ_SKIP_BUILD=1 runs what .build-fuzz holds without building.
set -euo pipefail
cd "$(dirname "$0")/.."

# target name -> Swift product
declare -A products=(
    [pdf]=FuzzPDF [signed-data]=FuzzSignedData [timestamp-token]=FuzzTimestampToken
    [enveloped-data]=FuzzEnvelopedData [xades]=FuzzXAdES [jsonrpc]=FuzzJSONRPC [assuan]=FuzzAssuan
    [upload-headers]=FuzzUploadHeaders [forms]=FuzzForms
)
targets=(pdf signed-data timestamp-token enveloped-data xades jsonrpc assuan upload-headers forms)
timeout_seconds=${FUZZ_TIMEOUT:-10}
rss_limit_mb=${FUZZ_RSS_LIMIT_MB:-2048}
max_len=${FUZZ_MAX_LEN:-16384}

build() {
    [ -n "${FUZZ_SKIP_BUILD:-}" ] && return 0
    echo "fuzz: building the targets into .build-fuzz (libFuzzer + AddressSanitizer)"
    local start=$SECONDS
    # The dependencies' checkouts of .build, when there is one, save fetching them again.
    if [ ! -d .build-fuzz ] && [ -d .build/checkouts ]; then
        mkdir -p .build-fuzz && cp -a .build/checkouts .build/repositories .build/workspace-state.json .build-fuzz/
    fi
    # Declared in Package.swift only under SCEAU_FUZZ (each target's @main hands over to libFuzzer). A debug build
    # (testable imports) with optimised code, Swift and C alike: about ten times the executions per second of -Onone.
    for t in "${targets[@]}"; do
        SCEAU_FUZZ=1 swift build --scratch-path .build-fuzz --product "${products[$t]}" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -O -Xcc -O2 2>&1 | grep -E "error:|^Build of" || true
        [ -x ".build-fuzz/debug/${products[$t]}" ] || { echo "fuzz: ${products[$t]} did not build" >&2; exit 2; }
    done
    echo "fuzz: built in $((SECONDS - start)) s"
}

# run TARGET LIMIT...: one libFuzzer run from the seeds; 0 when it found nothing.
run() {
    local target=$1
    shift
    local product=${products[$target]:-}
    [ -n "$product" ] || { echo "fuzz: no target $target (scripts/fuzz.sh --list)" >&2; return 2; }
    local found=.fuzz/$target
    mkdir -p "$found/corpus"
    local dictionary=()
    [ -f "Fuzz/Dictionaries/$target.dict" ] && dictionary=(-dict="Fuzz/Dictionaries/$target.dict")
    echo "fuzz: $target $*"
    # halt_on_error: a sanitizer report stops the run; detect_leaks: a leak is a finding.
    # SWIFT_BACKTRACE off: libFuzzer's own handler reports a Swift trap (overflow, bounds) with the sanitizer's stack.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:allocator_may_return_null=1 \
        ".build-fuzz/debug/$product" "$found/corpus" "Fuzz/Corpus/$target" \
        -artifact_prefix="$found/" -timeout="$timeout_seconds" -rss_limit_mb="$rss_limit_mb" \
        -max_len="$max_len" -detect_leaks=1 -print_final_stats=1 "${dictionary[@]}" "$@"
}

case "${1:-}" in
    --list) printf '%s\n' "${targets[@]}" ;;
    --build) build ;;
    --all)
        seconds=${2:?usage: scripts/fuzz.sh --all SECONDS}
        build
        passed=0 failed=0
        for t in "${targets[@]}"; do
            if run "$t" -max_total_time="$seconds"; then
                passed=$((passed + 1))
            else
                failed=$((failed + 1))
                echo "FAIL fuzz $t: read the libFuzzer report above; the input is in .fuzz/$t/"
            fi
        done
        echo "$passed passed, $failed failed"
        [ "$failed" -eq 0 ]
        ;;
    "" | -h | --help) sed -n '2,11p' "$0" ;;
    *)
        target=$1
        build
        if [ "${2:-}" = "--runs" ]; then
            run "$target" -runs="${3:?usage: scripts/fuzz.sh TARGET --runs N}"
        else
            run "$target" -max_total_time="${2:-60}"
        fi
        ;;
esac
