import Foundation
import MILP
import ScenarioModel

/// The outcome of a phased optimization: a decision per period.
public struct PhasedResult: Sendable {
    public let status: SolveResult.Status
    /// One decision per period (nil: no plan).
    public let decisions: [LayoutDecision]?
    /// The discounted cost over the horizon, and CBC's lower bound on it.
    public let objective: Double?
    public let bound: Double
    /// The warm start's cost (the periods planned one after another).
    public let warmStart: Double?
    public let seconds: Double
    /// The pre-check's findings, with the period year they concern.
    public let precheck: [(year: Int, finding: FeasibilityCheck.Finding)]
    /// Why no plan, in planners' terms.
    public let violations: [(family: LayoutModel.Family, label: String, amount: Double, unit: String)]
    public let variables: Int
    public let constraints: Int
    public var stoppedByClock = false

    public var gap: Double? { objective.map { relativeGap(incumbent: $0, bound: bound) } }
}

/// Solves a `PhasedInstance` (docs/optimizer.md, "Phased plans"): a warm start that plans the periods
/// one after another, each from the network the previous one left (the single-period optimizer on
/// each period, within `periodWork`), the neighbourhood search on the phased model, then CBC on the
/// whole phased model from the incumbent, within `finalNodes` nodes, for a better plan and the bound
/// that proves the gap.
public enum PhasedOptimizer {
    /// The single-period search's work in each period of the warm start.
    public static let periodWork = LayoutOptimizer.Work(splitNodes: 100, neighbourhoodRounds: 1, neighbourhoodNodes: 100, finalNodes: 200)

    public static func optimize(_ p: PhasedInstance, options: LayoutOptimizer.Options = .init()) -> PhasedResult {
        let start = Date()
        let findings = p.periods.flatMap { period in FeasibilityCheck.run(period.instance).map { (period.year, $0) } }
        guard findings.isEmpty else {
            return PhasedResult(status: .infeasible, decisions: nil, objective: nil, bound: .infinity, warmStart: nil, seconds: Date().timeIntervalSince(start),
                                precheck: findings, violations: [], variables: 0, constraints: 0)
        }
        let budgeted = p.periods.contains { $0.budget != nil || $0.instance.budget != nil }
        let built = PhasedModelBuilder.build(p, softBudget: budgeted)
        if let path = options.modelPath { CBCSolver.writeLP(built.model, path: path) }
        var clock = false

        // Warm start: each period planned from the network the previous one left.
        var decisions: [LayoutDecision] = []
        var failed: (year: Int, result: LayoutResult)?
        for (i, period) in p.periods.enumerated() {
            var inst = period.instance, arcs = Array(inst.arcs.indices)
            if let prior = decisions.last {
                (inst, arcs) = period.instance.following(prior, of: p.periods[i - 1].instance, newSchoolMinimum: p.newSchoolMinimumUtilisation)
            }
            var o = options
            o.work = periodWork
            o.modelPath = nil
            o.progress = nil
            let r = LayoutOptimizer.optimize(inst, options: o)
            if r.stoppedByClock { clock = true }
            debug("phased warm start \(period.year): \(r.status) \(r.objective ?? .nan) gap \(r.gap ?? .nan) in \(r.seconds) s")
            guard var d = r.decision else { failed = (period.year, r); break }
            d.arc = d.arc.map { $0.map { arcs[$0] } }
            decisions.append(d)
        }
        if let failed {
            return PhasedResult(status: .infeasible, decisions: nil, objective: nil, bound: .infinity, warmStart: nil, seconds: Date().timeIntervalSince(start),
                                precheck: failed.result.precheck.map { (failed.year, $0) },
                                violations: failed.result.violations.map { ($0.family, "\(failed.year): \($0.label)", $0.amount, $0.unit) },
                                variables: built.model.variableCount, constraints: built.model.constraintCount)
        }
        var startVector = values(of: decisions, in: built, p)
        let warm = built.model.objectiveValue(startVector)
        let violation = built.model.maximumViolation(startVector)
        debug("phased warm start \(warm), violation \(violation), after \(Date().timeIntervalSince(start)) s")
        if violation > 1e-6 { debug(worstRows(built.model, startVector).joined(separator: "\n")) }
        let usable = violation <= 1e-6
        func report(_ value: Double) {
            _ = options.progress?(SolveProgress(newIncumbent: true, incumbent: value, bound: -.infinity, nodes: 0, seconds: Date().timeIntervalSince(start)))
        }
        report(warm)
        var best = usable ? decisions : nil
        var objective = usable ? warm : nil
        if usable {
            decisions = improve(built, p, from: decisions, nodes: options.work.neighbourhoodNodes, deadline: options.timeLimit.map { start.addingTimeInterval($0) },
                                stoppedByClock: &clock, progress: report)
            startVector = values(of: decisions, in: built, p)
            best = decisions
            objective = built.model.objectiveValue(startVector)
            debug("phased after neighbourhood search \(objective ?? .nan) at \(Date().timeIntervalSince(start)) s")
        }
        // CBC on the whole phased model from the incumbent, for a better plan and the bound.
        let incumbent = objective ?? .infinity
        let r = CBCSolver.solve(built.model, options: SolveOptions(
            timeLimit: options.secondsLeft(since: start), relativeGap: options.relativeGap,
            start: usable ? startVector : nil, cutoff: usable ? incumbent * (1 + 1e-9) + 1e-6 : nil, logLevel: options.solverLog ? 1 : 0,
            nodeLimit: finalNodes, feasibilityPump: !usable, progress: options.progress))
        if r.stoppedByClock { clock = true }
        debug("phased cbc: \(r.status) objective \(r.objective ?? .nan) bound \(r.bound) nodes \(r.nodes) in \(r.seconds) s")
        if let x = r.solution, (r.objective ?? .infinity) < incumbent - 1e-6 {
            best = zip(built.periods, p.periods).map { LayoutOptimizer.decode(x, $0, $1.instance) }
            objective = built.model.objectiveValue(x)
        }
        var bound = r.bound, status = r.status
        switch (r.status, usable) {
        case (.infeasible, true):
            status = .optimal  // nothing better than the incumbent's cost exists
            bound = incumbent
        case (.timeLimitNoSolution, true): status = .timeLimit
        case (.nodeLimitNoSolution, true): status = .nodeLimit
        default: break
        }
        if best != nil, !bound.isFinite { bound = CBCSolver.solve(built.model.relaxed).objective ?? -.infinity }
        var result = PhasedResult(status: best == nil ? .infeasible : status, decisions: best, objective: objective, bound: min(bound, objective ?? bound),
                                  warmStart: warm, seconds: Date().timeIntervalSince(start), precheck: [], violations: [],
                                  variables: built.model.variableCount, constraints: built.model.constraintCount)
        result.stoppedByClock = clock
        return result
    }

    /// Nodes of CBC on the whole phased model.
    public static let finalNodes = 100

    /// The phased model's variables for one decision per period; beds and the budgets' overruns made
    /// consistent across periods (beds built stay, `persist`).
    static func values(of decisions: [LayoutDecision], in m: PhasedModel, _ p: PhasedInstance) -> [Double] {
        var x = [Double](repeating: 0, count: m.model.variableCount)
        for (i, d) in decisions.enumerated() { LayoutOptimizer.values(of: d, in: m.periods[i], p.periods[i].instance, into: &x) }
        for i in p.periods.indices.dropFirst() {
            let index = p.periods[i].instance.facilityIndex
            for (s, w0) in m.periods[i - 1].w {
                guard let t = index[p.periods[i - 1].instance.facilities[s].school.id], let w1 = m.periods[i].w[t] else { continue }
                x[w1.index] = max(x[w1.index], x[w0.index])
            }
        }
        // Each soft budget row's overrun: whatever the row needs.
        func settle(_ o: LinearModel.Variable, _ row: Int) {
            x[o.index] = 0
            x[o.index] = max(0, m.model.violation(row, x))
        }
        for (i, period) in m.periods.enumerated() {
            guard let o = period.budgetOverrun, let row = m.model.rowNames.firstIndex(of: "budget@\(p.periods[i].year)") else { continue }
            settle(o, row)
        }
        for (i, o) in m.yearlyOverruns {
            if let row = m.yearlyBudgetRows[i] { settle(o, row) }
        }
        return x
    }

    /// The rows a vector violates most (diagnostics).
    static func worstRows(_ m: LinearModel, _ x: [Double], count: Int = 10) -> [String] {
        (0..<m.constraintCount).compactMap { r -> (String, Double)? in
            let v = m.violation(r, x)
            return v > 1e-6 ? (m.rowNames[r], v) : nil
        }.sorted { $0.1 > $1.1 }.prefix(count).map { "  \($0.0): \($0.1)" }
    }
}

extension PhasedResult {
    /// The result as a single-period one for the first period's report sections (its decision that
    /// period's), with the phased objective, bound and gap; pre-check findings named by their year.
    public var firstPeriod: LayoutResult {
        var r = LayoutResult(status: status, decision: decisions?.first, objective: objective, bound: bound, seconds: seconds,
                             source: decisions == nil ? nil : .milp, heuristicObjective: warmStart,
                             precheck: precheck.map { FeasibilityCheck.Finding(family: $0.finding.family, message: "\($0.year): \($0.finding.message)") },
                             violations: violations, variables: variables, constraints: constraints)
        r.stoppedByClock = stoppedByClock
        return r
    }
}

extension PhasedOptimizer {
    /// `NeighbourhoodSearch` on the phased model: each neighbourhood (of the first period's instance)
    /// free in every period at once, everything else fixed at the incumbent, CBC within `nodes` nodes
    /// from the incumbent as start and cutoff; one round.
    static func improve(_ m: PhasedModel, _ p: PhasedInstance, from start: [LayoutDecision], nodes: Int, deadline: Date?,
                        stoppedByClock: inout Bool, progress: (Double) -> Void) -> [LayoutDecision] {
        var best = start
        var x = values(of: best, in: m, p)
        var bestValue = m.model.objectiveValue(x)
        for hood in NeighbourhoodSearch.neighbourhoods(p.periods[0].instance) {
            let left = deadline?.timeIntervalSinceNow
            if let left, left <= 0.2 {
                stoppedByClock = true
                break
            }
            var sub = m.model
            for (i, period) in p.periods.enumerated() {
                NeighbourhoodSearch.fix(outside: hood, m.periods[i], period.instance, best[i], values: x, in: &sub)
            }
            let r = CBCSolver.solve(sub, options: SolveOptions(timeLimit: left, relativeGap: 1e-4, start: x, cutoff: bestValue - 1e-6 * abs(bestValue),
                                                               nodeLimit: nodes, feasibilityPump: false))
            if r.stoppedByClock { stoppedByClock = true }
            debug("phased neighbourhood \(hood): \(r.status) in \(r.seconds) s")
            guard let y = r.solution, m.model.maximumViolation(y) <= 1e-6 else { continue }
            let value = m.model.objectiveValue(y)
            guard value < bestValue - 1e-6 * abs(bestValue) else { continue }
            debug("phased neighbourhood \(hood): \(bestValue) → \(value) (\(r.status) in \(r.seconds) s)")
            best = zip(m.periods, p.periods).map { LayoutOptimizer.decode(y, $0, $1.instance) }
            x = values(of: best, in: m, p)
            bestValue = m.model.objectiveValue(x)
            progress(bestValue)
        }
        return best
    }
}
