#!/usr/bin/env bash
# Uncertainty benchmark: `seatplan simulate --draws N` on the default county against the loop a
# planner would otherwise script (draws_by_script.sh: one `seatplan simulate` per draw), in one run.
#   Benchmarks/run_draws.sh [draws] [script draws]      (defaults 1000 50)
# Prints each side's wall time and draws per second, and the ratio of the rates.
set -euo pipefail
cd "$(dirname "$0")/.."
draws=${1:-1000}; scripted=${2:-50}
swift build -c release --product seatplan >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
t0=$(now); .build/release/seatplan simulate Scenarios/yunling --draws "$draws" --seed 1 --out "$tmp/draws" >/dev/null; t1=$(now)
Benchmarks/draws_by_script.sh "$scripted" "$tmp/script"; t2=$(now)
awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v n="$draws" -v m="$scripted" 'BEGIN {
  a = t1 - t0; b = t2 - t1
  printf "simulate --draws  draws=%d  seconds=%.2f  draws_per_s=%.1f\n", n, a, n / a
  printf "script per draw   draws=%d  seconds=%.2f  draws_per_s=%.2f\n", m, b, m / b
  printf "ratio  draws_per_s(--draws) / draws_per_s(script) = %.0f\n", (n / a) / (m / b)
}'
