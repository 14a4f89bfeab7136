#!/usr/bin/env bash
# The README's first command, checked: `scripts/demo.sh start` (debug build, private ports and directory)
# leaves a platform and an assistant answering /health and a token that p11-kit's proxy lists;
# `stop` leaves nothing listening.
# Usage: scripts/tests/demo-smoke.sh WORKDIR
set -euo pipefail
cd "$(dirname "$0")/../.."
export SCEAU_DEMO_DIR=$1/demo SCEAU_DEMO_PLATFORM_PORT=28470 SCEAU_DEMO_ASSISTANT_PORT=27420
trap 'scripts/demo.sh stop >/dev/null 2>&1 || true' EXIT

fail() { echo "demo-smoke: $*" >&2; exit 1; }

scripts/demo.sh start --debug >"$1/demo-start.log" 2>&1 || fail "demo.sh start failed; read $1/demo-start.log"
[[ $(curl -fsS "http://127.0.0.1:$SCEAU_DEMO_PLATFORM_PORT/health") == *'"status":"ok"'* ]] || fail "platform /health"
[[ $(curl -fsS "http://127.0.0.1:$SCEAU_DEMO_ASSISTANT_PORT/health") == *'"status":"ok"'* ]] || fail "assistant /health"
[[ $(curl -fsS "http://127.0.0.1:$SCEAU_DEMO_PLATFORM_PORT/") == *"Ville de Démonstration"* ]] || fail "platform home page"
signin=$(curl -sS -o /dev/null -w '%{http_code}' -d 'login=admin&password=sceau-demo' \
    "http://127.0.0.1:$SCEAU_DEMO_PLATFORM_PORT/connexion")
[ "$signin" = 302 ] || fail "the demo administrator cannot sign in (HTTP $signin)"
citizen=$(curl -sS -o /dev/null -w '%{http_code}' -d 'email=citoyen%40demo.invalid&password=sceau-demo' \
    "http://127.0.0.1:$SCEAU_DEMO_PLATFORM_PORT/citoyen/connexion")
[ "$citizen" = 302 ] || fail "the demo household cannot sign in (HTTP $citizen)"
[[ $(curl -fsS "http://127.0.0.1:$SCEAU_DEMO_PLATFORM_PORT/demarches") == *"Inscription scolaire"* ]] || fail "the demo teleservices are not online"
proxy=$(ls /usr/lib/*-linux-gnu/p11-kit-proxy.so | head -1)
slots=$(SOFTHSM2_CONF=$SCEAU_DEMO_DIR/softhsm/softhsm2.conf pkcs11-tool --module "$proxy" -L 2>/dev/null) || true
grep -q "token label *: demo" <<<"$slots" || fail "pkcs11-tool does not list the demo token through $proxy"
pairings=$(SCEAU_CONFIG_DIR=$SCEAU_DEMO_DIR/assistant "$(swift build --show-bin-path)/sceau-assistant" pairings)
grep -q "^http://127.0.0.1:$SCEAU_DEMO_PLATFORM_PORT " <<<"$pairings" || fail "the assistant is not paired with the demo platform"
scripts/demo.sh start --debug >"$1/demo-restart.log" 2>&1 || fail "a second start is not idempotent; read $1/demo-restart.log"
scripts/demo.sh stop >/dev/null
for port in $SCEAU_DEMO_PLATFORM_PORT $SCEAU_DEMO_ASSISTANT_PORT; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && fail "port $port still listens after stop"
done
echo "demo-smoke: ok"
