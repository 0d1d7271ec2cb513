import Foundation
import MILP

/// Solves a `CapacitatedFacilityLocation` to proven optimality (or a reported gap):
///
/// 1. **Lagrangian bound and heuristic** (split demand): subgradient on `LagrangianRelaxation`; each
///    round's open set is completed to enough capacity, assigned optimally
///    (`TransportationHeuristic`) and improved by closing or opening single sites.
/// 2. If the bound already proves the incumbent within the gap, stop.
/// 3. **Site fixing**: sites the Lagrangian bound decides (`fixedSites`) are fixed, which removes the
///    closed sites' columns.
/// 4. **CBC** on the strong formulation of what is left, with the incumbent as its MIP start (which
///    CBC's own heuristics build on) and as the cutoff. The reported bound is the larger of the
///    Lagrangian and CBC bounds.
///
/// Small split problems (at most `directLimit` site–client pairs) and single-source problems (whose
/// Lagrangian knapsacks are integer) go straight to step 4, single-source ones with a greedy start,
/// small split ones as plain branch and bound on the LP (their strong-formulation bound is tight).
public enum FacilityLocationSolver {
    public struct Options: Sendable {
        public var timeLimit: Double
        public var relativeGap: Double
        public var progress: (@Sendable (SolveProgress) -> Bool)?
        /// Split-demand problems with at most this many site–client pairs go straight to CBC.
        public var directLimit: Int

        public init(timeLimit: Double = 600, relativeGap: Double = 1e-9, directLimit: Int = FacilityLocationSolver.directLimit,
                    progress: (@Sendable (SolveProgress) -> Bool)? = nil) {
            self.timeLimit = timeLimit
            self.relativeGap = relativeGap
            self.directLimit = directLimit
            self.progress = progress
        }
    }

    public struct Result: Sendable {
        public let solution: FacilityLocationSolution?
        public let bound: Double
        public let status: SolveResult.Status
        public let seconds: Double
        /// Seconds spent building the MILP (the CBC stage only).
        public let buildSeconds: Double
        public let fixedOpen: Int
        public let fixedClosed: Int
        /// Why the problem is infeasible, when that is known before solving.
        public var infeasibility: String?

        public var objective: Double? { solution?.objective }
        public var gap: Double? { objective.map { relativeGap(incumbent: $0, bound: bound) } }
    }

    /// The default `Options.directLimit`: on split problems this small the strong formulation solves
    /// in milliseconds and the Lagrangian stages only add time.
    public static let directLimit = 20_000

    public static func solve(_ p: CapacitatedFacilityLocation, options: Options = Options()) -> Result {
        let start = Date()
        func elapsed() -> Double { Date().timeIntervalSince(start) }
        var incumbent: FacilityLocationSolution?
        var bound = -Double.infinity
        var fixed = [Bool?](repeating: nil, count: p.sites)
        if let reason = precheck(p) {
            var r = Result(solution: nil, bound: .infinity, status: .infeasible, seconds: elapsed(), buildSeconds: 0, fixedOpen: 0, fixedClosed: 0)
            r.infeasibility = reason
            return r
        }

        let direct = !p.singleSource && p.sites * p.clients <= options.directLimit
        if !p.singleSource && !direct {
            var lr = LagrangianRelaxation(p)
            incumbent = TransportationHeuristic.assign(p, open: [Bool](repeating: true, count: p.sites))
            let budget = min(60, options.timeLimit * 0.25)
            var round = 0
            while elapsed() < budget {
                let before = lr.bestBound
                lr.improve(upperBound: incumbent?.objective ?? .infinity, iterations: 150, seconds: max(0.1, budget - elapsed()))
                let open = TransportationHeuristic.openSet(p, relaxedOpen: lr.bestOpen, values: lr.siteValues)
                if let s = TransportationHeuristic.assign(p, open: open), s.objective < (incumbent?.objective ?? .infinity) { incumbent = s }
                if round == 0 || lr.bestBound > before + 1e-9 * abs(before) {
                    if let better = LocalSearch.improve(p, from: incumbent, values: lr.siteValues, deadline: start.addingTimeInterval(budget)) {
                        incumbent = better
                    }
                }
                bound = max(bound, lr.bestBound)
                report(options, incumbent?.objective, bound, 0, elapsed(), newIncumbent: true)
                round += 1
                if let ub = incumbent?.objective, relativeGap(incumbent: ub, bound: bound) <= options.relativeGap { break }
                if lr.bestBound <= before + 1e-7 * abs(before), round > 3 { break }
            }
            if let ub = incumbent?.objective {
                if relativeGap(incumbent: ub, bound: bound) <= options.relativeGap {
                    return Result(solution: incumbent, bound: bound, status: .optimal, seconds: elapsed(), buildSeconds: 0, fixedOpen: 0, fixedClosed: 0)
                }
                fixed = lr.fixedSites(upperBound: ub * (1 - options.relativeGap))
            }
        } else if p.singleSource {
            incumbent = GreedyAssignment.singleSource(p)
        }

        // CBC on the strong formulation, fixed sites removed or forced open.
        let keep = (0..<p.sites).filter { fixed[$0] != false }
        let sub = CapacitatedFacilityLocation(
            capacities: keep.map { p.capacities[$0] }, fixedCosts: keep.map { p.fixedCosts[$0] }, demands: p.demands,
            costs: keep.flatMap { i in (0..<p.clients).map { p.cost(i, $0) } }, singleSource: p.singleSource)
        let buildStart = Date()
        let formulation = FacilityLocationFormulation(sub, forcedOpen: keep.map { fixed[$0] == true })
        let buildSeconds = Date().timeIntervalSince(buildStart)
        var startVector: [Double]?
        // The incumbent starts CBC only if it agrees with the fixing (it may not: fixing excludes
        // solutions better than it, not the incumbent itself).
        if let s = incumbent, (0..<p.sites).allSatisfy({ fixed[$0] == nil || fixed[$0] == s.open[$0] }) {
            let subOpen = keep.map { s.open[$0] }
            let subAssignment = keep.flatMap { i in (0..<p.clients).map { s.assignment[i * p.clients + $0] } }
            startVector = formulation.values(of: FacilityLocationSolution(open: subOpen, assignment: subAssignment, objective: s.objective))
        }
        let lagrangianBound = bound, offset = elapsed()
        let progress: (@Sendable (SolveProgress) -> Bool)? = options.progress.map { callback in
            { @Sendable pr in
                callback(SolveProgress(newIncumbent: pr.newIncumbent, incumbent: pr.incumbent, bound: max(pr.bound, lagrangianBound),
                                       nodes: pr.nodes, seconds: pr.seconds + offset))
            }
        }
        let r = CBCSolver.solve(formulation.model, options: SolveOptions(
            timeLimit: max(1, options.timeLimit - offset), relativeGap: options.relativeGap, start: startVector,
            cutoff: incumbent.map { $0.objective * (1 + 1e-9) + 1e-6 }, startMethod: .mipStart, plainBranchAndBound: direct,
            progress: progress))
        if let values = r.solution {
            let s = formulation.solution(from: values)
            var open = [Bool](repeating: false, count: p.sites)
            var assignment = [Double](repeating: 0, count: p.sites * p.clients)
            for (k, i) in keep.enumerated() {
                open[i] = s.open[k]
                for j in 0..<p.clients { assignment[i * p.clients + j] = s.assignment[k * p.clients + j] }
            }
            let full = FacilityLocationSolution(open: open, assignment: assignment, objective: p.objective(open: open, assignment: assignment))
            if full.objective < (incumbent?.objective ?? .infinity) { incumbent = full }
        }
        // With the incumbent as cutoff, "infeasible" means nothing better exists: the incumbent is optimal.
        var status = r.status
        var finalBound = max(bound, r.bound)
        if let ub = incumbent?.objective {
            if r.status == .infeasible {
                status = .optimal
                finalBound = ub
            }
            finalBound = min(finalBound, ub)
        }
        return Result(solution: incumbent, bound: finalBound, status: status, seconds: elapsed(), buildSeconds: buildSeconds,
                      fixedOpen: fixed.filter { $0 == true }.count, fixedClosed: fixed.filter { $0 == false }.count)
    }

    /// Infeasibility visible without solving: total capacity below total demand, or (single source)
    /// a client larger than every site.
    static func precheck(_ p: CapacitatedFacilityLocation) -> String? {
        let capacity = p.capacities.reduce(0, +), demand = p.demands.reduce(0, +)
        if capacity < demand - 1e-9 { return "total capacity \(capacity) is below total demand \(demand)" }
        if p.singleSource, let largest = p.capacities.max(), let j = p.demands.indices.first(where: { p.demands[$0] > largest + 1e-9 }) {
            return "customer \(j + 1) has demand \(p.demands[j]), more than any site's capacity (\(largest)): it cannot be served by one site"
        }
        return nil
    }

    private static func report(_ options: Options, _ incumbent: Double?, _ bound: Double, _ nodes: Int, _ seconds: Double, newIncumbent: Bool) {
        _ = options.progress?(SolveProgress(newIncumbent: newIncumbent, incumbent: incumbent, bound: bound, nodes: nodes, seconds: seconds))
    }
}
