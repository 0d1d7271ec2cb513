import Foundation
import SchoolAllocation
import ScenarioModel
import SeatMetrics
import SimulationPipeline

/// One plan's figure in the comparison: an indicator, by stage or pupil group where it has one, by
/// year where it has one (nil for totals).
public struct ComparisonRow: Sendable, Equatable {
    public let plan: String
    public let indicator: String
    public let nameZH: String
    /// A stage, a pupil group, or empty.
    public let stage: String
    public let year: Int?
    public let value: Double
    public let topic: ComparisonTopic

    /// Decimals the value is written with: yuan, seats, beds and schools 0, pupils and minutes 1,
    /// shares and rates 4.
    public var places: Int {
        switch indicator {
        case "capital", "operating_cost", "capital_total", "lifetime_cost", "seats", "seats_added", "boarding_beds", "schools_open",
             "schools_opened", "schools_closed", "schools_converted", "targets_missed", "super_big_classes", "oversized_schools":
            return 0
        case "big_class_share", "probability_short", "probability_any_stage_short": return 4
        default: return indicator.hasPrefix("target.") ? 4 : indicator.hasPrefix("target_met.") ? 0 : 1
        }
    }
}

/// The topics of the comparison, each a sheet of the workbook and a section of `comparison.md`.
public enum ComparisonTopic: String, CaseIterable, Sendable {
    case money, seats, schools, pupils, gaps, classes, targets

    public var title: String {
        switch self {
        case .money: return "投资与费用 money"
        case .seats: return "学位 seats"
        case .schools: return "学校 schools"
        case .pupils: return "学生与通学 pupils and travel"
        case .gaps: return "学位缺口 seat gaps"
        case .classes: return "班额与规模 classes and school size"
        case .targets: return "目标 targets"
        }
    }
}

/// A plan to compare: its name and its simulation (with the yearly costs).
/// Pupils moved from one school to another (`PlanComparison.relocations`).
public struct Relocation: Sendable, Equatable {
    public let from: Int
    public let to: Int?
    public let pupils: Double
}

public struct ComparedPlan: Sendable {
    public let name: String
    public let plan: Plan
    public let result: SimulationResult

    public init(name: String, plan: Plan, result: SimulationResult) {
        self.name = name
        self.plan = plan
        self.result = result
    }
}

/// Plans side by side, the status quo (no plan) first: what each costs and when, the seats it adds, the
/// schools it opens and closes, the pupils it moves and how far they travel, the seat gaps it leaves and
/// every target met or missed, year by year — each figure from the plan's simulation by the same code
/// as `seatplan simulate --plan`.
///
/// ```
/// capital(t)        = Σ capital of the plan's actions dated t     (LayoutCostEvaluation.capital(of:))
/// operating(t)      = fixed + classes + day transport + boarding in year t   (LayoutCostEvaluation)
/// lifetime cost     = Σ_{t=base}^{horizon} (ρ · Σ_{u≤t} capital(u) + operating(t)) / (1 + r)^(t − base)
///                     r = optimizer.discount_rate, ρ = r / (1 − (1 + r)^−L) the annuity of the optimizer's
///                     objective: a building is paid for over its life L, so the horizon carries its share
/// seats(σ, t)       = Σ seats of the stage at the schools open in t;  seats added = seats − status quo's
/// pupils relocated  = Σ_areas, grades Σ_schools max(0, S_sq − S_plan): pupils at another school than
///                     under the status quo in the same year
/// travel            = mean and 95th percentile of one-way minutes per pupil group (weighted by pupils)
/// seat gap (σ, t)   = county demand − seats;  seats short = SeatDemandCells.short: Σ_schools max(0, demand − seats) + unserved
/// ```
public enum PlanComparison {
    /// The status quo's column name.
    public static let statusQuoName = "status quo 现状"

    /// Simulates the status quo and each plan on one projection. Plans keep their names, made unique
    /// by a number when two share one (`A`, `A (2)`).
    public static func simulate(_ plans: [Plan], scenario: Scenario, schooling: Schooling) throws(SimulationError) -> [ComparedPlan] {
        let base = try Simulation.run(scenario)
        var out = [ComparedPlan(name: statusQuoName, plan: Plan(name: statusQuoName), result: base)]
        for plan in plans {
            var name = plan.name, n = 1
            while out.contains(where: { $0.name == name }) {
                n += 1
                name = "\(plan.name) (\(n))"
            }
            let evaluated = try Optimization.evaluate(plan, scenario: scenario, schooling: schooling, projection: base.projection, demand: base.demand)
            out.append(ComparedPlan(name: name, plan: plan, result: evaluated.result))
        }
        return out
    }

    public static func compare(_ plans: [ComparedPlan], scenario: Scenario, schooling: Schooling) -> [ComparisonRow] {
        guard let statusQuo = plans.first else { return [] }
        let cells = plans.map { SeatDemandCells($0.result.allocation, scenario: scenario, schooling: schooling) }
        return zip(plans, cells).flatMap { p, c in
            rows(of: p, cells: c, statusQuo: statusQuo, statusQuoCells: cells[0], scenario: scenario, schooling: schooling)
        }
    }

    /// The actions counted as schools opened, closed (`close`, `merge_into`) and converted (`restrict_grades`, `convert`).
    static let schoolActions: [(indicator: String, nameZH: String, counts: @Sendable (PlanAction.Kind) -> Bool)] = [
        ("schools_opened", "新建学校", { if case .build = $0 { return true } else { return false } }),
        ("schools_closed", "撤并学校", { if case .close = $0 { return true } else { return false } }),
        ("schools_converted", "调整年级或改建学校", { switch $0 { case .restrictGrades, .convert: return true; default: return false } }),
    ]

    static func rows(of p: ComparedPlan, cells: SeatDemandCells, statusQuo: ComparedPlan, statusQuoCells: SeatDemandCells, scenario: Scenario,
                     schooling: Schooling) -> [ComparisonRow] {
        var out: [ComparisonRow] = []
        func add(_ topic: ComparisonTopic, _ indicator: String, _ zh: String, _ stage: String = "", _ year: Int? = nil, _ value: Double) {
            out.append(ComparisonRow(plan: p.name, indicator: indicator, nameZH: zh, stage: stage, year: year, value: value, topic: topic))
        }
        let r = p.result, years = r.allocation.years
        let rate = schooling.optimizer.discountRate
        // Money.
        var lifetime = 0.0, capitalTotal = 0.0
        for year in years {
            let capital = LayoutCostEvaluation.capital(of: p.plan, in: year, schooling: schooling)
            let c = LayoutCostEvaluation.evaluate(r.allocation, plan: nil, scenario: scenario, schooling: schooling, year: year)
            let operating = c.fixedOperating + c.classes + c.transport + c.boarding
            capitalTotal += capital
            add(.money, "capital", "投资(元)", "", year, capital)
            add(.money, "operating_cost", "运行费用(元/年)", "", year, operating)
            lifetime += (schooling.optimizer.annuityFactor * capitalTotal + operating) / pow(1 + rate, Double(year - years.lowerBound))
            if r.allocation.hasFlows { add(.pupils, "boarders", "寄宿生", "", year, c.boarders) }
        }
        add(.money, "capital_total", "投资合计(元)", "", nil, capitalTotal)
        add(.money, "lifetime_cost", "折现总费用(元)", "", nil, lifetime)
        // Seats and schools.
        for year in years {
            let open = r.allocation.network.open(in: year)
            for stage in Stage.allCases {
                let seats = cells.seats[cells.index(year: year, entity: cells.county, stage: stage.index)]
                let base = statusQuoCells.seats[statusQuoCells.index(year: year, entity: statusQuoCells.county, stage: stage.index)]
                add(.seats, "seats", "学位数", stage.rawValue, year, seats)
                add(.seats, "seats_added", "新增学位(较现状)", stage.rawValue, year, seats - base)
            }
            add(.seats, "boarding_beds", "寄宿床位", "", year, Double(open.reduce(0) { $0 + $1.school.boardingBeds }))
            add(.schools, "schools_open", "开办学校数", "", year, Double(open.count))
            for action in schoolActions {
                add(.schools, action.indicator, action.nameZH, "", year, Double(p.plan.actions.filter { $0.year == year && action.counts($0.kind) }.count))
            }
        }
        for action in schoolActions {
            add(.schools, action.indicator, action.nameZH, "", nil, Double(p.plan.actions.filter { action.counts($0.kind) }.count))
        }
        // Pupils: relocated, and travel by group (only with flows: not for demand from school records).
        for year in years where r.allocation.hasFlows {
            add(.pupils, "pupils_relocated", "调整就读学校学生", "", year, relocated(r.allocation, statusQuo.result.allocation, year: year))
            for group in PupilGroup.allCases {
                let (mean, p95) = travel(r.allocation, group: group, year: year)
                add(.pupils, "travel_mean_minutes", "平均通学时间(分钟)", group.rawValue, year, mean)
                add(.pupils, "travel_p95_minutes", "95%学生通学时间(分钟)内", group.rawValue, year, p95)
            }
        }
        // Gaps.
        for row in r.seatGaps where row.level == .county {
            add(.gaps, "seat_gap", "学位缺口(需求−学位)", row.stage.rawValue, row.year, row.gap)
            add(.gaps, "seats_short", "学位不足(各校合计)", row.stage.rawValue, row.year, cells.short(stage: row.stage.index, year: row.year))
        }
        // Classes and school size.
        for row in r.indicators {
            switch row.indicator {
            case .bigClassShare, .averageClassSize, .superBigClasses, .oversizedSchools:
                guard let v = row.value else { continue }
                add(.classes, row.indicator.rawValue, row.indicator.nameZH(row.stage), row.stage?.rawValue ?? "", row.year, v)
            default:
                continue
            }
        }
        // Targets.
        var missed = 0
        for t in r.targets {
            guard let achieved = t.achieved, let met = t.met else { continue }
            let sign = t.comparison == .atLeast ? "≥" : "≤"
            add(.targets, "target.\(t.target)", "\(t.nameZH) \(sign) \(number(t.required))", "", t.year, achieved)
            add(.targets, "target_met.\(t.target)", "\(t.nameZH) 达标", "", t.year, met ? 1 : 0)
            if !met { missed += 1 }
        }
        add(.targets, "targets_missed", "未达标(目标×年)", "", nil, Double(missed))
        return out
    }

    /// A plan's rows from its draws (`seatplan compare --draws`): per stage and year the probability
    /// that some school is short and the mean seats short; per year the probability that any stage is.
    public static func drawRows(plan: String, stages: [(stage: Stage, year: Int, probability: Double, meanShort: Double)],
                                anyStage: [(year: Int, probability: Double)]) -> [ComparisonRow] {
        stages.flatMap { s in
            [ComparisonRow(plan: plan, indicator: "probability_short", nameZH: "学位不足概率(有校不足)", stage: s.stage.rawValue, year: s.year,
                           value: s.probability, topic: .gaps),
             ComparisonRow(plan: plan, indicator: "expected_seats_short", nameZH: "学位不足期望值", stage: s.stage.rawValue, year: s.year,
                           value: s.meanShort, topic: .gaps)]
        } + anyStage.map {
            ComparisonRow(plan: plan, indicator: "probability_any_stage_short", nameZH: "任一学段学位不足概率", stage: "", year: $0.year,
                          value: $0.probability, topic: .gaps)
        }
    }

    /// The figures in which plans `a` and `b` differ: pairs of rows with the same indicator, stage and
    /// year and different values (a figure only one of them has counts too).
    public static func differences(_ rows: [ComparisonRow], _ a: String, _ b: String) -> [(a: ComparisonRow?, b: ComparisonRow?)] {
        struct Key: Hashable { let indicator: String; let stage: String; let year: Int? }
        func figures(_ plan: String) -> [Key: ComparisonRow] {
            Dictionary(rows.filter { $0.plan == plan }.map { (Key(indicator: $0.indicator, stage: $0.stage, year: $0.year), $0) }, uniquingKeysWith: { x, _ in x })
        }
        let x = figures(a), y = figures(b)
        let keys = Set(x.keys).union(y.keys).sorted { ($0.indicator, $0.stage, $0.year ?? Int.max) < ($1.indicator, $1.stage, $1.year ?? Int.max) }
        return keys.compactMap { k in x[k]?.value == y[k]?.value && x[k] != nil && y[k] != nil ? nil : (x[k], y[k]) }
    }

    /// The years shown by default: the base year, three and six years on, and the horizon.
    public static func defaultYears(_ years: ClosedRange<Int>) -> [Int] {
        Array(Set([years.lowerBound, years.lowerBound + 3, years.lowerBound + 6, years.upperBound].filter(years.contains))).sorted()
    }

    /// Pupils at another school than under the status quo in `year`: the sum of `relocations`.
    static func relocated(_ plan: Allocation, _ statusQuo: Allocation, year: Int) -> Double {
        relocations(plan, statusQuo, year: year).reduce(0) { $0 + $1.pupils }
    }

    /// Pupils who attend another school than under the status quo in `year`, by the school they leave
    /// and the one they go to. In each area and grade a school loses `max(0, S_sq − S_plan)` pupils;
    /// they are shared among the schools that gain in proportion to each one's gain
    /// `max(0, S_plan − S_sq)` (`to` nil: no school gains, the pupils are left without a seat). A
    /// plan's network lists the existing schools first, in the same order, then the ones it builds, so
    /// schools match by index (`from` and `to` index `plan.schools`).
    public static func relocations(_ plan: Allocation, _ statusQuo: Allocation, year: Int) -> [Relocation] {
        let n = max(plan.schools.count, statusQuo.schools.count)
        var moved: [Int: Double] = [:]  // from · (n + 1) + (to or n)
        var difference = [Double](repeating: 0, count: n)
        for a in plan.demand.areas.indices {
            for slot in Slot.all {
                let before = statusQuo.flows(year: year, area: a, slot: slot), after = plan.flows(year: year, area: a, slot: slot)
                let touched = Set(before.map(\.school) + after.map(\.school)).sorted()
                for f in before { difference[f.school] += f.pupils }
                for f in after { difference[f.school] -= f.pupils }
                let gains = touched.filter { difference[$0] < 0 }, gained = gains.reduce(0.0) { $0 - difference[$1] }
                for s in touched where difference[s] > 0 {
                    if gained > 0 {
                        for t in gains { moved[s * (n + 1) + t, default: 0] += difference[s] * -difference[t] / gained }
                    } else {
                        moved[s * (n + 1) + n, default: 0] += difference[s]
                    }
                }
                for s in touched { difference[s] = 0 }
            }
        }
        return moved.sorted { $0.key < $1.key }.map { key, pupils in
            Relocation(from: key / (n + 1), to: key % (n + 1) == n ? nil : key % (n + 1), pupils: pupils)
        }
    }

    /// Mean and 95th percentile of one-way travel minutes of a group's pupils (flows without a known
    /// time left out).
    static func travel(_ allocation: Allocation, group: PupilGroup, year: Int) -> (mean: Double, p95: Double) {
        var trips: [(minutes: Double, pupils: Double)] = []
        for a in allocation.demand.areas.indices {
            for slot in group.slots {
                for f in allocation.flows(year: year, area: a, slot: slot) where f.pupils > 0 {
                    if let m = f.minutes { trips.append((m, f.pupils)) }
                }
            }
        }
        let total = trips.reduce(0) { $0 + $1.pupils }
        guard total > 0 else { return (0, 0) }
        let mean = trips.reduce(0) { $0 + $1.minutes * $1.pupils } / total
        var cumulative = 0.0
        var p95 = 0.0
        for t in trips.sorted(by: { $0.minutes < $1.minutes }) {
            cumulative += t.pupils
            p95 = t.minutes
            if cumulative >= 0.95 * total { break }
        }
        return (mean, p95)
    }

    private static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.2f", v) }
}
