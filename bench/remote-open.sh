#!/usr/bin/env bash
# Remote jobs on a large pli over loopback, ours against curl + openssl, in one run.
#   A SIZE-MiB response (one file in one envelope, RSA-OAEP recipient on SoftHSM) is deposited on a real
#   platform; after its deadline:
#   1. download + decrypt: `sceau-assistant job run` of a "telechargement" job (ranged chunks checked
#      against the signed descriptor) then `sceau-assistant decrypt` with the key on SoftHSM, against
#      `curl` fetching the sealed file then `openssl cms -decrypt` with the same key from its PEM file.
#   2. "Ouvrir en ligne": `sceau-assistant job run` of an "ouverture-en-ligne" job (the sealed file's
#      header fetched by a range request, its content-encryption key unwrapped on SoftHSM and released;
#      the platform decrypts the sealed file it stores, streaming, into its store, fsynced), against the
#      same reference. Each run opens the envelope afresh (its opening is undone in the database between
#      runs); the stored plaintext must equal the original. The platform's peak RSS is reported too.
#   Target: ratio <= 0.3, peak RSS (assistant, platform) <= 128 MiB.
# Usage: bench/remote-open.sh [SIZE_MIB | --quick]   (default 1024 MiB; --quick: 32 MiB, one run each;
#   RUNS=3 runs otherwise, the best kept). SCEAU_BENCH_BIN=DIR uses programs already built,
#   SCEAU_BENCH_FIXTURES=DIR the test fixtures' PKI and token (see lib.sh).
. "$(dirname "$0")/lib.sh"
if [ "${1:-}" = --quick ]; then
    SIZE=32
    export RUNS=1
else
    SIZE=${1:-1024}
fi
bench_fixtures
bench_build
[ -n "${SCEAU_BENCH_BIN:-}" ] ||
    (cd "$ROOT" && swift build -c release --product sceau-platform >>"$BENCH/build.log" 2>&1)
PLATFORM=$(dirname "$ASSISTANT")/sceau-platform
work=$BENCH/remote-open
rm -rf "$work/data" "$work/config" "$work/state" "$work/plis" "$work/deposit-state"
mkdir -p "$work"
bench_file "$work/offre.bin" "$SIZE"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
export SCEAU_CONFIG_DIR=$work/config SCEAU_STATE_DIR=$work/state SCEAU_PIN=${SCEAU_TEST_PIN:-1234}

"$PLATFORM" demo-data --data-dir "$work/data" >/dev/null
"$PLATFORM" signing-key --data-dir "$work/data" >"$work/platform-key.pem"
"$PLATFORM" serve --data-dir "$work/data" --port "$port" >"$work/platform.log" 2>&1 &
platform_pid=$!
trap 'kill $platform_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "$base/health" >/dev/null && break; sleep 0.1; done
"$ASSISTANT" pair "$base" --public-key "$work/platform-key.pem" --yes >/dev/null

# The platform side of the setup (agent session, key, consultation, company, deposit, deadline) in Python.
python3 - "$base" "$work" "$PKI/enc-rsa.pem" "$ASSISTANT" "$work/data/sceau.sqlite" <<'EOF'
import json, os, sqlite3, subprocess, sys, time, urllib.request
base, work, certificate, assistant, database = sys.argv[1:]

def api(method, path, body=None, session=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if session:
        request.add_header("Cookie", session[0])
        request.add_header("X-CSRF-Token", session[1])
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.headers, response.read()

headers, body = api("POST", "/api/session", {"login": "admin", "password": "sceau-demo"})
admin = (headers["Set-Cookie"].split(";")[0], json.loads(body)["csrfToken"])
organisations = json.loads(api("GET", "/api/organisations", session=admin)[1])
city = organisations[0]["id"] if isinstance(organisations, list) else organisations["id"]
api("POST", f"/api/organisations/{city}/keys",
    {"certificate": open(certificate).read(), "kind": "personnelle", "name": "Banc d'essai"}, admin)
consultation = json.loads(api("POST", "/api/consultations", {
    "organisationId": city, "reference": "BANC_OUVERTURE", "contractType": "marche-public",
    "procedureType": "appel-d-offres-ouvert", "category": "travaux", "title": "Banc d'essai", "object": "Banc",
    "placeOfExecution": "Paris", "cpv": "45210000-2", "deadline": int(time.time()) + 3600,
    "onlineFrom": int(time.time()) - 60,
    "modalities": {"envelopes": ["offre"], "electronicResponse": "autorisee", "signature": "non-requise",
                   "encryption": True, "openingMode": "par-dossier", "displayedAfterDeadline": False}}, admin)[1])
for transition in ("submit", "validate"):
    api("POST", f"/api/consultations/{consultation['id']}/{transition}", {}, admin)
api("POST", "/api/entreprises", {"name": "Banc SARL", "siret": "73282932000074", "bidder": {
    "civility": "M.", "lastName": "Banc", "firstName": "Paul", "email": "banc@example.fr", "login": "banc",
    "password": "banc password 2026"}})
environment = dict(os.environ, SCEAU_PLATFORM_LOGIN="banc", SCEAU_PLATFORM_PASSWORD="banc password 2026")
subprocess.run([assistant, "deposit", "--platform", base, "--consultation", "BANC_OUVERTURE", "--state-dir",
                os.path.join(work, "deposit-state"), "--envelope", f"offre={os.path.join(work, 'offre.bin')}"],
               env=environment, check=True, stdout=subprocess.DEVNULL)
# Setup only: the deadline is moved to the past rather than waited for.
with sqlite3.connect(database) as db:
    db.execute("UPDATE consultations SET deadline = ? WHERE id = ?", (int(time.time()) - 1, consultation["id"]))
api("POST", f"/api/consultations/{consultation['id']}/open", {}, admin)
deposits = json.loads(api("GET", f"/api/consultations/{consultation['id']}/deposits", session=admin)[1])
file = next(d for d in deposits if d["state"] == "complet")["files"][0]
deposit = next(d for d in deposits if d["state"] == "complet")["depositId"]
with open(os.path.join(work, "setup.json"), "w") as f:
    json.dump({"cookie": admin[0], "csrf": admin[1], "consultation": consultation["id"],
               "sealed": f"/api/deposits/{deposit}/files/{file['id']}/content",
               "plaintext": f"/api/deposits/{deposit}/files/{file['id']}/plaintext"}, f)
EOF
cookie=$(python3 -c "import json; print(json.load(open('$work/setup.json'))['cookie'])")
csrf=$(python3 -c "import json; print(json.load(open('$work/setup.json'))['csrf'])")
consultation=$(python3 -c "import json; print(json.load(open('$work/setup.json'))['consultation'])")
sealed=$(python3 -c "import json; print(json.load(open('$work/setup.json'))['sealed'])")
plaintext=$(python3 -c "import json; print(json.load(open('$work/setup.json'))['plaintext'])")
database=$work/data/sceau.sqlite

offer() { # KIND FILE: a new job of KIND, its offer written to FILE
    curl -fs -X POST -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" \
        -d "{\"kind\":\"$1\"}" "$base/api/consultations/$consultation/jobs" >"$2"
}
ours_download_decrypt() {
    rm -rf "$work/plis" "$work/opened"
    offer telechargement "$work/offer.json"
    "$ASSISTANT" job run --offer "$work/offer.json" --plis-folder "$work/plis" >/dev/null
    "$ASSISTANT" decrypt --token "$BENCH_TOKEN" --key 03 "$work/plis" --out "$work/opened" >/dev/null
}
reference() {
    curl -fs -H "Cookie: $cookie" -o "$work/curl.p7m" "$base$sealed"
    openssl cms -decrypt -binary -inform DER -in "$work/curl.p7m" -recip "$PKI/enc-rsa.pem" \
        -inkey "$PKI/enc-rsa.key" -out "$work/openssl.out"
}
# One "Ouvrir en ligne": the envelope closed again (setup, outside the job), a new offer, the job.
ours_online() {
    python3 -c "import sqlite3, sys
with sqlite3.connect(sys.argv[1]) as db:
    db.execute('DELETE FROM envelope_openings'); db.execute('DELETE FROM plaintext_files')" "$database"
    offer ouverture-en-ligne "$work/offer-online.json"
    "$ASSISTANT" job run --offer "$work/offer-online.json" --token "$BENCH_TOKEN" >/dev/null
}
export -f offer ours_download_decrypt reference ours_online
export work base cookie csrf consultation sealed database ASSISTANT PKI BENCH_TOKEN

echo "Pli of $SIZE MiB over loopback; $(nproc) CPU(s); $(openssl version)"
measure reference bash -c reference
measure download_decrypt bash -c ours_download_decrypt
opened=$(find "$work/opened" -type f | head -n 1)
cmp -s "$work/offre.bin" "$opened" || { echo "bench: our download + decrypt differs from the original" >&2; exit 1; }
cmp -s "$work/offre.bin" "$work/openssl.out" || { echo "bench: openssl's opening differs" >&2; exit 1; }
report "download + decrypt (job run, decrypt) vs curl + openssl cms" download_decrypt reference 0.3

offer telechargement "$work/warm-up.json" # the platform computes the chunks' digests once, before timing
measure online bash -c ours_online
curl -fs -H "Cookie: $cookie" -o "$work/online.out" "$base$plaintext"
cmp -s "$work/offre.bin" "$work/online.out" || { echo "bench: the plaintext opened online differs" >&2; exit 1; }
report "Ouvrir en ligne (header, key released, platform decrypts) vs curl + openssl" online reference 0.3
platform_rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$platform_pid/status")
echo "Peak RSS budget: 128 MiB (ours: download_decrypt $((RSS_download_decrypt / 1024)) MiB, online: assistant" \
    "$((RSS_online / 1024)) MiB, platform $platform_rss MiB)"
