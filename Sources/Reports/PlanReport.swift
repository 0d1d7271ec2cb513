import Foundation
import LayoutOptimizer
import PlanComparison
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
        /// A phased plan's periods (nil: one period, the design year).
        public let phased: PhasedOutcome?

        public init(scenario: Scenario, schooling: Schooling, instance: LayoutInstance, result: LayoutResult, plan: Plan,
                    base: SimulationResult, planned: SimulationResult, cost: LayoutCost, phased: PhasedOutcome? = nil) {
            self.phased = phased
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
            t.add([.text(point.area.rawValue), .stage(point.group.stage), .text(ids[arc.facility]), .count(point.pupils),
                   .number(arc.kilometres, places: 2), .text(Grade.rangeText(point.group.grades)),
                   .number(arc.minutes, places: 1), .flag(arc.boards)])
        }
        return t
    }

    private static func schoolIDs(_ c: Context) -> [String] { c.instance.facilities.indices.map { c.instance.planID($0).rawValue } }

    /// 万元 with thousands separators: 228,470,000 yuan → "22,847 万元".
    static func wan(_ yuan: Double) -> String { "\(grouped(yuan / 10_000)) 万元" }

    /// A school's name with its id: `县第一小学 (D01P1)`; a new school by its name.
    static func label(_ c: Context, facility f: Int) -> String {
        let facility = c.instance.facilities[f]
        switch facility.origin {
        case .option: return facility.school.name
        case .conversion(let school, let kind): return "\(c.instance.facilities[school].school.name) (\(c.instance.planID(f)), 改建\(kind.nameZH))"
        case .existing: return "\(facility.school.name) (\(facility.school.id))"
        }
    }

    /// A school of the planned network by name and id.
    static func named(_ c: Context, _ id: String) -> String {
        c.planned.allocation.schools.first { $0.id.rawValue == id }.map { "\($0.name) (\(id))" } ?? id
    }

    public static func markdown(_ c: Context) -> String {
        let inst = c.instance, r = c.result
        let year = inst.designYear
        var lines: [String] = []
        lines.append("# Layout plan 布局调整方案 — \(c.scenario.name)")
        lines.append("")
        lines.append(contentsOf: summary(c))
        lines.append(contentsOf: periods(c))
        lines.append("## Cost 费用 (simulated, \(year))")
        lines.append("")
        lines.append("| component 项目 | 万元 a year 每年 |")
        lines.append("|---|---:|")
        lines.append("| capital 投资 \(wan(c.cost.capital)), annualised 年化 | \(grouped(c.cost.annualisedCapital / 10_000)) |")
        lines.append("| fixed operating 学校固定运行 | \(grouped(c.cost.fixedOperating / 10_000)) |")
        lines.append("| classes 班级 | \(grouped(c.cost.classes / 10_000)) |")
        lines.append("| day transport 走读交通 | \(grouped(c.cost.transport / 10_000)) |")
        lines.append("| boarding 寄宿 (\(grouped(c.cost.boarders)) boarders 寄宿生) | \(grouped(c.cost.boarding / 10_000)) |")
        lines.append("| **total 合计** | **\(grouped(c.cost.total / 10_000))** |")
        if let b = inst.budget { lines.append("\nCapital budget 投资预算 \(wan(b)); spent 已用 \(wan(c.cost.capital)).") }
        lines.append("")
        lines.append("## Actions 调整措施")
        lines.append("")
        lines.append("| year 年份 | action 措施 | school 学校 | detail 内容 |")
        lines.append("|---|---|---|---|")
        let names = Dictionary(uniqueKeysWithValues: c.schooling.schools.map { ($0.id, $0.name) })
        func school(_ id: SchoolID) -> String { "\(names[id] ?? "") (\(id))" }
        for a in c.plan.actions {
            let capital = LayoutCostEvaluation.capital(of: a, schooling: c.schooling).capital
            let money = capital > 0 ? ", \(wan(capital))" : ""
            let action = "\(a.name) \(a.nameZH)"
            switch a.kind {
            case .build(let b):
                lines.append("| \(a.year) | \(action) | \(b.name) (\(b.id)) | \(b.kind.nameZH), grades \(b.grades.first?.id ?? "")–\(b.grades.last?.id ?? ""), \(b.classrooms.values.reduce(0, +)) classrooms 教室\(b.boardingBeds > 0 ? ", \(b.boardingBeds) beds 床位" : "")\(money) |")
            case let .expand(s, stage, n):
                lines.append("| \(a.year) | \(action) | \(school(s)) | +\(n) \(stage.nameZH) classrooms 教室\(money) |")
            case let .temporaryClassrooms(s, stage, n):
                lines.append("| \(a.year) | \(action) | \(school(s)) | \(n > 0 ? "\(n) temporary \(stage.nameZH) classrooms 临时教室 (¥\(grouped(c.schooling.optimizer.costs.temporaryClassroom * Double(n))) a year)" : "temporary classrooms removed 撤除") |")
            case let .convertBoarding(s, n):
                lines.append("| \(a.year) | \(action) | \(school(s)) | +\(n) beds 床位\(money) |")
            case let .restrictGrades(s, g):
                lines.append("| \(a.year) | \(action) | \(school(s)) | keeps grades 保留 \(g.map(\.id).joined(separator: ",")) |")
            case let .convert(s, kind, g, rooms):
                lines.append("| \(a.year) | \(action) | \(school(s)) | into a 改为 \(kind.nameZH), grades \(g.first?.id ?? "")–\(g.last?.id ?? ""), \(rooms.values.reduce(0, +)) classrooms 教室\(money) |")
            case let .close(s, target):
                lines.append("| \(a.year) | \(action) | \(school(s)) | \(target.map { "into 并入 \(school($0))" } ?? "") |")
            }
        }
        if c.plan.actions.isEmpty { lines.append("| — | none: the network serves the design year as it is | | |") }
        lines.append("")
        lines.append(contentsOf: byYear(c))
        lines.append(contentsOf: movements(c))
        lines.append(contentsOf: travel(c))
        lines.append(contentsOf: targets(c))
        lines.append(contentsOf: utilisation(c))
        if c.phased != nil {
            lines.append(contentsOf: idleClassrooms(c))
            lines.append(contentsOf: utilisationByYear(c))
        } else {
            lines.append(contentsOf: laterShortages(c))
        }
        lines.append("## Solve 求解")
        lines.append("")
        lines.append("| | |")
        lines.append("|---|---|")
        lines.append("| status 状态 | \(r.status.rawValue) (\(r.source?.rawValue ?? "—")) |")
        if let o = r.objective {
            let unit = inst.objective == .cost ? "yuan a year" : "pupil-minutes"
            lines.append("| objective 目标函数 | \(grouped(o)) \(unit) |")
        }
        lines.append("| best bound 下界 | \(grouped(r.bound)) |")
        lines.append("| gap 与最优的差距 | \(r.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "—") |")
        lines.append("| heuristic start 启发式初始解 | \(r.heuristicObjective.map { grouped($0) } ?? "none found") |")
        lines.append("| model 模型 | \(r.variables) variables, \(r.constraints) constraints, \(inst.points.count) demand points, \(inst.facilities.count) schools and options |")
        lines.append("| search 搜索 | " + (r.stoppedByClock ? "stopped by --time-limit: another machine may give another plan" : "bounded by work (nodes, rounds): the same plan on any machine") + " |")
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the plan does and costs, in a leader's minute: actions by kind, capital, yearly cost,
    /// pupils relocated, targets met in the design year, and how close the plan is to the best.
    static func summary(_ c: Context) -> [String] {
        let year = c.instance.designYear
        let byName = Dictionary(grouping: c.plan.actions, by: \.name)
        let done = PlanAction.names
            .compactMap { key in byName[key].map { "\($0[0].nameZH) \($0.count) (\(key))" } }.joined(separator: "、")
        let targets = c.planned.targets.filter { $0.year == year && $0.met != nil }
        let met = targets.filter { $0.met == true }.count
        let moved = relocation(c)
        var lines = ["## Summary 摘要", ""]
        let openings = Set(c.plan.actions.compactMap { if case .build = $0.kind { return $0.year } else { return nil } }).sorted()
        let opening = openings.map(String.init).joined(separator: ", ")
        lines.append("- Design year 规划基准年 **\(year)**" + (openings.isEmpty ? "." : "; new schools open in 新校启用 \(opening)."))
        lines.append("- Actions 调整措施: \(done.isEmpty ? "none 无" : done).")
        lines.append("- Capital 投资 **\(wan(c.cost.capital))**; yearly cost 年度费用 \(wan(c.cost.total)) in \(year) (capital annualised 投资年化).")
        if let moved {
            lines.append("- Pupils relocated 调整就读 \(grouped(moved.moved)) of \(grouped(moved.total)) (\(String(format: "%.1f%%", moved.total > 0 ? moved.moved / moved.total * 100 : 0))) in \(year); "
                         + "two-way swaps between schools that both stay open 两校对调: \(c.result.decision.map { $0.swaps(c.instance).count } ?? 0).")
        }
        lines.append("- Targets met in \(year) 目标达成: \(met) of \(targets.count).")
        lines.append("- Proven within 与最优差距 \(c.result.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "—") of the cheapest plan (solver details at the end 求解详情见文末).")
        lines.append("")
        return lines
    }

    /// Pupils of the design year at another school than the one they attend now (`relocation`), all
    /// pupils, and the flows from school to school.
    static func relocation(_ c: Context) -> (moved: Double, total: Double, flows: [Int: [Int: Double]])? {
        let inst = c.instance
        guard let d = c.result.decision else { return nil }
        var flows: [Int: [Int: Double]] = [:]
        for (p, point) in inst.points.enumerated() {
            guard let k = d.arc[p], let now = point.currentSchool, inst.relocates(k) else { continue }
            flows[now, default: [:]][inst.arcs[k].facility, default: 0] += point.pupils
        }
        return (d.relocated(inst), inst.designYearPupils, flows)
    }

    /// Year by year: the actions, the capital they spend against the budget, and the pupils who attend
    /// another school than with the current network (`PlanComparison.relocations`, simulated).
    static func byYear(_ c: Context) -> [String] {
        let budget = c.schooling.optimizer.budget, yearly = c.schooling.optimizer.budgetByYear
        var lines = ["## By year 分年度", "",
                     "Capital budget 投资预算: " + (budget.map { "\(wan($0)) for the whole plan 全规划期" } ?? "none 未设")
                        + (yearly.isEmpty ? "" : "; each year's budget 年度预算 for the projects opening that year") + ".", "",
                     "| year 年份 | actions 措施 | capital 投资 | year's budget 年度预算 | cumulative 累计 | budget left 预算余额 | pupils relocated 调整就读 |",
                     "|---:|---:|---:|---:|---:|---:|---:|"]
        var cumulative = 0.0
        for year in c.scenario.years {
            let actions = c.plan.actions.filter { $0.year == year }
            let capital = LayoutCostEvaluation.capital(of: c.plan, in: year, schooling: c.schooling)
            cumulative += capital
            let moved = PlanComparison.relocations(c.planned.allocation, c.base.allocation, year: year).reduce(0) { $0 + $1.pupils }
            lines.append("| \(year) | \(actions.count) | \(wan(capital)) | \(yearly[year].map(wan) ?? "—") | \(wan(cumulative)) | \(budget.map { wan($0 - cumulative) } ?? "—") | \(grouped(moved)) |")
        }
        lines.append("")
        return lines
    }

    /// A phased plan's periods: the years each stands for, its weight in the discounted objective, its
    /// yearly cost by the model and as simulated, the capital of the projects opening in it against its budget.
    static func periods(_ c: Context) -> [String] {
        guard let p = c.phased else { return [] }
        var lines = ["## Periods 分期 (phased plan: decisions dated over the horizon)", "",
                     "Each period's decisions stand from its year until the next period's; the objective is the cost over \(p.instance.periods[0].year)–\(c.scenario.horizon) "
                        + "discounted at \(String(format: "%.1f%%", c.schooling.optimizer.discountRate * 100)) a year to \(p.instance.periods[0].year) "
                        + "(Σ weight × yearly cost, capital annualised from the year it opens). 各期决策自该年起执行至下一期。", "",
                     "| period 分期 | years 年份 | weight 权重 | yearly cost, model 模型年度费用 | simulated 模拟 | capital opening 新增投资 | budget 预算 |",
                     "|---:|---|---:|---:|---:|---:|---:|"]
        for (i, period) in p.instance.periods.enumerated() {
            let previous = i > 0 ? p.instance.periods[i - 1].year : Int.min
            let capital = c.plan.actions.filter { $0.year > previous && $0.year <= period.year }
                .reduce(0.0) { $0 + LayoutCostEvaluation.capital(of: $1, schooling: c.schooling).capital }
            lines.append("| \(period.year) | \(period.year)–\(period.through) | \(String(format: "%.3f", period.weight)) | \(wan(p.modelCost[i])) | \(wan(p.simulatedCost[i].total)) "
                         + "| \(wan(capital)) | \(period.budget.map(wan) ?? "—") |")
        }
        let discounted = zip(p.instance.periods, p.simulatedCost).reduce(0.0) { $0 + $1.0.weight * $1.1.total }
        lines += ["", "Discounted cost 折现总费用: model \(p.result.objective.map(wan) ?? "—"), simulated \(wan(discounted)).", ""]
        return lines
    }

    /// The classrooms the plan adds (built, expanded, converted) standing in schools under 60% use in
    /// given years: capacity poured for a peak that has passed.
    static func idleClassrooms(_ c: Context) -> [String] {
        var added: [String: Int] = [:]
        for a in c.plan.actions {
            switch a.kind {
            case .build(let b): added[b.id.rawValue, default: 0] += b.classrooms.values.reduce(0, +)
            case let .expand(s, _, n): added[s.rawValue, default: 0] += n
            default: break
            }
        }
        let total = added.values.reduce(0, +)
        guard total > 0 else { return [] }
        var lines = ["## Classrooms added in under-used schools 新增教室所在学校使用率", "",
                     "| year 年份 | classrooms added standing in schools under 60% use 使用率低于60%学校中的新增教室 | share 占比 |", "|---:|---:|---:|"]
        let utilisation = schoolUtilisation(c)
        for year in [c.scenario.horizon - 5, c.scenario.horizon] where year > c.scenario.baseYear {
            let low = added.filter { id, _ in (utilisation[id]?[year] ?? 1) < 0.6 }.values.reduce(0, +)
            lines.append("| \(year) | \(low) of \(total) | \(String(format: "%.0f%%", Double(low) / Double(total) * 100)) |")
        }
        lines.append("")
        return lines
    }

    /// Each school's pupils over its seats by year, all stages (a year it is not open: none).
    static func schoolUtilisation(_ c: Context) -> [String: [Int: Double]] {
        var pupils: [String: [Int: Double]] = [:], seats: [String: [Int: Double]] = [:]
        for row in c.planned.seatGaps where row.level == .school {
            pupils[row.id, default: [:]][row.year, default: 0] += row.demand
            seats[row.id, default: [:]][row.year, default: 0] += row.seats
        }
        return seats.mapValues { $0.filter { $0.value > 0 } }.reduce(into: [:]) { out, school in
            out[school.key] = school.value.reduce(into: [:]) { $0[$1.key] = (pupils[school.key]?[$1.key] ?? 0) / $1.value }
        }
    }

    /// Every school's utilisation in every year of the plan (pupils over seats, all stages; temporary
    /// classrooms count as seats while they stand).
    static func utilisationByYear(_ c: Context) -> [String] {
        let years = Array((c.scenario.baseYear + 1)...max(c.scenario.baseYear + 1, c.scenario.horizon))
        var lines = ["## Utilisation by year 逐年学位使用率 (simulated)", "",
                     "| school 学校 | " + years.map(String.init).joined(separator: " | ") + " |",
                     "|---|" + years.map { _ in "---:|" }.joined()]
        let utilisation = schoolUtilisation(c)
        for id in Set(c.planned.seatGaps.filter { $0.level == .school }.map(\.id)).sorted() {
            let cells = years.map { y in utilisation[id]?[y].map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
            lines.append("| \(named(c, id)) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        return lines
    }

    /// Who moves where, and how many pupils change school.
    static func movements(_ c: Context) -> [String] {
        guard let r = relocation(c) else { return [] }
        var lines = ["## Pupils relocated 学生调整", "",
                     "\(grouped(r.moved)) of \(grouped(r.total)) pupils (\(String(format: "%.1f", r.total > 0 ? r.moved / r.total * 100 : 0))%) attend a different school in \(c.instance.designYear) than the current network would give them. 规划年调整就读学校的学生。", ""]
        if !r.flows.isEmpty {
            lines.append("| from 原学校 | to 新学校 | pupils 学生 |")
            lines.append("|---|---|---:|")
            for (from, targets) in r.flows.sorted(by: { label(c, facility: $0.key) < label(c, facility: $1.key) }) {
                for (to, n) in targets.sorted(by: { ($1.value, label(c, facility: $0.key)) < ($0.value, label(c, facility: $1.key)) }) where n >= 0.5 {
                    lines.append("| \(label(c, facility: from)) | \(label(c, facility: to)) | \(grouped(n)) |")
                }
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
        var lines = ["## Targets 目标 (\(year), simulated)", "", "| target 目标 | required 要求 | current network 现状 | plan 方案 | met 达标 |", "|---|---:|---:|---:|---|"]
        for row in c.planned.targets where row.year == year {
            let base = c.base.targets.first { $0.target == row.target && $0.year == year }?.achieved
            let sign = row.comparison == .atLeast ? "≥" : "≤"
            func v(_ x: Double?) -> String { x.map { row.isRatio ? String(format: "%.1f%%", $0 * 100) : grouped($0) } ?? "—" }
            lines.append("| \(row.nameZH) | \(sign) \(v(row.required)) | \(v(base)) | \(v(row.achieved)) | \(row.met.map { $0 ? "yes 是" : "**no 否**" } ?? "—") |")
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
            lines.append("| \(named(c, row.id)) | \(row.stage.nameZH) | \(grouped(row.demand)) | \(grouped(row.seats)) | \(String(format: "%.0f%%", (row.utilisation ?? 0) * 100)) |")
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
            lines.append("| \(named(c, w.id)) | \(w.stage.nameZH) | \(first) | \(w.year) | \(grouped(w.demand)) | \(grouped(w.seats)) | \(grouped(w.gap)) |")
        }
        lines.append("")
        lines.append("The plan is sized for \(year). Where demand keeps growing after it, set `optimizer.seats_through` to a later year "
                     + "(seats then hold each community's largest cohort up to that year), run `seatplan optimize --year` with a later year, "
                     + "or add these seats to the plan by hand and check it with `seatplan simulate --plan`.")
        lines.append("")
        return lines
    }
}
