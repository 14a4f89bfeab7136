#!/usr/bin/env bash
# Installs what Sceau needs on Debian 12 and is missing: system packages (only those absent) and the
# Python test tools in a venv under the repository (.venv). Idempotent; run as root (or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    # build
    build-essential pkg-config libssl-dev libsqlite3-dev libp11-kit-dev libpcsclite-dev libxml2-dev zlib1g-dev
    # tokens and smartcards
    p11-kit softhsm2 opensc gnutls-bin pcscd vsmartcard-vpcd vsmartcard-vpicc python3-pycryptodome
    libengine-pkcs11-openssl
    # independent validators and reference tools
    openssl poppler-utils qpdf xmlsec1 libnss3-tools curl ca-certificates sqlite3
    # servers and browsers for the tests
    postgresql chromium chromium-driver haproxy
    # benchmarks
    wrk hyperfine nginx
)

missing=()
for package in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian postgresql package starts a cluster of its own on 5432 where a service manager runs;
# the tests start their own private server and need nothing from it. Likewise nginx (bench/deposit-rush.sh)
# and haproxy (scripts/tests/cluster_faults.py) run on private configurations.

if ! command -v swift >/dev/null; then
    echo "install-deps: no Swift toolchain on PATH; install Swift 6.2 or later (https://www.swift.org/install/linux/)" >&2
    exit 1
fi

# Not pyasice (the ASiC-E reader of PyPI): 1.2.0 pins lxml<5 (pyhanko and signxml need lxml>=5) and its
# oscrypto 1.3.0 cannot read OpenSSL 3.0.1x's version string, so it does not even import here. ASiC-E
# containers are checked instead by Python's zipfile (extraction) and xmlsec1 (Tests/CoreTests/Signatures/ASiCETests).
python_tools=(pyhanko==0.38.* pyhanko-cli signxml selenium websocket-client openapi-spec-validator axe-selenium-python-nhsuk
    'schemathesis==4.*')
if [ ! -x .venv/bin/python ] || [ ! -f .venv/.complete ] || ! cmp -s <(printf '%s\n' "${python_tools[@]}") .venv/.complete; then
    echo "install-deps: creating the Python venv .venv (${python_tools[*]})"
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check "${python_tools[@]}"
    printf '%s\n' "${python_tools[@]}" > .venv/.complete
fi
echo "install-deps: everything is installed"
