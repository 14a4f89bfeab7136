#!/usr/bin/env bash
# The packaging, checked: the per-user install (scratch HOME) and the .deb (unpacked into a scratch
# root) each start an assistant that answers hello to a paired page, and uninstalling leaves nothing
# listening. Usage: scripts/tests/packaging-smoke.sh WORKDIR   (uses the debug build)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$1/packaging
HOME=$work/home packaging/install-user.sh --uninstall >/dev/null 2>&1 || true
rm -rf "$work"
mkdir -p "$work"
binary=$(swift build --show-bin-path)/sceau-assistant
port=27431
origin=http://127.0.0.1:8470
fail() { echo "packaging-smoke: $*" >&2; exit 1; }
pid=
cleanup() {
    HOME=$work/home packaging/install-user.sh --uninstall >/dev/null 2>&1 || true
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
}
trap cleanup EXIT
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
wait_listening() { for _ in $(seq 100); do listening && return 0; sleep 0.1; done; return 1; }

# Per-user install, no root needed: everything under the scratch HOME.
export HOME=$work/home
unset XDG_CONFIG_HOME XDG_STATE_HOME SCEAU_CONFIG_DIR
mkdir -p "$HOME"
SCEAU_ASSISTANT_PORT=$port packaging/install-user.sh "$binary" >/dev/null
[ -x "$HOME/.local/bin/sceau-assistant" ] || fail "no binary in ~/.local/bin"
[ -f "$HOME/.config/systemd/user/sceau-assistant.service" ] || fail "no systemd user unit"
grep -q "ExecStart=$HOME/.local/bin/sceau-assistant serve" "$HOME/.config/systemd/user/sceau-assistant.service" ||
    fail "the unit does not start the installed binary"
wait_listening || fail "the user-installed assistant does not listen on $port"
"$HOME/.local/bin/sceau-assistant" pair "$origin" --yes >/dev/null
[ "$(scripts/tests/ws_hello.py "$port" "$origin")" = 1.0 ] || fail "no hello from the user-installed assistant"
packaging/install-user.sh --uninstall >/dev/null
listening && fail "something still listens on $port after uninstall"
[ -e "$HOME/.local/bin/sceau-assistant" ] && fail "the binary is still installed"

# The .deb, unpacked into a scratch root.
package=$(packaging/build-deb.sh "$binary" "$work/deb")
control=$(dpkg-deb --field "$package" Package) || fail "dpkg-deb cannot read $package"
[ "$control" = sceau-assistant ] || fail "the package has no control data (Package: $control)"
dpkg-deb -x "$package" "$work/root"
[ -f "$work/root/usr/lib/systemd/user/sceau-assistant.service" ] || fail "the .deb has no user unit"
grep -q "ExecStart=/usr/bin/sceau-assistant serve" "$work/root/usr/lib/systemd/user/sceau-assistant.service" ||
    fail "the .deb's unit does not start /usr/bin/sceau-assistant"
setsid "$work/root/usr/bin/sceau-assistant" serve --port "$port" >"$work/deb.log" 2>&1 &
pid=$!
wait_listening || fail "the packaged assistant does not listen; read $work/deb.log"
[ "$(scripts/tests/ws_hello.py "$port" "$origin")" = 1.0 ] || fail "no hello from the packaged assistant"
kill -TERM "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
rm -rf "$work/root"
listening && fail "something still listens on $port after removal"
echo "packaging-smoke: ok"
