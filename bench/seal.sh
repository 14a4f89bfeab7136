#!/usr/bin/env bash
# Sealing and opening a large pli, ours against `openssl cms`, in one run.
#   1. Open a SIZE-MiB pli (AES-256-GCM, RSA-OAEP recipient) with the key on SoftHSM, against
#      `openssl cms -decrypt` with the same key from its PKCS#12 (PEM) file. Target: ratio <= 0.2,
#      our peak RSS <= 64 MiB.
#   2. Seal SIZE MiB for two recipients (RSA + EC), against `openssl cms -encrypt -stream` with the
#      same cipher. Target: ratio <= 0.5.
# Usage: bench/seal.sh [SIZE_MIB]     (default 1024; RUNS=3 runs each, the best kept)
. "$(dirname "$0")/lib.sh"
SIZE=${1:-1024}
bench_fixtures
bench_build
work=$BENCH/seal
mkdir -p "$work"
bench_file "$work/plain" "$SIZE"
rm -f "$work/ours.p7m"
"$ASSISTANT" encrypt --recipient "$PKI/enc-rsa.pem" "$work/plain" --out "$work/ours.p7m" >/dev/null

echo "Pli of $SIZE MiB; $(nproc) CPU(s); $(openssl version)"
export SCEAU_PIN=1234
measure open_ours bash -c "rm -rf '$work/out' && '$ASSISTANT' decrypt --token sceau-bench --key 03 '$work/ours.p7m' --out '$work/out'"
measure open_openssl openssl cms -decrypt -binary -inform DER -in "$work/ours.p7m" -recip "$PKI/enc-rsa.pem" \
    -inkey "$PKI/enc-rsa.key" -out "$work/openssl.out"
cmp -s "$work/plain" "$work/out/ours" || { echo "bench: our opening differs from the plaintext" >&2; exit 1; }
cmp -s "$work/plain" "$work/openssl.out" || { echo "bench: openssl's opening differs" >&2; exit 1; }
report "open (GCM, RSA-OAEP on SoftHSM vs openssl with PEM key)" open_ours open_openssl 0.2

measure seal_ours "$ASSISTANT" encrypt --force --recipient "$PKI/enc-rsa.pem" "$PKI/enc-ec.pem" "$work/plain" \
    --out "$work/two.p7m"
measure seal_openssl openssl cms -encrypt -stream -binary -aes-256-gcm -outform DER -in "$work/plain" \
    -out "$work/two-openssl.p7m" -recip "$PKI/enc-rsa.pem" -recip "$PKI/enc-ec.pem"
report "seal for two recipients (AES-256-GCM)" seal_ours seal_openssl 0.5
measure seal_cbc_ours "$ASSISTANT" encrypt --force --cipher aes-256-cbc --recipient "$PKI/enc-rsa.pem" \
    "$PKI/enc-ec.pem" "$work/plain" --out "$work/two-cbc.p7m"
measure seal_cbc_openssl openssl cms -encrypt -stream -binary -aes256 -outform DER -in "$work/plain" \
    -out "$work/two-cbc-openssl.p7m" -recip "$PKI/enc-rsa.pem" -recip "$PKI/enc-ec.pem"
report "seal for two recipients (AES-256-CBC)" seal_cbc_ours seal_cbc_openssl 0.5
