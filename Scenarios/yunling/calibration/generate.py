#!/usr/bin/env python3
"""Builds the illustrative Yunling County (云岭县) scenario tables from public national schedules.

Yunling is fictional: a mountain county in the spirit of seed plan 004 (a county seat, market towns
and townships, administrative and natural villages, young adults leaving, shrinking rural cohorts).
Its counts are ILLUSTRATIVE, NOT REAL. What is calibrated, and to what:

- Total population 230,000 in 2024: the size of a mountain county in southern Yunnan (for scale,
  Lüchun County, the county of seed 004, reported about 0.22 million residents in the 2020 census).
- Age shape: China's 5-year age structure from UN WPP 2022, interpolated to 2024 (80% of the way
  from the 2020 estimate to the 2025 medium projection), then tilted by district kind: more children
  and elderly and fewer adults aged 20-39 in townships and towns (out-migration of young adults),
  the reverse in the county seat. Sexes are split with M/F = s * L^M_x / L^F_x (life-table
  survivorship), s = 1.12 below age 30 (China's high sex ratio at birth of the 2000s-2010s), 1.05 above.
- Fertility: WPP 2022 ASFR for China 2020 (TFR 1.28), rescaled to a county TFR of 1.55 and to 1.80
  in the townships (rural Yunnan fertility is above the national level).
- Mortality: WPP 2024 central death rates 2020-2025 for China times 1.25 (a poorer mountain county,
  life expectancy about 2-3 years below the national level), converted to single-year qx with the
  death rate constant within each 5-year group (qx = mx / (1 + 0.5 mx); Coale-Demeny a0 at age 0).

Run from this folder: `python3 generate.py` (numpy required); it rewrites the CSV tables one level up.
The random variation between villages uses a fixed seed, so the output is reproducible.
"""
import csv
import math
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent
RNG = np.random.default_rng(20241124)
TOTAL = 230_000
MORTALITY_FACTOR = 1.25
COUNTY_TFR = 1.55
TOWNSHIP_TFR = 1.80


def read_rows(name):
    with open(HERE / name, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


# --- national shapes -------------------------------------------------------------------------
pop = read_rows("wpp_china.csv")
groups = [r["age_group"] for r in pop]  # 0-4 ... 95-99, 100+
shape = np.array([0.2 * float(r["pop2020"]) + 0.8 * float(r["pop2025"]) for r in pop])
rates = read_rows("wpp_china_rates.csv")
lower = [int(r["age"]) for r in rates]


def single_year_mx(column):
    """Central death rate for each single age 0..100, constant within each WPP group."""
    mx = np.zeros(101)
    for i, lo in enumerate(lower):
        hi = lower[i + 1] - 1 if i + 1 < len(lower) else 100
        mx[lo:hi + 1] = float(rates[i][column]) * MORTALITY_FACTOR
    return mx


def life_table(mx, male):
    """qx (0..99) and Lx (0..100, last = T100) with radix 1."""
    m0 = mx[0]
    a0 = (0.330 if male else 0.350) if m0 >= 0.107 else ((0.045 + 2.684 * m0) if male else (0.053 + 2.800 * m0))
    ax = np.full(100, 0.5)
    ax[0] = a0
    qx = mx[:100] / (1 + (1 - ax) * mx[:100])
    lx = np.ones(101)
    for x in range(100):
        lx[x + 1] = lx[x] * (1 - qx[x])
    Lx = np.append(lx[1:] + ax * lx[:100] * qx, lx[100] / mx[100])
    return qx, Lx


mx_m, mx_f = single_year_mx("mx_M"), single_year_mx("mx_F")
qx_m, L_m = life_table(mx_m, True)
qx_f, L_f = life_table(mx_f, False)

# --- areas ------------------------------------------------------------------------------------
# id, name, kind, share of county population, centre (lat, lon), neighbourhoods, admin villages, natural villages
DISTRICTS = [
    ("D01", "云城镇", "county_seat", 0.26, (23.000, 102.400), ["城东社区", "城西社区", "城南社区", "城北社区", "新城社区", "东仓社区"],
     ["大寨村", "坡头村"], []),
    ("D02", "岭南镇", "town", 0.115, (22.930, 102.520), ["岭南社区"],
     ["岭南村", "大坪村", "马鹿塘村", "龙洞村", "上寨村", "下寨村"], ["老虎箐", "水井湾"]),
    ("D03", "河口镇", "town", 0.11, (23.080, 102.300), ["河口社区"],
     ["河口村", "沙坝村", "石门村", "新寨村", "茶山村", "团结村", "那哈村"], ["小河边", "凹子寨"]),
    ("D04", "松林镇", "town", 0.105, (22.880, 102.310), ["松林社区"],
     ["松林村", "红土村", "白岩村", "平掌村", "黑树村", "阿倮村"], ["大箐头", "松树脚"]),
    ("D05", "平河乡", "township", 0.09, (22.840, 102.460), [],
     ["平河村", "车里村", "洞铺村", "略马村", "东批村", "哈育村"], ["土戈寨", "麻栗坪", "嘎处"]),
    ("D06", "梅岭乡", "township", 0.085, (23.130, 102.450), [],
     ["梅岭村", "高山村", "果期村", "俄马村", "规东村", "坡头上寨村", "瓦那村"], ["牛倮", "阿东"]),
    ("D07", "石岭乡", "township", 0.08, (23.050, 102.580), [],
     ["石岭村", "大新寨村", "玛玉村", "普玛村", "座玛村", "岔弄村"], ["批红", "娘丘", "咪切"]),
    ("D08", "半坡乡", "township", 0.08, (22.960, 102.220), [],
     ["半坡村", "哈东村", "坡头下寨村", "折东村", "阿撒村", "勐曼村"], ["毛坝", "东哈"]),
    ("D09", "竹溪乡", "township", 0.075, (22.800, 102.380), [],
     ["竹溪村", "骑马坝村", "腊姑村", "玛都村", "哈播村", "戈奎村"], ["阿迪", "小寨", "龙碧"]),
]


def tilt(kind):
    """Multipliers on the national 5-year shape by district kind."""
    f = np.ones(len(groups))
    if kind == "county_seat":
        f[0:3], f[4:8], f[13:] = 1.05, 1.12, 0.80
    elif kind == "town":
        f[0:3], f[4:8], f[12:] = 1.20, 0.82, 1.05
    else:
        f[0:3], f[4:8], f[12:] = 1.30, 0.62, 1.18
    return f


def male_fraction():
    """Share of males by single age, from the survivorship ratio and the sex ratio at birth."""
    s = np.where(np.arange(101) < 30, 1.12, 1.05)
    ratio = s * L_m / L_f
    return ratio / (1 + ratio)


MALE = male_fraction()
GROUP_BOUNDS = [(int(g.split("-")[0]), int(g.split("-")[1])) if "-" in g else (100, 100) for g in groups]


def single_years(group_counts):
    """Even split of 5-year counts to single ages 0..100 with small random noise."""
    out = np.zeros(101)
    for (lo, hi), n in zip(GROUP_BOUNDS, group_counts):
        w = RNG.uniform(0.93, 1.07, hi - lo + 1)
        out[lo:hi + 1] = n * w / w.sum()
    return out


def write(name, header, rows):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


district_rows, community_rows, population_rows = [], [], []
for did, dname, kind, share, (lat0, lon0), hoods, villages, naturals in DISTRICTS:
    district_rows.append([did, dname, kind])
    total = TOTAL * share
    # Community weights: neighbourhoods hold most of a county seat and ~30% of a town.
    members = [(n, "neighborhood") for n in hoods] + [(v, "admin_village") for v in villages] + [(n, "natural_village") for n in naturals]
    weights = []
    for _, ckind in members:
        if ckind == "neighborhood":
            weights.append(RNG.uniform(0.8, 1.2) * (0.85 / len(hoods) if kind == "county_seat" else 0.30))
        elif ckind == "admin_village":
            weights.append(RNG.uniform(0.7, 1.3) * ((0.15 if kind == "county_seat" else 0.62) / len(villages)))
        else:
            weights.append(RNG.uniform(0.006, 0.014))
    weights = np.array(weights) / sum(weights)
    shape_d = shape * tilt(kind)
    shape_d /= shape_d.sum()
    for k, ((cname, ckind), w) in enumerate(zip(members, weights)):
        cid = f"{did}{k + 1:02d}"
        radius = 0.015 if ckind == "neighborhood" else 0.09
        lat = lat0 + RNG.uniform(-radius, radius)
        lon = lon0 + RNG.uniform(-radius, radius)
        community_rows.append([cid, did, cname, ckind, f"{lat:.4f}", f"{lon:.4f}"])
        counts = total * w * shape_d * RNG.uniform(0.9, 1.1, len(groups))
        if ckind == "neighborhood" and kind == "county_seat":
            ages = single_years(counts)  # urban registers give single years
            for age in range(101):
                m = round(ages[age] * MALE[age])
                f = round(ages[age] * (1 - MALE[age]))
                population_rows += [[cid, "M", age, m], [cid, "F", age, f]]
        else:
            # Village tables: 5-year groups, 85+ open (the loader splits them).
            grouped = list(counts[:17]) + [counts[17:].sum()]
            labels = groups[:17] + ["85+"]
            for (lo, hi), label, n in zip(GROUP_BOUNDS[:17] + [(85, 100)], labels, grouped):
                mf = MALE[lo:hi + 1].mean()
                population_rows += [[cid, "M", label, round(n * mf)], [cid, "F", label, round(n * (1 - mf))]]

write("districts.csv", ["id", "name", "kind"], district_rows)
write("communities.csv", ["id", "district", "name", "kind", "lat", "lon"], community_rows)
write("population.csv", ["area", "sex", "age", "population"], population_rows)

# Fertility: county schedule (5-year groups) and township schedules at a higher TFR.
asfr = {int(r["age"]): float(r["asfr"]) for r in rates if 15 <= int(r["age"]) <= 45}
tfr_national = 5 * sum(asfr.values())
fert_rows = [["", f"{lo}-{lo + 4}", f"{a * COUNTY_TFR / tfr_national:.6f}"] for lo, a in asfr.items()]
for did, _, kind, *_ in DISTRICTS:
    if kind == "township":
        fert_rows += [[did, f"{lo}-{lo + 4}", f"{a * TOWNSHIP_TFR / tfr_national:.6f}"] for lo, a in asfr.items()]
write("fertility.csv", ["district", "age", "asfr"], fert_rows)

write("mortality.csv", ["sex", "age", "qx"],
      [["M", x, f"{qx_m[x]:.8f}"] for x in range(100)] + [["M", 100, "1"]]
      + [["F", x, f"{qx_f[x]:.8f}"] for x in range(100)] + [["F", 100, "1"]])
e0m, e0f = L_m.sum(), L_f.sum()

# Net in-migration of migrant workers' families into the county seat, every year.
mig = []
for label, n in [("0-4", 12), ("5-9", 10), ("10-14", 6), ("25-29", 24), ("30-34", 22), ("35-39", 14)]:
    mig += [["D0105", "M", label, n], ["D0105", "F", label, n]]
write("migration.csv", ["area", "sex", "age", "net_migrants"], mig)

write("housing.csv", ["area", "year", "households", "persons_per_household", "from"],
      [["D0105", 2026, 800, 3.4, "D08"],   # relocation-resettlement estate (易地扶贫搬迁安置区) from 半坡乡
       ["D0105", 2029, 500, 3.0, ""],      # commercial estate, buyers from outside the county
       ["D0201", 2027, 300, 3.2, "D05"]])  # town estate, families from 平河乡

print(f"total {sum(r[3] for r in population_rows):,}; e0 M {e0m:.1f} F {e0f:.1f}; "
      f"communities {len(community_rows)}; national TFR 2020 {tfr_national:.2f}")
