#!/usr/bin/env bash
# The assistant's WebSocket against a bare Hummingbird WebSocket echo (bench/EchoServer), in one run:
# COUNT `hello` round trips on one paired session (Host, Origin, JSON-RPC, session state) against
# COUNT echoes of the same message. Prints p50/p99 latencies and the ratio of total times.
# Usage: bench/websocket.sh [COUNT]     (default 10000)
. "$(dirname "$0")/lib.sh"
COUNT=${1:-10000}
(cd "$ROOT" && swift build -c release --product sceau-assistant >"$BENCH/build.log" 2>&1 &&
    swift build -c release --product sceau-bench-echo >>"$BENCH/build.log" 2>&1)
bin=$(cd "$ROOT" && swift build -c release --show-bin-path)
python=$ROOT/.venv/bin/python
ours=27471 echo_port=27472 origin=http://127.0.0.1:8470
export SCEAU_CONFIG_DIR=$BENCH/websocket-config
"$bin/sceau-assistant" pair "$origin" --yes >/dev/null
"$bin/sceau-assistant" serve --port $ours --log-level error >"$BENCH/websocket-assistant.log" 2>&1 &
assistant=$!
"$bin/sceau-bench-echo" $echo_port >"$BENCH/websocket-echo.log" 2>&1 &
echo_server=$!
trap 'kill $assistant $echo_server 2>/dev/null' EXIT
for port in $ours $echo_port; do
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
message='{"jsonrpc":"2.0","id":1,"method":"hello","params":{"client":"bench"}}'
read -r ours_p50 ours_p99 ours_total <<<"$("$python" "$ROOT/bench/ws_roundtrip.py" "ws://127.0.0.1:$ours/ws" "$origin" "$COUNT" "$message")"
read -r echo_p50 echo_p99 echo_total <<<"$("$python" "$ROOT/bench/ws_roundtrip.py" "ws://127.0.0.1:$echo_port/ws" "$origin" "$COUNT" "$message")"
echo "$COUNT hello round trips; $(nproc) CPU(s)"
awk -v a="$ours_total" -v b="$echo_total" -v p="$ours_p50" -v q="$ours_p99" -v r="$echo_p50" -v s="$echo_p99" 'BEGIN {
    printf "assistant: p50 %.3f ms, p99 %.3f ms, %.2f s in all\n", p, q, a
    printf "bare echo: p50 %.3f ms, p99 %.3f ms, %.2f s in all\n", r, s, b
    printf "ratio of total times (assistant / echo): %.2f\n", a / b }'
