#!/usr/bin/env bash
# What a planner without `simulate --draws` would script: one `seatplan simulate` per draw, each with
# its inputs drawn here and given by --set (TFR shift, net migration scale, mortality improvement,
# kindergarten and senior targets; the defaults of `uncertainty:`), its outputs in a folder of its own.
# The percentiles are left to the reader (this side is timed without them).
#   Benchmarks/draws_by_script.sh DRAWS OUT_DIR [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
draws=$1; out=$2; seed=${3:-1}
bin=.build/release/seatplan
awk -v n="$draws" -v seed="$seed" 'BEGIN {
  srand(seed); pi = atan2(0, -1)
  for (i = 0; i < n; i++) {
    for (k = 0; k < 5; k++) z[k] = sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
    printf "%.4f %.4f %.5f %.4f %.4f\n", 1.70 + 0.304 * z[0], 1 + 0.3 * z[1], 0.01 + 0.005 * z[2], 0.93 + 0.02 * z[3], 0.95 + 0.02 * z[4]
  }
}' | {
  i=0
  while read -r tfr scale improvement kindergarten senior; do
    sets=(--set "fertility.tfr={2024: 1.70, 2029: $tfr}" --set "mortality.improvement=$improvement"
          --set "enrollment.rates.kindergarten.2027=$kindergarten" --set "enrollment.rates.senior.2030=$senior")
    for d in D01:-0.003 D02:-0.009 D03:-0.009 D04:-0.009 D05:-0.011 D06:-0.011 D07:-0.011 D08:-0.011 D09:-0.011; do
      sets+=(--set "migration.net_rate.${d%%:*}=$(awk -v r="${d#*:}" -v m="$scale" 'BEGIN { printf "%.6f", r * m }')")
    done
    "$bin" simulate Scenarios/yunling "${sets[@]}" --out "$out/draw-$i" >/dev/null
    i=$((i + 1))
  done
}
