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

# --- schools ----------------------------------------------------------------------------------
# The network of 2024: what a mountain county typically has (illustrative): a crowded county seat,
# town central schools with boarding, village primaries and natural-village teaching points, one
# public kindergarten per township except 竹溪乡, junior schools in towns, a high school and a
# vocational school in the county seat and a complete secondary school in 岭南镇.
communities = {row[0]: row for row in community_rows}
by_district = {}
for row in community_rows:
    by_district.setdefault(row[1], []).append(row)
PRIMARY_STANDARD = [4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3]
JUNIOR_STANDARD = [5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4]
school_rows = []


def school(sid, name, cid, kind, grades, classrooms, beds=0, public=1, inclusive=1, pupils=None, standard=None, wealth=1.0,
           split=None):
    c = communities[cid]
    lat = float(c[4]) + RNG.uniform(-0.002, 0.002)
    lon = float(c[5]) + RNG.uniform(-0.002, 0.002)
    resources = [""] * 7
    if standard is not None and pupils:
        resources = []
        for k, s in enumerate(standard):
            per = s * wealth * RNG.uniform(0.75, 1.35)
            total = per * pupils / (100 if k in (0, 1, 2, 6) else 1)
            resources.append(f"{total:.1f}" if k != 5 else f"{total:.0f}")
    split = split or {}
    school_rows.append([sid, name, c[1], cid, kind, grades, classrooms, f"{lat:.4f}", f"{lon:.4f}", beds, public, inclusive,
                        "" if pupils is None else pupils] + [split.get(k, "") for k in ("primary", "junior", "senior")] + resources)


# County seat (云城镇)
school("D01K1", "县第一幼儿园", "D0101", "kindergarten", "K1-K3", 12)
school("D01K2", "县第二幼儿园", "D0103", "kindergarten", "K1-K3", 12)
school("D01K3", "新城幼儿园(小区配套园)", "D0105", "kindergarten", "K1-K3", 9)
school("D01K4", "阳光幼儿园", "D0102", "kindergarten", "K1-K3", 9, public=0, inclusive=1)
school("D01K5", "小天使幼儿园", "D0104", "kindergarten", "K1-K3", 6, public=0, inclusive=0)
school("D01P1", "县第一小学", "D0101", "primary", "1-6", 36, pupils=1790, standard=PRIMARY_STANDARD, wealth=1.25)
school("D01P2", "县第二小学", "D0103", "primary", "1-6", 30, pupils=1480, standard=PRIMARY_STANDARD, wealth=1.15)
school("D01P3", "城北小学", "D0104", "primary", "1-6", 24, pupils=1160, standard=PRIMARY_STANDARD, wealth=1.0)
school("D01P4", "大寨小学", "D0107", "primary", "1-6", 6, pupils=230, standard=PRIMARY_STANDARD, wealth=0.8)
school("D01J1", "县第一中学", "D0102", "junior", "7-9", 36, beds=800, pupils=1850, standard=JUNIOR_STANDARD, wealth=1.2)
school("D01J2", "县第二中学", "D0106", "junior", "7-9", 24, beds=400, pupils=1150, standard=JUNIOR_STANDARD, wealth=1.0)
school("D01H1", "县第一高级中学", "D0106", "senior", "10-12", 60, beds=2400)
school("D01V1", "县职业高级中学", "D0108", "vocational", "10-12", 40, beds=1400)

for did, dname, kind, *_ in DISTRICTS[1:]:
    members = by_district[did]
    hood = [m for m in members if m[3] == "neighborhood"]
    villages = [m for m in members if m[3] == "admin_village"]
    naturals = [m for m in members if m[3] == "natural_village"]
    seat = (hood or villages)[0][0]
    short = dname[:-1]
    if kind == "town":
        school(f"{did}K1", f"{short}镇中心幼儿园", seat, "kindergarten", "K1-K3", 12)
        for n, v in enumerate(villages[:3], 2):
            school(f"{did}K{n}", f"{v[2][:-1]}幼儿班", v[0], "kindergarten", "K1-K3", 4)
        school(f"{did}P1", f"{short}镇中心小学", seat, "primary", "1-6", 24, beds=400, pupils=1050, standard=PRIMARY_STANDARD, wealth=0.95)
        for n, v in enumerate(villages[1::2], 2):
            school(f"{did}P{n}", f"{v[2][:-1]}小学", v[0], "primary", "1-6", 6, pupils=220, standard=PRIMARY_STANDARD, wealth=0.75)
        for n, v in enumerate(naturals, 1):
            school(f"{did}T{n}", f"{v[2]}教学点", v[0], "teaching_point", "1-3", 3, pupils=40, standard=PRIMARY_STANDARD, wealth=0.6)
        if did == "D02":
            school("D02J1", "岭南中学", seat, "complete_secondary", "7-12", 48, beds=1200, pupils=1450, standard=JUNIOR_STANDARD,
                   wealth=0.9, split={"junior": 30, "senior": 18})
        else:
            school(f"{did}J1", f"{short}镇中学", seat, "junior", "7-9", 30, beds=800, pupils=1420, standard=JUNIOR_STANDARD, wealth=0.9)
    else:
        public = 0 if did == "D09" else 1
        school(f"{did}K1", f"{short}乡{'中心' if public else '育苗'}幼儿园", seat, "kindergarten", "K1-K3", 12, public=public, inclusive=1)
        for n, v in enumerate(villages[1:3], 2):
            school(f"{did}K{n}", f"{v[2][:-1]}幼儿班", v[0], "kindergarten", "K1-K3", 3, public=public, inclusive=1)
        if did == "D05":
            school("D05P1", "平河乡九年一贯制学校", seat, "nine_year", "1-9", 30, beds=700, pupils=1300, standard=PRIMARY_STANDARD,
                   wealth=0.85, split={"primary": 18, "junior": 12})
        else:
            school(f"{did}P1", f"{short}乡中心小学", seat, "primary", "1-6", 18, beds=300, pupils=780, standard=PRIMARY_STANDARD, wealth=0.85)
        for n, v in enumerate(villages[1::2], 2):
            school(f"{did}P{n}", f"{v[2][:-1]}小学", v[0], "primary", "1-6", 6, pupils=200, standard=PRIMARY_STANDARD, wealth=0.7)
        for n, v in enumerate(naturals, 1):
            school(f"{did}T{n}", f"{v[2]}教学点", v[0], "teaching_point", "1-3", 2, pupils=25, standard=PRIMARY_STANDARD, wealth=0.55)
        if did == "D07":
            school("D07J1", "石岭乡中学", seat, "junior", "7-9", 18, beds=600, pupils=800, standard=JUNIOR_STANDARD, wealth=0.8)

header = ["id", "name", "district", "community", "kind", "grades", "classrooms", "lat", "lon", "boarding_beds", "public", "inclusive",
          "pupils", "classrooms_primary", "classrooms_junior", "classrooms_senior", "degree_teachers", "key_teachers",
          "pe_arts_teachers", "room_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_classrooms"]
write("schools.csv", header, school_rows)

# Catchments (划片): county-seat neighbourhoods to their primary and junior schools.
write("catchments.csv", ["community", "stage", "school"], [
    ["D0101", "primary", "D01P1"], ["D0105", "primary", "D01P1"], ["D0102", "primary", "D01P2"],
    ["D0103", "primary", "D01P2"], ["D0104", "primary", "D01P3"], ["D0106", "primary", "D01P3"],
    ["D0101", "junior", "D01J1"], ["D0102", "junior", "D01J1"], ["D0105", "junior", "D01J1"],
    ["D0103", "junior", "D01J2"], ["D0104", "junior", "D01J2"], ["D0106", "junior", "D01J2"],
])
# Migrant children (随迁子女) settling in the county seat each year.
write("migrant_children.csv", ["area", "stage", "pupils"], [["D01", "kindergarten", 120], ["D01", "primary", 300], ["D01", "junior", 130]])
print(f"schools {len(school_rows)}")

# Candidate sites (用地): where the county could build, with land and site-preparation costs (yuan).
SITES = [
    ("C01", "D0105", "kindergarten;primary;junior;nine_year", 20_000_000),   # 新城 (new town) beside the resettlement estate
    ("C02", "D0106", "senior;vocational;junior", 30_000_000),                # 东仓: the county's second high school (seed 000)
    ("C03", "D0104", "kindergarten;primary", 15_000_000),                    # 城北
    ("C04", "D0901", "kindergarten", 1_000_000),                             # 竹溪乡 seat: a public kindergarten (一乡一公办)
    ("C05", "D0201", "primary;junior;nine_year", 5_000_000),                 # 岭南镇
    ("C06", "D0301", "kindergarten;primary", 4_000_000),                     # 河口镇
    ("C07", "D0401", "kindergarten;junior", 4_000_000),                      # 松林镇
    ("C08", "D0501", "kindergarten;primary", 2_000_000),                     # 平河乡
    ("C09", "D0601", "kindergarten", 1_000_000),                             # 梅岭乡
    ("C10", "D0108", "vocational;senior", 25_000_000),                       # 坡头村, beside the vocational school
    ("C11", "D0906", "kindergarten", 200_000),                               # 戈奎村: a village kindergarten on 戈奎小学's land (一村一幼)
    ("C12", "D0201", "kindergarten", 2_000_000),                             # 岭南镇: a second town kindergarten (the town grows)
    ("C13", "D0105", "kindergarten", 3_000_000),                             # 新城: the estate's own kindergarten (小区配套幼儿园)
]
site_rows = []
for sid, cid, kinds, land in SITES:
    c = communities[cid]
    site_rows.append([sid, c[1], cid, f"{float(c[4]) + 0.003:.4f}", f"{float(c[5]) - 0.003:.4f}", kinds, land])
write("candidate_sites.csv", ["id", "district", "community", "lat", "lon", "allowed_kinds", "land_cost"], site_rows)
