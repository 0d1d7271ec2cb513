#!/usr/bin/env python3
"""Builds the illustrative Yunling County (云岭县) scenario from public figures.

Yunling is fictional: a border minority mountain county in the spirit of seed plan 004 (绿春县, Honghe
prefecture, Yunnan): a county seat, three market towns and five townships (Lüchun has four towns and
five townships), administrative and natural villages. Its counts are ILLUSTRATIVE, NOT REAL. Every
figure it is calibrated to is listed, with its source, in ../README.md ("Calibration"):

- Population: 210,166 residents at the 2020 census (Lüchun's census count), Honghe prefecture's 2020
  census age structure (honghe_census2020.csv), tilted by district kind and aged to 2024 by SeatPlan
  itself (`seatplan project census2020`) with the scenario's own fertility, mortality, migration and
  urbanization, so the base population and the projected flows are one and the same process.
- Fertility: the UN WPP 2022 schedules for China by year (wpp_china_asfr.csv), scaled so that the 2020
  rates reproduce the census count at age 0 (births in the year before the census); townships higher,
  the county seat lower.
- Mortality: UN WPP 2024 death rates for China 2020-2025 and 2025-2030 (wpp_china_mx.csv) x 1.25, given
  by 5-year age group and year; improving 1% a year after 2027.
- Migration: net out-migration calibrated to Honghe's 2020-2023 fall in residents (4,478,422 -> 4,363,000,
  -0.86% a year with natural growth about 0); the county seat's share of residents rising 0.8 points a
  year (Honghe's 47.70% -> 50.1%, 2020-2023).
- Schools: pupils and classes by grade in 2024 from the base population through an explicit attendance
  process (true_attendance.csv), with rates set so that the base year lands at the levels Yunnan reports
  (学前三年毛入园率 92.46%, 义务教育巩固率 97.39%, 高中阶段毛入学率 91.99%) a little below them, as a
  poorer border county would, and class sizes at the national big-class levels (3.98% of compulsory
  classes in 2020, 4.81% of senior classes in 2022).

Run from this folder: `python3 generate.py` (numpy; SEATPLAN=path/to/seatplan, default the release build).
It rewrites the scenario's tables one level up and census2020/; a fixed seed makes it reproducible.
"""
import csv
import math
import os
import pathlib
import subprocess
import tempfile

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent
CENSUS = HERE / "census2020"
SEATPLAN = os.environ.get("SEATPLAN", str(HERE.parents[2] / ".build" / "release" / "seatplan"))
RNG = np.random.default_rng(20261201)

CENSUS_TOTAL = 210_166          # Lüchun, 7th census (1 November 2020)
MORTALITY_FACTOR = 1.25         # a poorer border county: life expectancy about 3 years below China's
TOWNSHIP_FERTILITY = 1.15       # relative to the county schedule (rural minority townships)
SEAT_FERTILITY = 0.85           # relative to the county schedule (the county seat)
NET_RATE = {"county_seat": -0.003, "town": -0.009, "township": -0.011}   # net migrants per resident a year
SRB = {2020: 1.09, 2030: 1.06}  # Honghe's census sex ratio at age 0 is 109.3; WPP 2024 China 1.105 -> 1.071
URBAN = {2021: 0.248, 2024: 0.272, 2030: 0.32, 2040: 0.40}   # county seat's share of residents
PHI = 62 / 365                  # cut-off 31 August, counts on 1 November (the census date)


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def write(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# --- public schedules --------------------------------------------------------------------------------
HONGHE = read_rows(HERE / "honghe_census2020.csv")
GROUPS = [r["age_group"] for r in HONGHE]                     # 0, 1-4, 5-9, ..., 80-84, 85+
BOUNDS = [(0, 0), (1, 4)] + [(5 * k, 5 * k + 4) for k in range(1, 17)] + [(85, 100)]
SHAPE = np.array([float(r["population"]) for r in HONGHE])
SHAPE /= SHAPE.sum()

ASFR_ROWS = read_rows(HERE / "wpp_china_asfr.csv")
ASFR_YEARS = sorted({int(r["year"]) for r in ASFR_ROWS})
ASFR = {y: {r["age_group"]: float(r["asfr"]) for r in ASFR_ROWS if int(r["year"]) == y} for y in ASFR_YEARS}
FERTILE = ["15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49"]

MX_ROWS = read_rows(HERE / "wpp_china_mx.csv")
MX_PERIODS = {"2020-2025": 2022, "2025-2030": 2027}            # a period's rates stand for its middle year
MX_AGES = sorted({int(r["age"]) for r in MX_ROWS})


def mx_single(period, sex):
    """Single-year death rates 0..100 (constant within each WPP group) x the county factor."""
    rates = {int(r["age"]): float(r["mx"]) for r in MX_ROWS if r["period"] == period and r["sex"] == sex}
    out = np.zeros(101)
    for i, lo in enumerate(MX_AGES):
        hi = MX_AGES[i + 1] - 1 if i + 1 < len(MX_AGES) else 100
        out[lo:hi + 1] = rates[lo] * MORTALITY_FACTOR
    return out


def life_table(mx, male):
    """Lx (0..100, the last T100) with radix 1, Coale-Demeny a0, as SeatPlan builds it from mx."""
    m0 = mx[0]
    a0 = (0.330 if male else 0.350) if m0 >= 0.107 else ((0.045 + 2.684 * m0) if male else (0.053 + 2.800 * m0))
    ax = np.full(100, 0.5)
    ax[0] = a0
    qx = np.minimum(1, mx[:100] / (1 + (1 - ax) * mx[:100]))
    lx = np.ones(101)
    for x in range(100):
        lx[x + 1] = lx[x] * (1 - qx[x])
    return np.append(lx[1:] + ax * lx[:100] * qx, lx[100] / mx[100])


L_M = life_table(mx_single("2020-2025", "M"), True)
L_F = life_table(mx_single("2020-2025", "F"), False)


def male_fraction():
    """Share of males by single age from the sex ratio at birth and survivorship: s * L^M_x / L^F_x."""
    s = np.where(np.arange(101) < 40, 1.09, 1.05)
    ratio = s * L_M / L_F
    return ratio / (1 + ratio)


MALE = male_fraction()

# --- districts and communities -------------------------------------------------------------------------
# id, name, kind, share of 2020 residents, centre, neighbourhoods, administrative villages, natural villages
DISTRICTS = [
    ("D01", "云城镇", "county_seat", 0.24, (23.000, 102.400), ["城东社区", "城西社区", "城南社区", "城北社区", "新城社区", "东仓社区"],
     ["大寨村", "坡头村"], []),
    ("D02", "岭南镇", "town", 0.115, (22.930, 102.520), ["岭南社区"],
     ["岭南村", "大坪村", "马鹿塘村", "龙洞村", "上寨村", "下寨村"], ["老虎箐", "水井湾"]),
    ("D03", "河口镇", "town", 0.11, (23.080, 102.300), ["河口社区"],
     ["河口村", "沙坝村", "石门村", "新寨村", "茶山村", "团结村", "那哈村"], ["小河边", "凹子寨"]),
    ("D04", "松林镇", "town", 0.105, (22.880, 102.310), ["松林社区"],
     ["松林村", "红土村", "白岩村", "平掌村", "黑树村", "阿倮村"], ["大箐头", "松树脚"]),
    ("D05", "平河乡", "township", 0.095, (22.840, 102.460), [],
     ["平河村", "车里村", "洞铺村", "略马村", "东批村", "哈育村"], ["土戈寨", "麻栗坪", "嘎处"]),
    ("D06", "梅岭乡", "township", 0.09, (23.130, 102.450), [],
     ["梅岭村", "高山村", "果期村", "俄马村", "规东村", "坡头上寨村", "瓦那村"], ["牛倮", "阿东"]),
    ("D07", "石岭乡", "township", 0.085, (23.050, 102.580), [],
     ["石岭村", "大新寨村", "玛玉村", "普玛村", "座玛村", "岔弄村"], ["批红", "娘丘", "咪切"]),
    ("D08", "半坡乡", "township", 0.085, (22.960, 102.220), [],
     ["半坡村", "哈东村", "坡头下寨村", "折东村", "阿撒村", "勐曼村"], ["毛坝", "东哈"]),
    ("D09", "竹溪乡", "township", 0.075, (22.800, 102.380), [],
     ["竹溪村", "骑马坝村", "腊姑村", "玛都村", "哈播村", "戈奎村"], ["阿迪", "小寨", "龙碧"]),
]
KIND = {d[0]: d[2] for d in DISTRICTS}


def tilt(kind):
    """District-kind multipliers on the county's age shape (the IPF seed below)."""
    lower = np.array([b[0] for b in BOUNDS])
    f = np.ones(len(GROUPS))
    if kind == "county_seat":
        f[lower < 15], f[(lower >= 15) & (lower < 20)], f[(lower >= 20) & (lower < 40)], f[lower >= 60] = 0.90, 1.15, 1.30, 0.80
    elif kind == "town":
        f[(lower >= 20) & (lower < 40)] = 0.95
    else:
        f[lower < 15], f[(lower >= 15) & (lower < 20)], f[(lower >= 20) & (lower < 40)], f[lower >= 60] = 1.10, 0.95, 0.75, 1.10
    return f


def district_shapes():
    """Counts by district and age group whose district totals are the shares and whose county sum has
    Honghe's age shape exactly (iterative proportional fitting from the kind tilts)."""
    totals = np.array([d[3] for d in DISTRICTS]) * CENSUS_TOTAL
    target = SHAPE * CENSUS_TOTAL
    m = np.array([tilt(d[2]) * SHAPE for d in DISTRICTS])
    for _ in range(500):
        m *= (totals / m.sum(axis=1))[:, None]
        m *= (target / m.sum(axis=0))[None, :]
    return m


communities, community_rows, census_rows = {}, [], []
district_counts = district_shapes()
for (did, dname, kind, share, (lat0, lon0), hoods, villages, naturals), counts in zip(DISTRICTS, district_counts):
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
    # Each community's groups vary ±8% around the district's shape; every district total and group stays exact.
    noise = weights[:, None] * RNG.uniform(0.92, 1.08, (len(members), len(GROUPS)))
    shares = noise / noise.sum(axis=0)[None, :]
    for k, ((cname, ckind), w) in enumerate(zip(members, weights)):
        cid = f"{did}{k + 1:02d}"
        radius = 0.015 if ckind == "neighborhood" else 0.09
        lat, lon = lat0 + RNG.uniform(-radius, radius), lon0 + RNG.uniform(-radius, radius)
        communities[cid] = dict(id=cid, district=did, name=cname, kind=ckind, lat=lat, lon=lon)
        community_rows.append([cid, did, cname, ckind, f"{lat:.4f}", f"{lon:.4f}"])
        groups = counts * shares[k]
        for (lo, hi), label, n in zip(BOUNDS, GROUPS, groups):
            mf = MALE[lo:hi + 1].mean()
            census_rows += [[cid, "M", label, round(n * mf)], [cid, "F", label, round(n * (1 - mf))]]

district_rows = [[d[0], d[1], d[2]] for d in DISTRICTS]

# --- rates ---------------------------------------------------------------------------------------------
def women_by_group(district=None):
    """Women aged 15-49 at the census by 5-year group, county or one district."""
    out = {g: 0.0 for g in FERTILE}
    for cid, sex, label, n in census_rows:
        if sex == "F" and label in out and (district is None or communities[cid]["district"] == district):
            out[label] += n
    return out


def fertility_multiplier(did):
    return SEAT_FERTILITY if KIND[did] == "county_seat" else TOWNSHIP_FERTILITY if KIND[did] == "township" else 1.0


# Scale k: births in the census year (Σ k·m_d·f(x)·W_d(x) over districts) survive to the census count at age 0.
age0 = sum(n for _, _, label, n in census_rows if label == "0")
s0 = (1.09 * L_M[0] + L_F[0]) / 2.09
unscaled = sum(fertility_multiplier(d[0]) * sum(ASFR[2020][g] * w for g, w in women_by_group(d[0]).items()) for d in DISTRICTS)
K = age0 / s0 / unscaled
TFR_2020 = {y: 5 * K * sum(ASFR[y].get(g, 0) for g in FERTILE) for y in ASFR_YEARS}


def county_tfr(year):
    """The county schedule's TFR in `year`, interpolated between the UN's years as SeatPlan does."""
    years = ASFR_YEARS
    if year <= years[0]:
        return TFR_2020[years[0]]
    for a, b in zip(years, years[1:]):
        if a <= year <= b:
            return TFR_2020[a] + (year - a) / (b - a) * (TFR_2020[b] - TFR_2020[a])
    return TFR_2020[years[-1]]


def fertility_rows():
    rows = [["", y, g, f"{K * ASFR[y][g]:.6f}"] for y in ASFR_YEARS for g in FERTILE]
    for did, *_ in DISTRICTS:
        if KIND[did] != "town":
            rows += [[did, y, g, f"{K * fertility_multiplier(did) * ASFR[y][g]:.6f}"] for y in ASFR_YEARS for g in FERTILE]
    return rows


def mortality_rows():
    rows = []
    for period, year in MX_PERIODS.items():
        for sex in ("M", "F"):
            rates = {int(r["age"]): float(r["mx"]) for r in MX_ROWS if r["period"] == period and r["sex"] == sex}
            for i, lo in enumerate(MX_AGES):
                hi = MX_AGES[i + 1] - 1 if i + 1 < len(MX_AGES) else None
                label = f"{lo}+" if hi is None else (str(lo) if hi == lo else f"{lo}-{hi}")
                rows.append([year, sex, label, f"{rates[lo] * MORTALITY_FACTOR:.8f}"])
    return rows


def yaml_path(points):
    return "{" + ", ".join(f"{y}: {v}" for y, v in sorted(points.items())) + "}"


def scenario_yaml(base, horizon, urban, extra=""):
    rates = "\n".join(f"    {did}: {NET_RATE[KIND[did]]}" for did, *_ in DISTRICTS)
    return f"""sex_ratio_at_birth: {yaml_path(SRB)}   # Honghe's 2020 census: 109.3 boys per 100 girls at age 0; WPP 2024 China falling to 1.071
mortality:
  improvement: 0.01          # after 2027, the last year of the UN rates
migration:
  net_rate:                  # net migrants per resident a year (Honghe 2020-2023: -0.86% a year with natural growth about 0)
{rates}
  profile: {{a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.1, mu2: 20, lambda2: 0.4, c: 0.003}}
urbanization:
  rate: {yaml_path(urban)}   # county seat's share of residents: +0.8 points a year (Honghe 2020-2023)
  urban_kinds: [county_seat]
{extra}"""


# --- the 2020 census scenario, aged to 2024 by SeatPlan ----------------------------------------------------
write(CENSUS / "districts.csv", ["id", "name", "kind"], district_rows)
write(CENSUS / "communities.csv", ["id", "district", "name", "kind", "lat", "lon"], community_rows)
write(CENSUS / "population.csv", ["area", "sex", "age", "population"], census_rows)
write(CENSUS / "fertility.csv", ["district", "year", "age", "asfr"], fertility_rows())
write(CENSUS / "mortality.csv", ["year", "sex", "age", "mx"], mortality_rows())
(CENSUS / "scenario.yaml").write_text(f"""# The illustrative county at the 2020 census (1 November), aged to the base year 2024 by generate.py with
# `seatplan project` — the same rates as ../scenario.yaml, so the base population comes out of the same flows.
name: 云岭县 Yunling County at the 2020 census (illustrative)
base_year: 2020
horizon: 2024
tables:
  districts: districts.csv
  communities: communities.csv
  population: population.csv
  fertility: fertility.csv
  mortality: mortality.csv
""" + scenario_yaml(2020, 2024, {2020: 0.24, **{y: v for y, v in URBAN.items() if y <= 2024}}), encoding="utf-8")

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([SEATPLAN, "project", str(CENSUS), "--out", tmp], check=True, stdout=subprocess.DEVNULL)
    projected = read_rows(pathlib.Path(tmp) / "population.csv")
POP = {}   # community -> sex -> array of 101 single-year counts in 2024
for r in projected:
    if r["year"] == "2024" and r["area"] in communities:
        POP.setdefault(r["area"], {"M": np.zeros(101), "F": np.zeros(101)})[r["sex"]][int(r["age"])] = float(r["population"])

# The base year by single year of age (household registers give them; the 2020 census scenario shows the
# 5-year groups split). Rounded to whole persons, and the schools' statistics below come from these counts.
population_rows = []
for cid, c in communities.items():
    for sex in ("M", "F"):
        POP[cid][sex] = np.round(POP[cid][sex])
        population_rows += [[cid, sex, a, int(POP[cid][sex][a])] for a in range(101)]
total_2024 = sum(r[3] for r in population_rows)

write(OUT / "districts.csv", ["id", "name", "kind"], district_rows)
write(OUT / "communities.csv", ["id", "district", "name", "kind", "lat", "lon"], community_rows)
write(OUT / "population.csv", ["area", "sex", "age", "population"], population_rows)
write(OUT / "fertility.csv", ["district", "year", "age", "asfr"], fertility_rows())
write(OUT / "mortality.csv", ["year", "sex", "age", "mx"], mortality_rows())
write(OUT / "housing.csv", ["area", "year", "households", "persons_per_household", "from"],
      [["D0105", 2026, 800, 3.4, "D08"],   # relocation-resettlement estate (易地扶贫搬迁安置区) from 半坡乡
       ["D0105", 2029, 500, 3.0, ""],      # commercial estate, buyers from outside the county
       ["D0201", 2027, 300, 3.2, "D05"]])  # town estate, families from 平河乡
URBAN_2024 = sum(POP[c]["M"].sum() + POP[c]["F"].sum() for c in communities if communities[c]["district"] == "D01") / \
    sum(POP[c]["M"].sum() + POP[c]["F"].sum() for c in communities)

print(f"2020: {sum(r[3] for r in census_rows):,} residents, age 0: {age0:,}, county TFR 2020 {TFR_2020[2020]:.2f} "
      f"(2025 {TFR_2020[2025]:.2f}, 2040 {TFR_2020[2040]:.2f}); 2024: {total_2024:,} residents, county seat {URBAN_2024:.1%}")

import schools  # noqa: E402  (the network needs the base population above)

schools.build(communities=communities, population=POP, out=OUT, here=HERE, rng=RNG, phi=PHI, urban_2024=URBAN_2024,
              scenario_yaml=scenario_yaml, urban=URBAN, write=write, tfr_at=county_tfr)
