#!/usr/bin/env bash
# PAdES signing of a large PDF, ours against pyHanko, in one run: both sign the same SIZE-MiB PDF
# with the same PKCS#12 key (B-B). Targets: time ratio <= 0.25, our peak RSS <= 32 MiB.
# Usage: bench/pades.sh [SIZE_MIB]     (default 100; RUNS=3, the best kept)
. "$(dirname "$0")/lib.sh"
SIZE=${1:-100}
bench_fixtures
bench_build
work=$BENCH/pades
rm -rf "$work/out" && mkdir -p "$work/out"
[ -f "$work/large.pdf" ] && [ "$(stat -c %s "$work/large.pdf")" -gt $((SIZE * 1000000)) ] ||
    python3 "$ROOT/bench/make_pdf.py" "$work/large.pdf" "$SIZE"
pyhanko=$ROOT/.venv/bin/pyhanko
echo "PDF of $(($(stat -c %s "$work/large.pdf") >> 20)) MiB; $(nproc) CPU(s); $("$pyhanko" --version 2>&1 | head -1)"
export SCEAU_PKCS12_PASSWORD=test1234
measure pades bash -c "rm -f '$work'/out/*; '$ASSISTANT' sign --format pades --pkcs12 '$PKI/signer-qualified.p12' --out '$work/out' '$work/large.pdf'"
measure pyhanko "$pyhanko" sign addsig --field Signature1 --use-pades pemder --no-pass --key "$PKI/signer-qualified.key" \
    --cert "$PKI/signer-qualified.pem" --chain "$PKI/intermediate-ca.pem" "$work/large.pdf" "$work/pyhanko.pdf"
report "PAdES B-B of a $SIZE MiB PDF vs pyHanko" pades pyhanko 0.25
pdfsig "$work"/out/*.pdf | grep -q "Signature is Valid." || { echo "bench: pdfsig rejects our signature" >&2; exit 1; }
echo "Our peak RSS: $((RSS_pades / 1024)) MiB (target <= 32 MiB); the binary alone (--version): $(
    /usr/bin/time -f %M "$ASSISTANT" --version 2>&1 >/dev/null | awk '{print int($1 / 1024)}') MiB"
