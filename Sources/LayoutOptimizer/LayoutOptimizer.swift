import Foundation
import MILP
import ScenarioModel

/// The outcome of an optimization.
public struct LayoutResult: Sendable {
    public enum Source: String, Sendable { case milp, heuristic }

    public let status: SolveResult.Status
    public let decision: LayoutDecision?
    public let objective: Double?
    /// Best lower bound on the objective.
    public let bound: Double
    public let seconds: Double
    public let source: Source?
    /// The warm start's objective, when the heuristic found one.
    public let heuristicObjective: Double?
    /// Findings of the pre-check (the solver was not called when any exists).
    public let precheck: [FeasibilityCheck.Finding]
    /// Minimum violations found by the elastic re-solve of an infeasible instance.
    public let violations: [(family: LayoutModel.Family, label: String, amount: Double, unit: String)]
    public let variables: Int
    public let constraints: Int
    /// True when the time limit, not the work limits, ended a step: the result may differ on another
    /// machine or under another load.
    public var stoppedByClock = false

    public var gap: Double? { objective.map { relativeGap(incumbent: $0, bound: bound) } }
}

/// Solves a `LayoutInstance`: pre-check, constructive warm start, CBC on the model of
/// docs/optimizer.md, and — when the targets cannot all hold — an elastic re-solve that says which
/// constraint families bind and by how much.
public enum LayoutOptimizer {
    public struct Options: Sendable {
        /// The search's work, counted in branch-and-bound nodes and rounds rather than seconds, so that the
        /// same instance gives the same plan on any machine and under any load.
        public var work: Work
        /// A wall-clock limit on top (nil: none). When it stops a step the result depends on the
        /// machine's speed, and `LayoutResult.stoppedByClock` says so.
        public var timeLimit: Double?
        public var relativeGap: Double
        public var progress: (@Sendable (SolveProgress) -> Bool)?
        /// Write the MILP in LP format here before solving.
        public var modelPath: String?
        /// Show CBC's own log.
        public var solverLog: Bool

        public init(work: Work = Work(), timeLimit: Double? = nil, relativeGap: Double = 0.01, progress: (@Sendable (SolveProgress) -> Bool)? = nil,
                    modelPath: String? = nil, solverLog: Bool = false) {
            self.work = work
            self.timeLimit = timeLimit
            self.relativeGap = relativeGap
            self.progress = progress
            self.modelPath = modelPath
            self.solverLog = solverLog
        }

        /// The seconds left of the time limit at `start` (nil: no limit).
        func secondsLeft(since start: Date) -> Double? { timeLimit.map { max(0.01, $0 - Date().timeIntervalSince(start)) } }
    }

    /// How much search each step may do. The defaults take about a minute on the default county (2-core
    /// machine): the split relaxation 15 s, one round of 13 neighbourhoods 24 s, the final search's root
    /// 24 s — a second round of neighbourhoods gained nothing there in 17 s.
    public struct Work: Sendable {
        /// Branch-and-bound nodes of the split relaxation that guides the warm start.
        public var splitNodes: Int
        /// Rounds over the neighbourhoods (fewer when a round gains under 0.05%), and nodes per neighbourhood.
        public var neighbourhoodRounds: Int
        public var neighbourhoodNodes: Int
        /// Nodes of the final search, and of the elastic re-solve that explains an infeasible instance.
        public var finalNodes: Int
        public var explainNodes: Int

        public init(splitNodes: Int = 100, neighbourhoodRounds: Int = 1, neighbourhoodNodes: Int = 200, finalNodes: Int = 2000, explainNodes: Int = 1000) {
            self.splitNodes = splitNodes
            self.neighbourhoodRounds = neighbourhoodRounds
            self.neighbourhoodNodes = neighbourhoodNodes
            self.finalNodes = finalNodes
            self.explainNodes = explainNodes
        }
    }

    public static func optimize(_ inst: LayoutInstance, options: Options = Options()) -> LayoutResult {
        let start = Date()
        let findings = FeasibilityCheck.run(inst)
        guard findings.isEmpty else {
            return LayoutResult(status: .infeasible, decision: nil, objective: nil, bound: .infinity, seconds: Date().timeIntervalSince(start),
                                source: nil, heuristicObjective: nil, precheck: findings, violations: [], variables: 0, constraints: 0)
        }
        let budgeted = inst.budget != nil || !inst.budgetByYear.isEmpty
        let built = LayoutModelBuilder.build(inst, softBudget: budgeted)
        if let path = options.modelPath { CBCSolver.writeLP(built.model, path: path) }
        let lp = CBCSolver.solve(built.model.relaxed)
        debug("LP relaxation \(lp.objective ?? .nan)")
        var clock = false
        var heuristic = [ConstructiveHeuristic.solve(inst), guidedStart(built, inst, lp: lp, splitNodes: options.work.splitNodes,
                                                                        seconds: options.secondsLeft(since: start), stoppedByClock: &clock)]
            .compactMap { $0 }.min { $0.penalizedObjective(inst) < $1.penalizedObjective(inst) }
        if heuristic == nil, budgeted {
            // Nothing within budget: overspend (the model's budget is soft) and let the search cut back.
            heuristic = [ConstructiveHeuristic.solve(inst, keepBudget: false),
                         guidedStart(built, inst, lp: lp, splitNodes: 0, seconds: nil, stoppedByClock: &clock, keepBudget: false)]
                .compactMap { $0 }.min { $0.penalizedObjective(inst) < $1.penalizedObjective(inst) }
        }
        debug("warm start \(heuristic.map { $0.penalizedObjective(inst) } ?? .nan) after \(Date().timeIntervalSince(start)) s")
        if let h = heuristic {
            report(options, h.penalizedObjective(inst), -.infinity, start)
            heuristic = NeighbourhoodSearch.improve(built, inst, from: h, rounds: options.work.neighbourhoodRounds, nodes: options.work.neighbourhoodNodes,
                                                    deadline: options.timeLimit.map { start.addingTimeInterval($0) }, stoppedByClock: &clock) {
                report(options, $0.penalizedObjective(inst), -.infinity, start)
            }
            debug("after neighbourhood search \(heuristic.map { $0.penalizedObjective(inst) } ?? .nan) at \(Date().timeIntervalSince(start)) s")
        }
        let startVector = heuristic.map { values(of: $0, in: built, inst) }
        let r = CBCSolver.solve(built.model, options: SolveOptions(
            timeLimit: options.secondsLeft(since: start), relativeGap: options.relativeGap,
            start: startVector, cutoff: heuristic.map { $0.penalizedObjective(inst) * (1 + 1e-9) + 1e-6 }, logLevel: options.solverLog ? 1 : 0,
            nodeLimit: options.work.finalNodes, feasibilityPump: heuristic == nil, progress: options.progress))
        if r.stoppedByClock { clock = true }
        debug("cbc: \(r.status) objective \(r.objective ?? .nan) bound \(r.bound) nodes \(r.nodes) in \(r.seconds)s (start: \(heuristic.map { $0.objective(inst) } ?? .nan))")
        var decision = r.solution.map { decode($0, built, inst) }
        var source: LayoutResult.Source? = decision == nil ? nil : .milp
        var objective = decision?.penalizedObjective(inst)
        if let h = heuristic, objective.map({ h.penalizedObjective(inst) < $0 - 1e-6 }) ?? true {
            decision = h
            objective = h.penalizedObjective(inst)
            source = .heuristic
        }
        var bound = r.bound
        var status = r.status
        switch (r.status, heuristic) {
        case (.infeasible, .some(let h)):
            // CBC searched with the warm start's cost as cutoff and found nothing better: it is optimal.
            status = .optimal
            bound = h.penalizedObjective(inst)
        case (.infeasible, .none):
            let violations = explain(inst, nodes: options.work.explainNodes)
            return LayoutResult(status: .infeasible, decision: nil, objective: nil, bound: .infinity, seconds: Date().timeIntervalSince(start),
                                source: nil, heuristicObjective: nil, precheck: [], violations: violations,
                                variables: built.model.variableCount, constraints: built.model.constraintCount)
        case (.timeLimitNoSolution, .some):
            status = .timeLimit
        case (.nodeLimitNoSolution, .some):
            status = .nodeLimit
        default:
            break
        }
        if decision != nil, !bound.isFinite {
            // No usable bound from the search: fall back on the LP relaxation's (solved for the warm start).
            bound = lp.objective ?? -.infinity
        }
        if let d = decision, d.overrun(inst) > 0.5 {
            // The cheapest plan found needs more capital than the budget: report by how much.
            let spent = d.cost(inst).capital
            let proven = status == .optimal
            let years = d.yearlyOverruns(inst).sorted { $0.key < $1.key }
            let label: String
            if !years.isEmpty {
                label = "capital by year: the " + (proven ? "cheapest plan meeting every other constraint (proven within the gap)" : "best plan the search found")
                    + " spends " + years.map { "¥\(grouped($0.value / 1e6)) M above \($0.key)'s budget" }.joined(separator: ", ")
                    + "; raise those years' budgets (optimizer.budget_by_year) or the lead times that put projects in them"
            } else if proven {
                label = "capital: the cheapest plan meeting every other constraint spends ¥\(grouped(spent / 1e6)) M (proven within the gap)"
            } else {
                let least = minimumCapital(built).map { ", and any plan meeting every other constraint needs at least ¥\(grouped($0 / 1e6)) M (LP bound)" } ?? ""
                label = "capital: no plan within the budget found by the search; the best found spends ¥\(grouped(spent / 1e6)) M\(least); "
                    + "raise the budget"
            }
            return LayoutResult(status: proven ? .infeasible : status, decision: nil, objective: nil, bound: .infinity, seconds: Date().timeIntervalSince(start),
                                source: nil, heuristicObjective: heuristic?.objective(inst), precheck: [],
                                violations: [(.budget, label, d.overrun(inst), "yuan")],
                                variables: built.model.variableCount, constraints: built.model.constraintCount)
        }
        return LayoutResult(status: status, decision: decision, objective: objective, bound: min(bound, objective ?? bound),
                            seconds: Date().timeIntervalSince(start), source: source, heuristicObjective: heuristic?.objective(inst),
                            precheck: [], violations: [], variables: built.model.variableCount, constraints: built.model.constraintCount,
                            stoppedByClock: clock)
    }

    /// Guided warm starts: the LP relaxation, then — if that gives nothing feasible — the model with
    /// split assignment (school decisions integer, pupils divisible, solved by CBC within `splitNodes` nodes),
    /// each as `ConstructiveHeuristic`'s guide, with its builds and with builds left to the deficit
    /// rule; the best result. Rounding a split solution to single catchments needs a few more
    /// classrooms, so the split model is first solved with the budget lowered by 5% (then 2%, then
    /// not at all), leaving that margin to the rounding.
    static func guidedStart(_ m: LayoutModel, _ inst: LayoutInstance, lp: SolveResult, splitNodes: Int, seconds: Double?, stoppedByClock: inout Bool,
                            keepBudget: Bool = true) -> LayoutDecision? {
        func from(_ x: [Double]) -> LayoutDecision? {
            [true, false].compactMap { builds in
                ConstructiveHeuristic.solve(inst, guide: ConstructiveHeuristic.guide(inst, model: m, lp: x, builds: builds), keepBudget: keepBudget)
            }.min { $0.penalizedObjective(inst) < $1.penalizedObjective(inst) }
        }
        if let x = lp.solution, let d = from(x) {
            debug("LP-guided start \(d.penalizedObjective(inst))")
            return d
        }
        guard splitNodes > 0 else { return nil }
        let budgetRow = m.model.rowNames.firstIndex(of: "budget")
        for margin in budgetRow == nil ? [0.0] : [0.05, 0.02, 0] {
            var split = m.model
            for v in m.a { split.setContinuous(v) }
            if let row = budgetRow, let budget = inst.budget { split.setRHS(row, budget * (1 - margin)) }
            let r = CBCSolver.solve(split, options: SolveOptions(timeLimit: seconds, relativeGap: 0.005, nodeLimit: splitNodes))
            if r.stoppedByClock { stoppedByClock = true }
            debug("split relaxation (budget −\(Int(margin * 100))%): \(r.status) \(r.objective ?? .nan) bound \(r.bound) in \(r.seconds)s")
            if let x = r.solution, let d = from(x) { debug("split-guided \(d.penalizedObjective(inst))"); return d }
        }
        return nil
    }

    private static func report(_ options: Options, _ incumbent: Double, _ bound: Double, _ start: Date) {
        _ = options.progress?(SolveProgress(newIncumbent: true, incumbent: incumbent, bound: bound, nodes: 0,
                                            seconds: Date().timeIntervalSince(start)))
    }

    /// The LP relaxation's optimum: a lower bound for any solution.
    /// A lower bound on the capital of any plan that meets every constraint but the budget: the LP
    /// relaxation minimising the budget row's capital terms (the overrun variable left free of cost).
    static func minimumCapital(_ m: LayoutModel) -> Double? {
        guard let row = m.model.rowNames.firstIndex(of: "budget") else { return nil }
        let capital = m.model.row(row).filter { $0.variable != m.budgetOverrun }
        return CBCSolver.solve(m.model.relaxed.withObjective(capital)).objective
    }

    /// Minimum violations per family and target, from the elastic model: its MILP when CBC finds a
    /// solution within `nodes` nodes, otherwise its LP relaxation (which still names every family that
    /// must give way, with the amounts of a fractional plan).
    static func explain(_ inst: LayoutInstance, nodes: Int) -> [(family: LayoutModel.Family, label: String, amount: Double, unit: String)] {
        let elastic = LayoutModelBuilder.build(inst, elastic: true)
        var r = CBCSolver.solve(elastic.model, options: SolveOptions(relativeGap: 1e-6, nodeLimit: nodes))
        if r.solution == nil { r = CBCSolver.solve(elastic.model.relaxed) }
        guard let x = r.solution else { return [] }
        return elastic.slacks.compactMap { s in
            let value = x[s.variable.index]
            guard value > 1e-6 else { return nil }
            guard s.family == .assign, let p = inst.points.firstIndex(where: { "\($0.area)_\($0.group.rawValue)" == s.label }) else {
                return (s.family, s.label, value, s.unit)
            }
            return (s.family, unservedLabel(inst, p), value * inst.points[p].peak, "pupils")
        }
    }

    /// What a demand point without seats can reach: "D0908 (小寨) 幼儿园; within reach: D09K3 (private,
    /// not expanded by the plan), C11 (new kindergarten, 3–12 classes)".
    static func unservedLabel(_ inst: LayoutInstance, _ p: Int) -> String {
        let point = inst.points[p]
        var order: [String] = [], classes: [String: [Int]] = [:]
        for k in inst.pointArcs[p] {
            let f = inst.facilities[inst.arcs[k].facility]
            let key: String
            switch f.origin {
            case .existing:
                let note = !f.isPublic ? "private, not expanded by the plan" : f.protected ? "kept" : nil
                key = f.school.id.rawValue + (note.map { " (\($0))" } ?? "")
            case let .option(site, kind, n):
                key = "\(inst.siteNames[site]) (new \(kind.rawValue), "
                classes[key, default: []].append(n)
            case let .conversion(school, kind):
                key = "\(inst.facilities[school].school.id) (converted to a \(kind.rawValue) once closed)"
            }
            if !order.contains(key) { order.append(key) }
        }
        let reach = order.map { key -> String in
            guard let n = classes[key]?.sorted(), let lo = n.first, let hi = n.last else { return key }
            return key + (lo == hi ? "\(lo)" : "\(lo)–\(hi)") + " classes)"
        }
        return "\(inst.name(point.area)) \(point.group.nameZH); within reach: " + (reach.isEmpty ? "no school" : reach.joined(separator: ", "))
    }

    /// The variable vector of a decision, for a MIP start.
    static func values(of d: LayoutDecision, in m: LayoutModel, _ inst: LayoutInstance) -> [Double] {
        var x = [Double](repeating: 0, count: m.model.variableCount)
        values(of: d, in: m, inst, into: &x)
        return x
    }

    /// Writes a decision's values into `x` at the model's variables (which may stand in a larger model:
    /// a period of a phased one).
    static func values(of d: LayoutDecision, in m: LayoutModel, _ inst: LayoutInstance, into x: inout [Double]) {
        for (s, v) in m.u { x[v.index] = d.open[s] ? 1 : 0 }
        for (s, groups) in m.v { for (g, v) in groups { x[v.index] = d.open[s] && (d.teaches[s]?.contains(g) ?? false) ? 1 : 0 } }
        for (s, stages) in m.keeps { for (stage, y) in stages { x[y.index] = d.open[s] && (d.teaches[s] ?? []).contains { $0.stage == stage } ? 1 : 0 } }
        for (s, byStage) in m.x { for (stage, v) in byStage { x[v.index] = Double(d.expansion[s]?[stage] ?? 0) } }
        for (s, v) in m.w { x[v.index] = Double(d.beds[s] ?? 0) }
        for (s, byStage) in m.r { for (stage, v) in byStage { x[v.index] = d.open[s] ? Double(d.temporary[s]?[stage] ?? 0) : 0 } }
        for (s, v) in m.b { x[v.index] = d.open[s] ? 1 : 0 }
        for k in d.arc.compactMap({ $0 }) { x[m.a[k].index] = 1 }
        let pupils = d.groupPupils(inst)
        for (s, groups) in m.k {
            let f = inst.facilities[s]
            for (g, v) in groups {
                x[v.index] = d.teaches(inst, s, g) ? LayoutCosts.classes(pupils: pupils[s][g] ?? 0, seatsPerClass: f.seatsPerClassroom[g.stage] ?? 0,
                                                                         floor: f.school.classFloor(g)) : 0
            }
        }
        for (pair, z) in zip(inst.swapPairs, m.z) { x[z.index] = d.choosesAny(of: pair.firstToSecond, inst) ? 1 : 0 }
        if let o = m.budgetOverrun { x[o.index] = d.budgetOverrun(inst) }
        let yearly = d.yearlyOverruns(inst)
        for (year, o) in m.yearlyOverruns { x[o.index] = yearly[year] ?? 0 }
    }

    /// The decision a solution vector describes.
    static func decode(_ x: [Double], _ m: LayoutModel, _ inst: LayoutInstance) -> LayoutDecision {
        var open = [Bool](repeating: false, count: inst.facilities.count)
        var teaches: [Int: Set<PupilGroup>] = [:], expansion: [Int: [Stage: Int]] = [:], beds: [Int: Int] = [:]
        for (s, v) in m.u { open[s] = x[v.index] > 0.5 }
        for (s, v) in m.b { open[s] = x[v.index] > 0.5 }
        for (s, groups) in m.v where open[s] { teaches[s] = Set(groups.filter { x[$0.value.index] > 0.5 }.map(\.key)) }
        for (s, byStage) in m.x where open[s] {
            let added = byStage.mapValues { Int(x[$0.index].rounded()) }.filter { $0.value > 0 }
            if !added.isEmpty { expansion[s] = added }
        }
        for (s, v) in m.w where open[s] && x[v.index] > 0.5 { beds[s] = Int(x[v.index].rounded()) }
        var temporary: [Int: [Stage: Int]] = [:]
        for (s, byStage) in m.r where open[s] {
            let rooms = byStage.mapValues { Int(x[$0.index].rounded()) }.filter { $0.value > 0 }
            if !rooms.isEmpty { temporary[s] = rooms }
        }
        var arc = [Int?](repeating: nil, count: inst.points.count)
        for (k, v) in m.a.enumerated() where x[v.index] > 0.5 { arc[inst.arcs[k].point] = k }
        return LayoutDecision(open: open, teaches: teaches, expansion: expansion, beds: beds, arc: arc, temporary: temporary)
    }
}
