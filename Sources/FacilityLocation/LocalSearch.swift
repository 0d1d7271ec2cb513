import Foundation

/// Improves an open set by single moves, each evaluated exactly by `TransportationHeuristic.assign`:
/// close an open site (least attractive first by its relaxed value), else open a closed site (most
/// attractive first, the ten best), else swap the least attractive open site for one of the five most
/// attractive closed ones; the first improving move is taken and the search restarts, until no move
/// improves or the deadline passes.
enum LocalSearch {
    static func improve(_ p: CapacitatedFacilityLocation, from start: FacilityLocationSolution?, values: [Double],
                        deadline: Date) -> FacilityLocationSolution? {
        guard var best = start else { return nil }
        let demand = p.demands.reduce(0, +)
        func capacity(_ open: [Bool]) -> Double { (0..<p.sites).reduce(0) { $0 + (open[$1] ? p.capacities[$1] : 0) } }
        func tryOpen(_ open: [Bool]) -> Bool {
            guard capacity(open) >= demand - 1e-9, let s = TransportationHeuristic.assign(p, open: open),
                  s.objective < best.objective * (1 - 1e-12) else { return false }
            best = s
            return true
        }
        search: while Date() < deadline {
            let opened = (0..<p.sites).filter { best.open[$0] }.sorted { values[$0] > values[$1] }
            let closed = (0..<p.sites).filter { !best.open[$0] }.sorted { values[$0] < values[$1] }
            for i in opened where Date() < deadline {
                var open = best.open
                open[i] = false
                if tryOpen(open) { continue search }
            }
            for k in closed.prefix(10) where Date() < deadline {
                var open = best.open
                open[k] = true
                if tryOpen(open) { continue search }
            }
            for i in opened.prefix(3) {
                for k in closed.prefix(5) where Date() < deadline {
                    var open = best.open
                    open[i] = false
                    open[k] = true
                    if tryOpen(open) { continue search }
                }
            }
            break
        }
        return best
    }
}

/// A first single-source solution: clients by decreasing demand, each to the site with the lowest
/// cost plus (for a closed site) its fixed cost, among sites with room left.
enum GreedyAssignment {
    static func singleSource(_ p: CapacitatedFacilityLocation) -> FacilityLocationSolution? {
        var left = p.capacities
        var open = [Bool](repeating: false, count: p.sites)
        var assignment = [Double](repeating: 0, count: p.sites * p.clients)
        for j in (0..<p.clients).sorted(by: { p.demands[$0] > p.demands[$1] }) {
            let candidates = (0..<p.sites).filter { left[$0] >= p.demands[j] - 1e-9 }
            guard let i = candidates.min(by: { p.cost($0, j) + (open[$0] ? 0 : p.fixedCosts[$0]) < p.cost($1, j) + (open[$1] ? 0 : p.fixedCosts[$1]) }) else {
                return nil
            }
            open[i] = true
            left[i] -= p.demands[j]
            assignment[i * p.clients + j] = 1
        }
        return FacilityLocationSolution(open: open, assignment: assignment, objective: p.objective(open: open, assignment: assignment))
    }
}
