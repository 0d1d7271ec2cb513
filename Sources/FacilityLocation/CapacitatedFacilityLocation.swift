/// The capacitated facility location problem, built from a cost matrix (as PySAL spopt builds its
/// location problems): sites `i` with capacity `sᵢ` and fixed cost `fᵢ`, clients `j` with demand `dⱼ`,
/// and `cᵢⱼ` the cost of serving *all* of client j from site i.
///
/// ```
/// minimise   Σᵢ fᵢ yᵢ + Σᵢⱼ cᵢⱼ xᵢⱼ
/// subject to Σᵢ xᵢⱼ = 1                 each client served            (demand)
///            Σⱼ dⱼ xᵢⱼ ≤ sᵢ yᵢ          site capacity                  (capacity)
///            xᵢⱼ ≤ yᵢ                    only open sites serve          (linking; redundant for integers,
///                                                                         it tightens the LP bound)
///            Σᵢ sᵢ yᵢ ≥ Σⱼ dⱼ            enough capacity overall        (aggregate cut, also redundant)
///            yᵢ ∈ {0,1},  xᵢⱼ ∈ [0,1]   (split demand)  or  xᵢⱼ ∈ {0,1}  (single source)
/// ```
public struct CapacitatedFacilityLocation: Sendable {
    public let capacities: [Double]
    public let fixedCosts: [Double]
    public let demands: [Double]
    /// `sites × clients`, site-major: `costs[i * clients + j]`.
    public let costs: [Double]
    /// Each client served by exactly one site (school catchments need this).
    public var singleSource: Bool

    public var sites: Int { capacities.count }
    public var clients: Int { demands.count }

    public init(capacities: [Double], fixedCosts: [Double], demands: [Double], costs: [Double], singleSource: Bool = false) {
        precondition(capacities.count == fixedCosts.count && costs.count == capacities.count * demands.count,
                     "one capacity and fixed cost per site, one cost per site and client")
        self.capacities = capacities
        self.fixedCosts = fixedCosts
        self.demands = demands
        self.costs = costs
        self.singleSource = singleSource
    }

    @inlinable public func cost(_ i: Int, _ j: Int) -> Double { costs[i * clients + j] }

    /// The objective of open sites `open` and assignment fractions `x` (`sites × clients`).
    public func objective(open: [Bool], assignment x: [Double]) -> Double {
        var total = 0.0
        for i in 0..<sites where open[i] { total += fixedCosts[i] }
        for k in 0..<costs.count { total += costs[k] * x[k] }
        return total
    }
}

/// A solution of a `CapacitatedFacilityLocation`.
public struct FacilityLocationSolution: Sendable {
    public let open: [Bool]
    /// `sites × clients` fractions of each client served by each site.
    public let assignment: [Double]
    public let objective: Double
}
