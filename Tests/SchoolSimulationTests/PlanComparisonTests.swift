import PlanComparison
import SchoolNetwork
import ScenarioModel
import SimulationPipeline
import Testing

@Suite("Plans compared: the figures of a plan's actions by hand")
struct PlanComparisonTests {
    /// In 2025: two classrooms added to S1, S2 merged into S1, K3 (2 classrooms) built 5 minutes from
    /// both villages.
    static let plan: Plan = {
        let k3 = NewSchool(id: "K3", name: "新园", site: nil, district: "D1", community: "A1", kind: .kindergarten, grades: BaseYearToy.kindergarten,
                           classrooms: [.kindergarten: 2], boardingBeds: 0, latitude: nil, longitude: nil)
        return Plan(name: "toy plan", actions: [PlanAction(year: 2025, .expand(school: "S1", stage: .primary, classrooms: 2)),
                                                PlanAction(year: 2025, .close(school: "S2", mergeInto: "S1")),
                                                PlanAction(year: 2025, .build(k3))])
    }()

    static func schooling() -> Schooling {
        var schooling = BaseYearToy.schooling()
        schooling.travel.minutes["A1", default: [:]]["K3"] = 5
        schooling.travel.minutes["A2", default: [:]]["K3"] = 5
        return schooling
    }

    static func compared(_ plans: [Plan]) throws -> [ComparisonRow] {
        let schooling = schooling()
        let statusQuo = ComparedPlan(name: PlanComparison.statusQuoName, plan: Plan(name: PlanComparison.statusQuoName), result: BaseYearToy.run(schooling))
        let others = try plans.enumerated().map { i, p in
            ComparedPlan(name: "\(p.name) \(i)", plan: p,
                         result: BaseYearToy.run(schooling, network: try PlanApplication.apply(p, to: schooling, years: 2024...2025)))
        }
        return PlanComparison.compare([statusQuo] + others, scenario: BaseYearToy.scenario, schooling: schooling)
    }

    private func value(_ rows: [ComparisonRow], _ plan: String, _ indicator: String, _ stage: String = "", year: Int?) -> Double? {
        rows.first { $0.plan == plan && $0.indicator == indicator && $0.stage == stage && $0.year == year }?.value
    }

    @Test("seats, capital and schools change by exactly the plan's actions, in exactly their year")
    func actionsByHand() throws {
        let rows = try Self.compared([Self.plan])
        let p = "toy plan 0"
        // 2024: nothing yet.
        for stage in ["kindergarten", "primary"] { #expect(value(rows, p, "seats_added", stage, year: 2024) == 0) }
        #expect(value(rows, p, "capital", year: 2024) == 0)
        // 2025: primary + 2 · 45 − 12 · 45 (S2) = −450; kindergarten + 2 · 30 = 60.
        #expect(value(rows, p, "seats_added", "primary", year: 2025) == -450)
        #expect(value(rows, p, "seats_added", "kindergarten", year: 2025) == 60)
        #expect(value(rows, p, "seats", "primary", year: 2025) == 630.0)  // 12 · 45 + 2 · 45
        // Capital: 2 primary classrooms at ¥900,000 and 2 kindergarten ones at ¥600,000, no site.
        #expect(value(rows, p, "capital", year: 2025) == 3_000_000.0)  // 2 · 900,000 + 2 · 600,000
        #expect(value(rows, p, "capital_total", year: nil) == 3_000_000)
        #expect(value(rows, p, "schools_opened", year: 2025) == 1 && value(rows, p, "schools_closed", year: 2025) == 1)
        #expect(value(rows, p, "schools_open", year: 2025) == 4 && value(rows, PlanComparison.statusQuoName, "schools_open", year: 2025) == 4)
        // Pupils relocated in 2025: S2's primary pupils (A1 0.2 · 120 · 6 = 144, A2 0.8 · 50 · 6 = 240) and
        // K3's 60 (see BaseYearTests.newSchoolFillsToSeats).
        let moved = try #require(value(rows, p, "pupils_relocated", year: 2025))
        #expect(abs(moved - (144 + 240 + 60)) < 1e-9)
        #expect(value(rows, p, "pupils_relocated", year: 2024) == 0)
        // Lifetime cost = op(2024) + (ρ · 3,000,000 + op(2025)) / 1.04 with ρ = 0.04 / (1 − 1.04^−50) = 0.046550
        // (1.04^50 = 7.10668); 2024's operating cost is the status quo's.
        let op24 = try #require(value(rows, p, "operating_cost", year: 2024)), op25 = try #require(value(rows, p, "operating_cost", year: 2025))
        #expect(op24 == value(rows, PlanComparison.statusQuoName, "operating_cost", year: 2024))
        let lifetime = try #require(value(rows, p, "lifetime_cost", year: nil))
        #expect(abs(lifetime - (op24 + (0.046550 * 3_000_000 + op25) / 1.04)) < 2)
    }

    @Test("a plan compared with itself differs in no figure; with the status quo it does")
    func selfComparison() throws {
        let rows = try Self.compared([Self.plan, Self.plan])
        #expect(PlanComparison.differences(rows, "toy plan 0", "toy plan 1").isEmpty)
        #expect(rows.filter { $0.plan == "toy plan 0" }.count == rows.filter { $0.plan == "toy plan 1" }.count)
        let differing = PlanComparison.differences(rows, PlanComparison.statusQuoName, "toy plan 0").compactMap { $0.b?.indicator }
        #expect(Set(differing).isSuperset(of: ["seats_added", "capital", "pupils_relocated", "schools_opened"]))
        // Without its expansion of S1 the plan differs in S1's seats and what they cost, in nothing it moves.
        var smaller = Self.plan
        smaller.actions.removeFirst()
        let two = try Self.compared([Self.plan, smaller])
        let changed = Set(PlanComparison.differences(two, "toy plan 0", "toy plan 1").compactMap { $0.a?.indicator ?? $0.b?.indicator })
        #expect(changed.isSuperset(of: ["seats", "seats_added", "capital", "capital_total", "lifetime_cost"]), "\(changed)")
        #expect(changed.isDisjoint(with: ["pupils_relocated", "schools_opened", "schools_closed", "schools_open", "travel_mean_minutes", "boarding_beds"]),
                "\(changed)")
        let seats = PlanComparison.differences(two, "toy plan 0", "toy plan 1").filter { $0.a?.indicator == "seats" }
        #expect(seats.count == 1 && seats[0].a?.stage == "primary" && seats[0].a?.year == 2025
                && (seats[0].a?.value ?? 0) - (seats[0].b?.value ?? 0) == 90)  // 2 classrooms · 45
        // An empty plan is the status quo.
        let empty = try Self.compared([Plan(name: "nothing")])
        #expect(PlanComparison.differences(empty, PlanComparison.statusQuoName, "nothing 0").isEmpty)
    }

    @Test("default years: base, base + 3, base + 6 and the horizon")
    func defaultYears() {
        #expect(PlanComparison.defaultYears(2024...2040) == [2024, 2027, 2030, 2040])
        #expect(PlanComparison.defaultYears(2024...2028) == [2024, 2027, 2028])
    }
}

@Suite("Metrics named for sweep")
struct ComparisonMetricTests {
    @Test("names parse into indicator, stage and years; a range sums the years")
    func parse() throws {
        let gap = try ComparisonMetric("seat_gap.primary.2030")
        #expect(gap.indicator == "seat_gap" && gap.stage == "primary" && gap.years == 2030...2030)
        let capital = try ComparisonMetric("capital.2025-2027")
        #expect(capital.indicator == "capital" && capital.stage == "" && capital.years == 2025...2027)
        let target = try ComparisonMetric("target.preschool_gross_enrollment.2027")
        #expect(target.indicator == "target.preschool_gross_enrollment" && target.years == 2027...2027)
        let travel = try ComparisonMetric("travel_mean_minutes.upper_primary.2030")
        #expect(travel.stage == "upper_primary")
        #expect(try ComparisonMetric("lifetime_cost").years == nil)
        for bad in ["", "seat_gap..2030", "capital.2027-2025", "capital.20x"] { #expect(throws: ComparisonMetric.Failure.self) { try ComparisonMetric(bad) } }
        // On the toy comparison: capital 2024–2025 = 0 + 3,000,000.
        let rows = try PlanComparisonTests.compared([PlanComparisonTests.plan])
        #expect(try ComparisonMetric("capital.2024-2025").value(in: rows, plan: "toy plan 0") == 3_000_000)
        #expect(try ComparisonMetric("seats_added.primary.2025").value(in: rows, plan: "toy plan 0") == -450)
        #expect(throws: ComparisonMetric.Failure.self) { try ComparisonMetric("seat_gaps.primary.2025").value(in: rows, plan: "toy plan 0") }
        #expect(throws: ComparisonMetric.Failure.self) { try ComparisonMetric("seat_gap.primary.2031").value(in: rows, plan: "toy plan 0") }
    }
}
