# Shared by the benchmarks: fixtures (test PKI, SoftHSM token), a release build, and timing helpers.
# Each benchmark runs ours and the reference tool side by side in one run and prints ratios; absolute
# seconds depend on the machine and are shown only for context.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${SCEAU_BENCH_DIR:-/tmp/sceau-bench}
mkdir -p "$BENCH"

# Test PKI and a SoftHSM token "sceau-bench" (PIN 1234) in $BENCH; exports PKI, SOFTHSM2_CONF and
# BENCH_TOKEN (the token's label). SCEAU_BENCH_FIXTURES=DIR reuses the test fixtures scripts/fixtures/up.sh
# made in DIR (its env.sh: PKI, token and PIN) instead.
bench_fixtures() {
    if [ -n "${SCEAU_BENCH_FIXTURES:-}" ]; then
        # shellcheck disable=SC1091
        . "$SCEAU_BENCH_FIXTURES/env.sh"
        export PKI=$SCEAU_TEST_PKI SOFTHSM2_CONF BENCH_TOKEN=$SCEAU_TEST_TOKEN_LABEL
        return
    fi
    "$ROOT/scripts/fixtures/pki.sh" "$BENCH/pki" >"$BENCH/pki.log" 2>&1
    SOFTHSM2_CONF=$("$ROOT/scripts/fixtures/token.sh" "$BENCH/pki" "$BENCH/softhsm" sceau-bench 1234 2>&1 |
        sed -n 's/^SOFTHSM2_CONF=//p')
    export PKI=$BENCH/pki SOFTHSM2_CONF BENCH_TOKEN=sceau-bench
}

# The release binary of the assistant, built if needed; exports ASSISTANT. SCEAU_BENCH_BIN=DIR uses the
# programs already built in DIR.
bench_build() {
    if [ -n "${SCEAU_BENCH_BIN:-}" ]; then
        export ASSISTANT=$SCEAU_BENCH_BIN/sceau-assistant
        return
    fi
    (cd "$ROOT" && swift build -c release --product sceau-assistant >"$BENCH/build.log" 2>&1)
    ASSISTANT=$(cd "$ROOT" && swift build -c release --show-bin-path)/sceau-assistant
    export ASSISTANT
}

# A file of SIZE MiB of random bytes at PATH (kept between runs).
bench_file() {
    local path=$1 size=$2
    if [ ! -f "$path" ] || [ "$(stat -c %s "$path")" -ne $((size * 1048576)) ]; then
        head -c $((size * 1048576)) /dev/urandom >"$path"
    fi
}

# measure NAME COMMAND...: runs COMMAND $RUNS times (default 3); records the best wall time (s) and the
# largest peak RSS (KiB) in TIME_NAME and RSS_NAME.
measure() {
    local name=$1 best= peak=0 elapsed rss
    shift
    for _ in $(seq "${RUNS:-3}"); do
        if ! /usr/bin/time -o "$BENCH/$name.time" -f "%e %M" "$@" >/dev/null 2>"$BENCH/$name.err"; then
            echo "bench: $name failed: $(cat "$BENCH/$name.err")" >&2
            return 1
        fi
        read -r elapsed rss <"$BENCH/$name.time"
        if [ -z "$best" ] || awk -v a="$elapsed" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$elapsed; fi
        [ "$rss" -gt "$peak" ] && peak=$rss
    done
    printf -v "TIME_$name" '%s' "$best"
    printf -v "RSS_$name" '%s' "$peak"
}

# report LABEL OURS REFERENCE TARGET: one line with both times, the ratio and the target (ratio ≤ TARGET).
report() {
    local label=$1 ours=$2 reference=$3 target=$4
    local t_ours t_ref r_ours r_ref
    t_ours=$(eval echo "\$TIME_$ours") t_ref=$(eval echo "\$TIME_$reference")
    r_ours=$(eval echo "\$RSS_$ours") r_ref=$(eval echo "\$RSS_$reference")
    awk -v l="$label" -v a="$t_ours" -v b="$t_ref" -v ra="$r_ours" -v rb="$r_ref" -v t="$target" 'BEGIN {
        ratio = (b > 0) ? a / b : 0
        printf "%-58s ours %7.2f s  reference %7.2f s  ratio %5.2f (target <= %s) %s  peak RSS ours %d MiB, reference %d MiB\n",
            l, a, b, ratio, t, (ratio <= t ? "MET" : "MISSED"), ra / 1024, rb / 1024 }'
}
