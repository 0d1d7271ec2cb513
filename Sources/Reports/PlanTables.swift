import Foundation
import LayoutOptimizer
import PlanComparison
import ScenarioModel
import SeatMetrics
import SimulationPipeline

/// The plan's sheets (`plan.xlsx` beside `plan.yaml`; `simulate --plan` adds them to `seat_gap.xlsx`):
/// 项目库 the projects, spending by year against the budget, the pupils relocated by school name,
/// utilisation per school and year, and the targets with and without the plan. Built from the plan
/// and the two simulations only, so a hand-written plan gets the same sheets as the optimizer's.
///
/// ```
/// capital of an action  = LayoutCostEvaluation.capital(of:)        (the comparison's figure)
/// relocated (from → to) = PlanComparison.relocations               (the comparison's count, by school)
/// utilisation           = pupils ÷ seats of the school and stage    (the seat-gap table's)
/// ```
public enum PlanTables {
    public static func make(_ plan: Plan, statusQuo: SimulationResult, planned: SimulationResult, scenario: Scenario,
                            schooling: Schooling) -> [ReportTable] {
        let names = EntityNames(scenario, schools: planned.allocation.schools)
        return [projects(plan, planned: planned, names: names, schooling: schooling), spending(plan, scenario: scenario, schooling: schooling),
                relocations(statusQuo: statusQuo, planned: planned, scenario: scenario, names: names),
                utilisation(plan, planned: planned, names: names), targets(statusQuo: statusQuo, planned: planned)]
    }

    /// 项目库: one row per action, with the school, its township, year, classrooms, beds and capital.
    static func projects(_ plan: Plan, planned: SimulationResult, names: EntityNames, schooling: Schooling) -> ReportTable {
        var t = ReportTable(file: nil, sheet: "项目库 projects", columns: [
            ("project", "项目"), ("action", "措施"), ("school", "学校编号"), ("name", "校名"), ("township", "乡镇"), ("year", "年份"),
            ("stage", "学段"), ("classrooms", "新增教室"), ("beds", "新增床位"), ("capital", "投资(万元)"),
        ])
        let district = Dictionary(planned.allocation.schools.map { ($0.id, $0.district) }, uniquingKeysWith: { a, _ in a })
        for action in plan.actions {
            let capital = LayoutCostEvaluation.capital(of: action, schooling: schooling)
            let id = action.school, stage: Stage?, rooms: Int, project: String
            switch action.kind {
            case .build(let b):
                (stage, rooms) = (nil, b.classrooms.values.reduce(0, +))
                project = "新建\(b.name)(\(b.kind.nameZH),\(rooms)间教室)"
            case let .expand(s, st, n):
                (stage, rooms) = (st, n)
                project = "\(names(s.rawValue))扩建\(n)间\(st.nameZH)教室"
            case let .temporaryClassrooms(s, st, n):
                (stage, rooms) = (st, 0)
                project = n > 0 ? "\(names(s.rawValue))设\(n)间\(st.nameZH)临时教室" : "\(names(s.rawValue))撤除\(st.nameZH)临时教室"
            case let .convertBoarding(s, beds):
                (stage, rooms) = (nil, 0)
                project = "\(names(s.rawValue))增加\(beds)个寄宿床位"
            case let .restrictGrades(s, grades):
                (stage, rooms) = (nil, 0)
                project = "\(names(s.rawValue))调整为\(Grade.rangeText(grades))年级"
            case let .convert(s, kind, _, classrooms):
                (stage, rooms) = (nil, classrooms.values.reduce(0, +))
                project = "\(names(s.rawValue))改建为\(kind.nameZH)(\(rooms)间教室)"
            case let .close(s, target):
                (stage, rooms) = (nil, 0)
                project = target.map { "\(names(s.rawValue))并入\(names($0.rawValue))" } ?? "撤销\(names(s.rawValue))"
            }
            let township = district[id].map { names($0.rawValue) } ?? ""
            t.add([.text(project), .text("\(action.nameZH) \(action.name)"), .text(id.rawValue), .text(names(id.rawValue)), .text(township), .year(action.year),
                   stage.map { .stage($0) } ?? .empty, rooms > 0 ? .integer(rooms) : .empty, capital.beds > 0 ? .integer(capital.beds) : .empty,
                   .money(capital.capital)])
        }
        return t
    }

    /// Capital by year against that year's budget (`optimizer.budget_by_year`), cumulated against the
    /// budget for the whole plan (`optimizer.budget`).
    static func spending(_ plan: Plan, scenario: Scenario, schooling: Schooling) -> ReportTable {
        let budget = schooling.optimizer.budget, yearly = schooling.optimizer.budgetByYear
        var t = ReportTable(file: nil, sheet: "年度投资 spending", columns: [
            ("year", "年份"), ("projects", "项目数"), ("capital", "当年投资(万元)"), ("year_budget", "年度预算(万元)"), ("cumulative", "累计投资(万元)"),
            ("budget", "投资预算(万元)"), ("budget_left", "预算余额(万元)"),
        ])
        var cumulative = 0.0
        for year in scenario.years {
            let capital = LayoutCostEvaluation.capital(of: plan, in: year, schooling: schooling)
            cumulative += capital
            t.add([.year(year), .integer(plan.actions.filter { $0.year == year }.count), .money(capital), yearly[year].map { .money($0) } ?? .empty,
                   .money(cumulative), budget.map { .money($0) } ?? .empty, budget.map { .money($0 - cumulative) } ?? .empty])
        }
        return t
    }

    /// Pupils at another school than under the status quo, by school left and school joined, in the
    /// years of the tables (base year, three and six years on, horizon).
    static func relocations(statusQuo: SimulationResult, planned: SimulationResult, scenario: Scenario, names: EntityNames) -> ReportTable {
        var t = ReportTable(file: nil, sheet: "学生调整 relocations", columns: [
            ("year", "年份"), ("from", "原学校编号"), ("from_name", "原学校"), ("from_township", "原学校乡镇"),
            ("to", "新学校编号"), ("to_name", "新学校"), ("to_township", "新学校乡镇"), ("pupils", "调整学生数"),
        ])
        let schools = planned.allocation.schools
        for year in PlanComparison.defaultYears(scenario.years) {
            let moves = PlanComparison.relocations(planned.allocation, statusQuo.allocation, year: year).filter { $0.pupils >= 0.5 }
            for m in moves.sorted(by: { ($1.pupils, $0.from) < ($0.pupils, $1.from) }) {
                let from = schools[m.from], to = m.to.map { schools[$0] }
                t.add([.year(year), .text(from.id.rawValue), .text(from.name), .text(names(from.district.rawValue)),
                       .text(to?.id.rawValue ?? ""), .text(to?.name ?? "未安排学位 no seat"), .text(to.map { names($0.district.rawValue) } ?? ""),
                       .count(m.pupils)])
            }
        }
        return t
    }

    /// Utilisation of every school and stage, a column per year (empty while it is closed or not yet open).
    static func utilisation(_ plan: Plan, planned: SimulationResult, names: EntityNames) -> ReportTable {
        let years = planned.allocation.years
        var t = ReportTable(file: nil, sheet: "学位使用率 utilisation", columns: [
            ("school", "学校编号"), ("name", "校名"), ("township", "乡镇"), ("stage", "学段"), ("action", "方案措施"),
        ] + years.map { (String($0), "") })
        var actions: [SchoolID: [String]] = [:]
        for a in plan.actions { actions[a.school, default: []].append("\(a.year) \(a.nameZH)") }
        let rows = Dictionary(planned.seatGaps.filter { $0.level == .school }.map { ("\($0.id)|\($0.stage.rawValue)|\($0.year)", $0) },
                              uniquingKeysWith: { a, _ in a })
        for school in planned.allocation.schools {
            for stage in Stage.allCases where school.stages.contains(stage) {
                let cells = years.map { y -> ReportCell in
                    guard let row = rows["\(school.id)|\(stage.rawValue)|\(y)"], row.seats > 0 else { return .empty }
                    return .optionalShare(row.utilisation)
                }
                guard cells.contains(where: { $0 != .empty }) else { continue }
                t.add([.text(school.id.rawValue), .text(school.name), .text(names(school.district.rawValue)), .stage(stage),
                       .text(actions[school.id]?.joined(separator: ", ") ?? "")] + cells)
            }
        }
        return t
    }

    /// Every target by year: required, the status quo's value and the plan's, met with the plan.
    static func targets(statusQuo: SimulationResult, planned: SimulationResult) -> ReportTable {
        var t = ReportTable(file: nil, sheet: "方案目标 plan_targets", columns: [
            ("target", "指标"), ("name_zh", "指标名称"), ("year", "年份"), ("required", "目标值"), ("status_quo", "现状"),
            ("plan", "方案"), ("met", "方案达标"),
        ])
        let before = Dictionary(statusQuo.targets.map { ("\($0.target)|\($0.year)", $0.achieved) }, uniquingKeysWith: { a, _ in a })
        for row in planned.targets {
            func value(_ v: Double?) -> ReportCell { row.isRatio ? .optionalShare(v) : .optional(v, places: 2) }
            t.add([.text(row.target), .text("\(row.nameZH) \(row.comparison == .atLeast ? "≥" : "≤")"), .year(row.year), value(row.required),
                   value(before["\(row.target)|\(row.year)"] ?? nil), value(row.achieved), .optionalFlag(row.met)])
        }
        return t
    }
}
