#!/usr/bin/env bash
# Projection benchmark: SeatPlan (release build) against the same computation in numpy, in one run.
#   Benchmarks/run_projection.sh [communities] [years] [repeats]      (defaults 2000 30 5)
# Prints both timings, checks that the checksums agree, and prints the speed ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
areas=${1:-2000}; years=${2:-30}; repeats=${3:-5}
if [ ! -x Benchmarks/.venv/bin/python ]; then
  python3 -m venv Benchmarks/.venv
  Benchmarks/.venv/bin/pip install --quiet -r Benchmarks/requirements.txt
fi
swift build -c release --product ProjectionBenchmark >/dev/null
swift_out=$(.build/release/ProjectionBenchmark "$areas" "$years" "$repeats")
numpy_out=$(Benchmarks/.venv/bin/python Benchmarks/projection_numpy.py "$areas" "$years" "$repeats")
echo "$swift_out"; echo "$numpy_out"
Benchmarks/.venv/bin/python - "$swift_out" "$numpy_out" <<'PY'
import re, sys
def field(text, name): return float(re.search(name + r"=([0-9.e+-]+)", text).group(1))
s, n = sys.argv[1], sys.argv[2]
for name in ("births",):
    a, b = field(s, name), field(n, name)
    assert abs(a - b) <= 1e-9 * abs(b), f"checksums differ: {name} {a} vs {b}"
ta, tb = field(s, "total_[0-9]+"), field(n, "total_[0-9]+")
assert abs(ta - tb) <= 1e-9 * abs(tb), f"checksums differ: total {ta} vs {tb}"
print(f"ratio  numpy_best / swift_best = {field(n, 'best') / field(s, 'best'):.2f}  (checksums agree to 1e-9)")
PY
