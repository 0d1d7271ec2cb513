import Demography
import ScenarioModel

/// The year-by-year rates of every projection area: one survival table per mortality key and one
/// fertility schedule per fertility key (a district with its own tables, or the county), shared by
/// the areas that use them. Schedules given by year are interpolated (`ScheduleSeries`).
struct RateTables {
    /// Mortality districts by key (nil: the county's tables).
    private let mortalityKeys: [AreaID]
    /// Mortality key of each projection area.
    let leafMortality: [Int]
    private let fertilityKeys: [AreaID]
    /// Fertility key of each projection area.
    let leafFertility: [Int]
    private let mortality: Mortality
    private let fertility: Fertility
    private let baseYear: Int
    /// `TFR(t) / TFR_ref(t)` by year index (1 without a TFR path).
    private let tfrFactor: [Double]
    /// The ages with non-zero fertility in each key's schedules (over all years given).
    let fertileAges: [Range<Int>]

    init(_ scenario: Scenario, _ layout: AreaLayout) throws(ProjectionError) {
        var mortalityIndex: [AreaID: Int] = [:], fertilityIndex: [AreaID: Int] = [:]
        var mortalityKeys: [AreaID] = [], fertilityKeys: [AreaID] = []
        var leafMortality: [Int] = [], leafFertility: [Int] = []
        for d in layout.leafDistrict {
            let id = layout.districts[d].id
            guard scenario.mortality.series(for: id) != nil else { throw .missingRates(district: id, table: "mortality") }
            let mKey = scenario.mortality.districtSeries[id] != nil ? id : Self.county
            if mortalityIndex[mKey] == nil { mortalityIndex[mKey] = mortalityKeys.count; mortalityKeys.append(mKey) }
            leafMortality.append(mortalityIndex[mKey] ?? 0)
            guard scenario.fertility.series(for: id) != nil else { throw .missingRates(district: id, table: "fertility") }
            let fKey = scenario.fertility.districtSeries[id] != nil ? id : Self.county
            if fertilityIndex[fKey] == nil { fertilityIndex[fKey] = fertilityKeys.count; fertilityKeys.append(fKey) }
            leafFertility.append(fertilityIndex[fKey] ?? 0)
        }
        self.mortalityKeys = mortalityKeys
        self.fertilityKeys = fertilityKeys
        self.leafMortality = leafMortality
        self.leafFertility = leafFertility
        mortality = scenario.mortality
        fertility = scenario.fertility
        baseYear = scenario.baseYear
        fertileAges = fertilityKeys.map { key in
            let values = (key == Self.county ? scenario.fertility.countySeries : scenario.fertility.districtSeries[key])?.values ?? []
            let first = values.compactMap { s in s.asfr.firstIndex { $0 != 0 } }.min() ?? 1
            let last = values.compactMap { s in s.asfr.lastIndex { $0 != 0 } }.max() ?? 0
            return first..<(last + 1)
        }
        tfrFactor = scenario.years.map { scenario.tfrScale(year: $0) }
    }

    /// The key standing for the county's tables (no district has an empty id).
    private static let county = AreaID("")

    private func fertilitySchedule(_ key: AreaID, _ year: Int) -> FertilitySchedule {
        let series = key == Self.county ? fertility.countySeries : fertility.districtSeries[key]
        return series?.value(in: year) ?? FertilitySchedule(asfr: [Double](repeating: 0, count: Ages.count))
    }

    /// One projection step per mortality key for the step that starts in `year`.
    func steps(year: Int) -> [CohortComponentStep] {
        mortalityKeys.map { key in
            let series = key == Self.county ? mortality.countySeries : mortality.districtSeries[key]
            let tables = series.map { mortality.tables($0, year: year, baseYear: baseYear) } ?? []
            return CohortComponentStep(lifeTables: tables.map { $0.lifeTable() })
        }
    }

    /// Fertility rates by key for the step that starts in `year`, rescaled to the TFR path.
    func asfr(year: Int) -> [[Double]] {
        let f = tfrFactor[year - baseYear]
        return fertilityKeys.map { key in fertilitySchedule(key, year).asfr.map { $0 * f } }
    }
}
