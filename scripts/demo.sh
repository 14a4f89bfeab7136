#!/usr/bin/env bash
# The demonstration environment: a SoftHSM token with a demo signing certificate and a demo encryption
# bi-key issued by a demo CA, the platform on SQLite with demo data, and the assistant beside it.
#
# Usage: scripts/demo.sh start|stop|status [--debug]
#   start   installs what is missing, builds (release; --debug uses the debug build), creates the demo
#           environment under $SCEAU_DEMO_DIR (default .demo) and starts both programs in the background
#   stop    stops them; the data stays for the next start
# Ports: SCEAU_DEMO_PLATFORM_PORT (default 8470), SCEAU_DEMO_ASSISTANT_PORT (default 17420).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

action=${1:-start}
configuration=release
[ "${2:-}" = --debug ] && configuration=debug
DEMO=${SCEAU_DEMO_DIR:-$ROOT/.demo}
PLATFORM_PORT=${SCEAU_DEMO_PLATFORM_PORT:-8470}
ASSISTANT_PORT=${SCEAU_DEMO_ASSISTANT_PORT:-17420}
TOKEN_LABEL=demo
TOKEN_PIN=1234

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1/health" >/dev/null 2>&1; }

# start_program NAME PORT COMMAND...: starts COMMAND in the background unless it already runs.
start_program() {
    local name=$1 port=$2
    shift 2
    if alive "$DEMO/$name.pid"; then
        echo "demo: $name already runs (pid $(cat "$DEMO/$name.pid"))"
        return
    fi
    if healthy "$port" || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "demo: port $port is taken by another program; set SCEAU_DEMO_${name^^}_PORT to another port" >&2
        exit 1
    fi
    setsid "$@" >"$DEMO/$name.log" 2>&1 &
    echo $! >"$DEMO/$name.pid"
    for _ in $(seq 100); do
        healthy "$port" && return
        alive "$DEMO/$name.pid" || break
        sleep 0.1
    done
    echo "demo: $name did not start; read $DEMO/$name.log" >&2
    exit 1
}

stop_program() {
    local name=$1
    if alive "$DEMO/$name.pid"; then
        kill -TERM "$(cat "$DEMO/$name.pid")"
        for _ in $(seq 50); do alive "$DEMO/$name.pid" || break; sleep 0.1; done
        echo "demo: $name stopped"
    fi
    rm -f "$DEMO/$name.pid"
}

case $action in
start)
    scripts/install-deps.sh
    echo "demo: building ($configuration)"
    swift build -c "$configuration" --product sceau-platform
    swift build -c "$configuration" --product sceau-assistant
    BIN=$(swift build -c "$configuration" --show-bin-path)
    mkdir -p "$DEMO"
    scripts/fixtures/pki.sh "$DEMO/pki" >"$DEMO/pki.log" 2>&1 || { echo "demo: PKI failed; read $DEMO/pki.log" >&2; exit 1; }
    scripts/fixtures/token.sh --only signer-qualified,enc-rsa "$DEMO/pki" "$DEMO/softhsm" "$TOKEN_LABEL" "$TOKEN_PIN" \
        >"$DEMO/token.log" 2>&1 || { echo "demo: token failed; read $DEMO/token.log" >&2; exit 1; }
    export SOFTHSM2_CONF=$DEMO/softhsm/softhsm2.conf
    # The demo assistant keeps its configuration in the demo directory, paired with the demo platform.
    export SCEAU_CONFIG_DIR=$DEMO/assistant
    # Paired with the platform's public signing key, which checks the remote jobs the platform signs.
    "$BIN/sceau-platform" signing-key --data-dir "$DEMO/platform" >"$DEMO/platform-signing-key.pem"
    "$BIN/sceau-assistant" pair "http://127.0.0.1:$PLATFORM_PORT" --public-key "$DEMO/platform-signing-key.pem" \
        --yes >/dev/null
    "$BIN/sceau-platform" demo-data --data-dir "$DEMO/platform"
    start_program platform "$PLATFORM_PORT" \
        "$BIN/sceau-platform" serve --data-dir "$DEMO/platform" --port "$PLATFORM_PORT" \
        --assistant-port "$ASSISTANT_PORT"
    start_program assistant "$ASSISTANT_PORT" "$BIN/sceau-assistant" serve --port "$ASSISTANT_PORT"
    cat <<INFO

Sceau demo is running.
  Platform:   http://127.0.0.1:$PLATFORM_PORT/          (health: /health, log: $DEMO/platform.log)
              sign in at /connexion as admin, password sceau-demo
  Assistant:  http://127.0.0.1:$ASSISTANT_PORT/health    (log: $DEMO/assistant.log)
              paired with http://127.0.0.1:$PLATFORM_PORT (configuration in $DEMO/assistant)
  Token:      SoftHSM token "$TOKEN_LABEL", PIN $TOKEN_PIN: a signing certificate (Marie Dupont) and an
              encryption bi-key (Service Achats Chiffrement), issued by the demo CA in $DEMO/pki
              Use it from a shell with: export SOFTHSM2_CONF=$SOFTHSM2_CONF
              then: $BIN/sceau-assistant tokens
Stop with: make stop   (or scripts/demo.sh stop)
INFO
    ;;
stop)
    stop_program assistant
    stop_program platform
    ;;
status)
    for name in platform assistant; do
        if alive "$DEMO/$name.pid"; then echo "$name: running (pid $(cat "$DEMO/$name.pid"))"; else echo "$name: stopped"; fi
    done
    ;;
*)
    echo "usage: $0 start|stop|status [--debug]" >&2
    exit 2
    ;;
esac
