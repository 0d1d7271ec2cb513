import MILP

/// Upper bounds for the `CapacitatedFacilityLocation`: for a set of open sites, the cheapest
/// assignment of clients is a transportation problem, solved as an LP (split demand) by CBC/Clp —
/// exactly, so a good open set gives its best solution. Open sets come from the Lagrangian
/// relaxation (its open sites, topped up with the cheapest by relaxed value until the capacity covers
/// demand) and are improved by closing and opening single sites while that lowers the cost.
public enum TransportationHeuristic {
    /// The optimal split assignment for the open sites; nil when they cannot hold the demand.
    public static func assign(_ p: CapacitatedFacilityLocation, open: [Bool]) -> FacilityLocationSolution? {
        let sites = (0..<p.sites).filter { open[$0] }
        guard sites.reduce(0.0, { $0 + p.capacities[$1] }) >= p.demands.reduce(0, +) - 1e-9 else { return nil }
        var model = LinearModel()
        var x: [[LinearModel.Variable]] = []
        for i in sites {
            x.append((0..<p.clients).map { j in model.continuous("x_\(i)_\(j)", upper: 1, cost: p.cost(i, j)) })
        }
        for j in 0..<p.clients { model.constraint("demand_\(j)", x.indices.map { (x[$0][j], 1.0) }, .equal, 1) }
        for (k, i) in sites.enumerated() {
            model.constraint("capacity_\(i)", (0..<p.clients).map { (x[k][$0], p.demands[$0]) }, .lessOrEqual, p.capacities[i])
        }
        let r = CBCSolver.solve(model)
        guard r.status == .optimal, let values = r.solution else { return nil }
        var assignment = [Double](repeating: 0, count: p.sites * p.clients)
        for (k, i) in sites.enumerated() {
            for j in 0..<p.clients { assignment[i * p.clients + j] = max(0, min(1, values[x[k][j].index])) }
        }
        return FacilityLocationSolution(open: open, assignment: assignment, objective: p.objective(open: open, assignment: assignment))
    }

    /// An open set from relaxed site values: the relaxation's open sites plus the cheapest others
    /// until capacity covers demand.
    public static func openSet(_ p: CapacitatedFacilityLocation, relaxedOpen: [Bool], values: [Double]) -> [Bool] {
        var open = relaxedOpen
        var capacity = (0..<p.sites).reduce(0.0) { $0 + (open[$1] ? p.capacities[$1] : 0) }
        let demand = p.demands.reduce(0, +)
        for i in (0..<p.sites).sorted(by: { values[$0] < values[$1] }) where capacity < demand - 1e-9 && !open[i] {
            open[i] = true
            capacity += p.capacities[i]
        }
        return open
    }
}
