import Demography
import Foundation
@testable import LayoutOptimizer
import MILP
import ScenarioModel
import SeatMetrics
import SimulationPipeline
import Testing

@Suite("Layout optimizer", .serialized)
struct LayoutOptimizerTests {
    private func run(_ scenario: Scenario) throws -> OptimizationOutcome {
        try Optimization.run(scenario, options: .init(relativeGap: 1e-6))
    }

    /// The optimum by enumeration: every assignment of the instance's demand points to their arcs,
    /// completed in the cheapest way (only the schools used open, teaching only the groups they have
    /// pupils of, the fewest classrooms and beds added), kept when every constraint holds.
    private func enumerate(_ inst: LayoutInstance) -> Double? {
        var best: Double?
        var arc = [Int?](repeating: nil, count: inst.points.count)
        func recurse(_ p: Int) {
            if p == inst.points.count {
                var open = [Bool](repeating: false, count: inst.facilities.count)
                for (s, f) in inst.facilities.enumerated() where f.protected { open[s] = true }
                for k in arc.compactMap({ $0 }) { open[inst.arcs[k].facility] = true }
                var decision = LayoutDecision(open: open, teaches: [:], expansion: [:], beds: [:], arc: arc)
                for (s, f) in inst.facilities.enumerated() where open[s] {
                    if f.isExisting {
                        decision.teaches[s] = Set(arc.enumerated().compactMap { p, k in
                            k.flatMap { inst.arcs[$0].facility == s ? inst.points[p].group : nil }
                        })
                    }
                    for (stage, pupils) in decision.load(inst, s) {
                        let over = pupils - (f.seats[stage] ?? 0)
                        if over > 1e-9, let q = f.seatsPerClassroom[stage] {
                            let rooms: Int = Int((over / q - 1e-9).rounded(.up))
                            decision.expansion[s, default: [:]][stage] = rooms
                        }
                    }
                    let far = inst.facilityArcs[s].filter { inst.arcs[$0].boards && arc[inst.arcs[$0].point] == $0 }
                        .reduce(0.0) { $0 + inst.points[inst.arcs[$1].point].peak }
                    let needed: Double = far - Double(f.school.boardingBeds) - 1e-9
                    let beds = Int(needed.rounded(.up))
                    if beds > 0 { decision.beds[s] = beds }
                }
                let tooMany = decision.expansion.values.contains { $0.values.contains { $0 > inst.maxExpansion } }
                if !tooMany, Feasibility.violations(decision, inst).isEmpty {
                    let cost = decision.objective(inst)
                    if best.map({ cost < $0 }) ?? true { best = cost }
                }
                return
            }
            for k in inst.pointArcs[p] {
                arc[p] = k
                recurse(p + 1)
            }
        }
        recurse(0)
        return best
    }

    @Test("the optimum equals the best of every assignment, enumerated")
    func enumeration() throws {
        // Primary and kindergarten only, so that enumeration stays small.
        let schools = ToyLayout.network.filter { $0.kind != .junior }
        let outcome = try run(ToyLayout.scenario(schools: schools, perAge: [30, 12, 5],
                                                 rates: EnrollmentRates(junior: .constant(0), senior: .constant(0))))
        let inst = outcome.instance
        #expect(inst.points.count <= 9)
        let enumerated = try #require(enumerate(inst))
        let found = try #require(outcome.result.objective)
        #expect(abs(found - enumerated) <= 1e-6 * enumerated, "optimizer \(found) vs enumeration \(enumerated)")
        #expect(outcome.result.status == .optimal)
        // Neighbourhood search alone, from the constructive start, never worsens it and (the toy's
        // stages share no school, so each stage county-wide is an exact subproblem) reaches the optimum.
        let start = try #require(ConstructiveHeuristic.solve(inst))
        var clock = false
        let improved = NeighbourhoodSearch.improve(LayoutModelBuilder.build(inst), inst, from: start, rounds: 10, nodes: 200,
                                                   deadline: nil, stoppedByClock: &clock) { _ in }
        #expect(!clock)
        #expect(Feasibility.violations(improved, inst).isEmpty)
        #expect(improved.objective(inst) <= start.objective(inst) + 1e-6)
        #expect(abs(improved.objective(inst) - enumerated) <= 1e-6 * enumerated, "search \(improved.objective(inst)) vs \(enumerated)")
    }

    @Test("the search is bounded by work: two runs give the same plan, and only a time limit that stops it is reported")
    func workBoundedSearch() throws {
        let scenario = ToyLayout.scenario(schools: ToyLayout.network)
        let first = try Optimization.run(scenario)
        let second = try Optimization.run(scenario)
        #expect(first.plan?.actions == second.plan?.actions)
        #expect(first.result.objective == second.result.objective && first.result.bound == second.result.bound)
        #expect(!first.result.stoppedByClock)
        // A time limit already spent when the neighbourhood search starts stops it there, and says so.
        let clocked = try Optimization.run(scenario, options: .init(timeLimit: 1e-3))
        #expect(clocked.result.stoppedByClock)
        #expect(clocked.result.decision != nil)
    }

    @Test("a travel limit keeps a small remote school open; without it the school closes")
    func travelLimitKeepsSmallSchool() throws {
        // PT2 (natural village, 48 pupils in 6 classrooms: 18% used, below the 30% minimum) is 69
        // minutes from PT1: grades 1–3 may not travel that far, so PT2 is the necessary small school.
        let kept = try run(ToyLayout.scenario(schools: ToyLayout.network))
        let pt2 = try #require(kept.instance.facilities.firstIndex { $0.school.id == "PT2" })
        #expect(kept.instance.facilities[pt2].protected)
        #expect(kept.result.decision?.open[pt2] == true)
        // Allow lower primary 90 minutes (and boarding): PT2 closes, its pupils merge into PT1 or PS.
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
        settings.travelLimits[.lowerPrimary] = 90
        let closed = try run(ToyLayout.scenario(schools: ToyLayout.network, settings: settings))
        #expect(closed.result.decision?.open[pt2] == false)
        let closes = closed.plan?.actions.contains { action in
            guard case .close(let id, let into) = action.kind else { return false }
            return id == "PT2" && into != nil
        }
        #expect(closes == true)
    }

    @Test("a concentration target moves upper primary out of a natural village")
    func concentrationForcesRestriction() throws {
        // Grades 4–6 all in the county seat or administrative villages: PT2 (natural village) must give
        // them up; its grades 1–3 stay (too far for them), so PT2 is restricted to grades 1–3.
        let targets = PlanTargets(concentration: [ConcentrationTarget(label: "4-6 concentrated", grades: (4...6).map { Grade(number: $0) },
                                                                      places: ["county_seat", "admin_village"], share: YearPath(constant: 1))])
        let outcome = try run(ToyLayout.scenario(schools: ToyLayout.network, targets: targets))
        let restrict = outcome.plan?.actions.first { if case .restrictGrades(let id, _) = $0.kind { return id == "PT2" } else { return false } }
        guard case .restrictGrades(_, let grades)? = restrict?.kind else {
            Issue.record("no restrict_grades for PT2 in \(outcome.plan?.actions ?? [])")
            return
        }
        #expect(grades == (1...3).map { Grade(number: $0) })
        let share = outcome.planned?.targets.first { $0.target == "concentration.4-6 concentrated" && $0.year == 2026 }?.achieved
        #expect(share == 1)
        #expect(outcome.base.targets.first { $0.target == "concentration.4-6 concentrated" && $0.year == 2026 }?.met == false)
    }

    @Test("one public kindergarten per township is built where the township has none")
    func townshipKindergarten() throws {
        // The township's only kindergarten is private: a public one is built on the candidate site in T1.
        var schools = ToyLayout.network
        schools[5] = ToyLayout.school("KT1", "T1", district: "T", kind: .kindergarten, grades: nil, rooms: [.kindergarten: 3], lon: 102.03, isPublic: false)
        let site = CandidateSite(id: "C1", district: "T", community: "T1", latitude: 23.0, longitude: 102.031, allowedKinds: [.kindergarten], landCost: 100_000)
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
        settings.sizes[.kindergarten] = [1, 2, 3]
        let outcome = try run(ToyLayout.scenario(schools: schools, sites: [site], settings: settings))
        let build = outcome.plan?.actions.first { if case .build = $0.kind { return true } else { return false } }
        guard case .build(let school)? = build?.kind else {
            Issue.record("no build in \(outcome.plan?.actions ?? [])")
            return
        }
        #expect(school.site == "C1" && school.kind == .kindergarten && school.district == "T")
        #expect(build?.year == 2025)  // opening year: base 2024 + 1
        #expect(outcome.planned?.targets.first { $0.target == "public_kindergartens_per_township" && $0.year == 2026 }?.met == true)
    }

    @Test("a lead time delays an opening: a new kindergarten with optimizer.lead_years 3 opens in 2027, not 2025; one passing the design year is not offered")
    func leadTimeDelaysOpening() throws {
        // The township kindergarten of the test above, with the kindergarten's lead time 3 years.
        var schools = ToyLayout.network
        schools[5] = ToyLayout.school("KT1", "T1", district: "T", kind: .kindergarten, grades: nil, rooms: [.kindergarten: 3], lon: 102.03, isPublic: false)
        let site = CandidateSite(id: "C1", district: "T", community: "T1", latitude: 23.0, longitude: 102.031, allowedKinds: [.kindergarten], landCost: 100_000)
        var settings = OptimizerSettings(designYear: 2027, openingLeadYears: 1, leadYears: [.build(.kindergarten): 3, .expand: 2])
        settings.sizes[.kindergarten] = [1, 2, 3]
        let outcome = try run(ToyLayout.scenario(schools: schools, sites: [site], settings: settings))
        let build = outcome.plan?.actions.first { if case .build = $0.kind { return true } else { return false } }
        #expect(build?.year == 2027)  // base 2024 + 3
        #expect(outcome.instance.expansionYear == 2026 && outcome.instance.bedsYear == 2025)  // expand 2; beds take opening_lead_years 1
        // Every expansion is dated by its own lead time, and the school receiving a closed school's pupils is ready first.
        for action in outcome.plan?.actions ?? [] { if case .expand = action.kind { #expect(action.year == 2026) } }
        // Designing for 2026, the kindergarten (2027) cannot serve it: the site offers no option, and the pre-check says the township has none.
        settings.designYear = 2026
        let early = try run(ToyLayout.scenario(schools: schools, sites: [site], settings: settings))
        #expect(!early.instance.facilities.contains { if case .option = $0.origin { return true } else { return false } })
        #expect(early.plan == nil && early.result.precheck.contains { $0.family == .townshipKindergarten })
    }

    @Test("a budget too small is reported with the amount it is short, before or after solving")
    func budgetTooSmall() throws {
        // The same township kindergarten with a budget below the cheapest build.
        var schools = ToyLayout.network
        schools[5] = ToyLayout.school("KT1", "T1", district: "T", kind: .kindergarten, grades: nil, rooms: [.kindergarten: 3], lon: 102.03, isPublic: false)
        let site = CandidateSite(id: "C1", district: "T", community: "T1", latitude: 23.0, longitude: 102.031, allowedKinds: [.kindergarten], landCost: 100_000)
        var settings = OptimizerSettings(designYear: 2026, budget: 200_000, openingLeadYears: 1)
        settings.sizes[.kindergarten] = [1, 2, 3]
        let outcome = try run(ToyLayout.scenario(schools: schools, sites: [site], settings: settings))
        #expect(outcome.plan == nil)
        let budget = try #require(outcome.result.violations.first { $0.family == .budget })
        // The new kindergarten must take T1's 60 children (T2's are too far from the site and the
        // private KT1 cannot be expanded with public money): 2 classrooms × 600,000 + land 100,000
        // = 1,300,000. T2's 24 junior pupils are 84 minutes from JS (limit 60): they board, and JS
        // has no beds: 24 × 30,000 = 720,000. Capital 2,020,000, so 1,820,000 over the budget of 200,000.
        #expect(abs(budget.amount - 1_820_000) < 1)
        // The least capital by the LP relaxation, a lower bound on those 2,020,000: the beds (720,000,
        // forced: JS is the only junior school) plus the cheapest kindergarten option (1 classroom +
        // land = 700,000), since 一乡一公办 needs Σ b_o ≥ 1 and the LP may build the 1-class option whole
        // and send it a fraction of T1's children. 1,420,000 is reachable, so it is the LP's value.
        let least = try #require(LayoutOptimizer.minimumCapital(LayoutModelBuilder.build(outcome.instance, softBudget: true)))
        #expect(abs(least - 1_420_000) <= 1e-6 * 1_420_000, "\(least)")
    }

    @Test("the pre-check names what no plan can fix, without calling the solver")
    func precheck() throws {
        // Junior pupils: 3 grades × (60 + 20 + 8) = 264, and JS has 2 classrooms (100 seats) + 12 more at most (700).
        // Shrink the expansion limit to 2: at most 200 seats.
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
        settings.maxExpansionClassrooms = 2
        var schools = ToyLayout.network
        schools[3] = ToyLayout.school("JS", "S1", district: "S", kind: .junior, grades: 7...9, rooms: [.junior: 2], lon: 102.0)
        let outcome = try run(ToyLayout.scenario(schools: schools, settings: settings))
        #expect(outcome.result.precheck.contains { $0.message.hasPrefix("junior (初中): 64 seats short county-wide in 2026") })
        #expect(outcome.result.variables == 0)  // no model was built
    }

    @Test("closures wait for the seats they need (先建后撤) and the simulated plan reproduces the optimizer's cost and shares")
    func planConsistency() throws {
        // PS is full (6 classrooms for 360 primary pupils): a larger school on the candidate site is
        // cheaper than expanding, PS's pupils move there when it opens, and PS closes that year.
        var schools = ToyLayout.network
        schools[0] = ToyLayout.school("PS", "S1", district: "S", kind: .primary, grades: 1...6, rooms: [.primary: 6], lon: 102.0)
        let site = CandidateSite(id: "C2", district: "S", community: "S1", latitude: 23.0, longitude: 102.002, allowedKinds: [.primary], landCost: 1_000_000)
        // Pupils may cross between S and T (optimizer.cross_township): the toy of 先建后撤, not of township lines.
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 2, maxExpansionClassrooms: 2, crossTownship: ["S", "T"])
        settings.sizes[.primary] = [12, 18]
        let targets = PlanTargets(concentration: [ConcentrationTarget(label: "4-6", grades: (4...6).map { Grade(number: $0) },
                                                                      places: ["county_seat", "admin_village"], share: YearPath(constant: 0.5))])
        let outcome = try run(ToyLayout.scenario(schools: schools, sites: [site], targets: targets, settings: settings))
        #expect(outcome.result.precheck.isEmpty && outcome.result.violations.isEmpty, "\(outcome.result.precheck) \(outcome.result.violations)")
        let plan = try #require(outcome.plan)
        let opening = plan.actions.first { if case .build = $0.kind { return true } else { return false } }
        #expect(opening?.year == 2026, "\(plan.actions)")
        for action in plan.actions {
            if case .close(let id, _) = action.kind {
                #expect(action.year >= 2026, "\(id) closes in \(action.year), before the new school opens")
            }
        }
        // Cost: the simulator's evaluation of the plan in the design year equals the optimizer's objective.
        let cost = try #require(outcome.cost)
        let objective = try #require(outcome.result.objective)
        #expect(abs(cost.total - objective) <= 1e-6 * objective, "simulated \(cost.total) vs optimizer \(objective)")
        #expect(abs(cost.capital - (outcome.result.decision?.cost(outcome.instance).capital ?? -1)) < 1e-6)
        // Shares: the simulator's concentration share equals the optimizer's.
        let decision = try #require(outcome.result.decision)
        let inst = outcome.instance
        var inside = 0.0, all = 0.0
        for (p, point) in inst.points.enumerated() where point.group == .upperPrimary {
            all += point.pupils
            if let k = decision.arc[p], !inst.facilities[inst.arcs[k].facility].places.isDisjoint(with: ["county_seat", "admin_village"]) {
                inside += point.pupils
            }
        }
        let simulated = try #require(outcome.planned?.targets.first { $0.target == "concentration.4-6" && $0.year == 2026 }?.achieved)
        #expect(abs(simulated - inside / all) < 1e-9)
    }
    @Test("seats_through sizes seats for a later, larger cohort; without it the plan report's later shortage shows")
    func seatsThrough() throws {
        // Kindergarten enrollment rises from 50% in 2026 to 100% in 2027. S1's children aged 3–5 are
        // 3 × 60 = 180 in 2026 and 2027 (nobody is born in the toy, so 2028 has 120): d_p = 0.5 × 180 = 90
        // in the design year 2026, and D_p = 180 through 2027 (T1: 30 and 60, T2: 12 and 24). KS has 4
        // classrooms (120 seats).
        var schools = ToyLayout.network
        schools[4] = ToyLayout.school("KS", "S1", district: "S", kind: .kindergarten, grades: nil, rooms: [.kindergarten: 4], lon: 102.0)
        let rates = EnrollmentRates(kindergarten: RatePath(try #require(YearPath(points: [2026: 0.5, 2027: 1.0]))), senior: .constant(0))
        func outcome(through: Int?) throws -> OptimizationOutcome {
            var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1)
            settings.seatsThrough = through
            return try run(ToyLayout.scenario(schools: schools, settings: settings, rates: rates))
        }
        func kindergartenShortage2027(_ o: OptimizationOutcome) -> Double {
            (o.planned?.seatGaps ?? []).filter { $0.level == .school && $0.stage == .kindergarten && $0.year == 2027 }
                .reduce(0) { $0 + max(0, $1.gap) }
        }
        let designOnly = try outcome(through: nil)
        let s1 = try #require(designOnly.instance.points.first { $0.area == "S1" && $0.group == .kindergarten })
        #expect(abs(s1.pupils - 90) < 1e-6 && abs(s1.peak - 90) < 1e-6)
        // Sized for 2026 only (132 children county-wide: S1 90, T1 30, T2 12): the 264 of 2027 do not fit.
        #expect(kindergartenShortage2027(designOnly) > 1)

        let through = try outcome(through: 2027)
        let point = try #require(through.instance.points.firstIndex { $0.area == "S1" && $0.group == .kindergarten })
        #expect(abs(through.instance.points[point].pupils - 90) < 1e-6)
        #expect(abs(through.instance.points[point].peak - 180) < 1e-6)
        #expect(through.result.status == .optimal)
        // Sized through 2027: the 264 children of 2027 all have a seat at their school; costs stay
        // the design year's pupils'.
        #expect(kindergartenShortage2027(through) < 1e-6)
        let seats2027 = (through.planned?.seatGaps ?? []).filter { $0.level == .county && $0.stage == .kindergarten && $0.year == 2027 }
        #expect(seats2027.count == 1 && abs(seats2027[0].demand - 264) < 1e-5 && seats2027[0].seats >= 264)

        // With no classroom to add, S1's 180 cannot go whole to KS (120 seats) or KT1 (90): the
        // pre-check says so before any solve.
        var fixed = OptimizerSettings(designYear: 2026, openingLeadYears: 1, maxExpansionClassrooms: 0)
        fixed.seatsThrough = 2027
        let stuck = try run(ToyLayout.scenario(schools: schools, settings: fixed, rates: rates))
        #expect(stuck.result.precheck.contains { $0.message.hasPrefix("S1 (城区) 学前: 180 pupils by 2027, but the largest school within reach can hold 120") },
                "\(stuck.result.precheck)")
        let cost = try #require(through.cost), objective = try #require(through.result.objective)
        #expect(abs(cost.total - objective) <= 1e-6 * objective, "simulated \(cost.total) vs optimizer \(objective)")
    }
    @Test("a school gives up its pooled senior grades only when the new high school opens (先建后撤)")
    func pooledGroupsWaitForTheirReceivers() throws {
        // CT, a complete secondary school in the township, teaches grades 7–12; senior secondary is
        // one county-wide pool in the simulation, so its pupils have no current school. The target
        // "senior 100% in the county seat" sends them to a new school on site C3, which opens in 2026
        // (base year 2024, two years' lead): CT may not drop grades 10–12 (or close) before 2026.
        // JS has room for S1's 180 junior pupils only and nothing may be expanded, so CT keeps T1's
        // and T2's junior pupils and gives up only its senior grades.
        var schools = ToyLayout.network
        schools[3] = ToyLayout.school("JS", "S1", district: "S", kind: .junior, grades: 7...9, rooms: [.junior: 4], lon: 102.0)
        schools.append(ToyLayout.school("CT", "T1", district: "T", kind: .completeSecondary, grades: 7...12,
                                        rooms: [.junior: 6, .senior: 6], lon: 102.03))
        let site = CandidateSite(id: "C3", district: "S", community: "S1", latitude: 23.0, longitude: 102.002, allowedKinds: [.senior], landCost: 1_000_000)
        var settings = OptimizerSettings(designYear: 2026, openingLeadYears: 2, maxExpansionClassrooms: 0)
        settings.sizes[.senior] = [6, 9]
        let targets = PlanTargets(concentration: [ConcentrationTarget(label: "senior in the county seat", grades: (10...12).map { Grade(number: $0) },
                                                                      places: ["county_seat"], share: YearPath(constant: 1))])
        let outcome = try run(ToyLayout.scenario(schools: schools, sites: [site], targets: targets, settings: settings,
                                                 rates: EnrollmentRates(senior: .constant(1))))
        let plan = try #require(outcome.plan)
        #expect(plan.actions.contains { if case .build(let b) = $0.kind { return b.site == "C3" && $0.year == 2026 } else { return false } })
        let ct = plan.actions.filter { action in
            if case .restrictGrades(let id, let grades) = action.kind { return id == "CT" && grades.map(\.number) == [7, 8, 9] }
            return false
        }
        #expect(ct.count == 1 && ct.first?.year == 2026, "\(plan.actions)")
    }
}
