#!/usr/bin/env bash
# Screenshots of the platform's main pages for the documentation: runs the browser walks that take them
# (platform_walk.py, bidder_walk.py, requests_walk.py; see walk_support.screenshot) with
# SCEAU_SCREENS_DIR=docs/screens, shrinks the PNGs (pngquant, else Pillow's 256 colours) so the folder stays
# under 3 MB, and writes docs/screens.md, one line per screenshot with its caption.
# Usage: scripts/screens.sh [BIN_DIR [WORKDIR]]
#   BIN_DIR  where sceau-platform and sceau-assistant are built (default: `swift build --show-bin-path`;
#            build first with `swift build`)
#   WORKDIR  the walks' scratch folder (default: a temporary folder, removed after)
#   PYTHON   (environment) the Python with selenium and axe-selenium-python-nhsuk (default: .venv/bin/python)
# Needs what scripts/test.sh needs for these walks (chromium, chromedriver, the .venv of
# scripts/install-deps.sh); no fixture: the walks start their own platform on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${1:-$(swift build --show-bin-path)}
WORK=${2:-$(mktemp -d)}
[ -n "${2:-}" ] || trap 'rm -rf "$WORK"' EXIT
PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
SCREENS=$ROOT/docs/screens
mkdir -p "$SCREENS" "$WORK"
rm -f "$SCREENS"/*.png
export SCEAU_SCREENS_DIR=$SCREENS

status=0
for walk in "platform_walk.py $BIN/sceau-platform" "bidder_walk.py $BIN" "requests_walk.py $BIN/sceau-platform"; do
    set -- $walk
    echo "== $1"
    if ! "$PYTHON" "scripts/tests/$1" "$2" "$WORK" >"$WORK/${1%.py}.log" 2>&1; then
        status=1
        echo "screens: $1 failed; its screenshots may be missing:" >&2
        grep -E "^FAIL" "$WORK/${1%.py}.log" >&2 || tail -n 20 "$WORK/${1%.py}.log" >&2
    fi
    tail -n 1 "$WORK/${1%.py}.log"
done

# Shrinking: pngquant (Debian's package) when present, else Pillow, else the PNGs stay as taken.
if ! command -v pngquant >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pngquant >/dev/null 2>&1 || true
fi
if command -v pngquant >/dev/null; then
    pngquant --force --skip-if-larger --strip --quality=40-80 --ext .png -- "$SCREENS"/*.png || true
elif "$PYTHON" -c "import PIL" 2>/dev/null || python3 -c "import PIL" 2>/dev/null; then
    "$PYTHON" -c "import PIL" 2>/dev/null || PYTHON=python3
    "$PYTHON" - "$SCREENS" <<'EOF'
import glob, os, sys
from PIL import Image
for path in glob.glob(os.path.join(sys.argv[1], "*.png")):
    image = Image.open(path).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)
EOF
else
    echo "screens: neither pngquant nor Pillow: the PNGs are not shrunk" >&2
fi

# docs/screens.md, from the screenshots there and their captions here.
python3 - "$SCREENS" "$ROOT/docs/screens.md" <<'EOF'
import os, re, sys
screens, target = sys.argv[1], sys.argv[2]
captions = {
    "espace-agent": "Espace agent : l'accueil de l'agent connecté, ses raccourcis vers les consultations et les démarches.",
    "consultation": "Consultation (côté agent) : fiche d'une consultation validée, ses étapes et son historique.",
    "depot-entreprise": "Consultation publique (côté entreprise) : la fiche, le DCE et le dépôt de la réponse.",
    "tableau-de-bord": "Démarches des usagers : le tableau de bord des demandes à traiter (nouvelles, en cours, validées).",
    "demande-agent": "Demande (côté agent) : données, pièces justificatives, instruction et historique d'une demande.",
    "formulaire-citoyen": "Formulaire de démarche (côté usager) : l'inscription scolaire et ses pièces justificatives.",
    "demande-citoyen": "Ma demande (côté usager) : l'état, les pièces, les échanges et les notes du service.",
}
order = list(captions)
files = sorted(f for f in os.listdir(screens) if f.endswith(".png"))
names = sorted({re.sub(r"-360$", "", f[:-4]) for f in files},
               key=lambda n: (order.index(re.sub(r"-onglet-\d+$", "", n)) if re.sub(r"-onglet-\d+$", "", n) in order
                              else len(order), n))
total = sum(os.path.getsize(os.path.join(screens, f)) for f in files)
lines = ["# Captures d'écran", "",
         "Les pages principales de la plateforme, prises par `scripts/screens.sh` pendant les parcours de test "
         "(`scripts/tests/*_walk.py`, Chromium sans interface), en pleine page à 1280 px de large et à 360 px "
         "(mobile). Ne pas modifier à la main : relancer le script.", "",
         f"{len(files)} images, {total / 1e6:.1f} Mo.", "",
         "| Page | 1280 px | 360 px |", "|---|---|---|"]
for name in names:
    base = re.sub(r"-onglet-(\d+)$", "", name)
    caption = captions.get(base, name)
    tab = re.search(r"-onglet-(\d+)$", name)
    if tab:
        caption = f"{caption.split(' :')[0]}, onglet {tab.group(1)}."
    wide = f"[{name}.png](screens/{name}.png)" if f"{name}.png" in files else "—"
    narrow = f"[{name}-360.png](screens/{name}-360.png)" if f"{name}-360.png" in files else "—"
    lines.append(f"| {caption} | {wide} | {narrow} |")
open(target, "w").write("\n".join(lines) + "\n")
print(f"screens: {len(files)} PNG in docs/screens ({total / 1e6:.1f} MB), docs/screens.md written")
if total > 3_000_000:
    print("screens: over 3 MB: shrink them further before committing", file=sys.stderr)
EOF
exit $status
