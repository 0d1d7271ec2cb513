@testable import LayoutOptimizer
import MILP
import ScenarioModel
import Testing

/// No two-way swaps (docs/optimizer.md, `swap`), on a hand-built instance: pupils now at A are
/// cheaper at B and pupils now at B cheaper at A.
@Suite("No two-way swaps")
struct SwapTests {
    /// Schools A and B (100 seats each, no fixed cost, no minimum size); point 1 (20 pupils) now at
    /// A, point 2 (20 pupils) now at B. Yearly costs: point 1 at A 10, at B 1; point 2 at A 1, at B 10.
    static var instance: LayoutInstance {
        HandLayout.twoSchools(pupils: [20, 20], currentSchools: [0, 1], arcs: [(0, 0, 10), (0, 1, 1), (1, 0, 1), (1, 1, 10)])
    }

    @Test("the swap (cost 1 + 1 = 2) is refused; the best plan sends both points to one school (1 + 10 = 11)")
    func swapRefused() throws {
        let inst = Self.instance
        #expect(inst.swapPairs.count == 1 && inst.swapPairs[0].firstToSecond == [1] && inst.swapPairs[0].secondToFirst == [2])
        // The family's check and the model agree: the swap is a violation, and the model's optimum is 11.
        let swap = LayoutDecision(open: [true, true], teaches: [0: [.lowerPrimary], 1: [.lowerPrimary]], expansion: [:], beds: [:], arc: [1, 2])
        #expect(swap.cost(inst).total == 2)
        #expect(Feasibility.violations(swap, inst).map(\.family) == [.swap])
        // The heuristic builds the swap (each point at its cheapest school), then sends a mover home:
        // both returns cost 10 − 1 = 9 more, the first found (point 1 back to A) is taken: 10 + 1 = 11.
        let start = try #require(ConstructiveHeuristic.solve(inst))
        #expect(start.swaps(inst).isEmpty && start.arc == [0, 2] && start.cost(inst).total == 11)
        let model = LayoutModelBuilder.build(inst)
        let solved = CBCSolver.solve(model.model)
        #expect(abs((solved.objective ?? 0) - 11) < 1e-6)
        let r = LayoutOptimizer.optimize(inst)
        let d = try #require(r.decision)
        #expect(abs(d.cost(inst).total - 11) < 1e-6 && d.swaps(inst).isEmpty)
        // One way only is no swap: point 1 to B, point 2 stays at B.
        let oneWay = LayoutDecision(open: [true, true], teaches: [0: [.lowerPrimary], 1: [.lowerPrimary]], expansion: [:], beds: [:], arc: [1, 3])
        #expect(Feasibility.violations(oneWay, inst).isEmpty)
    }
}

@Suite("A solver solution is checked")
struct SolutionCheckTests {
    @Test("a fractional value of an integer variable is a violation (CBC stopped by a cutoff at its root can return the LP's columns)")
    func integralityChecked() {
        var m = LinearModel()
        let x = m.binary("x", cost: 1)
        let y = m.continuous("y", upper: 1)
        m.constraint("cover", [(x, 1), (y, 1)], .greaterOrEqual, 0.5)
        #expect(m.maximumViolation([0.5, 0]) == 0.5)     // the LP's x = 0.5: half a school
        #expect(m.maximumViolation([0, 0.5]) == 0)
        #expect(m.relaxed.maximumViolation([0.5, 0]) == 0)
    }
}
