#!/usr/bin/env bash
# Runs every notebook here from top to bottom (nbclient) against the release build, in a virtual
# environment made from requirements.txt (pinned) on first use; reports every notebook whose cell
# fails, with the cell and its traceback, and exits 1. .ci/run calls it after the tests.
#   Notebooks/check.sh [notebook.ipynb ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet -r requirements.txt
# The build's output is kept and shown when it fails.
if ! build_log=$(cd .. && swift build -c release --product seatplan 2>&1); then
  printf '%s\n' "$build_log" >&2
  echo "Notebooks/check.sh: the release build failed (above)" >&2
  exit 1
fi
[ $# -gt 0 ] || set -- *.ipynb
.venv/bin/python - "$@" <<'PY'
import sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
failed = []
for name in sys.argv[1:]:
    nb = nbformat.read(name, as_version=4)
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
        print(f"{name}: {len(nb.cells)} cells ran")
    except CellExecutionError as e:
        print(f"{name}: a cell failed:\n{e}", file=sys.stderr)
        failed.append(name)
sys.exit(f"notebooks that failed: {', '.join(failed)}" if failed else 0)
PY
