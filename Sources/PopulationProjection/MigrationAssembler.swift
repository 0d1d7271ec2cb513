import Demography
import ScenarioModel

/// Builds each year's net migrants by projection area, sex and age from the scenario's migration
/// table, yearly totals and housing estates (urbanization is solved separately, see
/// `UrbanizationFlow`).
///
/// A flow given for a district whose counts are held by its communities is shared among them in
/// proportion to their population at that sex and age at the start of the year (by total population
/// where that cohort is empty, evenly where the district is empty).
struct MigrationAssembler {
    private let layout: AreaLayout
    /// Table rows without a year given for single projection areas, summed: the same every year.
    private let fixed: [Double]
    /// Table rows without a year given for districts whose counts are held by communities.
    private let everyYearShared: [(leaves: [Int], block: [Double])]
    /// Table rows with a year, by year, resolved to projection areas.
    private let byYear: [Int: [(leaves: [Int], block: [Double])]]
    private let housing: [Int: [HousingEstate]]
    private let netTotals: [(leaves: [Int], path: [Double])]
    private let netRates: [(leaves: [Int], path: [Double])]
    private let migrationRates: [Double]
    private let migrationProfile: [Double]
    private let housingRates: [Double]
    private let housingProfile: [Double]

    init(_ scenario: Scenario, _ layout: AreaLayout) {
        self.layout = layout
        var fixed = [Double](repeating: 0, count: layout.leaves.count * Ages.perArea)
        var shared: [(leaves: [Int], block: [Double])] = []
        for (id, block) in scenario.migration.everyYear.sorted(by: { $0.key < $1.key }) {
            let leaves = layout.leavesOf[id] ?? []
            if leaves.count == 1 {
                for k in 0..<Ages.perArea { fixed[leaves[0] * Ages.perArea + k] += block[k] }
            } else {
                shared.append((leaves, block))
            }
        }
        self.fixed = scenario.migration.everyYear.isEmpty ? [] : fixed
        everyYearShared = shared
        byYear = scenario.migration.byYear.mapValues { areas in
            areas.sorted { $0.key < $1.key }.map { (layout.leavesOf[$0.key] ?? [], $0.value) }
        }
        housing = Dictionary(grouping: scenario.housing.estates, by: \.year)
        netTotals = scenario.migration.netTotals.sorted { $0.key < $1.key }.map { id, path in
            (layout.leavesOf[id] ?? [], path.sample(years: scenario.years))
        }
        netRates = scenario.migration.netRates.sorted { $0.key < $1.key }.map { id, path in
            (layout.leavesOf[id] ?? [], path.sample(years: scenario.years))
        }
        migrationRates = (0...Ages.open).map { scenario.migration.profile.rate(at: Double($0)) }
        migrationProfile = scenario.migration.profile.profile(maxAge: Ages.open)
        housingRates = (0...Ages.open).map { scenario.housing.profile.rate(at: Double($0)) }
        housingProfile = scenario.housing.profile.profile(maxAge: Ages.open)
    }

    /// True when no flow is ever given (the projection then skips migration altogether).
    var isEmpty: Bool { fixed.isEmpty && byYear.isEmpty && netTotals.isEmpty && netRates.isEmpty && housing.isEmpty }

    /// Fills `out` (`leaves × Ages.perArea`) with the net migrants of the year starting at `year`
    /// (`t − base` = `yearIndex`), given the population at its start.
    func fill(_ out: inout [Double], year: Int, yearIndex: Int, population: ArraySlice<Double>) {
        if fixed.isEmpty {
            for k in out.indices { out[k] = 0 }
        } else {
            out.replaceSubrange(0..<out.count, with: fixed)
        }
        for (leaves, block) in everyYearShared { add(block, to: leaves, population, &out) }
        for (leaves, block) in byYear[year] ?? [] { add(block, to: leaves, population, &out) }
        for (leaves, path) in netTotals where path[yearIndex] != 0 {
            add(spread(total: path[yearIndex], over: leaves, migrationRates, migrationProfile, population), to: leaves, population, &out)
        }
        for (leaves, path) in netRates where path[yearIndex] != 0 {
            let residents = leaves.reduce(0.0) { sum, i in
                let o = population.startIndex + i * Ages.perArea
                return sum + population[o..<(o + Ages.perArea)].reduce(0, +)
            }
            add(spread(total: path[yearIndex] * residents, over: leaves, migrationRates, migrationProfile, population), to: leaves, population, &out)
        }
        for estate in housing[year] ?? [] {
            // Movers from a district in the county leave it like other out-migrants (in proportion to
            // m(x)·P of the origin) and arrive with that age–sex mix; movers from outside follow the profile.
            let movers: [Double]
            if let origin = estate.origin, let leaves = layout.leavesOf[origin] {
                let leaving = spread(total: -estate.persons, over: leaves, housingRates, housingProfile, population)
                add(leaving, to: leaves, population, &out)
                movers = leaving.map { -$0 }
            } else {
                movers = evenBySex(estate.persons, housingProfile)
            }
            add(movers, to: layout.leavesOf[estate.area] ?? [], population, &out)
        }
    }

    /// A net total as a sex–age block: inflows `N · p(x)/2` per sex, outflows in proportion to
    /// `m(x) · Eₛ,ₓ` of the area (`OutflowExposure`; by the profile alone if the area is empty).
    private func spread(total: Double, over leaves: [Int], _ rates: [Double], _ profile: [Double],
                        _ population: ArraySlice<Double>) -> [Double] {
        guard total < 0 else { return evenBySex(total, profile) }
        var weights = [Double](repeating: 0, count: Ages.perArea)
        for i in leaves {
            let o = population.startIndex + i * Ages.perArea
            for k in 0..<Ages.perArea { weights[k] += rates[k % Ages.count] * OutflowExposure.exposed(population, start: o, k: k) }
        }
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return evenBySex(total, profile) }
        return weights.map { total * $0 / sum }
    }

    private func evenBySex(_ total: Double, _ profile: [Double]) -> [Double] {
        let half = profile.map { 0.5 * total * $0 }
        return half + half
    }

    /// Adds a sex–age block to an area made of `leaves`, sharing it by population — an outflow by the
    /// population it can be drawn from (`OutflowExposure`), where any.
    private func add(_ block: [Double], to leaves: [Int], _ population: ArraySlice<Double>, _ out: inout [Double]) {
        if leaves.count == 1 {
            let o = leaves[0] * Ages.perArea
            for k in 0..<Ages.perArea { out[o + k] += block[k] }
            return
        }
        let p0 = population.startIndex
        let totals = leaves.map { i in population[(p0 + i * Ages.perArea)..<(p0 + (i + 1) * Ages.perArea)].reduce(0, +) }
        let grand = totals.reduce(0, +)
        var weights = [Double](repeating: 0, count: leaves.count)  // one buffer for every age, in this hot loop
        for k in 0..<Ages.perArea where block[k] != 0 {
            var cohort = 0.0
            if block[k] < 0 {
                for (j, i) in leaves.enumerated() {
                    weights[j] = OutflowExposure.exposed(population, start: p0 + i * Ages.perArea, k: k)
                    cohort += weights[j]
                }
            }
            if cohort <= 0 {  // an inflow, or nobody exposed: by the age's population
                cohort = 0
                for (j, i) in leaves.enumerated() {
                    weights[j] = population[p0 + i * Ages.perArea + k]
                    cohort += weights[j]
                }
            }
            for (j, i) in leaves.enumerated() {
                let share: Double
                if cohort > 0 { share = weights[j] / cohort }
                else if grand > 0 { share = totals[j] / grand }
                else { share = 1 / Double(leaves.count) }
                out[i * Ages.perArea + k] += block[k] * share
            }
        }
    }
}
