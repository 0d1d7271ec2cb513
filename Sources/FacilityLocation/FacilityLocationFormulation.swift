import MILP

/// The MILP of a `CapacitatedFacilityLocation`, written as the model reads (see its doc comment),
/// with the variables kept for reading solutions back.
public struct FacilityLocationFormulation: Sendable {
    public let model: LinearModel
    /// `y[i]`: site i open.
    public let y: [LinearModel.Variable]
    /// `x[i * clients + j]`: share of client j served by site i.
    public let x: [LinearModel.Variable]
    public let problem: CapacitatedFacilityLocation

    /// - Parameter forcedOpen: sites whose `yᵢ` is fixed to 1 (bound-based fixing); none by default.
    public init(_ p: CapacitatedFacilityLocation, forcedOpen: [Bool]? = nil) {
        problem = p
        var model = LinearModel()
        let y = (0..<p.sites).map { i in model.binary("y_\(i)", cost: p.fixedCosts[i]) }
        for (i, v) in y.enumerated() where forcedOpen?[i] == true { model.setBounds(v, lower: 1, upper: 1) }
        var xs: [LinearModel.Variable] = []
        xs.reserveCapacity(p.sites * p.clients)
        for i in 0..<p.sites {
            for j in 0..<p.clients {
                xs.append(p.singleSource ? model.binary("x_\(i)_\(j)", cost: p.cost(i, j))
                                        : model.continuous("x_\(i)_\(j)", upper: 1, cost: p.cost(i, j)))
            }
        }
        let x = xs
        // (demand) every client fully served
        for j in 0..<p.clients {
            model.constraint("demand_\(j)", (0..<p.sites).map { (x[$0 * p.clients + j], 1.0) }, .equal, 1)
        }
        // (capacity) Σⱼ dⱼ xᵢⱼ ≤ sᵢ yᵢ
        for i in 0..<p.sites {
            model.constraint("capacity_\(i)", (0..<p.clients).map { (x[i * p.clients + $0], p.demands[$0]) } + [(y[i], -p.capacities[i])],
                             .lessOrEqual, 0)
        }
        // (linking) xᵢⱼ ≤ yᵢ
        for i in 0..<p.sites {
            for j in 0..<p.clients { model.constraint("link_\(i)_\(j)", [(x[i * p.clients + j], 1), (y[i], -1)], .lessOrEqual, 0) }
        }
        // (aggregate) Σᵢ sᵢ yᵢ ≥ Σⱼ dⱼ
        model.constraint("aggregate_capacity", (0..<p.sites).map { (y[$0], p.capacities[$0]) }, .greaterOrEqual, p.demands.reduce(0, +))
        self.model = model
        self.y = y
        self.x = xs
    }

    /// A full variable vector from a solution (for a MIP start).
    public func values(of s: FacilityLocationSolution) -> [Double] {
        var v = [Double](repeating: 0, count: model.variableCount)
        for i in 0..<problem.sites { v[y[i].index] = s.open[i] ? 1 : 0 }
        for k in 0..<x.count { v[x[k].index] = s.assignment[k] }
        return v
    }

    /// The solution a variable vector describes.
    public func solution(from v: [Double]) -> FacilityLocationSolution {
        let open = y.map { v[$0.index] > 0.5 }
        let assignment = x.map { max(0, min(1, v[$0.index])) }
        return FacilityLocationSolution(open: open, assignment: assignment, objective: problem.objective(open: open, assignment: assignment))
    }
}
