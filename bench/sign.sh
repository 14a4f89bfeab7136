#!/usr/bin/env bash
# Signing, ours against reference tools, in one run:
#   1. CAdES and XAdES detached signatures of a SIZE-MiB file (PKCS#12 key) against `openssl dgst
#      -sha256` of the same file. Target: ratio <= 1.1 (hashing dominates; the signature is one RSA op).
#   2. COUNT CAdES signatures of small files with the key on SoftHSM, one `sign` batch (one logged-in
#      session), against COUNT raw C_Sign calls in one session (bench/raw_sign.c). Target: our rate >=
#      0.8x the raw rate, i.e. time ratio <= 1.25.
# Usage: bench/sign.sh [SIZE_MIB] [COUNT]      (defaults 1024 and 1000; RUNS=3, the best kept)
. "$(dirname "$0")/lib.sh"
SIZE=${1:-1024}
COUNT=${2:-1000}
bench_fixtures
bench_build
work=$BENCH/sign
rm -rf "$work/out" && mkdir -p "$work/out" "$work/small"
bench_file "$work/large.bin" "$SIZE"
module=$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*-linux-gnu/softhsm/libsofthsm2.so 2>/dev/null | head -1)
gcc -O2 -o "$work/raw_sign" "$ROOT/bench/raw_sign.c" -ldl $(pkg-config --cflags p11-kit-1)
for i in $(seq "$COUNT"); do [ -f "$work/small/$i.txt" ] || echo "pièce $i du dossier" >"$work/small/$i.txt"; done

echo "File of $SIZE MiB, $COUNT small files; $(nproc) CPU(s); $(openssl version)"
export SCEAU_PKCS12_PASSWORD=test1234 SCEAU_PIN=1234
measure dgst openssl dgst -sha256 "$work/large.bin"
measure cades bash -c "rm -f '$work'/out/*; '$ASSISTANT' sign --format cades --pkcs12 '$PKI/signer-qualified.p12' --out '$work/out' '$work/large.bin'"
measure xades bash -c "rm -f '$work'/out/*; '$ASSISTANT' sign --format xades --pkcs12 '$PKI/signer-qualified.p12' --out '$work/out' '$work/large.bin'"
report "CAdES detached, $SIZE MiB, vs openssl dgst -sha256" cades dgst 1.1
report "XAdES detached, $SIZE MiB, vs openssl dgst -sha256" xades dgst 1.1

measure raw "$work/raw_sign" "$module" sceau-bench 1234 01 "$COUNT"
measure batch bash -c "rm -rf '$work/out' && mkdir '$work/out' && '$ASSISTANT' sign --format cades --token sceau-bench --key 01 --out '$work/out' '$work'/small/*.txt"
report "$COUNT CAdES on SoftHSM vs $COUNT raw C_Sign (time ratio)" batch raw 1.25
