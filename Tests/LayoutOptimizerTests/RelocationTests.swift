import Foundation
@testable import LayoutOptimizer
import MILP
import ScenarioModel
import SimulationPipeline
import Testing

/// Disruption counted (docs/optimizer.md, `relocation`): a cap on the pupils sent to another school
/// than the one they attend now, and a one-time cost per relocated pupil.
@Suite("Pupils relocated", .serialized)
struct RelocationTests {
    /// Schools A and B (100 seats each, no fixed cost, no minimum size); point 1 (20 pupils) and point
    /// 2 (30 pupils) both attend A now. Yearly costs: point 1 at A 10, at B 1; point 2 at A 10, at B 2.
    static func instance(cap: Double?) -> LayoutInstance {
        HandLayout.twoSchools(pupils: [20, 30], currentSchools: [0, 0], arcs: [(0, 0, 10), (0, 1, 1), (1, 0, 10), (1, 1, 2)], maxRelocatedShare: cap)
    }

    @Test("without a cap both points move to B (1 + 2 = 3, 50 of 50 pupils relocated); a cap of half the pupils (25) lets only point 1 go (1 + 10 = 11)")
    func capBinds() throws {
        let free = Self.instance(cap: nil)
        let unlimited = try #require(LayoutOptimizer.optimize(free).decision)
        #expect(abs(unlimited.cost(free).total - 3) < 1e-6 && unlimited.relocated(free) == 50)

        let inst = Self.instance(cap: 0.5)
        // The family's check and the model agree: both moved is a violation (50 > 25), point 1 alone is not.
        let both = LayoutDecision(open: [true, true], teaches: [0: [.lowerPrimary], 1: [.lowerPrimary]], expansion: [:], beds: [:], arc: [1, 3])
        #expect(Feasibility.violations(both, inst).map(\.family) == [.relocation])
        let first = LayoutDecision(open: [true, true], teaches: [0: [.lowerPrimary], 1: [.lowerPrimary]], expansion: [:], beds: [:], arc: [1, 2])
        #expect(Feasibility.violations(first, inst).isEmpty && first.relocated(inst) == 20)
        // Moving point 2 alone (10 + 2 = 12) is dearer and breaks the cap (30 > 25).
        let second = LayoutDecision(open: [true, true], teaches: [0: [.lowerPrimary], 1: [.lowerPrimary]], expansion: [:], beds: [:], arc: [0, 3])
        #expect(Feasibility.violations(second, inst).map(\.family) == [.relocation])
        #expect(abs((CBCSolver.solve(LayoutModelBuilder.build(inst).model).objective ?? 0) - 11) < 1e-6)
        // The heuristic sends both to B, then home the cheaper return per pupil: point 2 (8 / 30 against 9 / 20).
        let start = try #require(ConstructiveHeuristic.solve(inst))
        #expect(start.arc == [1, 2] && start.cost(inst).total == 11)
        let d = try #require(LayoutOptimizer.optimize(inst).decision)
        #expect(abs(d.cost(inst).total - 11) < 1e-6 && d.relocated(inst) == 20)
    }

    @Test("a relocated pupil costs ρ × relocation_per_pupil a year: 0.046550 × 10,000 × 60 pupils = 27,930 yuan on T1 grades 1–3's arc to PS")
    func relocationCost() throws {
        func instance(_ perPupil: Double) throws -> LayoutInstance {
            var costs = LayoutCosts.defaults
            costs.relocationPerPupil = perPupil
            let settings = OptimizerSettings(designYear: 2026, openingLeadYears: 1, costs: costs, crossTownship: ["T"])
            let scenario = ToyLayout.scenario(schools: ToyLayout.network, settings: settings)
            return LayoutInstanceBuilder.make(scenario: scenario, schooling: try #require(scenario.schooling),
                                              base: try Simulation.run(scenario).allocation, designYear: 2026)
        }
        let plain = try instance(0), costly = try instance(10_000)
        // ρ at 4% over 50 years: 0.04 / (1 − 1.04^−50) = 0.046550.
        let rho = 0.04 / (1 - pow(1.04, -50))
        #expect(abs(rho - 0.046550) < 1e-6)
        var checked = 0
        for (k, arc) in plain.arcs.enumerated() {
            let point = plain.points[arc.point]
            let extra = costly.arcs[k].cost - arc.cost
            if plain.relocates(k) {
                #expect(abs(extra - rho * 10_000 * point.pupils) < 1e-6)
                if point.area == "T1", point.group == .lowerPrimary, plain.facilities[arc.facility].school.id == "PS" {
                    // T1's grades 1–3: 3 grades × 20 children (ToyLayout, deaths at 1e-9 a year), all at PT1 now.
                    #expect(abs(point.pupils - 60) < 1e-6 && abs(extra - 27_930) < 1)
                    checked += 1
                }
            } else {
                #expect(extra == 0)
            }
        }
        #expect(checked == 1)
    }
}
