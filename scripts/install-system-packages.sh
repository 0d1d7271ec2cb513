#!/usr/bin/env bash
# Installs the Debian packages SeatPlan builds against (GSL, COIN-OR CBC and libxlsxwriter, through
# pkg-config; g++ for the C++ shim that gives CBC live progress), and those its tests read the outputs
# with (Chromium and the Noto CJK fonts: the report rendered and printed as a reader sees it; the
# notebooks' plots use the same fonts; LibreOffice Calc and poppler's pdftotext: the workbooks read
# back and printed by a second reader), and python3-venv for the notebooks' environment.
# Used by the README's quick start and by .ci/run; safe to run again.
set -euo pipefail
packages=(libgsl-dev coinor-libcbc-dev libxlsxwriter-dev zlib1g-dev pkg-config g++ chromium fonts-noto-cjk libreoffice-calc-nogui poppler-utils python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
