#!/usr/bin/env python3
"""The peer of SeatPlan's ProjectionBenchmark: the same cohort-component projection written the way a
planner's analyst would in Python — numpy, vectorized over areas, sexes and ages, one loop over years.

Inputs are the closed formulas of Sources/ProjectionBenchmark/SyntheticCounty.swift, so both programs
compute the same numbers; the checksums must agree with the Swift ones to 1e-9 relative.

    python3 projection_numpy.py [communities] [years] [repeats]
"""
import sys
import time

import numpy as np

AGES = 101
OPEN = 100


def inputs(communities):
    districts = 20
    order = [c for d in range(districts) for c in range(communities) if c % districts == d]
    a = np.array(order, dtype=float)
    x = np.arange(AGES)
    base = (100 + np.mod(a, 37))[:, None] * (1 - x / 120)[None, :]
    pop = np.stack([base * 1.02, base], axis=1)  # (areas, sex, age), sex 0 = M
    mx = np.stack([np.minimum(0.9, k * 0.0004 * np.exp(0.085 * x)) for k in (1.3, 1.0)])  # (sex, age)
    asfr = np.where((x >= 15) & (x <= 49), 0.09 * np.exp(-((x - 28) / 6) ** 2), 0.0)
    mig = np.zeros((2, AGES))
    mig[:, 18:31] = -0.2
    return pop, mx, asfr, mig


def qx_from_mx(mx):
    """qx (sex, 0..99), ax, open rate, as in MortalitySchedule.fromMx (Coale-Demeny a0)."""
    m0 = mx[:, 0]
    a0 = np.where(m0 >= 0.107, [0.330, 0.350], np.array([0.045, 0.053]) + np.array([2.684, 2.800]) * m0)
    ax = np.full((2, OPEN), 0.5)
    ax[:, 0] = a0
    qx = np.minimum(1, mx[:, :OPEN] / (1 + (1 - ax) * mx[:, :OPEN]))
    return qx, ax, mx[:, OPEN]


def survival(qx, ax, m_open, factor):
    """Survival ratios S (sex, age) and birth survival L0/l0 after improvement by `factor`."""
    q = np.minimum(1, qx * factor)
    m = m_open * factor
    lx = np.concatenate([np.ones((2, 1)), np.cumprod(1 - q, axis=1)], axis=1) * 100_000
    dx = lx[:, :OPEN] * q
    L = np.empty((2, AGES))
    L[:, :OPEN] = lx[:, 1:] + ax * dx
    L[:, OPEN] = lx[:, OPEN] / m
    S = np.empty((2, AGES))
    S[:, :OPEN - 1] = L[:, 1:OPEN] / L[:, :OPEN - 1]
    open_ratio = L[:, OPEN] / (L[:, OPEN - 1] + L[:, OPEN])
    S[:, OPEN - 1] = open_ratio
    S[:, OPEN] = open_ratio
    return S, L[:, 0] / 100_000


def project(pop0, mx, asfr, mig, years):
    areas = pop0.shape[0]
    out = np.empty((years + 1, areas, 2, AGES))
    out[0] = pop0
    births_total = 0.0
    deaths = np.empty((years, areas))
    qx, ax, m_open = qx_from_mx(mx)
    tfr = np.interp(np.arange(years + 1), [0, years], [1.5, 1.3])
    rho = 1 / (1 + 1.08)
    fertile = slice(15, 50)
    for t in range(years):
        S, b = survival(qx, ax, m_open, 0.99 ** t)
        f = asfr * tfr[t] / asfr.sum()
        n = out[t]
        end = out[t + 1]
        exposed = n + 0.5 * mig
        end[:, :, 1:OPEN] = exposed[:, :, :OPEN - 1] * S[None, :, :OPEN - 1]
        end[:, :, OPEN] = (exposed[:, :, OPEN - 1] + exposed[:, :, OPEN]) * S[None, :, OPEN]
        end[:, :, 1:] += 0.5 * mig[None, :, 1:]
        births = (f[fertile] * 0.5 * (exposed[:, 1, fertile] + end[:, 1, fertile])).sum(axis=1)
        end[:, 0, 0] = births * (1 - rho) * b[0] + 0.5 * mig[0, 0]
        end[:, 1, 0] = births * rho * b[1] + 0.5 * mig[1, 0]
        lost = exposed[:, :, :OPEN - 1] * (1 - S[None, :, :OPEN - 1])
        open_lost = (exposed[:, :, OPEN - 1] + exposed[:, :, OPEN]) * (1 - S[None, :, OPEN])
        deaths[t] = lost.sum(axis=(1, 2)) + open_lost.sum(axis=1) + births * ((1 - rho) * (1 - b[0]) + rho * (1 - b[1]))
        if (end < -1e-6).any():
            raise ValueError("negative population")
        births_total += births.sum()
    return out, births_total, deaths


def main():
    args = [int(a) for a in sys.argv[1:]]
    communities = args[0] if len(args) > 0 else 2000
    years = args[1] if len(args) > 1 else 30
    repeats = args[2] if len(args) > 2 else 5
    pop, mx, asfr, mig = inputs(communities)
    timings = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out, births, _ = project(pop, mx, asfr, mig, years)
        timings.append(time.perf_counter() - t0)
    cells = communities * 2 * AGES * years
    best = min(timings)
    median = sorted(timings)[len(timings) // 2]
    print(f"numpy  areas={communities} years={years} cells={cells} best={best:.4f}s median={median:.4f}s "
          f"cell_updates_per_s={cells / best:.3e}")
    print(f"numpy  checksum total_{2024 + years}={out[-1].sum():.6f} births={births:.6f}")


if __name__ == "__main__":
    main()
