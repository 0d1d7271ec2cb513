import FacilityLocation
import Foundation
import MILP
import Testing

@Suite("Capacitated facility location")
struct FacilityLocationTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")

    /// Three sites, three clients, worked by hand.
    ///
    /// Sites A (capacity 10, fixed 100), B (10, 60), C (20, 190); demands 6, 6, 5; costs of serving all
    /// of a client: A 10/20/30, B 30/10/10, C 5/5/5.
    /// * C alone: 190 + 15 = 205.
    /// * A and B (160 fixed): per unit, client 1 is cheapest at A (10/6), clients 2 and 3 at B (10/6,
    ///   10/5), but B then carries 11 > 10. Moving one unit of client 2 to A costs 20/6 − 10/6 = 1.67,
    ///   one of client 3 costs 30/5 − 10/5 = 4: so client 2 is split 5/6 at B, 1/6 at A, and the total
    ///   is 160 + 10 + (8.33 + 3.33) + 10 = 191.67. Any other pair or triple has fixed costs ≥ 250.
    /// * Single source: A and B cannot carry the three clients whole (any two of 6, 6, 5 exceed 10),
    ///   so the optimum is C alone, 205.
    static func handWorked(singleSource: Bool) -> CapacitatedFacilityLocation {
        CapacitatedFacilityLocation(capacities: [10, 10, 20], fixedCosts: [100, 60, 190], demands: [6, 6, 5],
                                    costs: [10, 20, 30, 30, 10, 10, 5, 5, 5], singleSource: singleSource)
    }

    @Test("a small instance worked by hand: split and single-source optima differ")
    func handWorkedOptima() throws {
        let split = FacilityLocationSolver.solve(Self.handWorked(singleSource: false))
        #expect(split.status == .optimal)
        let expected: Double = 160 + 10 + 10.0 * 5 / 6 + 20.0 / 6 + 10  // 191.67
        #expect(abs(try #require(split.objective) - expected) < 1e-6)
        let solution = try #require(split.solution)
        #expect(solution.open == [true, true, false])
        #expect(abs(solution.assignment[0 * 3 + 1] - 1.0 / 6) < 1e-6)  // client 2's sixth at A
        let single = FacilityLocationSolver.solve(Self.handWorked(singleSource: true))
        #expect(single.status == .optimal)
        #expect(abs(try #require(single.objective) - 205) < 1e-6)
        #expect(single.solution?.open == [false, false, true])
    }

    @Test("OR-Library cap41 solves to its published optimum 1,040,444.375")
    func cap41() throws {
        let p = try ORLibrary.read(Self.data.appendingPathComponent("cap41.txt"))
        #expect(p.sites == 16 && p.clients == 50)
        #expect(p.capacities.allSatisfy { $0 == 5000 } && p.fixedCosts[10] == 0 && p.fixedCosts[0] == 7500)
        #expect(p.demands.prefix(3) == [146, 87, 672])
        #expect(abs(p.cost(0, 0) - 6739.725) < 1e-9 && abs(p.cost(15, 0) - 6051.7) < 1e-9)
        let r = FacilityLocationSolver.solve(p)
        #expect(r.status == .optimal)
        #expect(abs(try #require(r.objective) - 1_040_444.375) < 1e-3)
        // The solution is what it claims: every client served, capacities kept, objective recomputed.
        let s = try #require(r.solution)
        for j in 0..<p.clients {
            #expect(abs((0..<p.sites).reduce(0.0) { $0 + s.assignment[$1 * p.clients + j] } - 1) < 1e-6)
        }
        for i in 0..<p.sites {
            let load = (0..<p.clients).reduce(0.0) { $0 + p.demands[$1] * s.assignment[i * p.clients + $1] }
            #expect(load <= (s.open[i] ? p.capacities[i] : 0) + 1e-6)
        }
        #expect(abs(p.objective(open: s.open, assignment: s.assignment) - s.objective) < 1e-6)
    }

    @Test("the Lagrangian bound on cap41 is a valid lower bound within 1% of the optimum")
    func lagrangianBound() throws {
        let p = try ORLibrary.read(Self.data.appendingPathComponent("cap41.txt"))
        var lr = LagrangianRelaxation(p)
        let bound = lr.improve(upperBound: 1_040_444.375, iterations: 500, seconds: 30)
        #expect(bound <= 1_040_444.375 + 1e-6)
        #expect(bound >= 0.99 * 1_040_444.375, "bound \(bound)")
        // Sites the bound closes cannot be in any solution below the optimum plus 0.1%: the optimum
        // itself never uses a site fixed closed.
        let fixed = lr.fixedSites(upperBound: 1_040_444.375 * 1.001)
        let optimum = try #require(FacilityLocationSolver.solve(p).solution)
        for i in 0..<p.sites where fixed[i] == false { #expect(!optimum.open[i], "site \(i + 1) fixed closed but open at the optimum") }
    }

    @Test("the Lagrangian route (bound, heuristic, local search, site fixing, CBC) also reaches cap41's optimum")
    func lagrangianRoute() throws {
        let p = try ORLibrary.read(Self.data.appendingPathComponent("cap41.txt"))
        let routed = FacilityLocationSolver.solve(p, options: .init(directLimit: 0))
        #expect(routed.status == .optimal)
        #expect(abs(try #require(routed.objective) - 1_040_444.375) < 1e-3)
        #expect(routed.bound <= 1_040_444.375 + 1e-3)
    }

    @Test("infeasible instances are explained before solving")
    func precheck() {
        let short = CapacitatedFacilityLocation(capacities: [5, 5], fixedCosts: [1, 1], demands: [6, 6], costs: [1, 1, 1, 1])
        let r = FacilityLocationSolver.solve(short)
        #expect(r.status == .infeasible && r.solution == nil)
        #expect(r.infeasibility == "total capacity 10.0 is below total demand 12.0")
        let whole = CapacitatedFacilityLocation(capacities: [10, 10], fixedCosts: [1, 1], demands: [11, 2], costs: [1, 1, 1, 1], singleSource: true)
        #expect(FacilityLocationSolver.solve(whole).infeasibility?.hasPrefix("customer 1 has demand 11.0, more than any site's capacity") == true)
        // Split, the same instance is feasible: 11 shared between the two sites.
        #expect(FacilityLocationSolver.solve(CapacitatedFacilityLocation(capacities: [10, 10], fixedCosts: [1, 1], demands: [11, 2],
                                                                          costs: [1, 1, 1, 1])).status == .optimal)
    }

    @Test("OR-Library files: the word capacity needs a value, truncated files are named as such")
    func orLibraryErrors() throws {
        let text = "2 1\ncapacity 10\ncapacity 20\n5\n1 2\n"
        #expect(throws: ORLibrary.Failure.capacityNeeded) { try ORLibrary.parse(text) }
        let p = try ORLibrary.parse(text, capacity: 8000)
        #expect(p.capacities == [8000, 8000] && p.fixedCosts == [10, 20] && p.demands == [5] && p.costs == [1, 2])
        #expect(throws: ORLibrary.Failure.malformed("it ends after 8 values, more were expected")) { try ORLibrary.parse("2 1\n8 10\n8 20\n5\n1\n") }
        #expect(throws: ORLibrary.Failure.malformed("value 4 \"x\" is not a number")) { try ORLibrary.parse("1 1\n8 x\n") }
    }
}
