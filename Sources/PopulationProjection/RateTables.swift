import Demography
import ScenarioModel

/// The year-by-year rates of every projection area: one survival table per mortality schedule and
/// one fertility schedule per fertility key, shared by the areas that use them.
struct RateTables {
    private let mortality: [[MortalitySchedule]]
    /// Mortality key of each projection area.
    let leafMortality: [Int]
    private let fertility: [FertilitySchedule]
    /// Fertility key of each projection area.
    let leafFertility: [Int]
    private let improvementRate: Double
    private let baseYear: Int
    /// `TFR(t) / TFR_ref` by year index (1 without a TFR path).
    private let tfrFactor: [Double]

    init(_ scenario: Scenario, _ layout: AreaLayout) throws(ProjectionError) {
        var mortalityKeys: [AreaID?: Int] = [:]
        var mortality: [[MortalitySchedule]] = []
        var fertilityKeys: [AreaID?: Int] = [:]
        var fertility: [FertilitySchedule] = []
        var leafMortality: [Int] = []
        var leafFertility: [Int] = []
        for d in layout.leafDistrict {
            let id = layout.districts[d].id
            let mKey: AreaID? = scenario.mortality.districts[id] != nil ? id : nil
            guard let m = scenario.mortality.schedules(for: id) else { throw .missingRates(district: id, table: "mortality") }
            if mortalityKeys[mKey] == nil { mortalityKeys[mKey] = mortality.count; mortality.append(m) }
            leafMortality.append(mortalityKeys[mKey] ?? 0)
            let fKey: AreaID? = scenario.fertility.districts[id] != nil ? id : nil
            guard let f = scenario.fertility.schedule(for: id) else { throw .missingRates(district: id, table: "fertility") }
            if fertilityKeys[fKey] == nil { fertilityKeys[fKey] = fertility.count; fertility.append(f) }
            leafFertility.append(fertilityKeys[fKey] ?? 0)
        }
        self.mortality = mortality
        self.fertility = fertility
        self.leafMortality = leafMortality
        self.leafFertility = leafFertility
        improvementRate = scenario.mortality.improvementRate
        baseYear = scenario.baseYear
        if let path = scenario.fertility.tfrPath {
            let reference = Self.referenceTFR(scenario, layout, fertility: fertility, leafFertility: leafFertility)
            tfrFactor = path.sample(years: scenario.years).map { reference > 0 ? $0 / reference : 0 }
        } else {
            tfrFactor = Array(repeating: 1, count: scenario.years.count)
        }
    }

    /// `TFR_ref`: the county schedule's TFR, else the district TFRs weighted by women aged 15–49.
    private static func referenceTFR(_ scenario: Scenario, _ layout: AreaLayout,
                                     fertility: [FertilitySchedule], leafFertility: [Int]) -> Double {
        if let county = scenario.fertility.county { return county.tfr }
        var women = 0.0
        var weighted = 0.0
        for (i, key) in leafFertility.enumerated() {
            let block = scenario.population.block(i)
            let w = Ages.reproductive.reduce(0.0) { $0 + block[block.startIndex + Ages.index(.female, $1)] }
            women += w
            weighted += w * fertility[key].tfr
        }
        return women > 0 ? weighted / women : (fertility.first?.tfr ?? 0)
    }

    /// One projection step per mortality key for the step that starts in `year`, with mortality
    /// improved by `year − base` years.
    func steps(year: Int) -> [CohortComponentStep] {
        mortality.map { bySex in
            CohortComponentStep(lifeTables: bySex.map { $0.improved(rate: improvementRate, years: year - baseYear).lifeTable() })
        }
    }

    /// Fertility rates by key for the step that starts in `year`, rescaled to the TFR path.
    func asfr(year: Int) -> [[Double]] {
        let f = tfrFactor[year - baseYear]
        return fertility.map { schedule in schedule.asfr.map { $0 * f } }
    }

    /// The ages with non-zero fertility in each key's schedule.
    var fertileAges: [Range<Int>] {
        fertility.map { s in (s.asfr.firstIndex { $0 != 0 } ?? 1)..<((s.asfr.lastIndex { $0 != 0 } ?? 0) + 1) }
    }
}
