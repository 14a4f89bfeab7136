#!/usr/bin/env bash
# Installs the assistant for the current user, without root: the binary in ~/.local/bin, the
# configuration in ~/.config/sceau, started at login by a systemd user unit (or, where there is no
# systemd user session, an XDG autostart entry), and started now.
#
# Usage: packaging/install-user.sh BINARY        (BINARY: a built sceau-assistant)
#        packaging/install-user.sh --uninstall   (stops it and removes everything it installed)
# HOME decides where everything goes (tests use a scratch HOME).
set -euo pipefail

bindir=$HOME/.local/bin
unitdir=${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user
autostartdir=${XDG_CONFIG_HOME:-$HOME/.config}/autostart
statedir=${XDG_STATE_HOME:-$HOME/.local/state}/sceau
pidfile=$statedir/assistant.pid

has_user_systemd() { command -v systemctl >/dev/null && systemctl --user show-environment >/dev/null 2>&1; }

stop_running() {
    if has_user_systemd; then systemctl --user disable --now sceau-assistant.service >/dev/null 2>&1 || true; fi
    if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        kill -TERM "$(cat "$pidfile")"
        for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
}

if [ "${1:-}" = --uninstall ]; then
    stop_running
    rm -f "$bindir/sceau-assistant" "$unitdir/sceau-assistant.service" "$autostartdir/sceau-assistant.desktop"
    echo "install-user: Sceau Assistant removed (your paired platforms stay in ${XDG_CONFIG_HOME:-$HOME/.config}/sceau)"
    exit 0
fi

binary=${1:?usage: $0 BINARY | --uninstall}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$bindir" "$unitdir" "$autostartdir" "$statedir" "${XDG_CONFIG_HOME:-$HOME/.config}/sceau"
stop_running
install -m 0755 "$binary" "$bindir/sceau-assistant"
sed "s|@BINDIR@|$bindir|" "$here/sceau-assistant.service" >"$unitdir/sceau-assistant.service"
if has_user_systemd; then
    systemctl --user daemon-reload
    systemctl --user enable --now sceau-assistant.service
    echo "install-user: installed and started (systemd user unit sceau-assistant.service)"
else
    sed "s|@BINDIR@|$bindir|" "$here/sceau-assistant.desktop" >"$autostartdir/sceau-assistant.desktop"
    setsid "$bindir/sceau-assistant" serve ${SCEAU_ASSISTANT_PORT:+--port "$SCEAU_ASSISTANT_PORT"} \
        >"$statedir/assistant.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    echo "install-user: installed and started (autostart entry; no systemd user session here)"
fi
