#!/usr/bin/env bash
# Runs every notebook here from top to bottom (nbclient) against the release build, in a virtual
# environment made from requirements.txt on first use; stops at the first cell that fails.
#   Notebooks/check.sh [notebook.ipynb ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet -r requirements.txt
(cd .. && swift build -c release --product seatplan >/dev/null)
[ $# -gt 0 ] || set -- *.ipynb
.venv/bin/python - "$@" <<'PY'
import sys
import nbformat
from nbclient import NotebookClient
for name in sys.argv[1:]:
    nb = nbformat.read(name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
    print(f"{name}: {len(nb.cells)} cells ran")
PY
