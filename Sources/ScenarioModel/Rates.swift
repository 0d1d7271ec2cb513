import Demography

/// Age-specific fertility rates (births per woman per year) by single year of age 0 … 100,
/// non-zero only at ages 15–49.
public struct FertilitySchedule: Sendable, Equatable {
    public let asfr: [Double]

    public init(asfr: [Double]) {
        precondition(asfr.count == Ages.count, "one rate per age 0 … 100")
        self.asfr = asfr
    }

    /// Total fertility rate, `TFR = Σₓ fₓ` (single years).
    public var tfr: Double { asfr.reduce(0, +) }

    /// The schedule with every rate multiplied by `factor`.
    public func scaled(by factor: Double) -> FertilitySchedule { FertilitySchedule(asfr: asfr.map { $0 * factor }) }
}

/// A schedule that can be interpolated between two years.
public protocol YearInterpolable: Sendable, Equatable {
    /// `(1 − w) · a + w · b`, component by component.
    static func interpolate(_ a: Self, _ b: Self, weight w: Double) -> Self
}

extension FertilitySchedule: YearInterpolable {
    public static func interpolate(_ a: FertilitySchedule, _ b: FertilitySchedule, weight w: Double) -> FertilitySchedule {
        FertilitySchedule(asfr: zip(a.asfr, b.asfr).map { (1 - w) * $0 + w * $1 })
    }
}

extension MortalitySchedule: YearInterpolable {
    /// `qₓ`, `aₓ` and `m_ω` interpolated linearly (both schedules must have the same open age).
    public static func interpolate(_ a: MortalitySchedule, _ b: MortalitySchedule, weight w: Double) -> MortalitySchedule {
        MortalitySchedule(qx: zip(a.qx, b.qx).map { (1 - w) * $0 + w * $1 }, ax: zip(a.ax, b.ax).map { (1 - w) * $0 + w * $1 },
                          openRate: (1 - w) * a.openRate + w * b.openRate)
    }
}

/// The life tables of both sexes (indexed by `Sex.rawValue`).
public struct LifeTablePair: YearInterpolable {
    public let bySex: [MortalitySchedule]

    public init(_ bySex: [MortalitySchedule]) {
        precondition(bySex.count == Sex.allCases.count)
        self.bySex = bySex
    }

    public static func interpolate(_ a: LifeTablePair, _ b: LifeTablePair, weight w: Double) -> LifeTablePair {
        LifeTablePair(zip(a.bySex, b.bySex).map { MortalitySchedule.interpolate($0, $1, weight: w) })
    }
}

/// A schedule given for some years (the `year` column of `fertility.csv` and `mortality.csv`), or
/// one for every year. Between two given years it is interpolated linearly, rate by rate; before
/// the first it is the first, after the last the last:
/// ```
/// s(t) = s(t_k) + (t − t_k)/(t_{k+1} − t_k) · (s(t_{k+1}) − s(t_k))      t_k ≤ t ≤ t_{k+1}
/// ```
public struct ScheduleSeries<Value: YearInterpolable>: Sendable, Equatable {
    /// Years given, increasing; empty for one schedule in every year.
    public let years: [Int]
    public let values: [Value]

    /// One schedule for every year.
    public init(_ value: Value) {
        years = []
        values = [value]
    }

    /// Schedules by year; nil when empty.
    public init?(byYear: [Int: Value]) {
        guard !byYear.isEmpty else { return nil }
        let sorted = byYear.sorted { $0.key < $1.key }
        years = sorted.map(\.key)
        values = sorted.map(\.value)
    }

    /// The first schedule (the only one when given for every year).
    public var first: Value { values[0] }

    /// The last year given; nil when the schedule holds in every year.
    public var lastYear: Int? { years.last }

    /// The schedule in `year`.
    public func value(in year: Int) -> Value {
        guard years.count > 1 else { return values[0] }
        if year <= years[0] { return values[0] }
        guard let k = years.lastIndex(where: { $0 <= year }), k + 1 < years.count else { return values[values.count - 1] }
        let w = Double(year - years[k]) / Double(years[k + 1] - years[k])
        return Value.interpolate(values[k], values[k + 1], weight: w)
    }
}

/// Fertility inputs: a county schedule, optional district schedules, each possibly by year, and an
/// optional TFR path.
///
/// When a TFR path is given, every schedule `s` is rescaled each year by `TFR(t) / TFR_ref(t)`,
/// where `TFR_ref(t)` is the county schedule's TFR in year t (or, when only district schedules exist,
/// their mean weighted by women aged 15–49 in the base year). District differentials are kept as ratios.
public struct Fertility: Sendable, Equatable {
    public var countySeries: ScheduleSeries<FertilitySchedule>?
    public var districtSeries: [AreaID: ScheduleSeries<FertilitySchedule>]
    public var tfrPath: YearPath?

    /// Schedules that hold in every year.
    public init(county: FertilitySchedule?, districts: [AreaID: FertilitySchedule] = [:], tfrPath: YearPath? = nil) {
        countySeries = county.map { ScheduleSeries($0) }
        districtSeries = districts.mapValues { ScheduleSeries($0) }
        self.tfrPath = tfrPath
    }

    public init(countySeries: ScheduleSeries<FertilitySchedule>?, districtSeries: [AreaID: ScheduleSeries<FertilitySchedule>],
                tfrPath: YearPath?) {
        self.countySeries = countySeries
        self.districtSeries = districtSeries
        self.tfrPath = tfrPath
    }

    /// The county's (first) schedule.
    public var county: FertilitySchedule? { countySeries?.first }

    /// The schedules that apply in a district, its own or else the county's.
    public func series(for district: AreaID) -> ScheduleSeries<FertilitySchedule>? { districtSeries[district] ?? countySeries }
}

/// Mortality inputs: life tables by sex for the county and optionally per district, possibly by year,
/// and a yearly improvement rate `r` applied after the last year given (the base year when the tables
/// hold in every year): `qₓ(t) = qₓ(t_last) · (1 − r)^(t − t_last)`.
public struct Mortality: Sendable, Equatable {
    public var countySeries: ScheduleSeries<LifeTablePair>?
    public var districtSeries: [AreaID: ScheduleSeries<LifeTablePair>]
    public var improvementRate: Double

    /// Tables that hold in every year, indexed by `Sex.rawValue`.
    public init(county: [MortalitySchedule]?, districts: [AreaID: [MortalitySchedule]] = [:], improvementRate: Double = 0) {
        countySeries = county.map { ScheduleSeries(LifeTablePair($0)) }
        districtSeries = districts.mapValues { ScheduleSeries(LifeTablePair($0)) }
        self.improvementRate = improvementRate
    }

    public init(countySeries: ScheduleSeries<LifeTablePair>?, districtSeries: [AreaID: ScheduleSeries<LifeTablePair>], improvementRate: Double) {
        self.countySeries = countySeries
        self.districtSeries = districtSeries
        self.improvementRate = improvementRate
    }

    /// The county's (first) tables by sex.
    public var county: [MortalitySchedule]? { countySeries?.first.bySex }

    /// The tables that apply in a district, its own or else the county's.
    public func series(for district: AreaID) -> ScheduleSeries<LifeTablePair>? { districtSeries[district] ?? countySeries }

    /// The tables by sex of a district in `year`: interpolated between the years given, improved after
    /// the last one (after `baseYear` for tables without years).
    public func schedules(for district: AreaID, year: Int, baseYear: Int) -> [MortalitySchedule]? {
        series(for: district).map { tables($0, year: year, baseYear: baseYear) }
    }

    /// The tables of `series` in `year`, improved after its last year (after `baseYear` when it has none).
    public func tables(_ series: ScheduleSeries<LifeTablePair>, year: Int, baseYear: Int) -> [MortalitySchedule] {
        let since = year - (series.lastYear ?? baseYear)
        return series.value(in: year).bySex.map { since > 0 ? $0.improved(rate: improvementRate, years: since) : $0 }
    }
}

extension Scenario {
    /// The factor rescaling every fertility schedule in `year` to the TFR path, `TFR(t) / TFR_ref(t)`:
    /// `TFR_ref` is the county schedule's TFR in that year, else the district schedules' TFRs weighted by
    /// the base year's women aged 15–49. 1 without a TFR path; 0 when the reference is 0.
    public func tfrScale(year: Int) -> Double {
        guard let path = fertility.tfrPath else { return 1 }
        let reference = referenceTFR(year: year)
        return reference > 0 ? path.value(in: year) / reference : 0
    }

    /// `TFR_ref(t)` of `tfrScale`: the schedules' own TFR in `year`.
    public func referenceTFR(year: Int) -> Double {
        if let county = fertility.countySeries { return county.value(in: year).tfr }
        var women = 0.0, weighted = 0.0
        for (i, id) in population.areas.enumerated() {
            let block = population.block(i)
            let w = Ages.reproductive.reduce(0.0) { $0 + block[block.startIndex + Ages.index(.female, $1)] }
            women += w
            weighted += w * ((district(of: id)?.id).flatMap { fertility.series(for: $0)?.value(in: year).tfr } ?? 0)
        }
        return women > 0 ? weighted / women : 0
    }
}
