import Foundation
import LayoutOptimizer
import ScenarioModel
import SeatMetrics
import SimulationPipeline

/// `plan_report.md` and `assignment.csv` for an optimized plan, from the optimizer's result and the
/// simulation of the plan (so every figure is the simulator's, which the optimizer's must match).
public enum PlanReport {
    public struct Context {
        public let scenario: Scenario
        public let schooling: Schooling
        public let instance: LayoutInstance
        public let result: LayoutResult
        public let plan: Plan
        public let base: SimulationResult
        public let planned: SimulationResult
        public let cost: LayoutCost

        public init(scenario: Scenario, schooling: Schooling, instance: LayoutInstance, result: LayoutResult, plan: Plan,
                    base: SimulationResult, planned: SimulationResult, cost: LayoutCost) {
            self.scenario = scenario
            self.schooling = schooling
            self.instance = instance
            self.result = result
            self.plan = plan
            self.base = base
            self.planned = planned
            self.cost = cost
        }
    }

    /// `community,stage,school,pupils,distance_km,grades,minutes,boards`: each demand point of the design year.
    public static func assignment(_ c: Context) -> ReportTable {
        var t = ReportTable(file: "assignment.csv", sheet: "assignment", columns: [
            ("community", "村/社区"), ("stage", "学段"), ("school", "学校"), ("pupils", "学生数"), ("distance_km", "距离km"),
            ("grades", "年级"), ("minutes", "通学分钟"), ("boards", "寄宿"),
        ])
        let inst = c.instance
        let ids = schoolIDs(c)
        for (p, point) in inst.points.enumerated() {
            guard let k = c.result.decision?.arc[p] else { continue }
            let arc = inst.arcs[k]
            t.add([.text(point.area.rawValue), .text(point.group.stage.rawValue), .text(ids[arc.facility]), .count(point.pupils),
                   .number(arc.kilometres, places: 2), .text(Grade.rangeText(point.group.grades)),
                   .number(arc.minutes, places: 1), .flag(arc.boards)])
        }
        return t
    }

    private static func schoolIDs(_ c: Context) -> [String] {
        c.instance.facilities.map { f in
            if case .option(let site, let kind, _) = f.origin { return "NEW-\(c.instance.siteNames[site])-\(kind.rawValue)" }
            return f.school.id.rawValue
        }
    }

    public static func markdown(_ c: Context) -> String {
        let inst = c.instance, r = c.result
        let year = inst.designYear
        var lines: [String] = []
        func money(_ v: Double) -> String { "¥" + String(format: "%.2f", v / 1e6) + " M" }
        lines.append("# Layout plan 布局调整方案 — \(c.scenario.name)")
        lines.append("")
        lines.append("Design year 规划基准年 **\(year)**; new buildings open in \(inst.openingYear). Objective: **\(inst.objective.rawValue)**.")
        lines.append("")
        lines.append("| solve 求解 | |")
        lines.append("|---|---|")
        lines.append("| status | \(r.status.rawValue) (\(r.source?.rawValue ?? "—")) |")
        if let o = r.objective {
            let unit = inst.objective == .cost ? "yuan a year" : "pupil-minutes"
            lines.append("| objective | \(grouped(o)) \(unit) |")
        }
        lines.append("| best bound | \(grouped(r.bound)) |")
        lines.append("| gap | \(r.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "—") |")
        lines.append("| heuristic start | \(r.heuristicObjective.map { grouped($0) } ?? "none found") |")
        lines.append("| model | \(r.variables) variables, \(r.constraints) constraints, \(inst.points.count) demand points, \(inst.facilities.count) schools and options |")
        lines.append("| search | " + (r.stoppedByClock ? "stopped by --time-limit: another machine may give another plan" : "bounded by work (nodes, rounds): the same plan on any machine") + " |")
        lines.append("")
        lines.append("## Cost 费用 (simulated, \(year))")
        lines.append("")
        lines.append("| component | yuan a year |")
        lines.append("|---|---:|")
        lines.append("| capital spent 投资 \(money(c.cost.capital)), annualised | \(grouped(c.cost.annualisedCapital)) |")
        lines.append("| fixed operating 学校固定运行 | \(grouped(c.cost.fixedOperating)) |")
        lines.append("| classes 班级 | \(grouped(c.cost.classes)) |")
        lines.append("| day transport 走读交通 | \(grouped(c.cost.transport)) |")
        lines.append("| boarding 寄宿 (\(grouped(c.cost.boarders)) boarders) | \(grouped(c.cost.boarding)) |")
        lines.append("| **total** | **\(grouped(c.cost.total))** |")
        if let b = inst.budget { lines.append("\nCapital budget \(money(b)); spent \(money(c.cost.capital)).") }
        lines.append("")
        lines.append("## Actions 调整措施")
        lines.append("")
        lines.append("| year | action | school | detail |")
        lines.append("|---|---|---|---|")
        let names = Dictionary(uniqueKeysWithValues: c.schooling.schools.map { ($0.id, $0.name) })
        for a in c.plan.actions {
            switch a.kind {
            case .build(let b):
                lines.append("| \(a.year) | build 新建 | \(b.id) \(b.name) | \(b.kind.nameZH), grades \(b.grades.first?.id ?? "")–\(b.grades.last?.id ?? ""), \(b.classrooms.values.reduce(0, +)) classrooms\(b.boardingBeds > 0 ? ", \(b.boardingBeds) beds" : ""), \(money(b.capitalCost ?? 0)) |")
            case let .expand(s, stage, n):
                lines.append("| \(a.year) | expand 扩建 | \(s) \(names[s] ?? "") | +\(n) \(stage.nameZH) classrooms |")
            case let .convertBoarding(s, n):
                lines.append("| \(a.year) | convert_boarding 增加寄宿 | \(s) \(names[s] ?? "") | +\(n) beds |")
            case let .restrictGrades(s, g):
                lines.append("| \(a.year) | restrict_grades 调整年级 | \(s) \(names[s] ?? "") | keeps grades \(g.map(\.id).joined(separator: ",")) |")
            case let .close(s, target):
                lines.append("| \(a.year) | \(target == nil ? "close 撤销" : "merge_into 合并") | \(s) \(names[s] ?? "") | \(target.map { "into \($0)" } ?? "") |")
            }
        }
        if c.plan.actions.isEmpty { lines.append("| — | none: the network serves the design year as it is | | |") }
        lines.append("")
        lines.append(contentsOf: movements(c))
        lines.append(contentsOf: travel(c))
        lines.append(contentsOf: targets(c))
        lines.append(contentsOf: utilisation(c))
        lines.append(contentsOf: laterShortages(c))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Who moves where, and how many pupils change school.
    static func movements(_ c: Context) -> [String] {
        let inst = c.instance
        guard let d = c.result.decision else { return [] }
        let ids = schoolIDs(c)
        var moved = 0.0, total = 0.0
        var flows: [String: [String: Double]] = [:]
        for (p, point) in inst.points.enumerated() {
            total += point.pupils
            guard let k = d.arc[p] else { continue }
            let to = ids[inst.arcs[k].facility]
            if let now = point.currentSchool, ids[now] != to {
                moved += point.pupils
                flows[ids[now], default: [:]][to, default: 0] += point.pupils
            } else if point.currentSchool == nil, point.group.stage != .senior, point.group.stage != .vocational {
                moved += point.pupils
            }
        }
        var lines = ["## Pupils relocated 学生调整", "",
                     "\(grouped(moved)) of \(grouped(total)) pupils (\(String(format: "%.1f", total > 0 ? moved / total * 100 : 0))%) attend a different school in \(inst.designYear) than the current network would give them.", ""]
        if !flows.isEmpty {
            lines.append("| from | to | pupils |")
            lines.append("|---|---|---:|")
            for (from, targets) in flows.sorted(by: { $0.key < $1.key }) {
                for (to, n) in targets.sorted(by: { $0.value > $1.value }) where n >= 0.5 { lines.append("| \(from) | \(to) | \(grouped(n)) |") }
            }
            lines.append("")
        }
        return lines
    }

    /// Travel distribution of the design year's pupils, and boarders.
    static func travel(_ c: Context) -> [String] {
        let inst = c.instance
        guard let d = c.result.decision else { return [] }
        let bands: [(String, ClosedRange<Double>)] = [("≤ 15 min", 0...15), ("15–30 min", 15.000001...30), ("30–45 min", 30.000001...45),
                                                      ("45–60 min", 45.000001...60), ("> 60 min", 60.000001...1e9)]
        var lines = ["## Travel 通学时间 (one way, \(inst.designYear))", "", "| group | " + bands.map(\.0).joined(separator: " | ") + " | boarders 寄宿 |",
                     "|---|" + bands.map { _ in "---:|" }.joined() + "---:|"]
        for g in PupilGroup.allCases {
            var counts = [Double](repeating: 0, count: bands.count)
            var boarders = 0.0
            for (p, point) in inst.points.enumerated() where point.group == g {
                guard let k = d.arc[p] else { continue }
                let m = inst.arcs[k].minutes
                if let b = bands.firstIndex(where: { $0.1.contains(m) }) { counts[b] += point.pupils }
                if inst.arcs[k].boards { boarders += point.pupils }
            }
            guard counts.reduce(0, +) > 0 else { continue }
            lines.append("| \(g.nameZH) | " + counts.map { grouped($0) }.joined(separator: " | ") + " | \(grouped(boarders)) |")
        }
        lines.append("")
        lines.append("Boarding beds added 新增床位: \(c.cost.bedsAdded).")
        lines.append("")
        return lines
    }

    static func targets(_ c: Context) -> [String] {
        let year = c.instance.designYear
        var lines = ["## Targets 目标 (\(year), simulated)", "", "| target | required | base network | plan | met |", "|---|---:|---:|---:|---|"]
        for row in c.planned.targets where row.year == year {
            let base = c.base.targets.first { $0.target == row.target && $0.year == year }?.achieved
            let sign = row.comparison == .atLeast ? "≥" : "≤"
            func v(_ x: Double?) -> String { x.map { abs($0) < 10 && $0 != $0.rounded() ? String(format: "%.3f", $0) : grouped($0) } ?? "—" }
            lines.append("| \(row.nameZH) | \(sign) \(v(row.required)) | \(v(base)) | \(v(row.achieved)) | \(row.met.map { $0 ? "yes" : "**no**" } ?? "—") |")
        }
        lines.append("")
        return lines
    }

    /// Schools outside the utilisation band in the design year.
    static func utilisation(_ c: Context) -> [String] {
        let band = c.schooling.optimizer.utilisationBand
        let year = c.instance.designYear
        let rows = c.planned.seatGaps.filter { $0.level == .school && $0.year == year && $0.seats > 0 }
            .filter { !band.contains($0.utilisation ?? 0) }
        var lines = ["## Utilisation 学位使用率 outside \(Int(band.lowerBound * 100))–\(Int(band.upperBound * 100))% in \(year)", ""]
        guard !rows.isEmpty else { return lines + ["Every school is within the band.", ""] }
        lines.append("| school | stage | pupils | seats | utilisation |")
        lines.append("|---|---|---:|---:|---:|")
        for row in rows.sorted(by: { ($0.utilisation ?? 0) < ($1.utilisation ?? 0) }) {
            lines.append("| \(row.id) | \(row.stage.nameZH) | \(grouped(row.demand)) | \(grouped(row.seats)) | \(String(format: "%.0f%%", (row.utilisation ?? 0) * 100)) |")
        }
        lines.append("")
        lines.append("Protected schools (teaching points, `keep`) may stay small; schools below the band in later years are the next consolidation candidates.")
        lines.append("")
        return lines
    }

    /// Schools whose seats fall short in a year after the design year (the plan is sized for the
    /// design year; local demand can peak later, e.g. where new estates fill).
    static func laterShortages(_ c: Context) -> [String] {
        let year = c.instance.designYear
        let short = c.planned.seatGaps.filter { $0.level == .school && $0.year > year && $0.gap >= 0.5 }
        var lines = ["## After the design year 规划年后的学位缺口 (\(year + 1)–\(c.scenario.horizon), simulated)", ""]
        guard !short.isEmpty else { return lines + ["No school runs short of seats after \(year).", ""] }
        lines.append("| school | stage | first year short | worst year | pupils | seats | short |")
        lines.append("|---|---|---:|---:|---:|---:|---:|")
        let bySchool = Dictionary(grouping: short) { "\($0.id)|\($0.stage.rawValue)" }
        let worst = bySchool.values.compactMap { rows in rows.max { ($0.gap, $1.year) < ($1.gap, $0.year) }.map { (rows, $0) } }
        for (rows, w) in worst.sorted(by: { ($0.1.gap, $1.1.id) > ($1.1.gap, $0.1.id) }) {
            let first = rows.map(\.year).min() ?? w.year
            lines.append("| \(w.id) | \(w.stage.nameZH) | \(first) | \(w.year) | \(grouped(w.demand)) | \(grouped(w.seats)) | \(grouped(w.gap)) |")
        }
        lines.append("")
        lines.append("The plan is sized for \(year). Where demand keeps growing after it, set `optimizer.seats_through` to a later year "
                     + "(seats then hold each community's largest cohort up to that year), run `seatplan optimize --year` with a later year, "
                     + "or add these seats to the plan by hand and check it with `seatplan simulate --plan`.")
        lines.append("")
        return lines
    }
}
