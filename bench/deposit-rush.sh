#!/usr/bin/env bash
# Deposit rush: N bidders deposit the same sealed file of M MiB in 1 MiB chunks, CONCURRENCY at a time,
# on the platform (release build, SQLite, loopback) and, with the very same requests (paths, headers,
# sizes, concurrency), on an nginx upload sink that writes each chunk to disk (WebDAV PUT, bodies through
# temp files on the same disk) and answers the completions with 204. Prints both throughputs, the ratio
# (target >= 0.8), the p99 time from the last chunk acknowledged to the receipt, and checks that no
# acknowledged chunk was lost: every deposit complete, every file stored with the SHA-256 sent.
# Usage: bench/deposit-rush.sh [N] [M] [CONCURRENCY]     (defaults 200 10 N)
# SCEAU_BENCH_BIN=DIR uses the programs already built in DIR instead of a release build.
. "$(dirname "$0")/lib.sh"
N=${1:-200}
SIZE=${2:-10}
CONCURRENCY=${3:-$N}
if [ -n "${SCEAU_BENCH_BIN:-}" ]; then
    bin=$SCEAU_BENCH_BIN
else
    (cd "$ROOT" && swift build -c release --product sceau-platform >"$BENCH/build.log" 2>&1 &&
        swift build -c release --product sceau-assistant >>"$BENCH/build.log" 2>&1)
    bin=$(cd "$ROOT" && swift build -c release --show-bin-path)
fi
cc -O2 -pthread "$ROOT/bench/deposit_rush.c" -lcrypto -o "$BENCH/deposit_rush"

run=$BENCH/deposit-rush
rm -rf "$run"
mkdir -p "$run/platform" "$run/nginx/root" "$run/nginx/body"
chmod -R a+rwx "$run/nginx"  # nginx workers run as nobody
platform_port=27481 nginx_port=27482
"$bin/sceau-platform" demo-data --data-dir "$run/platform" >/dev/null
"$bin/sceau-platform" serve --data-dir "$run/platform" --port $platform_port --log-level error \
    >"$run/platform.log" 2>&1 &
platform=$!
cat >"$run/nginx.conf" <<EOF
worker_processes auto;
pid $run/nginx.pid;
error_log $run/nginx-error.log error;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $run/nginx/body;
    client_body_buffer_size 1m;
    client_max_body_size 2m;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$nginx_port;
        root $run/nginx/root;
        location ~ /complete\$ { return 204; }
        location /api/deposits/ {
            dav_methods PUT;
            create_full_put_path on;
            client_body_in_file_only on;
        }
    }
}
EOF
nginx -c "$run/nginx.conf" -e "$run/nginx-error.log"
trap 'kill $platform 2>/dev/null; [ -f "$run/nginx.pid" ] && kill "$(cat "$run/nginx.pid")" 2>/dev/null' EXIT
for port in $platform_port $nginx_port; do
    for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

# One sealed file for every bidder, for the demo consultation's two keys.
bench_file "$BENCH/rush-$SIZE.bin" "$SIZE"
"$bin/sceau-assistant" encrypt --recipient "$run/platform/demo-keys/personnelle.pem" \
    "$run/platform/demo-keys/secours.pem" "$BENCH/rush-$SIZE.bin" --out "$run/sealed.p7m" >/dev/null
head -c 4096 /dev/urandom >"$run/DC1.pdf"
"$bin/sceau-assistant" encrypt --recipient "$run/platform/demo-keys/personnelle.pem" \
    "$run/platform/demo-keys/secours.pem" "$run/DC1.pdf" --out "$run/DC1.pdf.p7m" >/dev/null
sha=$(sha256sum "$run/sealed.p7m" | cut -c1-64)
sealed_size=$(stat -c %s "$run/sealed.p7m")

# The demo company signs in once; N deposits are started, each with its small sealed candidature
# uploaded and the offer announced (not timed): the rush is the offers' chunks and the completions.
read -r cookie csrf < <(python3 - "$platform_port" "$N" "$sealed_size" "$sha" "$run/ids" "$run/DC1.pdf.p7m" <<'EOF'
import hashlib, http.client, json, sys
port, n, size, sha, ids = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
application = open(sys.argv[6], "rb").read()
application_sha = hashlib.sha256(application).hexdigest()
c = http.client.HTTPConnection("127.0.0.1", port)
c.request("POST", "/api/entreprise/session", json.dumps({"login": "entreprise-demo", "password": "sceau-demo"}),
          {"Content-Type": "application/json"})
r = c.getresponse()
csrf = json.loads(r.read())["csrfToken"]
cookie = r.getheader("Set-Cookie").split(";")[0].split("=", 1)[1]
h = {"Content-Type": "application/json", "Cookie": "sceau_entreprise=" + cookie, "X-CSRF-Token": csrf}
with open(ids, "w") as out:
    for _ in range(n):
        c.request("POST", "/api/deposits", json.dumps({"consultation": "DEMO_2026_001"}), h)
        deposit = json.loads(c.getresponse().read())["id"]
        c.request("POST", f"/api/deposits/{deposit}/files",
                  json.dumps({"envelope": "candidature", "name": "DC1.pdf.p7m", "size": len(application),
                              "sha256": application_sha}), h)
        file = json.loads(c.getresponse().read())["id"]
        c.request("PUT", f"/api/deposits/{deposit}/files/{file}/chunks/0", application,
                  dict(h, **{"Content-Type": "application/octet-stream", "X-Chunk-SHA256": application_sha}))
        assert c.getresponse().read() == b""
        c.request("POST", f"/api/deposits/{deposit}/files",
                  json.dumps({"envelope": "offre", "name": "offre.pdf.p7m", "size": size, "sha256": sha}), h)
        out.write(f"{deposit} {json.loads(c.getresponse().read())['id']}\n")
print(cookie, csrf)
EOF
)

# nginx first: it also shows what the load generator alone sustains.
read -r n_bytes n_seconds n_acked n_failed n_ok n_bad < <("$BENCH/deposit_rush" 127.0.0.1 $nginx_port \
    "$run/sealed.p7m" "$run/ids" "$CONCURRENCY" "$cookie" "$csrf" - "$run/nginx.latencies")
read -r p_bytes p_seconds p_acked p_failed p_ok p_bad < <("$BENCH/deposit_rush" 127.0.0.1 $platform_port \
    "$run/sealed.p7m" "$run/ids" "$CONCURRENCY" "$cookie" "$csrf" "$sha" "$run/platform.latencies")

# Zero acknowledged chunks lost: every deposit complete on the platform with nothing missing, and the
# stored file is the one sent.
lost=$(python3 - "$platform_port" "$run/ids" "$cookie" <<'EOF'
import http.client, json, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
h = {"Cookie": "sceau_entreprise=" + sys.argv[3]}
bad = 0
for line in open(sys.argv[2]):
    deposit = line.split()[0]
    c.request("GET", f"/api/deposits/{deposit}", headers=h)
    d = json.loads(c.getresponse().read())
    if d["state"] not in ("complet", "remplace") or any(not f["stored"] or f["missingChunks"] for f in d["files"]):
        bad += 1
print(bad)
EOF
)
stored=$(sha256sum "$run/platform/files/${sha:0:2}/${sha:2}" | cut -c1-64)

p99() { sort -n "$1" | awk '{ v[NR] = $1 } END { i = int(NR * 0.99 + 0.999); if (i < 1) i = 1; printf "%.1f", v[i] }'; }
p50() { sort -n "$1" | awk '{ v[NR] = $1 } END { i = int(NR * 0.5 + 0.999); if (i < 1) i = 1; printf "%.1f", v[i] }'; }
echo "$N bidders x $(awk -v s="$sealed_size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB sealed, 1 MiB chunks," \
    "$CONCURRENCY concurrent; $(nproc) CPU(s), programs in $bin"
awk -v pb="$p_bytes" -v ps="$p_seconds" -v nb="$n_bytes" -v ns="$n_seconds" 'BEGIN {
    p = pb / 1048576 / ps; n = nb / 1048576 / ns
    printf "platform: %.1f MiB/s (%.2f s)\nnginx sink: %.1f MiB/s (%.2f s)\nratio platform / nginx: %.2f (target >= 0.8) %s\n",
        p, ps, n, ns, p / n, (p / n >= 0.8 ? "MET" : "MISSED") }'
echo "last chunk to receipt: platform p50 $(p50 "$run/platform.latencies") ms, p99 $(p99 "$run/platform.latencies") ms;" \
    "nginx p99 $(p99 "$run/nginx.latencies") ms"
echo "chunks acknowledged: platform $p_acked (failed $p_failed), nginx $n_acked (failed $n_failed);" \
    "receipts: $p_ok (failed $p_bad)"
if [ "$lost" -eq 0 ] && [ "$p_failed" -eq 0 ] && [ "$p_bad" -eq 0 ] && [ "$stored" = "$sha" ]; then
    echo "acknowledged chunks lost: 0 (every deposit complete, stored file SHA-256 $sha)"
else
    echo "acknowledged chunks lost or deposits incomplete: $lost deposit(s) not complete; stored $stored, sent $sha" >&2
    exit 1
fi
