@testable import LayoutOptimizer
import SchoolNetwork
import SeatMetrics
import ScenarioModel
import SimulationPipeline
import Testing

/// Adoptable plans (issue 11): committed projects and required counts (docs/optimizer.md, `required`) on the toy county
/// (ToyLayout), whose kindergartens KS and KT1 hold every child: without a commitment nothing is built.
@Suite("Committed projects and required counts", .serialized)
struct CommittedProjectTests {
    static let site = CandidateSite(id: "C1", district: "T", community: "T1", latitude: 23.0, longitude: 102.031,
                                    allowedKinds: [.kindergarten, .primary], landCost: 100_000)

    static func outcome(_ change: (inout OptimizerSettings) -> Void) throws -> OptimizationOutcome {
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
        settings.sizes[.kindergarten] = [1, 2, 3]
        settings.sizes[.primary] = [6]
        change(&settings)
        return try Optimization.run(ToyLayout.scenario(schools: ToyLayout.network, sites: [site], settings: settings), options: .init(relativeGap: 1e-6))
    }

    static func builds(_ o: OptimizationOutcome) -> [NewSchool] {
        o.plan?.actions.compactMap { if case .build(let s) = $0.kind { return s } else { return nil } } ?? []
    }

    @Test("a committed build is in the plan under the bureau's name (3 classes: 3 × 600,000 + land 100,000 = 1,900,000 yuan) although no pupil needs it")
    func committedBuildKept() throws {
        #expect(Self.builds(try Self.outcome { _ in }).isEmpty)
        let committed = try Self.outcome {
            $0.committed = [CommittedProject(name: "县第二幼儿园", work: .build(site: "C1", kind: .kindergarten, classes: 3))]
        }
        let build = try #require(Self.builds(committed).first)
        #expect(Self.builds(committed).count == 1 && build.name == "县第二幼儿园" && build.kind == .kindergarten && build.capitalCost == 1_900_000)
        #expect(build.classrooms[.kindergarten] == 3)
        // The model and the family's check agree: without the build the decision breaks `required`.
        let d = try #require(committed.result.decision)
        var without = d
        for (s, f) in committed.instance.facilities.enumerated() where !f.isExisting { without.open[s] = false }
        #expect(Feasibility.violations(d, committed.instance).isEmpty)
        #expect(Feasibility.violations(without, committed.instance, families: [.required]).count == 1)
    }

    @Test("a required count is met: required_new {kindergarten: 1} builds the cheapest kindergarten that can be used (2 classes: 2 × 600,000 + 100,000 = 1,300,000 yuan)")
    func requiredCountMet() throws {
        let required = try Self.outcome { $0.requiredNew = [RequiredNewSchools(label: "kindergarten", kinds: [.kindergarten], count: 1)] }
        let builds = Self.builds(required)
        // A new school must reach half its seats, and a community goes whole to one school: the
        // 1-class option (30 seats) cannot take T1's 60 children (3 ages × 20), so it could not be used.
        #expect(builds.count == 1 && builds.first?.kind == .kindergarten && builds.first?.capitalCost == 1_300_000)
        // Two required on one site cannot be: the pre-check says so before solving.
        let two = try Self.outcome { $0.requiredNew = [RequiredNewSchools(label: "kindergarten", kinds: [.kindergarten], count: 2)] }
        #expect(two.plan == nil && two.result.precheck.map(\.family) == [.required])
    }

    @Test("a committed expansion is kept: PS gets its 2 committed classrooms though its seats suffice")
    func committedExpansionKept() throws {
        let plain = try Self.outcome { _ in }
        let expandsPS = { (o: OptimizationOutcome) in
            o.plan?.actions.compactMap { a -> Int? in
                if case .expand(let id, .primary, let rooms) = a.kind, id == "PS" { return rooms } else { return nil }
            }.reduce(0, +) ?? 0
        }
        #expect(expandsPS(plain) == 0)
        let committed = try Self.outcome { $0.committed = [CommittedProject(name: nil, work: .expand(school: "PS", stage: .primary, classrooms: 2))] }
        #expect(expandsPS(committed) == 2)
        let (total, _) = try #require(committed.result.decision).cost(committed.instance)
        let (plainTotal, _) = try #require(plain.result.decision).cost(plain.instance)
        // 2 × 900,000 annualised at ρ = 0.046550: 83,790 yuan a year more, nothing else changes.
        #expect(abs(total - plainTotal - 2 * 900_000 * 0.04655016) < 1)
    }
}

/// A capital budget by year (`optimizer.budget_by_year`, the `budget_y` rows) on the toy county: T2's
/// 24 junior pupils are 84 minutes from JS (limit 60), so they board there, and JS has no beds.
@Suite("Budgets by year", .serialized)
struct YearlyBudgetTests {
    static func outcome(_ budgets: [Int: Double], bedsLead: Int = 1) throws -> OptimizationOutcome {
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1, leadYears: [.convertBoarding: bedsLead])
        settings.budgetByYear = budgets
        settings.costs.classCost = 0  // the test is about capital: classes cost nothing here
        return try Optimization.run(ToyLayout.scenario(schools: ToyLayout.network, settings: settings), options: .init(relativeGap: 1e-6))
    }

    @Test("24 beds × 30,000 = 720,000 yuan in 2025: a 2025 budget of 800,000 holds them; of 500,000 it binds, 220,000 short; with beds opening in 2026 it no longer binds")
    func yearlyBudgetBinds() throws {
        let enough = try Self.outcome([2025: 800_000])
        let beds = enough.plan?.actions.compactMap { a -> (Int, Int)? in if case .convertBoarding(_, let n) = a.kind { return (a.year, n) } else { return nil } }
        #expect(beds?.count == 1 && beds?.first?.0 == 2025 && beds?.first?.1 == 24)
        #expect(try #require(enough.result.decision).capitalByYear(enough.instance) == [2025: 720_000])

        let tight = try Self.outcome([2025: 500_000])
        #expect(tight.plan == nil)
        let short = try #require(tight.result.violations.first { $0.family == .budget })
        #expect(abs(short.amount - 220_000) < 1 && short.label.contains("2025"))

        let later = try Self.outcome([2025: 500_000], bedsLead: 2)
        let laterBeds = later.plan?.actions.compactMap { a -> Int? in if case .convertBoarding = a.kind { return a.year } else { return nil } }
        #expect(laterBeds == [2026])
    }
}

/// Conversions (docs/optimizer.md, `convert`) on the toy county with a second primary school in T1
/// (PT3, 2 classrooms) that T1's pupils do not need, and a private KT1: 一乡一公办 asks a public
/// kindergarten for T, which a new one on site C1 or PT3's converted buildings can give.
@Suite("Conversions", .serialized)
struct ConversionTests {
    static func outcome(conversions: [SchoolKind: [SchoolKind]]) throws -> OptimizationOutcome {
        var schools = ToyLayout.network
        schools[5] = ToyLayout.school("KT1", "T1", district: "T", kind: .kindergarten, grades: nil, rooms: [.kindergarten: 3], lon: 102.03, isPublic: false)
        schools.append(ToyLayout.school("PT3", "T1", district: "T", kind: .primary, grades: 1...6, rooms: [.primary: 2], lon: 102.0305))
        let site = CandidateSite(id: "C1", district: "T", community: "T1", latitude: 23.0, longitude: 102.031, allowedKinds: [.kindergarten], landCost: 100_000)
        var costs = LayoutCosts.defaults
        costs.conversionPerClassroom = 100_000
        costs.classCost = 0  // the test is about capital: classes cost nothing here
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1, costs: costs, conversions: conversions)
        settings.sizes[.kindergarten] = [1, 2, 3]
        return try Optimization.run(ToyLayout.scenario(schools: schools, sites: [site], settings: settings), options: .init(relativeGap: 1e-6))
    }

    @Test("PT3 converted into a kindergarten (2 classrooms × 100,000 = 200,000 yuan) beats a new one on C1 (2 × 600,000 + 100,000 = 1,300,000)")
    func conversionChosenOverBuild() throws {
        let converted = try Self.outcome(conversions: [.primary: [.kindergarten]])
        let actions = converted.plan?.actions ?? []
        let convert = actions.compactMap { a -> (SchoolID, SchoolKind, [Stage: Int])? in
            if case let .convert(id, kind, _, rooms) = a.kind { return (id, kind, rooms) } else { return nil }
        }
        #expect(convert.count == 1 && convert.first?.0 == "PT3" && convert.first?.1 == .kindergarten && convert.first?.2 == [.kindergarten: 2])
        #expect(!actions.contains { if case .build = $0.kind { return true } else { return false } })
        #expect(!actions.contains { if case .close("PT3", _) = $0.kind { return true } else { return false } })
        // Simulated, PT3 teaches T1's 60 kindergarten children (3 ages × 20) and no primary pupil from 2025.
        let planned = try #require(converted.planned).allocation
        let pt3 = try #require(planned.schools.firstIndex { $0.id == "PT3" })
        #expect(abs(planned.pupils(year: 2026, school: pt3, stage: .kindergarten) - 60) < 1e-3 && planned.pupils(year: 2026, school: pt3, stage: .primary) == 0)
        let built = try Self.outcome(conversions: [:])
        #expect(built.plan?.actions.contains { if case .build(let s) = $0.kind { return s.site == "C1" } else { return false } } == true)
        let saved = try #require(built.result.decision).cost(built.instance).total - (try #require(converted.result.decision).cost(converted.instance).total)
        // ρ × (1,300,000 − 200,000) = 0.04655 × 1,100,000 = 51,205 a year, and T1's 60 children ride
        // 0.07 km less to PT3 than to C1 (200 yuan per pupil-km): 861 a year.
        #expect(abs(saved - 52_066) < 5)
    }
}

/// Classrooms freed by `restrict_grades` are kept (docs/optimizer.md, `keep_stage`): the toy county
/// with a complete secondary school CS in S1 (2 junior and 4 senior classrooms) instead of JS, and
/// nobody in senior secondary school (ToyLayout's rate 0).
@Suite("Freed classrooms reused", .serialized)
struct FreedClassroomTests {
    @Test("CS gives up its empty senior grades and its 4 senior classrooms take 264 junior pupils with its 2 junior ones (6 × 50 = 300 seats): no classroom is built, only T2's 24 boarders' beds (720,000 yuan)")
    func freedClassroomsKept() throws {
        var schools = ToyLayout.network.filter { $0.id != "JS" }
        schools.append(ToyLayout.school("CS", "S1", district: "S", kind: .completeSecondary, grades: 7...12, rooms: [.junior: 2, .senior: 4], lon: 102.0))
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
        settings.costs.classCost = 0  // the test is about capital: classes cost nothing here
        let outcome = try Optimization.run(ToyLayout.scenario(schools: schools, settings: settings), options: .init(relativeGap: 1e-6))
        let actions = try #require(outcome.plan).actions
        #expect(!actions.contains { if case .expand = $0.kind { return true } else { return false } })
        #expect(actions.contains { if case .restrictGrades("CS", let g) = $0.kind { return g == (7...9).map { Grade(number: $0) } } else { return false } })
        #expect(try #require(outcome.result.decision).cost(outcome.instance).capital == 720_000)
        // The simulated network: CS with 6 junior classrooms from the year it gives up senior grades.
        let planned = try #require(outcome.planned).allocation
        let cs = try #require(planned.schools.firstIndex { $0.id == "CS" })
        #expect(planned.network.open(in: 2026).first { $0.0 == cs }?.1.classrooms == [.junior: 6])
        #expect(School.receivingStage(of: .senior, kept: [.junior]) == .junior && School.receivingStage(of: .junior, kept: [.primary, .senior]) == .primary)
    }
}

/// Existing beds before new ones: T2's 24 junior pupils must board (84 minutes from JS, 67 from a
/// junior school JT in T1, limit 60); JT (kept, 2 classrooms) has 30 beds, JS none.
@Suite("Existing beds first", .serialized)
struct ExistingBedsTests {
    @Test("T2's boarders take JT's 30 existing beds; no bed is built (24 new ones at JS would cost 720,000 yuan)")
    func existingBedsUsed() throws {
        var schools = ToyLayout.network
        let jt = ToyLayout.school("JT", "T1", district: "T", kind: .junior, grades: 7...9, rooms: [.junior: 2], lon: 102.03, keep: true)
        schools.append(School(id: jt.id, name: jt.name, district: jt.district, community: jt.community, kind: jt.kind, grades: jt.grades,
                              classrooms: jt.classrooms, latitude: jt.latitude, longitude: jt.longitude, boardingBeds: 30, keep: true))
        // Classes free here (the test is about beds): a kept school's empty classes would otherwise cost more than beds.
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
        settings.costs.classCost = 0
        let outcome = try Optimization.run(ToyLayout.scenario(schools: schools, settings: settings), options: .init(relativeGap: 1e-6))
        let inst = outcome.instance
        let d = try #require(outcome.result.decision)
        let p = try #require(inst.points.firstIndex { $0.area == "T2" && $0.group == .junior })
        let k = try #require(d.arc[p])
        #expect(inst.facilities[inst.arcs[k].facility].school.id == "JT" && inst.arcs[k].boards)
        #expect(d.beds.isEmpty && !(outcome.plan?.actions.contains { if case .convertBoarding = $0.kind { return true } else { return false } } ?? true))
    }
}

/// Teaching costed per class through staffing (`LayoutCosts.costPerClass`, `classes`): a staff member
/// 100,000 yuan a year, no other class cost; a primary class of 45 seats needs 45 / 19 = 2.368 staff
/// (中央编办发〔2014〕72号), so it costs 236,842 yuan a year.
@Suite("Teaching cost per class")
struct ClassCostTests {
    @Test("grades 1–3 of 24 pupils cost 3 classes (710,526 yuan) like 135 pupils do; 160 pupils cost 3.56 classes (842,105); the simulation counts the same")
    func perClassOnHandNumbers() throws {
        var costs = LayoutCosts.defaults
        costs.classCost = 0
        costs.staffSalary = 100_000
        #expect(abs(costs.costPerClass(.primary, seats: 45, staffing: StaffingNorms()) - 236_842.105) < 0.01)
        // Kindergarten: 30 seats / 7 = 4.29 staff a class, above the floor of 3 (两教一保): 428,571.
        #expect(abs(costs.costPerClass(.kindergarten, seats: 30, staffing: StaffingNorms()) - 428_571.43) < 0.01)
        let settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1, costs: costs)
        let scenario = ToyLayout.scenario(schools: ToyLayout.network, settings: settings)
        let base = try Simulation.run(scenario)
        let inst = LayoutInstanceBuilder.make(scenario: scenario, schooling: try #require(scenario.schooling), base: base.allocation, designYear: 2026)
        let pt2 = try #require(inst.facilities.first { $0.school.id == "PT2" })  // 6 primary classrooms: 3 for grades 1–3
        #expect(pt2.school.classFloor(.lowerPrimary) == 3)
        #expect(abs(pt2.classCost(.lowerPrimary, pupils: 24, taught: true) - 710_526.32) < 0.01)
        #expect(abs(pt2.classCost(.lowerPrimary, pupils: 135, taught: true) - 710_526.32) < 0.01)
        #expect(abs(pt2.classCost(.lowerPrimary, pupils: 160, taught: true) - 842_105.26) < 0.01)
        #expect(pt2.classCost(.lowerPrimary, pupils: 24, taught: false) == 0)
        // A 2-classroom teaching point for grades 1–3 runs 2 mixed-grade classes (复式班), not 3.
        let tp = ToyLayout.school("TP", "T2", district: "T", kind: .teachingPoint, grades: 1...3, rooms: [.primary: 2], lon: 102.15)
        #expect(tp.classFloor(.lowerPrimary) == 2)
        // The simulation counts the same classes: PT2 without grades 4–6 (3 classes for T2's 24 pupils,
        // who go to PT1 and PS instead).
        let schooling = try #require(scenario.schooling)
        let full = LayoutCostEvaluation.evaluate(base.allocation, plan: nil, scenario: scenario, schooling: schooling, year: 2026).classes
        let pt2Index = try #require(base.allocation.schools.firstIndex { $0.id == "PT2" })
        #expect(abs(base.allocation.pupils(year: 2026, school: pt2Index, stage: .primary) - 48) < 1e-3)
        let plan = Plan(name: "1-3", actions: [PlanAction(year: 2025, .restrictGrades(school: "PT2", grades: (1...3).map { Grade(number: $0) }))])
        let (_, projection) = try Simulation.projected(scenario)
        let network = try PlanApplication.apply(plan, to: schooling, years: projection.years)
        let restricted = Simulation.evaluate(scenario, schooling: schooling, projection: projection, network: network)
        let fewer = LayoutCostEvaluation.evaluate(restricted.allocation, plan: plan, scenario: scenario, schooling: schooling, year: 2026).classes
        // 3 classes less at PT2 (710,526), at most 24 / 45 of a class more where its 24 pupils go (126,316).
        let saved: Double = full - fewer
        #expect(saved > 584_210)
    }
}
