import Demography
import ScenarioModel

/// SeatPlan's population projection: the cohort-component method in annual steps on single years
/// of age 0 … 100+, per projection area (every community or district with base-year counts), from
/// the base year to the horizon.
///
/// Each step applies `CohortComponentStep` (Preston, Heuveline & Guillot 2001, ch. 6) with `n = 1`:
/// - survival from the life table's `Lₓ₊₁/Lₓ`, the open group 100+ by `T₁₀₀/T₉₉`;
/// - births from women-years (the mean of women at the start, with half the year's migrants, and
///   at the end) times the ASFR, split by the sex ratio at birth and survived with `L₀/l₀`;
/// - net migrants exposed for half the year (half arrive at the start, half at the end).
///
/// Conventions: counts refer to the same date every year; the step from `t` to `t + 1` uses the
/// rates of year `t` (TFR path, sex ratio at birth, mortality improved by `t − base` years) and the
/// migration of year `t`; the urbanization path's value for `t + 1` is met exactly at the end of the
/// step (`UrbanizationFlow`). Communities use their district's schedules, districts without their
/// own use the county's. Deaths are the cohorts' losses to the survival ratios, so
/// `P(t+1) = P(t) + B − D + I` holds in every area and year.
public enum CohortComponentProjection {
    /// Projects the scenario's population to its horizon.
    public static func run(_ scenario: Scenario) throws(ProjectionError) -> Projection {
        let layout = AreaLayout(scenario)
        let years = scenario.years
        let leaves = layout.leaves.count
        let block = Ages.perArea
        let rates = try RateTables(scenario, layout)
        let fertile = rates.fertileAges
        let migration = MigrationAssembler(scenario, layout)
        let urbanization = UrbanizationFlow(scenario, layout)
        let srb = scenario.sexRatioAtBirth.sample(years: years)
        var counts = [Double](repeating: 0, count: years.count * leaves * block)
        counts.replaceSubrange(0..<(leaves * block), with: scenario.population.counts)
        var components = [StepComponents](repeating: StepComponents(), count: (years.count - 1) * leaves)
        let zeros = [Double](repeating: 0, count: block)

        for year in years.dropLast() {
            let y = year - years.lowerBound
            let steps = rates.steps(year: year)
            let asfr = rates.asfr(year: year)
            let rho = 1 / (1 + srb[y])
            let start = y * leaves * block
            let end = start + leaves * block
            let population = counts[start..<end]
            let migrants = migration.isEmpty ? nil : migration.migrants(year: year, yearIndex: y, population: population)
            counts.withUnsafeMutableBufferPointer { buffer in
                for i in 0..<leaves {
                    let o = start + i * block
                    let source = UnsafeBufferPointer(rebasing: buffer[o..<(o + block)])
                    let target = UnsafeMutableBufferPointer(rebasing: buffer[(o + leaves * block)..<(o + leaves * block + block)])
                    let f = rates.leafFertility[i]
                    components[y * leaves + i] = asfr[f].withUnsafeBufferPointer { rate in
                        guard let migrants else {
                            return steps[rates.leafMortality[i]].advance(source, nil, rate, fertile[f], rho, target)
                        }
                        return migrants.withUnsafeBufferPointer { m in
                            steps[rates.leafMortality[i]].advance(source, UnsafeBufferPointer(rebasing: m[(i * block)..<((i + 1) * block)]),
                                                                  rate, fertile[f], rho, target)
                        }
                    }
                }
            }
            if let urbanization {
                // Response of each area to a unit flow: the step applied to the flow alone.
                let unit = urbanization.unitMigrants(population: population, leaves: leaves)
                var response = [Double](repeating: 0, count: leaves * block)
                var responseComponents = [StepComponents](repeating: StepComponents(), count: leaves)
                var urban0 = 0.0, total0 = 0.0, urbanResponse = 0.0, totalResponse = 0.0
                let urban = Set(urbanization.urbanLeaves)
                for i in 0..<leaves {
                    let f = rates.leafFertility[i]
                    responseComponents[i] = zeros.withUnsafeBufferPointer { z in
                        unit.withUnsafeBufferPointer { u in
                            asfr[f].withUnsafeBufferPointer { rate in
                                response.withUnsafeMutableBufferPointer { r in
                                    steps[rates.leafMortality[i]].advance(
                                        z, UnsafeBufferPointer(rebasing: u[(i * block)..<((i + 1) * block)]), rate, fertile[f], rho,
                                        UnsafeMutableBufferPointer(rebasing: r[(i * block)..<((i + 1) * block)]))
                                }
                            }
                        }
                    }
                    let after = counts[(end + i * block)..<(end + (i + 1) * block)].reduce(0, +)
                    let delta = response[(i * block)..<((i + 1) * block)].reduce(0, +)
                    total0 += after
                    totalResponse += delta
                    if urban.contains(i) { urban0 += after; urbanResponse += delta }
                }
                let flow = UrbanizationFlow.solve(target: urbanization.targetShare(afterStep: y), urban0: urban0, total0: total0,
                                                  urbanResponse: urbanResponse, totalResponse: totalResponse)
                if flow > 0 {
                    for k in 0..<(leaves * block) { counts[end + k] += flow * response[k] }
                    for i in 0..<leaves {
                        components[y * leaves + i].births += flow * responseComponents[i].births
                        components[y * leaves + i].deaths += flow * responseComponents[i].deaths
                        components[y * leaves + i].netMigrants += flow * responseComponents[i].netMigrants
                    }
                }
            }
            // Numbers are checked, not trusted: no cohort may be emptied below zero by migration.
            for k in end..<(end + leaves * block) where counts[k] < -1e-6 {
                let i = (k - end) / block
                let within = (k - end) % block
                throw .negativePopulation(area: layout.leaves[i], year: year + 1, sex: within < Ages.count ? .male : .female,
                                          age: within % Ages.count, value: counts[k])
            }
        }
        return Projection(years: years, areas: layout.leaves,
                          areaDistricts: layout.leafDistrict.map { layout.districts[$0].id },
                          counts: counts, components: components)
    }
}
