#!/usr/bin/env bash
# Set up okrgen on a fresh Debian/Ubuntu machine: system libraries for WeasyPrint, a CJK font,
# poppler (the PDF tests read PDFs back), then a virtualenv in .venv with okrgen and its tests.
# Safe to run again: apt and pip skip what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0  # WeasyPrint text layout; subsetting ~10x faster PDFs
  fontconfig fonts-dejavu-core fonts-noto-cjk                          # Chinese glyphs (and a fallback for everything)
  fonts-noto-core                                                      # Noto Sans for Latin/Cyrillic: 20 KB PDFs, not 285 KB of CJK font
  fonts-noto-color-emoji                                               # emoji in titles print in colour, not as boxes
  poppler-utils                                                        # pdftotext, pdffonts, pdftoppm for the PDF tests
  chromium                                                             # browser tests of the report and plan HTML (Playwright drives it)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check '.[test]'
echo "setup: okrgen $(.venv/bin/okrgen --version | cut -d' ' -f2) installed in .venv"
