#!/usr/bin/env bash
# Cluster rush: bidders deposit through HAProxy into one node, then into three over the same PostgreSQL and
# data directory (deposits/s, MiB/s, p50/p99 of a deposit command, with the same bidders, sizes and HAProxy),
# then into three nodes again while one is killed with -9, PostgreSQL restarts and the shared disk fills up:
# every receipted deposit must be complete with the bytes sent (scripts/tests/cluster_faults.py checks it).
# Usage: bench/cluster-rush.sh [BIDDERS] [MiB] [ROUNDS]     (defaults 24 10 2; as root)
# SCEAU_BENCH_BIN=DIR uses the programs already built in DIR instead of a release build.
. "$(dirname "$0")/lib.sh"
BIDDERS=${1:-24}
SIZE=${2:-10}
ROUNDS=${3:-2}
if [ -n "${SCEAU_BENCH_BIN:-}" ]; then
    bin=$SCEAU_BENCH_BIN
else
    (cd "$ROOT" && swift build -c release --product sceau-platform >"$BENCH/build.log" 2>&1 &&
        swift build -c release --product sceau-assistant >>"$BENCH/build.log" 2>&1)
    bin=$(cd "$ROOT" && swift build -c release --show-bin-path)
fi
faults="$ROOT/scripts/tests/cluster_faults.py"
python=$ROOT/.venv/bin/python
echo "$BIDDERS bidders x $SIZE MiB offers, $ROUNDS deposit(s) each; $(nproc) CPU(s), programs in $bin"
for nodes in 1 3; do
    "$python" "$faults" "$bin" "$BENCH/cluster-$nodes" --nodes "$nodes" --bidders "$BIDDERS" --size "$SIZE" \
        --rounds "$ROUNDS" --no-faults | grep -E "deposits in|passed, "
done
echo "with faults (kill -9 of a node, PostgreSQL restart, shared disk full):"
"$python" "$faults" "$bin" "$BENCH/cluster-faults" --nodes 3 --bidders "$BIDDERS" --size "$SIZE" |
    grep -E "deposits in|fault:|SKIPPED|FAIL|passed, "
