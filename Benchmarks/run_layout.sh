#!/usr/bin/env bash
# Layout benchmark: `seatplan optimize` (release build) on the default county with 1 to 5 periods
# (`optimizer.periods`), and in the same run its own model (`--write-model`) solved by HiGHS
# (highspy, 2 threads) and by CBC's binary (coinor-cbc, 2 threads), each to a 1% gap.
#   Benchmarks/run_layout.sh [peer time limit, seconds]   (default 1800)
# Prints a Markdown table: periods, variables, SeatPlan's objective, gap and seconds, each peer's,
# and the ratios SeatPlan ÷ peer of the seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-1800}
if [ ! -x Benchmarks/.venv/bin/python ]; then python3 -m venv Benchmarks/.venv; fi
Benchmarks/.venv/bin/pip install --quiet -r Benchmarks/requirements.txt
command -v cbc >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq coinor-cbc >/dev/null; }
swift build -c release --product seatplan >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
Benchmarks/.venv/bin/python - "$work" "$limit" <<'PY'
import re, shutil, subprocess, sys, time, highspy
work, limit = sys.argv[1], float(sys.argv[2])
lists = [[2026], [2026, 2031], [2026, 2031, 2040], [2026, 2028, 2031, 2040], [2026, 2028, 2031, 2035, 2040]]
print("| periods | variables | SeatPlan objective | gap | s | HiGHS objective | gap | s | CBC objective | gap | s | ÷ HiGHS | ÷ CBC |")
print("|" + "---|" * 13)
for years in lists:
    scenario = f"{work}/s{len(years)}"
    shutil.copytree("Scenarios/yunling", scenario)
    text = open(f"{scenario}/scenario.yaml").read().replace("  budget: 500000000", f"  periods: {years}\n  max_temporary_classrooms: 4\n  budget: 500000000", 1)
    open(f"{scenario}/scenario.yaml", "w").write(text)
    lp = f"{work}/m{len(years)}.lp"
    t = time.time()
    subprocess.run([".build/release/seatplan", "optimize", scenario, "--out", f"{work}/o{len(years)}", "--write-model", lp], check=True, capture_output=True)
    ours = time.time() - t
    head = open(f"{work}/o{len(years)}/plan.yaml").read()
    obj = float(re.search(r"objective_value: ([0-9.]+)", head).group(1)); gap = float(re.search(r"gap: ([0-9.]+)", head).group(1))
    h = highspy.Highs(); h.setOptionValue("output_flag", False); h.setOptionValue("mip_rel_gap", 0.01)
    h.setOptionValue("threads", 2); h.setOptionValue("time_limit", limit); h.readModel(lp)
    t = time.time(); h.run(); hs = time.time() - t
    hi = h.getInfo(); variables = h.getNumCol()
    t = time.time()
    out = subprocess.run(["cbc", lp, "ratio", "0.01", "sec", str(limit), "threads", "2", "solve"], capture_output=True, text=True).stdout
    cs = time.time() - t
    m = re.search(r"Objective value:\s+([0-9.e+]+)", out); cobj = float(m.group(1)) if m else float("nan")
    b = re.search(r"Lower bound:\s+([0-9.e+-]+)", out); cgap = (cobj - float(b.group(1))) / cobj if b and m else float("nan")
    print(f"| {len(years)} ({', '.join(map(str, years))}) | {variables} | {obj:,.0f} | {gap:.3%} | {ours:.0f} | {hi.objective_function_value:,.0f} | {hi.mip_gap:.3%} | {hs:.0f} "
          f"| {cobj:,.0f} | {cgap:.3%} | {cs:.0f} | {ours / hs:.2f} | {ours / cs:.2f} |", flush=True)
PY
