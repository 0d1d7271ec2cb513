import Foundation

/// A Lagrangian lower bound for the split-demand `CapacitatedFacilityLocation` (Geoffrion & Bride
/// 1978; Cornuejols, Sridharan & Thizy 1991), with the subgradient method of Held, Wolfe & Crowder
/// (1974).
///
/// Relaxing the demand constraints `Σᵢ xᵢⱼ = 1` with multipliers `λⱼ` leaves one continuous
/// knapsack per site and a cover over the sites:
/// ```
/// vᵢ(λ) = fᵢ + min { Σⱼ (cᵢⱼ − λⱼ) xᵢⱼ : Σⱼ dⱼ xᵢⱼ ≤ sᵢ, 0 ≤ xᵢⱼ ≤ 1 }     (fractional knapsack)
/// L(λ)  = Σⱼ λⱼ + min { Σᵢ vᵢ yᵢ : Σᵢ sᵢ yᵢ ≥ Σⱼ dⱼ, yᵢ ∈ {0,1} }
/// ```
/// The cover is solved exactly when all capacities are equal (open the cheapest ⌈D/s⌉ sites and every
/// site with vᵢ < 0) and by its LP relaxation otherwise; either way `L(λ)` is a valid lower bound,
/// and at least as strong as the LP relaxation of the strong formulation when capacities are equal.
/// Subgradient `gⱼ = 1 − Σᵢ xᵢⱼ`, step `θ (UB − L)/‖g‖²` with θ halved after 20 iterations
/// without improvement.
public struct LagrangianRelaxation {
    public let problem: CapacitatedFacilityLocation
    public private(set) var multipliers: [Double]
    public private(set) var bestBound = -Double.infinity
    /// Sites open in the relaxation at the best bound, and the relaxed value of each site.
    public private(set) var bestOpen: [Bool] = []
    public private(set) var siteValues: [Double] = []

    public init(_ problem: CapacitatedFacilityLocation) {
        self.problem = problem
        // Start from the cheapest way to serve each client.
        multipliers = (0..<problem.clients).map { j in (0..<problem.sites).map { problem.cost($0, j) }.min() ?? 0 }
    }

    /// One evaluation of `L(λ)`: the bound, open sites, and the subgradient.
    public func evaluate(_ lambda: [Double]) -> (bound: Double, open: [Bool], values: [Double], subgradient: [Double]) {
        let p = problem
        let n = p.clients, m = p.sites
        var served = [Double](repeating: 0, count: n)
        var values = [Double](repeating: 0, count: m)
        var knapsack = [[(client: Int, amount: Double)]](repeating: [], count: m)
        var items: [(ratio: Double, j: Int)] = []
        items.reserveCapacity(n)
        for i in 0..<m {
            items.removeAll(keepingCapacity: true)
            for j in 0..<n {
                let r = p.costs[i * n + j] - lambda[j]
                if r < 0 { items.append((p.demands[j] > 0 ? r / p.demands[j] : -Double.infinity, j)) }
            }
            items.sort { $0.ratio < $1.ratio }
            var left = p.capacities[i]
            var v = p.fixedCosts[i]
            for (_, j) in items {
                guard left > 0 else { break }
                let d = p.demands[j]
                let share = d <= left ? 1 : left / d
                v += (p.costs[i * n + j] - lambda[j]) * share
                left -= d * share
                knapsack[i].append((j, share))
            }
            values[i] = v
        }
        let open = cover(values)
        var bound = lambda.reduce(0, +)
        for i in 0..<m where open[i] > 0 {
            bound += values[i] * open[i]
            for (j, share) in knapsack[i] { served[j] += share * open[i] }
        }
        return (bound, open.map { $0 > 0.5 }, values, served.map { 1 - $0 })
    }

    /// `min Σ vᵢ yᵢ : Σ sᵢ yᵢ ≥ D`: exact when capacities are equal, else the LP relaxation.
    private func cover(_ v: [Double]) -> [Double] {
        let p = problem
        let demand = p.demands.reduce(0, +)
        var y = v.map { $0 < 0 ? 1.0 : 0.0 }
        var capacity = zip(y, p.capacities).reduce(0) { $0 + $1.0 * $1.1 }
        guard capacity < demand - 1e-9 else { return y }
        let equal = Set(p.capacities).count == 1
        // Add the cheapest closed sites per unit of capacity (equal capacities: per site).
        let order = p.capacities.indices.filter { y[$0] == 0 }.sorted {
            equal ? v[$0] < v[$1] : v[$0] / max(p.capacities[$0], 1e-12) < v[$1] / max(p.capacities[$1], 1e-12)
        }
        for i in order where capacity < demand - 1e-9 {
            let take = equal ? 1 : min(1, (demand - capacity) / p.capacities[i])
            y[i] = take
            capacity += take * p.capacities[i]
        }
        return y
    }

    /// Sites whose value is decided by the bound: with equal capacities, forcing site i the other
    /// way than the relaxation chose gives the bound `L(λ | yᵢ forced)` (the cover re-solved without
    /// i, needing one site fewer when i is forced open). When that exceeds `upperBound`, no solution
    /// better than `upperBound` has i the other way, so i is fixed as the relaxation has it.
    /// Returns `true` (open) / `false` (closed) / nil (free) per site; all nil for unequal capacities.
    public func fixedSites(upperBound: Double) -> [Bool?] {
        let p = problem
        guard Set(p.capacities).count == 1, let s = p.capacities.first, s > 0, !bestOpen.isEmpty else {
            return [Bool?](repeating: nil, count: p.sites)
        }
        let k = Int((p.demands.reduce(0, +) / s - 1e-9).rounded(.up))
        let base = multipliers.reduce(0, +)
        /// min Σ vᵢ yᵢ over sites other than `excluded`, at least `need` of them open.
        func cover(excluding excluded: Int, need: Int) -> Double {
            let rest = siteValues.indices.filter { $0 != excluded }.map { siteValues[$0] }.sorted()
            var total = 0.0
            for (n, v) in rest.enumerated() where v < 0 || n < need { total += v }
            return need > rest.count ? .infinity : total
        }
        return (0..<p.sites).map { i in
            if bestOpen[i] {
                return base + cover(excluding: i, need: k) > upperBound ? true : nil
            }
            return base + siteValues[i] + cover(excluding: i, need: max(0, k - 1)) > upperBound ? false : nil
        }
    }

    /// Runs the subgradient method for at most `iterations` steps or `seconds`, using `upperBound`
    /// (the best known solution) in the step size. Returns the best bound.
    @discardableResult
    public mutating func improve(upperBound: Double, iterations: Int = 300, seconds: Double = 10) -> Double {
        let deadline = Date().addingTimeInterval(seconds)
        var theta = 2.0
        var sinceImprovement = 0
        var lambda = multipliers
        for _ in 0..<iterations {
            let e = evaluate(lambda)
            if bestOpen.isEmpty || e.bound > bestBound + 1e-9 * abs(bestBound) {
                bestBound = e.bound
                bestOpen = e.open
                siteValues = e.values
                multipliers = lambda
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement >= 20 {
                    theta /= 2
                    sinceImprovement = 0
                }
            }
            let norm = e.subgradient.reduce(0) { $0 + $1 * $1 }
            if norm < 1e-12 || theta < 1e-6 || Date() > deadline || upperBound - bestBound <= 1e-9 * abs(upperBound) { break }
            let step = theta * max(upperBound - e.bound, 1e-9 * abs(upperBound)) / norm
            for j in 0..<lambda.count { lambda[j] += step * e.subgradient[j] }
        }
        return bestBound
    }
}
