#!/usr/bin/env bash
# Regenerates the committed seed corpus of the fuzz targets, Fuzz/Corpus/TARGET: a few small files each, made
# from the test PKI (scripts/fixtures: signer-plain's P-256 key, the TSA) with openssl, xmlsec1 and Sceau's own
# signer, or written by hand below. Run it after a format change; commit what it writes.
# Usage: . /path/to/fixtures/env.sh; Fuzz/make-corpus.sh   (needs .build/debug/sceau-assistant and the FuzzEnvelopedData
#        target of scripts/fuzz.sh --build)
set -euo pipefail
cd "$(dirname "$0")/.."
pki=${SCEAU_TEST_PKI:?source the fixtures env.sh first (scripts/fixtures/up.sh)}
corpus=Fuzz/Corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$corpus"/{pdf,signed-data,timestamp-token,enveloped-data,xades,jsonrpc,assuan,upload-headers,forms}
printf 'Offre de prix\n' >"$work/offre.txt"

# signed-data: CAdES by openssl (detached, attached, with signed attributes or not) and by Sceau.
openssl cms -sign -binary -in "$work/offre.txt" -signer "$pki/signer-plain.pem" -inkey "$pki/signer-plain.key" \
    -outform DER -out "$corpus/signed-data/detached.p7s"
openssl cms -sign -binary -nodetach -in "$work/offre.txt" -signer "$pki/signer-plain.pem" \
    -inkey "$pki/signer-plain.key" -certfile "$pki/intermediate-ca.pem" -outform DER \
    -out "$corpus/signed-data/attached-chain.p7s"
openssl cms -sign -binary -noattr -nocerts -in "$work/offre.txt" -signer "$pki/signer-plain.pem" \
    -inkey "$pki/signer-plain.key" -outform DER -out "$corpus/signed-data/no-attributes.p7s"

# timestamp-token: a TSA's answers (TimeStampResp) and a bare token, by openssl ts with the test TSA.
cat >"$work/ts.cnf" <<CNF
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = $work/serial
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
signer_digest = sha256
CNF
echo 01 >"$work/serial"
openssl ts -query -data "$work/offre.txt" -sha256 -cert -out "$work/request.tsq"
openssl ts -reply -config "$work/ts.cnf" -queryfile "$work/request.tsq" -signer "$pki/tsa.pem" \
    -inkey "$pki/tsa.key" -out "$corpus/timestamp-token/response.tsr" 2>/dev/null
openssl ts -reply -in "$corpus/timestamp-token/response.tsr" -token_out -out "$corpus/timestamp-token/token.der"
openssl ts -query -data "$work/offre.txt" -sha512 -no_nonce -out "$work/request-512.tsq"
openssl ts -reply -config "$work/ts.cnf" -queryfile "$work/request-512.tsq" -signer "$pki/tsa.pem" \
    -inkey "$pki/tsa.key" -out "$corpus/timestamp-token/response-sha512-nocert.tsr" 2>/dev/null

# enveloped-data: sealed for the fuzz target's own recipient, GCM and CBC, definite lengths and streamed BER.
SCEAU_FUZZ_RECIPIENT_CERT="$work/recipient.pem" .build-fuzz/debug/FuzzEnvelopedData -runs=1 "$work/empty" \
    >/dev/null 2>&1 || SCEAU_FUZZ_RECIPIENT_CERT="$work/recipient.pem" .build-fuzz/debug/FuzzEnvelopedData -runs=1 \
    >/dev/null 2>&1
for cipher in aes-256-gcm aes-256-cbc; do
    openssl cms -encrypt -binary -"$cipher" -in "$work/offre.txt" -recip "$work/recipient.pem" -outform DER \
        -out "$corpus/enveloped-data/$cipher.p7m"
    openssl cms -encrypt -binary -stream -"$cipher" -in "$work/offre.txt" -recip "$work/recipient.pem" \
        -outform DER -out "$corpus/enveloped-data/$cipher-streamed.p7m"
done

# xades: Sceau's XAdES B-B and B-T, and xmlsec1's plain XML-DSig, all detached over offre.txt.
cp "$work/offre.txt" "$work/xades.txt"
for level in b-b b-t; do
    SCEAU_PKCS12_PASSWORD=test1234 .build/debug/sceau-assistant sign --format xades --level "$level" \
        --tsa "${SCEAU_TEST_TSA_URL:-}" --pkcs12 "$pki/signer-plain.p12" --out "$work" "$work/xades.txt" >/dev/null
    mv "$work"/xades.txt*.xml "$corpus/xades/sceau-$level.xml"
done
cat >"$work/template.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><Reference URI="offre.txt"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature>
XML
(cd "$work" && xmlsec1 --sign --privkey-pem "$pki/signer-plain.key,$pki/signer-plain.pem" \
    --output xmlsec.xml template.xml 2>/dev/null)
cp "$work/xmlsec.xml" "$corpus/xades/xmlsec-dsig.xml"

# pdf: small hand-written files (a table, a stream with an object stream and Flate, an update with /Prev, a
# signature field) and Sceau's PAdES of the smallest one.
python3 - "$corpus/pdf" <<'PY'
import sys, zlib
out = sys.argv[1]

def document(objects, trailer, xref_stream=False, prefix=b"%PDF-1.7\n"):
    data = bytearray(prefix)
    offsets = {}
    for number, body in objects:
        offsets[number] = len(data)
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(data)
    size = max(offsets) + 1
    data += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        data += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    data += b"trailer\n<< /Size %d " % size + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(data)

page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Offre) Tj ET")
base = [
    (1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>"),
    (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    (3, page),
    (4, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"),
    (5, b"<< /FT /Sig /T (Signature1) /V 6 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"),
    (6, b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 10]"
        b" /Contents <3080> /M (D:20261207120000+01'00') /Name (Fuzz) >>"),
]
with open(f"{out}/table-signature-field.pdf", "wb") as f:
    f.write(document(base, b"/Root 1 0 R /ID [<0102> <0102>]"))
with open(f"{out}/minimal.pdf", "wb") as f:
    f.write(document(base[:4][:1] + [(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), (3, page[:-2] + b">>")],
                     b"/Root 1 0 R"))
with open(f"{out}/no-xref-rebuilt.pdf", "wb") as f:
    f.write(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>"
            b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

# A cross-reference stream and an object stream (PDF 1.5), Flate-compressed, then an incremental update.
objstm_objects = [(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), (3, page)]
header = b" ".join(b"%d %d" % (n, 0) for n, _ in objstm_objects)
offsets, body = [], b""
for number, text in objstm_objects:
    offsets.append(len(body))
    body += text + b" "
header = b" ".join(b"%d %d" % (n, o) for (n, _), o in zip(objstm_objects, offsets)) + b" "
objstm = zlib.compress(header + body)
data = bytearray(b"%PDF-1.7\n")
o1 = len(data); data += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
o4 = len(data); data += b"4 0 obj\n<< /Type /ObjStm /N 2 /First %d /Length %d /Filter /FlateDecode >>\nstream\n" % (
    len(header), len(objstm)) + objstm + b"\nendstream\nendobj\n"
o5 = len(data)
rows = [(0, 0, 255), (1, o1, 0), (2, 4, 0), (2, 4, 1), (1, o4, 0), (1, o5, 0)]
xref = b"".join(bytes([t]) + f.to_bytes(4, "big") + bytes([g]) for t, f, g in rows)
packed = zlib.compress(xref)
data += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 1] /Root 1 0 R /Length %d /Filter /FlateDecode >>\nstream\n" % len(
    packed) + packed + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % o5
o6 = len(data)
data += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Lang (fr) >>\nendobj\n"
o7 = len(data)
data += b"xref\n0 1\n0000000000 65535 f \n1 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\n" % (
    o6, o5) + b"startxref\n%d\n%%%%EOF\n" % o7
with open(f"{out}/xref-stream-object-stream-update.pdf", "wb") as f:
    f.write(bytes(data))
PY
SCEAU_PKCS12_PASSWORD=test1234 .build/debug/sceau-assistant sign --format pades --pkcs12 "$pki/signer-plain.p12" \
    --out "$work" "$corpus/pdf/minimal.pdf" >/dev/null
mv "$work"/minimal*.pdf "$corpus/pdf/pades-signed.pdf"

# jsonrpc: what pages send.
j=$corpus/jsonrpc
echo '{"jsonrpc":"2.0","id":1,"method":"hello","params":{"client":"sceau-platform","browser":"Firefox","latestVersion":"1.2.0"}}' >"$j/hello.json"
echo '{"jsonrpc":"2.0","id":"a","method":"sign","params":{"format":"pades","level":"b-t","token":"sceau-test","key":"01","fileName":"offre.pdf","size":1024,"digest":null}}' >"$j/sign.json"
echo '{"jsonrpc":"2.0","id":2,"method":"jobs.start","params":{"descriptor":"eyJ0eXBlIjoiZGVwb3NpdCJ9","signature":"AAAA","jobToken":"t","token":null,"files":[{"name":"offre.pdf","size":3}]}}' >"$j/jobs-start.json"
echo '{"jsonrpc":"2.0","id":3,"method":"verify","params":{"fileName":"a.xml","size":10,"contentName":"a.pdf","contentSize":20}}' >"$j/verify.json"
echo '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":[1,2.5e3,true,{"x":"\u00e9"}]}}' >"$j/error.json"
echo '{"jsonrpc":"2.0","method":"event.job","params":{"jobId":"j","state":"running","steps":[]}}' >"$j/notification.json"

# assuan: a pinentry's answers (the first byte sets the chunk size the reader gets them in).
a=$corpus/assuan
printf '\x07OK Pleased to meet you\nS PINENTRY_LAUNCHED 1234\n# comment\nD 12%%2534%%0Ax\nD %%27y\nOK\n' >"$a/pin.txt"
printf '\x3fOK Pleased to meet you\nERR 83886179 Operation cancelled <Pinentry>\n' >"$a/cancel.txt"
printf '\x01OK\nD \nOK\n' >"$a/empty-pin.txt"
# upload-headers: seven fields a line each (Range, file size, X-Chunk-SHA256, chunk index, announce body, manifest),
# then the chunk's bytes: the first and last chunk of a 25-byte file in chunks of 10, an open and a suffix range.
u=$corpus/upload-headers
file='Offre de prix, lot 1 : 42'
hash=$(printf '%s' "$file" | sha256sum | cut -d' ' -f1)
chunk() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
announce() { printf '{"envelope":"%s","name":"%s","size":%s,"sha256":"%s"}' "$1" "$2" "$3" "$4"; }
manifest='{"size":25,"sha256":"'"$hash"'","chunkSize":10}'
printf 'bytes=0-99\n1000\n%s\n0\n%s\n%s\n%s' "$(chunk 'Offre de p')" \
    "$(announce offre 'Mémoire technique.pdf.p7m' 25 "$hash")" "$manifest" 'Offre de p' >"$u/first-chunk.txt"
printf 'bytes=-100\n1000\n%s\n2\n%s\n%s\n%s' "$(chunk ' : 42' | tr a-f A-F)" \
    "$(announce candidature 'DC1.pdf.p7m' 25 "$(echo "$hash" | tr a-f A-F)")" "$manifest" ' : 42' >"$u/last-chunk.txt"
printf 'bytes=500-\n1000\n\n7\n%s\n{"size":4294967296,"sha256":"%s","chunkSize":1048576}\n' \
    "$(announce anonymat 'offre\u202efdp.exe' 4294967296 "$hash")" "$hash" >"$u/open-range.txt"
printf 'bytes=0-0,5-9\n10\n' >"$u/several-ranges.txt"

# forms: bodies the pages post (and query strings of their searches).
f=$corpus/forms
printf '%s' '_csrf=abc&name=ACME+SARL&siret=73282932000074&address=1+rue+de+la+Paix&civility=M.&lastName=Dupont&firstName=Jean&email=jean%40acme.fr&login=jdupont&password=Motdepasse+1%21' >"$f/company-registration.txt"
printf '%s' '_csrf=abc&mode=standard&organisationId=2&reference=2026-001&contractType=marche-public&procedureType=procedure-adaptee&category=travaux&title=R%C3%A9fection&object=Toiture&cpv=45261000&deadline=31%2F12%2F2026+12%3A00&onlineFrom=2026-01-05T09%3A30&electronicResponse=autorisee&signature=non-requise&openingMode=par-dossier&encryption=on&envelopeOffer=on&lots=Couverture%0D%0AZinguerie&invite=3&permanent-3=on&invite=4' >"$f/consultation.txt"
printf '%s' '_csrf=abc&agent=3&role-3=prm&role-3=acheteur&agent=4' >"$f/roles.txt"
printf '%s' 'civility=Mme&lastName=Martin&firstName=Claire&email=claire.martin%40mairie.fr&login=cmartin&password=Motdepasse+1%21&type=service&name=Voirie&kind=personal' >"$f/agent.txt"
printf '%s' 'nom=sports&presentation=drop-down&valeurs=foot+%3B+Football%0D%0Ajudo+%3B+Judo%0Aminimes+%3B+Minimes+%3B+judo&nouveau-nom=activites' >"$f/parameter-list.txt"
printf '%s' 'champs=nom+%3B+Nom+%3B+texte+%3B+obligatoire%0Anaissance+%3B+Date+de+naissance+%3B+date%0Asport+%3B+Sport+%3B+liste%3Asports+%3B+facultatif&nom=Nom&sport=foot&naissance=2015-04-30&age=9' >"$f/form-definition.txt"
printf '%s' 'id=&nom=2026-2027&inscriptions-ouverture=2026-06-01&inscriptions-cloture=2026-07-14&validation=2026-07-15&debut=2026-09-01&fin=2027-06-30&maximum=10&rappel=3&en-ligne=1&piece=Justificatif+de+domicile&agent=5&droit=write' >"$f/season.txt"
printf '%s' 'id=4&nom=Relance&texte=Bonjour+%24%7B+civiliteDemandeur+%7D+%24%7BnomDemandeur%7D%2C%0A%0Avotre+demande+%24%7BnumeroDemande%7D+du+%24%7BdateCreation%7D.&action=apercu' >"$f/letter-template.txt"
printf '%s' 'demandeur=Dupont&concerne=&numero=&foyer=12&du=2026-01-01&au=2026-12-31&categorie=&etat=in-progress&nom=Dupont&statut=&responsable=1&tri=nom&enregistre=1' >"$f/search.txt"
printf '%s' 'civility=M.&lastName=Dupont&firstName=Paul&birthDate=2016-02-29&role=child&email=paul%40exemple.fr&motDePasse=x&etat=valide&validite=2027-01-31&commentaire=ok&document=7&type=usager&texte=Merci&cle=sport&valeur=foot%2C+judo' >"$f/member.txt"
printf '%s' 'a[]=1&a[]=2&b[c]=3&d[0]=x&d[1]=y&e[f][g]=h&%ZZ=1&+=%2B' >"$f/brackets.txt"

ls -l "$corpus"/*
