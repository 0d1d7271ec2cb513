"""The illustrative county's school network in the base year 2024 and its statistics (called by generate.py).

Pupils by school and grade come from the base population through an explicit attendance process — who
lives where, the enrollment rates of the residents, and the schools children go to (the village school or
teaching point, the township's central school for grades 4-6, the town's junior school, the county high
school, a few children in the county seat's schools) — written to true_attendance.csv, so the gravity
model SeatPlan fits to the schools' totals can be compared with the attendance that made them. Classes are
formed as schools do (county-seat schools fuller), with class sizes that vary a little within a grade, and
the big and super-big classes counted from them, as the statistics count them.
"""
import math
import pathlib

import numpy as np

# Residents' enrollment rates by district kind (calibrated so that the county's base year lands a little
# below Yunnan's reported 学前三年毛入园率 92.46% and 高中阶段毛入学率 91.99%).
KINDERGARTEN_RATE = {"county_seat": 0.97, "town": 0.92, "township": 0.86}
JUNIOR_RETENTION = {7: 0.991, 8: 0.983, 9: 0.974}                  # grade 9 = Yunnan's 义务教育巩固率 97.39%
SENIOR_RATE = {"county_seat": 0.58, "town": 0.52, "township": 0.46}   # general senior in the county
VOCATIONAL_RATE = 0.34                                               # vocational (national 2022: 39.67% of the stage)
OUT_OF_COUNTY_RATE = 0.055                                           # general senior studying at the prefecture's schools
TO_COUNTY_SEAT = {"primary": 0.04, "junior": 0.08}                   # rural pupils in county-seat schools (随迁/择校)
PRIMARY_STANDARD = [4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3]
JUNIOR_STANDARD = [5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4]
KINDERGARTEN_NORM = {"K1": 25, "K2": 30, "K3": 35}


def grades_of(text):
    out = []
    for part in text.split(";"):
        lo, hi = part.split("-")
        if lo.startswith("K"):
            out += [f"K{k}" for k in range(int(lo[1:]), int(hi[1:]) + 1)]
        else:
            out += [str(g) for g in range(int(lo), int(hi) + 1)]
    return out


def stage_of(grade, kind):
    if grade.startswith("K"):
        return "kindergarten"
    g = int(grade)
    return "primary" if g <= 6 else "junior" if g <= 9 else ("vocational" if kind == "vocational" else "senior")


def age_of(grade):
    return 3 + int(grade[1:]) - 1 if grade.startswith("K") else 6 + int(grade) - 1


def km(a, b):
    r = math.pi / 180
    dlat, dlon = (b[0] - a[0]) * r, (b[1] - a[1]) * r
    h = math.sin(dlat / 2) ** 2 + math.cos(a[0] * r) * math.cos(b[0] * r) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))


def network(communities, rng):
    """The schools of 2024 (what a border mountain county typically has; ids as in earlier versions)."""
    by_district = {}
    for c in communities.values():
        by_district.setdefault(c["district"], []).append(c)
    schools = []

    def school(sid, name, cid, kind, grades, rooms, beds=0, public=1, inclusive=1, standard=None, wealth=1.0, split=None):
        c = communities[cid]
        schools.append(dict(id=sid, name=name, district=c["district"], community=cid, kind=kind, grades=grades, rooms=rooms,
                            beds=beds, public=public, inclusive=inclusive, standard=standard, wealth=wealth, split=split or {},
                            lat=c["lat"] + rng.uniform(-0.002, 0.002), lon=c["lon"] + rng.uniform(-0.002, 0.002)))

    school("D01K1", "县第一幼儿园", "D0101", "kindergarten", "K1-K3", 12)
    school("D01K2", "县第二幼儿园", "D0103", "kindergarten", "K1-K3", 12)
    school("D01K3", "新城幼儿园(小区配套园)", "D0105", "kindergarten", "K1-K3", 9)
    school("D01K4", "阳光幼儿园", "D0102", "kindergarten", "K1-K3", 9, public=0, inclusive=1)
    school("D01K5", "小天使幼儿园", "D0104", "kindergarten", "K1-K3", 6, public=0, inclusive=0)
    school("D01P1", "县第一小学", "D0101", "primary", "1-6", 36, standard=PRIMARY_STANDARD, wealth=1.25)
    school("D01P2", "县第二小学", "D0103", "primary", "1-6", 30, standard=PRIMARY_STANDARD, wealth=1.15)
    school("D01P3", "城北小学", "D0104", "primary", "1-6", 24, standard=PRIMARY_STANDARD, wealth=1.0)
    school("D01P4", "大寨小学", "D0107", "primary", "1-6", 6, standard=PRIMARY_STANDARD, wealth=0.8)
    school("D01J1", "县第一中学", "D0102", "junior", "7-9", 36, beds=800, standard=JUNIOR_STANDARD, wealth=1.2)
    school("D01J2", "县第二中学", "D0106", "junior", "7-9", 24, beds=400, standard=JUNIOR_STANDARD, wealth=1.0)
    school("D01H1", "县第一高级中学", "D0106", "senior", "10-12", 60, beds=2400)
    school("D01V1", "县职业高级中学", "D0108", "vocational", "10-12", 40, beds=1400)
    for did in ["D02", "D03", "D04", "D05", "D06", "D07", "D08", "D09"]:
        members = by_district[did]
        hood = [m for m in members if m["kind"] == "neighborhood"]
        villages = [m for m in members if m["kind"] == "admin_village"]
        naturals = [m for m in members if m["kind"] == "natural_village"]
        seat = (hood or villages)[0]["id"]
        name = {"D02": "岭南镇", "D03": "河口镇", "D04": "松林镇", "D05": "平河乡", "D06": "梅岭乡", "D07": "石岭乡", "D08": "半坡乡",
                "D09": "竹溪乡"}[did]
        short = name[:-1]
        if name.endswith("镇"):
            school(f"{did}K1", f"{short}镇中心幼儿园", seat, "kindergarten", "K1-K3", 12)
            for n, v in enumerate(villages[:3], 2):
                school(f"{did}K{n}", f"{v['name'][:-1]}幼儿班", v["id"], "kindergarten", "K1-K3", 4)
            school(f"{did}P1", f"{short}镇中心小学", seat, "primary", "1-6", 24, beds=400, standard=PRIMARY_STANDARD, wealth=0.95)
            for n, v in enumerate(villages[1::2], 2):
                school(f"{did}P{n}", f"{v['name'][:-1]}小学", v["id"], "primary", "1-6", 6, standard=PRIMARY_STANDARD, wealth=0.75)
            for n, v in enumerate(naturals, 1):
                school(f"{did}T{n}", f"{v['name']}教学点", v["id"], "teaching_point", "1-3", 3, standard=PRIMARY_STANDARD, wealth=0.6)
            if did == "D02":
                school("D02J1", "岭南中学", seat, "complete_secondary", "7-12", 48, beds=1200, standard=JUNIOR_STANDARD, wealth=0.9,
                       split={"junior": 30, "senior": 18})
            else:
                school(f"{did}J1", f"{short}镇中学", seat, "junior", "7-9", 30, beds=800, standard=JUNIOR_STANDARD, wealth=0.9)
        else:
            public = 0 if did == "D09" else 1
            school(f"{did}K1", f"{short}乡{'中心' if public else '育苗'}幼儿园", seat, "kindergarten", "K1-K3", 12, public=public)
            for n, v in enumerate(villages[1:3], 2):
                school(f"{did}K{n}", f"{v['name'][:-1]}幼儿班", v["id"], "kindergarten", "K1-K3", 3, public=public)
            if did == "D05":
                school("D05P1", "平河乡九年一贯制学校", seat, "nine_year", "1-9", 30, beds=700, standard=PRIMARY_STANDARD, wealth=0.85,
                       split={"primary": 18, "junior": 12})
            else:
                school(f"{did}P1", f"{short}乡中心小学", seat, "primary", "1-6", 18, beds=300, standard=PRIMARY_STANDARD, wealth=0.85)
            for n, v in enumerate(villages[1::2], 2):
                school(f"{did}P{n}", f"{v['name'][:-1]}小学", v["id"], "primary", "1-6", 6, standard=PRIMARY_STANDARD, wealth=0.7)
            for n, v in enumerate(naturals, 1):
                school(f"{did}T{n}", f"{v['name']}教学点", v["id"], "teaching_point", "1-3", 2, standard=PRIMARY_STANDARD, wealth=0.55)
            if did == "D07":
                school("D07J1", "石岭乡中学", seat, "junior", "7-9", 18, beds=600, standard=JUNIOR_STANDARD, wealth=0.8)
    for s in schools:
        s["grade_list"] = grades_of(s["grades"])
    return schools


CATCHMENTS = [("D0101", "primary", "D01P1"), ("D0105", "primary", "D01P1"), ("D0102", "primary", "D01P2"),
              ("D0103", "primary", "D01P2"), ("D0104", "primary", "D01P3"), ("D0106", "primary", "D01P3"),
              ("D0101", "junior", "D01J1"), ("D0102", "junior", "D01J1"), ("D0105", "junior", "D01J1"),
              ("D0103", "junior", "D01J2"), ("D0104", "junior", "D01J2"), ("D0106", "junior", "D01J2")]


def attendance(c, grade, schools, communities, kind):
    """Where the children of community c in `grade` go: school id -> share (summing to 1)."""
    here = (c["lat"], c["lon"])
    teach = [s for s in schools if grade in s["grade_list"]]

    def nearest(candidates):
        return min(candidates, key=lambda s: (km(here, (s["lat"], s["lon"])), s["id"]))["id"]

    def mix(main, extra):
        out = {}
        for part, w in [(main, 1 - sum(extra.values()))] + [({k: 1}, v) for k, v in extra.items()]:
            for k, v in part.items():
                out[k] = out.get(k, 0) + v * w
        return out

    stage = stage_of(grade, "primary")
    district = c["district"]
    own = [s for s in teach if s["community"] == c["id"]]
    central = [s for s in teach if s["district"] == district and s["id"].endswith(("P1", "K1")) and s["id"][:3] == district]
    if stage == "kindergarten":
        if district == "D01" and c["kind"] == "neighborhood":
            public = nearest([s for s in teach if s["district"] == "D01" and s["public"]])
            return mix({public: 1}, {"D01K4": 0.22, "D01K5": 0.16})
        if own:
            main = own[0]["id"]
            return mix({main: 1}, {central[0]["id"]: 0.15}) if central and central[0]["id"] != main else {main: 1}
        return {central[0]["id"]: 1} if central else {nearest(teach): 1}
    if stage == "primary":
        catch = [sid for cid, st, sid in CATCHMENTS if cid == c["id"] and st == "primary"]
        if catch:
            return {catch[0]: 1}
        if own:
            main = {own[0]["id"]: 1}
            if central and central[0]["id"] != own[0]["id"]:
                main = mix(main, {central[0]["id"]: 0.08 if int(grade) <= 3 else 0.10})
        else:
            local = [s for s in teach if s["district"] == district and s["kind"] != "teaching_point"]
            near = nearest(local) if local else nearest(teach)
            main = {near: 1} if int(grade) >= 4 or not central or central[0]["id"] == near else mix({near: 1}, {central[0]["id"]: 0.15})
        if district != "D01":
            main = mix(main, {"D01P1": TO_COUNTY_SEAT["primary"] * 0.5, "D01P2": TO_COUNTY_SEAT["primary"] * 0.3,
                              "D01P3": TO_COUNTY_SEAT["primary"] * 0.2})
        return main
    if stage == "junior":
        catch = [sid for cid, st, sid in CATCHMENTS if cid == c["id"] and st == "junior"]
        if catch:
            return {catch[0]: 1}
        if district == "D01":
            return {nearest([s for s in teach if s["district"] == "D01"]): 1}
        local = [s for s in teach if s["district"] == district]
        main = {nearest(local) if local else nearest([s for s in teach if s["district"] != "D01"]): 1}
        return mix(main, {"D01J1": TO_COUNTY_SEAT["junior"] * 0.6, "D01J2": TO_COUNTY_SEAT["junior"] * 0.4})
    # grades 10-12 (general; vocational go to the vocational school)
    if district in ("D02", "D03"):
        return {"D02J1": 0.35, "D01H1": 0.65}
    return {"D01H1": 1}


def apportion(total, weights):
    """`total` rounded, shared by `weights` in whole numbers (largest remainder, ties to the first key)."""
    exact = {k: total * w for k, w in weights.items()}
    out = {k: int(math.floor(v)) for k, v in exact.items()}
    left = int(round(total)) - sum(out.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - out[k]), k))[:max(0, left)]:
        out[k] += 1
    return out


def children(pop, grade, phi):
    a = age_of(grade)
    return sum((1 - phi) * pop[sex][a] + phi * pop[sex][min(a + 1, 100)] for sex in ("M", "F"))


def class_sizes(pupils, classes, rng, spread=3.0):
    """Sizes of `classes` classes holding `pupils`: an even split with a little variation (Σ unchanged)."""
    if classes <= 0:
        return []
    base = [pupils // classes + (1 if i < pupils % classes else 0) for i in range(classes)]
    if classes == 1:
        return base
    d = np.round(rng.normal(0, spread, classes)).astype(int)
    d -= int(round(d.mean()))
    d[-1] -= int(d.sum())
    return [max(1, b + int(x)) for b, x in zip(base, d)]


def build(communities, population, out, here, rng, phi, urban_2024, scenario_yaml, urban, write, tfr_at):
    schools = network(communities, rng)
    index = {s["id"]: s for s in schools}
    kind_of = {c["id"]: c["kind"] for c in communities.values()}
    district_kind = {"D01": "county_seat", "D02": "town", "D03": "town", "D04": "town"}
    pupils = {s["id"]: {} for s in schools}                         # school -> grade -> pupils (fractional)
    true_rows = {}                                                  # (community, school, stage) -> pupils
    out_of_county = 0.0
    grades = [f"K{k}" for k in (1, 2, 3)] + [str(g) for g in range(1, 13)]
    for cid, c in communities.items():
        dkind = district_kind.get(c["district"], "township")
        for grade in grades:
            n = children(population[cid], grade, phi)
            stage = stage_of(grade, "primary")
            if stage == "kindergarten":
                flows = {k: n * KINDERGARTEN_RATE[dkind] * v for k, v in attendance(c, grade, schools, communities, dkind).items()}
            elif stage == "primary":
                flows = {k: n * v for k, v in attendance(c, grade, schools, communities, dkind).items()}
            elif stage == "junior":
                flows = {k: n * JUNIOR_RETENTION[int(grade)] * v for k, v in attendance(c, grade, schools, communities, dkind).items()}
            else:
                flows = {k: n * SENIOR_RATE[dkind] * v for k, v in attendance(c, grade, schools, communities, dkind).items()}
                flows["D01V1"] = n * VOCATIONAL_RATE
                out_of_county += n * OUT_OF_COUNTY_RATE
            for sid, v in flows.items():
                pupils[sid][grade] = pupils[sid].get(grade, 0) + v
                st = stage_of(grade, index[sid]["kind"])
                true_rows[(cid, sid, st)] = true_rows.get((cid, sid, st), 0) + v
    observed = {sid: {g: int(round(v)) for g, v in by.items()} for sid, by in pupils.items()}

    # Classes: schools in the county seat run fuller classes; small village schools and teaching points
    # teach grades together (复式班).
    rows, stage_classes = [], {}
    for s in schools:
        sid = s["id"]
        seat = s["district"] == "D01"
        stages = {}
        for g in s["grade_list"]:
            stages.setdefault(stage_of(g, s["kind"]), []).append(g)
        classes, big, superbig, rooms = {}, {}, {}, {}
        for st, gs in stages.items():
            p = {g: observed[sid].get(g, 0) for g in gs}
            total = sum(p.values())
            small = s["kind"] == "teaching_point" or (st == "kindergarten" and s["rooms"] <= 4)
            if small:
                k_total = max(1, math.ceil(total / (20 if s["kind"] == "teaching_point" else 28))) if total > 0 else 0
                classes[st] = ("total", min(k_total, len(gs)))
                sizes = class_sizes(total, classes[st][1], rng, 1.5)
            else:
                target = {"kindergarten": None, "primary": 53 if seat else 44 if s["rooms"] >= 12 else 36,
                          "junior": 55 if seat else 48, "senior": 50, "vocational": 48}[st]
                by = {}
                sizes = []
                for g in gs:
                    size = KINDERGARTEN_NORM[g] + (3 if seat and s["public"] else 0) if st == "kindergarten" else target
                    by[g] = max(1, math.ceil(p[g] / size)) if p[g] > 0 else 0
                    sizes += class_sizes(p[g], by[g], rng, 2.0 if st == "kindergarten" else 4.0)
                classes[st] = ("grades", by)
            bands = (31, 41) if st == "kindergarten" else (56, 66)
            big[st] = sum(1 for x in sizes if x >= bands[0])
            superbig[st] = sum(1 for x in sizes if x >= bands[1])
            n_classes = classes[st][1] if classes[st][0] == "total" else sum(classes[st][1].values())
            given = s["split"].get(st, s["rooms"] if len(stages) == 1 else 0)
            rooms[st] = max(given, n_classes)
        stage_classes[sid] = (classes, big, superbig, rooms)

    # --- schools.csv -----------------------------------------------------------------------------------
    def central(s):
        """乡镇中心校/中心园: a town's or township's public K1 and its P1 (the nine-year school in 平河乡)."""
        return 1 if s["district"] != "D01" and s["id"][3:] in ("K1", "P1") and s["public"] else ""

    stages_all = ["kindergarten", "primary", "junior", "senior", "vocational"]
    header = (["id", "name", "district", "community", "kind", "grades", "classrooms", "lat", "lon", "boarding_beds", "public", "inclusive"]
              + [f"classrooms_{st}" for st in ("primary", "junior", "senior")]
              + [f"pupils_{g.lower()}" for g in grades] + [f"classes_{g.lower()}" for g in grades]
              + [f"classes_{st}" for st in stages_all]
              + [f"big_classes_{st}" for st in ("primary", "junior", "senior")] + [f"super_big_classes_{st}" for st in ("primary", "junior", "senior")]
              + ["degree_teachers", "key_teachers", "pe_arts_teachers", "room_area_m2", "sports_area_m2", "equipment_value_yuan",
                 "multimedia_classrooms", "central"])
    for s in schools:
        sid = s["id"]
        classes, big, superbig, rooms = stage_classes[sid]
        total_rooms = sum(rooms.values())
        split = [rooms.get(st, "") if len(rooms) > 1 else "" for st in ("primary", "junior", "senior")]
        pupil_cells = [observed[sid].get(g, 0) if g in s["grade_list"] else "" for g in grades]
        class_cells = []
        for g in grades:
            st = stage_of(g, s["kind"]) if g in s["grade_list"] else None
            class_cells.append(classes[st][1].get(g, 0) if st and classes[st][0] == "grades" else "")
        stage_cells = [classes[st][1] if st in classes and classes[st][0] == "total" else "" for st in stages_all]
        big_cells = [big.get(st, "") if st in big else "" for st in ("primary", "junior", "senior")]
        super_cells = [superbig.get(st, "") if st in superbig else "" for st in ("primary", "junior", "senior")]
        compulsory = sum(v for g, v in observed[sid].items() if not g.startswith("K") and int(g) <= 9)
        resources = [""] * 7
        if s["standard"] is not None and compulsory:
            resources = []
            for k, std in enumerate(s["standard"]):
                per = std * s["wealth"] * rng.uniform(0.75, 1.35)
                value = per * compulsory / (100 if k in (0, 1, 2, 6) else 1)
                resources.append(f"{value:.1f}" if k != 5 else f"{value:.0f}")
        rows.append([sid, s["name"], s["district"], s["community"], s["kind"], s["grades"], total_rooms, f"{s['lat']:.4f}", f"{s['lon']:.4f}",
                     s["beds"], s["public"], s["inclusive"]] + split + pupil_cells + class_cells + stage_cells + big_cells + super_cells
                    + resources + [central(s)])
    write(out / "schools.csv", header, rows)
    write(out / "catchments.csv", ["community", "stage", "school"], [list(c) for c in CATCHMENTS])
    write(here / "true_attendance.csv", ["community", "school", "stage", "pupils"],
          [[c, s, st, f"{v:.3f}"] for (c, s, st), v in sorted(true_rows.items()) if v >= 0.0005])
    write(out / "out_of_county.csv", ["stage", "pupils"], [["senior", round(out_of_county)]])

    # Grade-1 entrants of 2016-2023 (enrollment_history.csv), so 九年义务教育巩固率 can be assessed from the
    # base year on: the cohort in grade g in 2024 entered grade 1 in 2025 - g, all of it (primary schooling is
    # universal), E₁ = C_g(2024) — so the rate of year t is its grade 9's E₉/C₉, as it is after 2032.
    cohort = {g: sum(children(population[cid], g, phi) for cid in communities) for g in grades}
    first = {sid: observed[sid].get("1", 0) for sid in observed if "1" in index[sid]["grade_list"]}
    first_total = sum(first.values())
    history = []
    for g in range(2, 10):
        shares = apportion(cohort[str(g)], {sid: v / first_total for sid, v in first.items()})
        history += [[sid, 2025 - g, 1, n] for sid, n in sorted(shares.items())]
    write(out / "enrollment_history.csv", ["school", "year", "grade", "pupils"], sorted(history, key=lambda r: (r[1], r[0])))

    sites = [
        ("C01", "D0105", "kindergarten;primary;junior;nine_year", 20_000_000), ("C02", "D0106", "senior;vocational;junior", 30_000_000),
        ("C03", "D0104", "kindergarten;primary", 15_000_000), ("C04", "D0901", "kindergarten", 1_000_000),
        ("C05", "D0201", "primary;junior;nine_year", 5_000_000), ("C06", "D0301", "kindergarten;primary", 4_000_000),
        ("C07", "D0401", "kindergarten;junior", 4_000_000), ("C08", "D0501", "kindergarten;primary", 2_000_000),
        ("C09", "D0601", "kindergarten", 1_000_000), ("C10", "D0108", "vocational;senior", 25_000_000),
        ("C11", "D0906", "kindergarten", 200_000), ("C12", "D0201", "kindergarten", 2_000_000), ("C13", "D0105", "kindergarten", 3_000_000),
    ]
    write(out / "candidate_sites.csv", ["id", "district", "community", "lat", "lon", "allowed_kinds", "land_cost"],
          [[sid, communities[cid]["district"], cid, f"{communities[cid]['lat'] + 0.003:.4f}", f"{communities[cid]['lon'] - 0.003:.4f}", kinds, land]
           for sid, cid, kinds, land in sites])
    # Named what-ifs: the UN's low and high fertility variants are the medium one −/+ 0.5 child.
    variants = "\nvariants:                                     # what-ifs by name (--variant NAME)\n"
    variants += "  central: {}\n"
    for name, shift in (("low", -0.5), ("high", 0.5)):
        points = ", ".join(f"{y}: {tfr_at(y) + shift:.2f}" for y in (2024, 2030, 2035, 2040))
        variants += f"  {name}: {{fertility.tfr: {{{points}}}}}   # TFR {'−' if shift < 0 else '+'}0.5 child (UN WPP {name} variant)\n"
    (out / "scenario.yaml").write_text(SCENARIO_HEAD + scenario_yaml(2024, 2040, {2024: round(urban_2024, 4), 2030: urban[2030], 2040: urban[2040]},
                                                                     SCENARIO_TAIL + variants), encoding="utf-8")
    print(f"schools {len(schools)}; pupils {sum(sum(v.values()) for v in observed.values()):,}; out of county {round(out_of_county)}")


SCENARIO_HEAD = """# Yunling County (云岭县) — an ILLUSTRATIVE border minority mountain county, not real counts.
# How the tables were calibrated, and to which published figures: README.md and calibration/generate.py.
name: 云岭县 Yunling County (illustrative)
description: >
  A border minority mountain county in the spirit of seed plan 004 (绿春县, Honghe prefecture, Yunnan): a county
  seat, three market towns and five townships; administrative and natural villages; young adults leaving;
  shrinking rural cohorts.
base_year: 2024
horizon: 2040

tables:
  districts: districts.csv
  communities: communities.csv
  population: population.csv
  fertility: fertility.csv
  mortality: mortality.csv
  housing: housing.csv
  schools: schools.csv
  catchments: catchments.csv
  enrollment_history: enrollment_history.csv
  out_of_county: out_of_county.csv
  candidate_sites: candidate_sites.csv

"""

SCENARIO_TAIL = """
enrollment:
  method: rates
  rates:                                      # rates of the resident children, from the base year's statistics
    kindergarten: {2024: observed, 2027: 0.93}   # 学前三年毛入园率 (seed 004: 92% by 2024)
    primary: {2024: observed}
    junior: {2024: observed}
    senior: {2024: observed, 2030: 0.95}      # 高中阶段毛入学率 (general + vocational, in or outside the county)
  vocational_share: {2024: observed}          # 普职比
  consolidation: 0.974                        # 九年义务教育巩固率 (Yunnan 97.39%); shapes the grades relative to 2024
class_size: {kindergarten: {K1: 25, K2: 30, K3: 35}, primary: 45, junior: 50, senior: 50}

targets:                                      # seed 004: 到2024年毛入园率92%、巩固率97%、高中阶段毛入学率92%
  preschool_gross_enrollment: {2024: 0.92}
  compulsory_consolidation: 0.97
  high_school_gross_enrollment: {2024: 0.92}
  public_kindergarten_share: 0.5              # seed 003
  inclusive_kindergarten_coverage: 0.8        # seed 003
  big_class_share: {primary: 0.05, junior: 0.05, senior: 0.05}   # 56人及以上大班额比例控制在5%以内; seeds 000/001: senior too
  concentration:                              # 高中向县城区集中,初中向集镇和县城区集中,小学高段向集镇和行政村集中
    - {label: senior in the county seat, stage: senior, where: [county_seat], share: 1.0}
    - {label: junior in towns and the county seat, stage: junior, where: [county_seat, town], share: 1.0}
    - {label: grades 4-6 in towns or admin villages, grades: 4-6, where: [county_seat, town, admin_village], share: 0.9}

optimizer:                                    # the layout optimizer (docs/optimizer.md); costs for rural Yunnan: docs/costs.md
  budget: 500000000                           # capital, yuan, for the whole plan
  budget_by_year: {2025: 150000000, 2026: 350000000}   # 年度投资计划, for the projects opening each year
  opening_lead_years: 2                       # new schools open in 2026
  lead_years: {expand: 1, convert_boarding: 1, convert: 1}   # classrooms, beds and converted buildings in 2025
  keep: [D01H1, D01V1]                        # the county high school and the vocational school
  travel_limits: {kindergarten: 30, lower_primary: 30, upper_primary: 45, junior: 60, senior: 90, vocational: 90}
  boarding_groups: [upper_primary, junior, senior, vocational]
  max_relocated_share: 0.2                    # at most a fifth of the design year's pupils at another school than now
  minimum_utilisation: 0.3
  sizes: {kindergarten: [3, 6, 9, 12], senior: [24, 36, 48, 60], vocational: [18, 24, 30, 36]}   # classes; senior up to 60 (Shandong's cap)
  costs:                                      # docs/costs.md: derived from Yunnan projects 2018-2024 at about 4,000 yuan/m²
    classroom: {kindergarten: 1520000, primary: 1490000, junior: 2020000, senior: 2000000, vocational: 2000000}
    bed: 22000
    conversion_per_classroom: 400000          # 改建, assumed: about a quarter of a new kindergarten classroom
    class: 0                                  # a class's cost is its staff (running costs per pupil are the same under every plan)
    staff_salary: 100000                      # a rural teacher: salary, 20% pension, 乡村教师生活补助
    boarding_per_pupil: 3000
    transport_per_pupil_km: 200
"""
