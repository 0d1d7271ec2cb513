import Foundation
import MILP
import ScenarioModel

/// Improves a warm start by large-neighbourhood search on the layout MILP itself (Shaw 1998; the
/// "fix and re-optimise" scheme of RINS, Danna, Rothberg & Le Pape 2005): every variable outside a
/// neighbourhood is fixed at the incumbent's value and CBC re-optimises the rest, with the incumbent
/// as start and cutoff, so each step either finds a strictly cheaper plan or leaves it unchanged.
///
/// A neighbourhood is a set of districts and stages: the schools and build options located in those
/// districts that teach those stages (open/closed, grades, classrooms, beds, builds) and the demand
/// points of those districts and stages, together with every point now served by one of those schools
/// (so a school can close and its pupils move), every arc of a free point free. Visited in turn: each
/// district outside the county seat; the county seat stage by stage (whole, it is too large to
/// re-optimise in seconds); each stage county-wide (junior and senior pupils cross districts). Up to
/// `rounds` rounds, fewer when one lowers the cost by less than 0.05%; each step is bounded by nodes,
/// so that the plan does not depend on the machine's speed (a deadline, when given, only guards).
enum NeighbourhoodSearch {
    struct Neighbourhood: CustomStringConvertible {
        /// nil: all.
        let districts: Set<AreaID>?
        let stages: Set<Stage>?

        var description: String {
            (districts.map { $0.map(\.rawValue).sorted().joined(separator: "+") } ?? "county") + " "
                + (stages.map { $0.map(\.rawValue).sorted().joined(separator: "+") } ?? "all stages")
        }

        func contains(_ f: LayoutInstance.Facility) -> Bool {
            (districts?.contains(f.school.district) ?? true) && (stages.map { !$0.isDisjoint(with: f.seats.keys) } ?? true)
        }

        func contains(_ p: LayoutInstance.Point) -> Bool {
            (districts?.contains(p.district) ?? true) && (stages?.contains(p.group.stage) ?? true)
        }
    }

    /// Another round only when the last one lowered the cost by more than this fraction.
    static let minimumRoundGain = 5e-4

    static func improve(_ m: LayoutModel, _ inst: LayoutInstance, from start: LayoutDecision, rounds: Int, nodes: Int, deadline: Date?,
                        stoppedByClock: inout Bool, progress: (LayoutDecision) -> Void) -> LayoutDecision {
        var best = start
        var bestValue = best.penalizedObjective(inst)
        let hoods = neighbourhoods(inst)
        var improved = true
        var round = 0
        while improved && round < rounds {
            round += 1
            let roundStart = bestValue
            for hood in hoods {
                let left = deadline?.timeIntervalSinceNow
                if let left, left <= 0.2 {
                    stoppedByClock = true
                    return best
                }
                let r = CBCSolver.solve(fixedOutside(hood, m, inst, best), options: SolveOptions(
                    timeLimit: left, relativeGap: 1e-4, start: LayoutOptimizer.values(of: best, in: m, inst),
                    cutoff: bestValue - 1e-6 * abs(bestValue), nodeLimit: nodes, feasibilityPump: false))
                if r.stoppedByClock { stoppedByClock = true }
                guard let x = r.solution else { continue }
                let candidate = LayoutOptimizer.decode(x, m, inst)
                let value = candidate.penalizedObjective(inst)
                if value < bestValue - 1e-6 * abs(bestValue), Feasibility.violations(candidate, inst).isEmpty {
                    debug("neighbourhood \(hood): \(bestValue) → \(value) (\(r.status) in \(r.seconds) s)")
                    best = candidate
                    bestValue = value
                    progress(best)
                }
            }
            debug("round \(round): \(roundStart) → \(bestValue)")
            improved = roundStart - bestValue > minimumRoundGain * abs(roundStart)
        }
        return best
    }

    static func neighbourhoods(_ inst: LayoutInstance) -> [Neighbourhood] {
        var pupils: [AreaID: Double] = [:]
        for point in inst.points { pupils[point.district, default: 0] += point.pupils }
        let districts = pupils.keys.sorted { (pupils[$0] ?? 0, $1.rawValue) > (pupils[$1] ?? 0, $0.rawValue) }
        let seats = Set(inst.facilities.filter { $0.places.contains(DistrictKind.countySeat.rawValue) }.map(\.school.district))
        let stages = Stage.allCases.filter { inst.demand(of: $0) > 0 }
        return districts.filter { !seats.contains($0) }.map { Neighbourhood(districts: [$0], stages: nil) }
            + (seats.isEmpty ? [] : stages.map { Neighbourhood(districts: seats, stages: [$0]) })
            + stages.map { Neighbourhood(districts: nil, stages: [$0]) }
    }

    /// The model with every variable outside the neighbourhood fixed at the decision's value.
    static func fixedOutside(_ hood: Neighbourhood, _ m: LayoutModel, _ inst: LayoutInstance, _ d: LayoutDecision) -> LinearModel {
        var sub = m.model
        fix(outside: hood, m, inst, d, values: LayoutOptimizer.values(of: d, in: m, inst), in: &sub)
        return sub
    }

    /// Fixes, in `sub`, every variable of `m` (which may be a period of a larger model) outside the
    /// neighbourhood at its value in `values`.
    static func fix(outside hood: Neighbourhood, _ m: LayoutModel, _ inst: LayoutInstance, _ d: LayoutDecision, values: [Double], in sub: inout LinearModel) {
        func fix(_ v: LinearModel.Variable) { sub.setBounds(v, lower: values[v.index], upper: values[v.index]) }
        let freeFacility = inst.facilities.map(hood.contains)
        var freePoint = inst.points.map(hood.contains)
        for (p, k) in d.arc.enumerated() where k.map({ freeFacility[inst.arcs[$0].facility] }) == true { freePoint[p] = true }
        for (s, free) in freeFacility.enumerated() where !free {
            m.u[s].map(fix)
            m.v[s]?.values.forEach(fix)
            m.x[s]?.values.forEach(fix)
            m.r[s]?.values.forEach(fix)
            m.w[s].map(fix)
            m.b[s].map(fix)
        }
        for (k, arc) in inst.arcs.enumerated() where !freePoint[arc.point] { fix(m.a[k]) }
    }
}
