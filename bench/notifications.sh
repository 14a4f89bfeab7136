#!/usr/bin/env bash
# Progress notifications pushed by the assistant to one subscribed page, against a bare Hummingbird
# WebSocket server (bench/EchoServer) pushing as many messages of the same bytes, in one run.
# The assistant runs with the hidden `serve --bench`, whose `bench.progress` method starts a job that
# reports COUNT progress steps without the 200 ms throttle, through the path of real jobs (JobRegistry,
# EventHub, the session's writer); the page's origin is paired and Host and Origin are checked as always.
# The echo then pushes COUNT copies of one of those notifications. A C client (bench/ws_notifications.c)
# counts what arrives; each side runs RUNS times (default 3) and keeps its best rate.
# Prints both rates, the message size and the ratio of rates.
# Usage: bench/notifications.sh [COUNT]     (default 100000)
. "$(dirname "$0")/lib.sh"
COUNT=${1:-100000}
(cd "$ROOT" && swift build -c release --product sceau-assistant >"$BENCH/build.log" 2>&1 &&
    swift build -c release --product sceau-bench-echo >>"$BENCH/build.log" 2>&1)
bin=$(cd "$ROOT" && swift build -c release --show-bin-path)
client=$BENCH/ws_notifications
gcc -O2 -o "$client" "$ROOT/bench/ws_notifications.c"
ours=27473 echo_port=27474 origin=http://127.0.0.1:8470
export SCEAU_CONFIG_DIR=$BENCH/notifications-config
"$bin/sceau-assistant" pair "$origin" --yes >/dev/null
"$bin/sceau-assistant" serve --bench --port $ours --log-level error >"$BENCH/notifications-assistant.log" 2>&1 &
assistant=$!
"$bin/sceau-bench-echo" $echo_port >"$BENCH/notifications-echo.log" 2>&1 &
echo_server=$!
trap 'kill $assistant $echo_server 2>/dev/null' EXIT
for port in $ours $echo_port; do
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
hello='{"jsonrpc":"2.0","id":1,"method":"hello","params":{"client":"bench"}}'
subscribe='{"jsonrpc":"2.0","id":2,"method":"events.subscribe"}'
progress="{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"bench.progress\",\"params\":{\"count\":$COUNT}}"
sample=$BENCH/notification.json
# run PORT LIMIT SAMPLE MESSAGE...: one run of the client; sets count, seconds, size and rate.
run() {
    local out
    out=$("$client" "$1" "$origin" "$2" '"event.job"' '"succeeded"' "$3" "${@:4}")
    read -r count seconds size <<<"$out"
    rate=$(awk -v n="$count" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
}
# The job's start, COUNT progress reports and its end: COUNT + 2 notifications, fewer if the session's
# bounded buffer dropped some (the end is never dropped: the buffer keeps the newest).
ours_best=0 echo_best=0
for _ in $(seq "${RUNS:-3}"); do
    run $ours $((COUNT + 2)) "$sample" "$hello" "$subscribe" "$progress"
    if [ "$rate" -gt "$ours_best" ]; then
        ours_best=$rate ours_count=$count ours_seconds=$seconds ours_size=$size
    fi
    run $echo_port "$COUNT" - "$hello" "push $COUNT $(cat "$sample")"
    if [ "$rate" -gt "$echo_best" ]; then
        echo_best=$rate echo_count=$count echo_seconds=$seconds echo_size=$size
    fi
done
echo "$COUNT progress notifications to one page; $(nproc) CPU(s); best of ${RUNS:-3} runs"
printf 'assistant: %d notifications/s (%d of %d received, %s bytes each on average, %.2f s)\n' \
    "$ours_best" "$ours_count" $((COUNT + 2)) "$ours_size" "$ours_seconds"
printf 'bare echo: %d messages/s (%d of %d received, %s bytes each, %.2f s)\n' \
    "$echo_best" "$echo_count" "$COUNT" "$echo_size" "$echo_seconds"
awk -v a="$ours_best" -v b="$echo_best" 'BEGIN { printf "ratio of rates (assistant / echo): %.2f\n", a / b }'
