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

/// Fertility inputs: a county schedule, optional district schedules, an optional TFR path.
///
/// When a TFR path is given, every schedule `s` is rescaled each year by `TFR(t) / TFR_ref`, where
/// `TFR_ref` is the county schedule's TFR (or, when only district schedules exist, their mean
/// weighted by women aged 15–49 in the base year). District differentials are kept as ratios.
public struct Fertility: Sendable, Equatable {
    public var county: FertilitySchedule?
    public var districts: [AreaID: FertilitySchedule]
    public var tfrPath: YearPath?

    public init(county: FertilitySchedule?, districts: [AreaID: FertilitySchedule] = [:], tfrPath: YearPath? = nil) {
        self.county = county
        self.districts = districts
        self.tfrPath = tfrPath
    }

    /// The schedule that applies in a district: its own, else the county's.
    public func schedule(for district: AreaID) -> FertilitySchedule? { districts[district] ?? county }
}

/// Mortality inputs: life-table schedules by sex for the county and optionally per district, and a
/// yearly improvement rate `r`: `qₓ(t) = qₓ(base) · (1 − r)^(t − base)`.
public struct Mortality: Sendable, Equatable {
    /// Indexed by `Sex.rawValue`.
    public var county: [MortalitySchedule]?
    public var districts: [AreaID: [MortalitySchedule]]
    public var improvementRate: Double

    public init(county: [MortalitySchedule]?, districts: [AreaID: [MortalitySchedule]] = [:], improvementRate: Double = 0) {
        self.county = county
        self.districts = districts
        self.improvementRate = improvementRate
    }

    /// The schedules (by sex) that apply in a district: its own, else the county's.
    public func schedules(for district: AreaID) -> [MortalitySchedule]? { districts[district] ?? county }
}
