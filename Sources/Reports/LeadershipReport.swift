import Demography
import Foundation
import PlanComparison
import ScenarioModel
import SeatMetrics
import SimulationPipeline
import UncertaintyAnalysis

/// `report.html`: what planners hand to the county leadership — one self-contained file (inline CSS
/// and SVG, no script, nothing fetched), Chinese first with English beside it, names rather than ids,
/// money in 万元 and ratios in %, printable on A4 with a page break before each section.
///
/// Sections: 摘要 summary (what is short, where and when; what each plan does and costs); 基年核对 the
/// base year against the county's statistics; 目标 targets met or missed by year; 学位缺口 seat gaps by
/// township and stage (tables and heat maps); 趋势 school-age population and demand against seats;
/// 不确定性 uncertainty fans (when draws are asked for); 地图 the map; 方案比较 the plans side by side
/// (when plans are given).
public enum LeadershipReport {
    public struct Input {
        public let scenario: Scenario
        public let schooling: Schooling
        /// The status quo first, then the plans.
        public let plans: [ComparedPlan]
        public let rows: [ComparisonRow]
        public let draws: Draws?

        public init(scenario: Scenario, schooling: Schooling, plans: [ComparedPlan], rows: [ComparisonRow], draws: Draws? = nil) {
            self.scenario = scenario
            self.schooling = schooling
            self.plans = plans
            self.rows = rows
            self.draws = draws
        }

        /// A comparison row's value (nil when the plan has none).
        func value(_ plan: String, _ indicator: String, stage: String = "", year: Int? = nil) -> Double? {
            rows.first { $0.plan == plan && $0.indicator == indicator && $0.stage == stage && $0.year == year }?.value
        }

        /// The seats a plan leaves short in the horizon year, over every stage.
        func seatsShort(_ plan: String) -> Double {
            rows.filter { $0.plan == plan && $0.indicator == "seats_short" && $0.year == scenario.horizon }.reduce(0) { $0 + $1.value }
        }
    }

    /// The draws of the uncertain inputs (`--draws`): a result per plan, in the order of `Input.plans`.
    public struct Draws {
        public let count: Int
        public let seed: UInt
        public let results: [DrawResults]

        public init(count: Int, seed: UInt, results: [DrawResults]) {
            self.count = count
            self.seed = seed
            self.results = results
        }
    }

    /// Stages in the order of the report.
    static let stages = Stage.allCases

    /// 万元 with thousands separators: 228,470,000 yuan → "22,847 万元".
    static func wan(_ yuan: Double) -> String { "\(grouped(yuan / 10_000)) 万元" }

    static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }

    static func esc(_ s: String) -> String { SVGChart.escape(s) }

    public static func html(_ input: Input) -> String {
        let s = input.scenario
        let title = "\(s.name) 学校布局与学位规划报告 School layout and seat planning report \(s.baseYear)–\(s.horizon)"
        var body = "<h1>\(esc(title))</h1>\n"
        body += section("summary", "摘要", "Summary", summary(input))
        body += section("base-year", "基年核对", "The base year against the statistics", baseYear(input))
        body += section("targets", "目标达成", "Targets by year", targets(input))
        body += section("gaps", "分乡镇学位缺口", "Seat gaps by township and stage", gaps(input))
        body += section("trends", "趋势", "School-age population, demand and seats", trends(input))
        if let draws = input.draws { body += section("uncertainty", "不确定性", "Uncertainty", uncertainty(input, draws)) }
        body += section("map", "地图", "Map", map(input))
        if input.plans.count > 1 { body += section("plans", "方案比较", "Plans side by side", plans(input)) }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(esc(title))</title>
            <style>\(css)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static let css = """
        body{font-family:\(SVGChart.fontStack);\
        margin:24px auto;max-width:960px;color:#222;line-height:1.5}
        h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #0072B2;padding-bottom:4px}h2 .en{font-weight:normal;color:#555}
        table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px}
        th{background:#eef3f8}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.short{color:#b2182b;font-weight:bold}
        td.met{color:#1a7f37}td.missed{color:#b2182b;font-weight:bold}tr{page-break-inside:avoid}
        svg{max-width:100%;height:auto;display:block;margin:8px 0}svg text{font-family:inherit}
        \(SVGChart.textStyle).axis{font-size:12px;fill:#333}
        .grid{stroke:#e3e3e3}.axisline{stroke:#888}.cellvalue{font-size:10px;fill:#222}
        ul.summary li{margin:4px 0}
        @page{size:A4;margin:14mm}
        @media print{body{margin:0;max-width:none}section{page-break-before:always}section#summary{page-break-before:avoid}}
        """

    static func section(_ id: String, _ zh: String, _ en: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(esc(zh)) <span class=\"en\">\(esc(en))</span></h2>\n\(content)\n</section>\n"
    }

    /// A table: header cells, then rows of cells (class "num" for numbers).
    static func table(_ header: [String], _ rows: [[(text: String, cls: String)]]) -> String {
        var t = "<table><thead><tr>" + header.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows {
            t += "<tr>" + row.map { $0.cls.isEmpty ? "<td>\(esc($0.text))</td>" : "<td class=\"\($0.cls)\">\(esc($0.text))</td>" }.joined() + "</tr>\n"
        }
        return t + "</tbody></table>"
    }

    /// The years of the tables: the base year, three and six years on, and the horizon.
    static func years(_ s: Scenario) -> [Int] { PlanComparison.defaultYears(s.years) }

    static func districtName(_ s: Scenario, _ id: String) -> String { s.districts.first { $0.id.rawValue == id }?.name ?? id }

    /// District rows of the status quo's seat-gap table for one stage.
    static func districtGaps(_ r: SimulationResult, _ stage: Stage) -> [SeatGapRow] { r.seatGaps.filter { $0.level == .district && $0.stage == stage } }

    // MARK: sections

    /// The largest shortages by township and stage over the horizon (peak year), the targets missed,
    /// and each plan's money and disruption.
    static func summary(_ input: Input) -> String {
        let s = input.scenario, base = input.plans[0].result
        var peaks: [(district: String, stage: Stage, gap: Double, year: Int)] = []
        for stage in stages {
            let byDistrict = Dictionary(grouping: districtGaps(base, stage), by: \.id)
            for (id, rows) in byDistrict {
                if let peak = rows.max(by: { ($0.gap, -$0.year) < ($1.gap, -$1.year) }), peak.gap > 0.5 {
                    peaks.append((id, stage, peak.gap, peak.year))
                }
            }
        }
        peaks.sort { ($1.gap, $0.district, $0.stage.rawValue) < ($0.gap, $1.district, $1.stage.rawValue) }
        var out = "<ul class=\"summary\">"
        if peaks.isEmpty {
            out += "<li>现有学校在\(s.baseYear)–\(s.horizon)年各学段学位充足。 The current schools have seats for every stage in every year.</li>"
        }
        for p in peaks.prefix(6) {
            let name = esc(districtName(s, p.district))
            out += "<li><b>\(name) \(esc(p.stage.nameZH))</b>: 学位缺口最大 \(grouped(p.gap)) 个(\(p.year)年)。 "
                + "\(name), \(esc(p.stage.rawValue)): demand exceeds seats by up to \(grouped(p.gap)) (\(p.year)).</li>"
        }
        let horizonTargets = base.targets.filter { $0.year == s.horizon && $0.met != nil }
        let missed = horizonTargets.filter { $0.met == false }
        out += "<li>\(s.horizon)年 \(horizonTargets.count) 项目标中 \(missed.count) 项未达标"
            + (missed.isEmpty ? "" : ":" + missed.map { esc($0.nameZH) }.joined(separator: "、")) + "。 "
            + "\(missed.count) of \(horizonTargets.count) targets missed in \(s.horizon) without a plan.</li>"
        for p in input.plans.dropFirst() {
            let capital = input.value(p.name, "capital_total") ?? 0
            let operating = input.value(p.name, "operating_cost", year: s.horizon) ?? 0
            let moved = input.value(p.name, "pupils_relocated", year: s.horizon) ?? 0
            let short = input.seatsShort(p.name)
            out += "<li><b>\(esc(p.name))</b>: 投资 \(wan(capital)),\(s.horizon)年运行费用 \(wan(operating))/年,调整就读 \(grouped(moved)) 人,"
                + "\(s.horizon)年仍缺 \(grouped(short)) 个学位。 Capital \(wan(capital)); running cost \(wan(operating)) a year in \(s.horizon); "
                + "\(grouped(moved)) pupils relocated; \(grouped(short)) seats still short in \(s.horizon).</li>"
        }
        return out + "</ul>"
    }

    /// Base-year indicators and classes by stage, as the statistics give them.
    static func baseYear(_ input: Input) -> String {
        let s = input.scenario, base = input.plans[0].result, year = s.baseYear
        var rows: [[(String, String)]] = []
        for r in base.indicators where r.year == year && r.value != nil {
            let shares: Set<Indicator> = [.preschoolGrossEnrollment, .highSchoolGrossEnrollment, .grossEnrollment, .compulsoryConsolidation, .seatGuarantee,
                                          .publicKindergartenShare, .inclusiveKindergartenCoverage, .bigClassShare]
            let v = r.value ?? 0
            rows.append([(r.indicator.nameZH(r.stage), ""), (r.indicator.rawValue.replacingOccurrences(of: "_", with: " ") + (r.stage.map { ", \($0.rawValue)" } ?? ""), ""),
                         (shares.contains(r.indicator) ? percent(v) : grouped(v), "num")])
        }
        var out = "<p>\(year)年(基年)指标,按统计口径计算;学校的学生数与班数取自 schools.csv 的教育事业统计。 "
            + "Indicators of the base year \(year) by their official definitions; pupils and classes as the schools' statistics give them.</p>"
        out += table(["指标", "indicator", "\(year)"], rows)
        var classRows: [[(String, String)]] = []
        for stage in stages {
            guard let c = base.seatGaps.first(where: { $0.level == .county && $0.stage == stage && $0.year == year }) else { continue }
            classRows.append([(stage.nameZH + " " + stage.rawValue, ""), (grouped(c.enrolled), "num"), (grouped(Double(c.formation.classes)), "num"),
                              (c.averageClassSize.map { String(format: "%.1f", $0) } ?? "—", "num"), (percent(c.bigClassShare), "num"),
                              (grouped(c.seats), "num"), (percent(c.utilisation), "num")])
        }
        out += table(["学段 stage", "在校生 pupils", "班数 classes", "平均班额 avg class", "大班额比例 big-class share", "学位 seats", "学位使用率 utilisation"], classRows)
        return out
    }

    /// Every target by year: achieved against required, met or missed.
    static func targets(_ input: Input) -> String {
        let s = input.scenario, base = input.plans[0].result, shown = years(s)
        let names = base.targets.map(\.target).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var rows: [[(String, String)]] = []
        for name in names {
            let byYear = Dictionary(base.targets.filter { $0.target == name }.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            // The requirement as it stands in the last year shown (a target path may rise over the years).
            guard let any = shown.reversed().compactMap({ byYear[$0] }).first ?? base.targets.first(where: { $0.target == name }) else { continue }
            func show(_ v: Double) -> String { any.isRatio ? percent(v) : grouped(v) }
            let english = name.hasPrefix("concentration") ? "" : " " + name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: ".", with: ", ")
            var row: [(String, String)] = [(any.nameZH + english, ""), ("\(any.comparison == .atLeast ? "≥" : "≤") \(show(any.required))", "num")]
            for y in shown {
                guard let t = byYear[y] else { row.append(("—", "num")); continue }
                switch t.met {
                case true?: row.append(("\(t.achieved.map(show) ?? "—") ✓", "met"))
                case false?: row.append(("\(t.achieved.map(show) ?? "—") ✗", "missed"))
                case nil: row.append(("—", "num"))
                }
            }
            rows.append(row)
        }
        return "<p>不实施调整时(现状)各目标的实现情况。 The targets with the current network (no plan).</p>"
            + table(["目标 target", "要求 required"] + shown.map(String.init), rows)
    }

    /// Township by stage tables for the shown years, and a heat map per stage over every year.
    static func gaps(_ input: Input) -> String {
        let s = input.scenario, base = input.plans[0].result, shown = years(s)
        // The township rows of the seat-gap table, read once for the tables and the heat maps.
        let byDistrict = Dictionary(base.seatGaps.filter { $0.level == .district }.map { ("\($0.id)|\($0.stage.rawValue)|\($0.year)", $0.gap) },
                                    uniquingKeysWith: { a, _ in a })
        func gap(_ d: District, _ stage: Stage, _ year: Int) -> Double { byDistrict["\(d.id)|\(stage.rawValue)|\(year)"] ?? 0 }
        var out = "<p>学位缺口 = 需求 − 学位;正数为短缺(红),负数为富余(蓝)。 Seat gap = demand − seats: positive is a shortage (red), negative spare seats (blue).</p>"
        var rows: [[(String, String)]] = []
        for d in s.districts {
            var row: [(String, String)] = [(d.name, "")]
            for stage in [Stage.kindergarten, .primary, .junior] {
                for y in shown {
                    let g = gap(d, stage, y)
                    row.append((grouped(g), g > 0.5 ? "num short" : "num"))
                }
            }
            rows.append(row)
        }
        let header = ["乡镇 township"] + [Stage.kindergarten, .primary, .junior].flatMap { stage in shown.map { "\(stage.nameZH) \($0)" } }
        out += table(header, rows)
        for stage in [Stage.kindergarten, .primary, .junior] {
            let values = s.districts.map { d in Array(s.years).map { gap(d, stage, $0) } }
            out += SVGChart.heatMap("\(stage.nameZH)学位缺口 \(stage.rawValue) seat gap by township and year", rows: s.districts.map(\.name),
                                    columns: Array(s.years), values: values, unit: "学位 seats (需求 − 学位 demand − seats)")
        }
        return out
    }

    /// School-age population by age group, and the county's demand against seats per stage.
    static func trends(_ input: Input) -> String {
        let s = input.scenario, base = input.plans[0].result
        let groups: [(String, ClosedRange<Int>)] = [("3–5岁 ages 3–5", 3...5), ("6–11岁 ages 6–11", 6...11), ("12–14岁 ages 12–14", 12...14), ("15–17岁 ages 15–17", 15...17)]
        var out = SVGChart.lines("学龄人口 School-age population", unit: "人 persons", series: groups.map { name, ages in
            SVGChart.Series(name: name, points: s.years.map { ($0, base.projection.total(year: $0, ages: ages)) })
        })
        for stage in stages {
            let county = base.seatGaps.filter { $0.level == .county && $0.stage == stage }.sorted { $0.year < $1.year }
            guard !county.isEmpty else { continue }
            var series = [SVGChart.Series(name: "需求 demand", points: county.map { ($0.year, $0.demand) }),
                          SVGChart.Series(name: "现有学位 seats now", points: county.map { ($0.year, $0.seats) }, dashed: true)]
            for (i, p) in input.plans.enumerated().dropFirst() {
                let rows = p.result.seatGaps.filter { $0.level == .county && $0.stage == stage }.sorted { $0.year < $1.year }
                series.append(SVGChart.Series(name: "学位 seats: \(p.name)", points: rows.map { ($0.year, $0.seats) }, dashed: i % 2 == 0))
            }
            out += SVGChart.lines("\(stage.nameZH) \(stage.rawValue): 需求与学位 demand and seats", unit: "学生/学位 pupils, seats", series: series, height: 240)
        }
        return out
    }

    /// Per stage, the county's demand fan (P10–P90 of the draws, the median as a line) against each
    /// plan's seats; then, per plan, the probability that some school of some stage is short each year.
    static func uncertainty(_ input: Input, _ draws: Draws) -> String {
        let s = input.scenario
        let bands = draws.results.map(SeatGapBands.compute)
        var out = "<p>\(draws.count) 次抽样(随机种子 \(draws.seed)):出生、迁移与入学率按 scenario.yaml 的 uncertainty 取值;阴影为需求的 P10–P90 区间,实线为中位数。 "
            + "\(draws.count) draws (seed \(draws.seed)) of births, migration and enrolment rates as scenario.yaml's uncertainty gives them; "
            + "the shaded fan is demand from P10 to P90, the line its median.</p>"
        for stage in stages {
            let county = bands[0].filter { $0.level == .county && $0.stage == stage }.sorted { $0.year < $1.year }
            guard county.contains(where: { $0.demand.p90 > 0 }) else { continue }
            var series = [SVGChart.Series(name: "需求中位数 median demand", points: county.map { ($0.year, $0.demand.p50) })]
            for (i, p) in input.plans.enumerated() {
                let seats = bands[i].filter { $0.level == .county && $0.stage == stage }.sorted { $0.year < $1.year }
                series.append(SVGChart.Series(name: "学位 seats: \(p.name)", points: seats.map { ($0.year, $0.seats) }, dashed: true))
            }
            out += SVGChart.lines("\(stage.nameZH) \(stage.rawValue): 需求区间与学位 demand fan and seats", unit: "学生/学位 pupils, seats", series: series,
                                  bands: [SVGChart.Band(name: "需求 P10–P90 demand", points: county.map { ($0.year, $0.demand.p10, $0.demand.p90) })],
                                  height: 240)
        }
        let probability = zip(input.plans, draws.results).map { p, r in
            SVGChart.Series(name: p.name, points: SeatGapBands.anyStageShort(r).map { ($0.year, $0.probability * 100) })
        }
        out += SVGChart.lines("有学校学位不足的概率 Probability that some school is short of seats, \(s.baseYear)–\(s.horizon)",
                              unit: "概率 probability (%)", series: probability, height: 240)
        return out
    }

    /// The map: the base network coloured by how full its schools are in the base year, and the first
    /// plan's closures, new schools and catchments.
    static func map(_ input: Input) -> String {
        let s = input.scenario, base = input.plans[0].result
        let plan = input.plans.count > 1 ? input.plans[1].plan : nil
        var children = Dictionary(uniqueKeysWithValues: base.projection.areas.enumerated().map { i, id in
            (id, (3...17).reduce(0.0) { sum, age in Sex.allCases.reduce(sum) { $0 + base.projection.count(year: s.baseYear, area: i, sex: $1, age: age) } })
        })
        // A district projected as a whole (population given by district) shares its children evenly among its communities.
        for d in s.districts {
            guard let total = children[d.id] else { continue }
            let members = s.communities.filter { $0.district == d.id }
            for c in members where children[c.id] == nil { children[c.id] = total / Double(members.count) }
        }
        let communities = s.communities.compactMap { c -> SVGMap.Community? in
            guard let lat = c.latitude, let lon = c.longitude else { return nil }
            return SVGMap.Community(name: c.name, district: c.district, latitude: lat, longitude: lon, children: children[c.id] ?? 0)
        }
        var utilisation: [String: Double] = [:]
        for r in base.seatGaps where r.level == .school && r.year == s.baseYear {
            if let u = r.utilisation { utilisation[r.id] = max(utilisation[r.id] ?? 0, u) }
        }
        var closed = Set<SchoolID>()
        var built: [NewSchool] = []
        for action in plan?.actions ?? [] {
            switch action.kind {
            case .close(let id, _): closed.insert(id)
            case .build(let b): built.append(b)
            default: break
            }
        }
        var schools = input.schooling.schools.compactMap { school -> SVGMap.School? in
            guard let lat = school.latitude, let lon = school.longitude else { return nil }
            var m = SVGMap.School(name: school.name, district: school.district, kind: school.kind, latitude: lat, longitude: lon,
                                  utilisation: utilisation[school.id.rawValue])
            m.closes = closed.contains(school.id)
            return m
        }
        for b in built {
            guard let lat = b.latitude, let lon = b.longitude else { continue }
            var m = SVGMap.School(name: b.name, district: b.district, kind: b.kind, latitude: lat, longitude: lon, utilisation: nil)
            m.isNew = true
            schools.append(m)
        }
        let places = Dictionary(s.communities.compactMap { c in c.latitude.flatMap { lat in c.longitude.map { (c.id, (lat: lat, lon: $0)) } } },
                                uniquingKeysWith: { a, _ in a })
        let schoolPlaces = Dictionary((input.schooling.schools.map { ($0.id, $0.latitude, $0.longitude) } + built.map { ($0.id, $0.latitude, $0.longitude) })
            .compactMap { id, lat, lon in lat.flatMap { la in lon.map { (id, (lat: la, lon: $0)) } } }, uniquingKeysWith: { a, _ in a })
        // The catchments of the new schools: where their pupils come from (one line per area).
        let newIDs = Set(built.map(\.id))
        var drawn = Set<String>()
        let lines = (plan?.catchments ?? []).compactMap { c -> (from: (lat: Double, lon: Double), to: (lat: Double, lon: Double))? in
            guard newIDs.contains(c.school), drawn.insert("\(c.area)|\(c.school)").inserted, let a = places[c.area], let b = schoolPlaces[c.school] else { return nil }
            return (a, b)
        }
        let map = SVGMap(districts: s.districts, communities: communities, schools: schools, catchments: lines)
        let caption = plan.map { "方案 plan: \($0.name) — ✕ 撤并 closed, 紫色 新建 new (purple), 虚线 新校学区 the new schools' catchments (dashed)" } ?? "现状 current network"
        return "<p>圆圈大小为\(s.baseYear)年3–17岁人口;学校颜色为\(s.baseYear)年学位使用率。 Circles: residents aged 3–17 in \(s.baseYear); "
            + "schools coloured by how full they are in \(s.baseYear). \(esc(caption)).</p>"
            + map.svg(title: "\(s.name) 学校分布 schools and communities")
    }

    /// The comparison's headline rows, and lifetime cost against the seats still short.
    static func plans(_ input: Input) -> String {
        let s = input.scenario
        var rows: [[(String, String)]] = []
        for p in input.plans {
            rows.append([(p.name, ""), (wan(input.value(p.name, "capital_total") ?? 0), "num"), (wan(input.value(p.name, "lifetime_cost") ?? 0), "num"),
                         (wan(input.value(p.name, "operating_cost", year: s.horizon) ?? 0), "num"),
                         (grouped(input.value(p.name, "schools_opened") ?? 0), "num"), (grouped(input.value(p.name, "schools_closed") ?? 0), "num"),
                         (grouped(input.value(p.name, "pupils_relocated", year: s.horizon) ?? 0), "num"), (grouped(input.seatsShort(p.name)), "num"),
                         (grouped(input.value(p.name, "targets_missed") ?? 0), "num")])
        }
        var out = table(["方案 plan", "投资 capital", "折现总费用 lifetime cost", "\(s.horizon)年运行费用 running cost", "新建 opened", "撤并 closed",
                          "调整就读 relocated", "\(s.horizon)年缺学位 seats short", "未达标 targets missed"], rows)
        out += SVGChart.scatter("折现总费用与剩余学位缺口 Lifetime cost against the seats still short in \(s.horizon)",
                                points: input.plans.map { ($0.name, (input.value($0.name, "lifetime_cost") ?? 0) / 10_000, input.seatsShort($0.name)) },
                                xUnit: "折现总费用 lifetime cost (万元)", yUnit: "缺学位 seats short")
        return out
    }
}
