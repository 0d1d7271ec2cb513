#!/usr/bin/env python3
"""Peers of `seatplan solve-cflp`: the same capacitated facility location model written the way a
Python planner would, handed to CBC through PuLP and to HiGHS through highspy.

Model (split demand, as OR-Library's published optima): min sum f_i y_i + sum c_ij x_ij s.t.
sum_i x_ij = 1, sum_j d_j x_ij <= s_i y_i, x_ij <= y_i, sum_i s_i y_i >= sum_j d_j, y binary,
0 <= x <= 1 (binary with --single-source). Prints one JSON line per solver with the objective, the
status, and model-building and solving seconds measured separately.

    python3 cflp_peers.py FILE [--capacity C] [--single-source] [--time-limit S] [--solvers pulp,highs]
"""
import argparse
import json
import time


def read(path, capacity):
    t = open(path).read().split()
    m, n = int(t[0]), int(t[1])
    p = 2
    s, f = [], []
    for _ in range(m):
        s.append(capacity if capacity is not None else float(t[p]))
        f.append(float(t[p + 1]))
        p += 2
    d, c = [], [[0.0] * n for _ in range(m)]
    for j in range(n):
        d.append(float(t[p]))
        p += 1
        for i in range(m):
            c[i][j] = float(t[p])
            p += 1
    return m, n, s, f, d, c


def pulp_cbc(inst, single, time_limit):
    import pulp
    m, n, s, f, d, c = inst
    t0 = time.perf_counter()
    prob = pulp.LpProblem("cflp", pulp.LpMinimize)
    y = [pulp.LpVariable(f"y_{i}", cat="Binary") for i in range(m)]
    cat = "Binary" if single else "Continuous"
    x = [[pulp.LpVariable(f"x_{i}_{j}", 0, 1, cat=cat) for j in range(n)] for i in range(m)]
    prob += pulp.lpSum(f[i] * y[i] for i in range(m)) + pulp.lpSum(c[i][j] * x[i][j] for i in range(m) for j in range(n))
    for j in range(n):
        prob += pulp.lpSum(x[i][j] for i in range(m)) == 1
    for i in range(m):
        prob += pulp.lpSum(d[j] * x[i][j] for j in range(n)) <= s[i] * y[i]
    for i in range(m):
        for j in range(n):
            prob += x[i][j] <= y[i]
    prob += pulp.lpSum(s[i] * y[i] for i in range(m)) >= sum(d)
    build = time.perf_counter() - t0
    t1 = time.perf_counter()
    prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=1e-9))
    solve = time.perf_counter() - t1
    status = pulp.LpStatus[prob.status]
    obj = pulp.value(prob.objective)
    # PuLP reports "Optimal" also when CBC stopped on the time limit with a solution.
    if solve >= time_limit * 0.98:
        status = "TimeLimit"
    return {"solver": "pulp+cbc", "status": status, "objective": obj, "build_seconds": build, "solve_seconds": solve}


def highs(inst, single, time_limit):
    import highspy
    import numpy as np
    m, n, s, f, d, c = inst
    t0 = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 1e-9)
    inf = highspy.kHighsInf
    # columns: y_0..y_{m-1}, then x_{i,j} at m + i*n + j
    cost = np.concatenate([np.array(f), np.array(c).reshape(-1)])
    ncol = m + m * n
    h.addVars(ncol, np.zeros(ncol), np.ones(ncol))
    h.changeColsCost(ncol, np.arange(ncol, dtype=np.int32), cost)
    integer = np.arange(ncol if single else m, dtype=np.int32)
    h.changeColsIntegrality(len(integer), integer, np.full(len(integer), highspy.HighsVarType.kInteger))
    lower, upper, starts, index, value = [], [], [0], [], []

    def row(lo, up, cols, vals):
        lower.append(lo)
        upper.append(up)
        index.extend(cols)
        value.extend(vals)
        starts.append(len(index))
    for j in range(n):
        row(1, 1, [m + i * n + j for i in range(m)], [1.0] * m)
    for i in range(m):
        row(-inf, 0, [m + i * n + j for j in range(n)] + [i], d + [-s[i]])
    for i in range(m):
        for j in range(n):
            row(-inf, 0, [m + i * n + j, i], [1.0, -1.0])
    row(sum(d), inf, list(range(m)), s)
    h.addRows(len(lower), np.array(lower), np.array(upper), len(index), np.array(starts[:-1], dtype=np.int32),
              np.array(index, dtype=np.int32), np.array(value))
    build = time.perf_counter() - t0
    t1 = time.perf_counter()
    h.run()
    solve = time.perf_counter() - t1
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    return {"solver": "highs", "status": status, "objective": info.objective_function_value,
            "bound": info.mip_dual_bound, "build_seconds": build, "solve_seconds": solve}


def main():
    a = argparse.ArgumentParser()
    a.add_argument("file")
    a.add_argument("--capacity", type=float)
    a.add_argument("--single-source", action="store_true")
    a.add_argument("--time-limit", type=float, default=600)
    a.add_argument("--solvers", default="pulp,highs")
    args = a.parse_args()
    inst = read(args.file, args.capacity)
    for name in args.solvers.split(","):
        result = {"pulp": pulp_cbc, "highs": highs}[name](inst, args.single_source, args.time_limit)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
