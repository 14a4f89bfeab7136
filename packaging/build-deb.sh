#!/usr/bin/env bash
# Builds the Debian package of the assistant with dpkg-deb.
# Usage: packaging/build-deb.sh BINARY OUTDIR      (BINARY: a built sceau-assistant, release for shipping)
# The package installs /usr/bin/sceau-assistant, the systemd user unit (enabled for every user at
# their next login) and the XDG autostart entry.
set -euo pipefail
binary=${1:?usage: $0 BINARY OUTDIR}
outdir=${2:?usage: $0 BINARY OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
version=$("$binary" --version)
architecture=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

install -D -m 0755 "$binary" "$stage/usr/bin/sceau-assistant"
install -d "$stage/usr/lib/systemd/user" "$stage/etc/xdg/autostart" "$stage/DEBIAN"
sed "s|@BINDIR@|/usr/bin|" "$here/sceau-assistant.service" >"$stage/usr/lib/systemd/user/sceau-assistant.service"
sed "s|@BINDIR@|/usr/bin|" "$here/sceau-assistant.desktop" >"$stage/etc/xdg/autostart/sceau-assistant.desktop"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: sceau-assistant
Version: $version
Section: utils
Priority: optional
Architecture: $architecture
Depends: libc6, libp11-kit0, libpcsclite1, libssl3, libxml2, zlib1g, libsqlite3-0
Recommends: pcscd, pinentry-gnome3 | pinentry-curses
Maintainer: Sceau developers <dev@sceau.invalid>
Description: Sceau Assistant for public procurement
 Signs (PAdES, CAdES, XAdES), verifies, seals and opens encrypted bids for the
 procurement platform pages open in the browser, through a WebSocket on 127.0.0.1.
CONTROL
cat >"$stage/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ] && command -v systemctl >/dev/null; then
    systemctl --global enable sceau-assistant.service >/dev/null 2>&1 || true
fi
POSTINST
cat >"$stage/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if command -v systemctl >/dev/null; then
    systemctl --global disable sceau-assistant.service >/dev/null 2>&1 || true
fi
pkill -TERM -x sceau-assistant 2>/dev/null || true
PRERM
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm"
mkdir -p "$outdir"
package=$outdir/sceau-assistant_${version}_${architecture}.deb
dpkg-deb --root-owner-group --build "$stage" "$package" >/dev/null
echo "$package"
