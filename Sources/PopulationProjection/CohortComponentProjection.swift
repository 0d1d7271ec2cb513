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
///
/// Emigration is limited to the people present: a cell's net outflow over the year is at most its
/// start population (`Iₐ ≥ −Nₐ(t)`), and a cell the half-year convention would still leave below zero
/// ends at zero. `I` is the net migration that happened, so a village with no boys aged 0–4 and a small
/// net outflow simply loses none of them. A move inside the county (housing movers from a district of
/// it, urbanization flows) keeps its arrivals when its origin cell is so limited: the county then
/// gains the few people the emptied cell could not give (only where an outflow exceeds a cell's
/// people; the balance still holds in each area, with those arrivals counted as net migrants).
public enum CohortComponentProjection {
    /// Projects the scenario's population to its horizon.
    public static func run(_ scenario: Scenario) throws(ProjectionError) -> Projection {
        let layout = AreaLayout(scenario)
        let years = scenario.years
        let size = layout.leaves.count * Ages.perArea
        let rates = try RateTables(scenario, layout)
        let migration = MigrationAssembler(scenario, layout)
        let urbanization = UrbanizationFlow(scenario, layout)
        let srb = scenario.sexRatioAtBirth.sample(years: years)
        var counts = LargeBuffer.zeros(count: years.count * size)
        counts.replaceSubrange(0..<size, with: scenario.population.counts)
        var components = [StepComponents](repeating: StepComponents(), count: (years.count - 1) * layout.leaves.count)
        // Buffers reused every year: the start-of-year counts that flows depend on, and the migrants.
        var population = [Double](repeating: 0, count: migration.isEmpty && urbanization == nil ? 0 : size)
        var migrants = [Double](repeating: 0, count: migration.isEmpty ? 0 : size)

        for year in years.dropLast() {
            let y = year - years.lowerBound
            let step = YearRates(rates: rates, year: year, fractionFemale: 1 / (1 + srb[y]))
            let start = y * size
            if !population.isEmpty { population.replaceSubrange(0..<size, with: counts[start..<(start + size)]) }
            if !migrants.isEmpty {
                migration.fill(&migrants, year: year, yearIndex: y, population: population[...])
                for k in 0..<size where migrants[k] < -population[k] { migrants[k] = -population[k] }
            }
            let yearComponents = counts.withUnsafeMutableBufferPointer { buffer in
                migrants.withUnsafeBufferPointer { m in
                    step.advance(source: UnsafeBufferPointer(rebasing: buffer[start..<(start + size)]),
                                 migrants: m.isEmpty ? nil : m,
                                 target: UnsafeMutableBufferPointer(rebasing: buffer[(start + size)..<(start + 2 * size)]))
                }
            }
            components.replaceSubrange((y * layout.leaves.count)..<((y + 1) * layout.leaves.count), with: yearComponents)
            if let urbanization {
                urbanization.apply(afterStep: y, step: step, population: population[...],
                                   counts: &counts, end: start + size, components: &components)
            }
            // No cell below zero: the outflow that would take it there did not happen.
            let end = start + size
            for k in end..<(end + size) where counts[k] < 0 {
                components[y * layout.leaves.count + (k - end) / Ages.perArea].netMigrants -= counts[k]
                counts[k] = 0
            }
        }
        return Projection(years: years, areas: layout.leaves,
                          areaDistricts: layout.leafDistrict.map { layout.districts[$0].id },
                          counts: counts, components: components)
    }
}

/// The rates of one year's step for every projection area.
struct YearRates {
    let steps: [CohortComponentStep]
    let asfr: [[Double]]
    let fertile: [Range<Int>]
    let fractionFemale: Double
    let leafMortality: [Int]
    let leafFertility: [Int]

    init(rates: RateTables, year: Int, fractionFemale: Double) {
        steps = rates.steps(year: year)
        asfr = rates.asfr(year: year)
        fertile = rates.fertileAges
        self.fractionFemale = fractionFemale
        leafMortality = rates.leafMortality
        leafFertility = rates.leafFertility
    }

    /// Advances every area from `source` to `target` (both `areas × Ages.perArea`) with `migrants`.
    func advance(source: UnsafeBufferPointer<Double>, migrants: UnsafeBufferPointer<Double>?,
                 target: UnsafeMutableBufferPointer<Double>) -> [StepComponents] {
        let block = Ages.perArea
        return (0..<leafMortality.count).map { i in
            let f = leafFertility[i]
            let range = (i * block)..<((i + 1) * block)
            return asfr[f].withUnsafeBufferPointer { rate in
                steps[leafMortality[i]].advance(UnsafeBufferPointer(rebasing: source[range]),
                                                migrants.map { UnsafeBufferPointer(rebasing: $0[range]) },
                                                rate, fertile[f], fractionFemale,
                                                UnsafeMutableBufferPointer(rebasing: target[range]))
            }
        }
    }
}
