import Demography

/// How uncertain a scenario's inputs are: the distributions `seatplan simulate --draws N` samples
/// (`uncertainty:` in `scenario.yaml`). Each draw moves four inputs of the scenario together:
/// ```
/// TFR(t)        → max(0.1, TFR(t) + δ · min(1, (t − base) / phase_in))     δ ~ tfr_shift
/// net migration → m · net migration (rates, totals, tables)                  m ~ migration_scale, ≥ 0
/// improvement   → r + ε within −0.05 … 0.1 (mortality.improvement)             ε ~ mortality_improvement_shift
/// rate targets  → each anchor after base: clamp(ρ + e_k, 0, max(1, ρ))         e_k ~ enrollment_shift, one per path
/// ```
/// Defaults: `δ ~ N(0, 0.304)`, so that the UN WPP's low and high variants (half a child below and above
/// the medium) are the 5th and 95th percentiles (0.5 / 1.645); phased in over five years, as the TFR of the
/// years under way is nearly known. `m ~ N(1, 0.3)`: a county's net migration is its least certain
/// component, ±50% of its level at the 5th and 95th percentiles. `ε ~ N(0, 0.005)` a year (the UN's
/// China life tables gain about 1% a year). `e ~ N(0, 0.02)`: a rate target met within about ±3 points; a
/// path that is only its observed value (no target, as the compulsory stages usually are) does not move,
/// and the years between the observed start and the first target move by the interpolated part of `e`.
public struct Uncertainty: Sendable, Equatable {
    public enum Distribution: Sendable, Equatable {
        case normal(mean: Double, sd: Double)
        case uniform(low: Double, high: Double)

        public var mean: Double {
            switch self {
            case .normal(let mean, _): return mean
            case .uniform(let low, let high): return (low + high) / 2
            }
        }
    }

    public var tfrShift: Distribution
    public var migrationScale: Distribution
    public var mortalityImprovementShift: Distribution
    public var enrollmentShift: Distribution
    /// Years over which the TFR shift grows to its full size.
    public var phaseInYears: Int

    public static let tfrShiftSD = 0.5 / 1.6449

    public init(tfrShift: Distribution = .normal(mean: 0, sd: Uncertainty.tfrShiftSD), migrationScale: Distribution = .normal(mean: 1, sd: 0.3),
                mortalityImprovementShift: Distribution = .normal(mean: 0, sd: 0.005), enrollmentShift: Distribution = .normal(mean: 0, sd: 0.02),
                phaseInYears: Int = 5) {
        self.tfrShift = tfrShift
        self.migrationScale = migrationScale
        self.mortalityImprovementShift = mortalityImprovementShift
        self.enrollmentShift = enrollmentShift
        self.phaseInYears = phaseInYears
    }
}

/// One draw of the uncertain inputs (see `Uncertainty`).
public struct InputDraw: Sendable, Equatable {
    public var tfrShift: Double
    public var migrationScale: Double
    public var mortalityImprovementShift: Double
    /// One shift per rate path.
    public var enrollmentShift: [EnrollmentRates.Key: Double]

    public init(tfrShift: Double = 0, migrationScale: Double = 1, mortalityImprovementShift: Double = 0,
                enrollmentShift: [EnrollmentRates.Key: Double] = [:]) {
        self.tfrShift = tfrShift
        self.migrationScale = migrationScale
        self.mortalityImprovementShift = mortalityImprovementShift
        self.enrollmentShift = enrollmentShift
    }

    /// The draw that changes nothing.
    public static let central = InputDraw()
}

extension Scenario {
    /// The scenario with one draw's inputs (formulas at `Uncertainty`); `.central` gives it back unchanged.
    public func applying(_ draw: InputDraw) -> Scenario {
        var s = self
        if draw.tfrShift != 0 {
            let phase = Double(max(1, uncertainty.phaseInYears))
            let points = Dictionary(uniqueKeysWithValues: years.map { year in
                (year, max(0.1, tfr(year: year) + draw.tfrShift * min(1, Double(year - baseYear) / phase)))
            })
            s.fertility.tfrPath = YearPath(points: points)
        }
        if draw.migrationScale != 1 {
            let m = max(0, draw.migrationScale)
            s.migration.netRates = migration.netRates.mapValues { $0.scaled(by: m) }
            s.migration.netTotals = migration.netTotals.mapValues { $0.scaled(by: m) }
            s.migration.everyYear = migration.everyYear.mapValues { $0.map { $0 * m } }
            s.migration.byYear = migration.byYear.mapValues { $0.mapValues { $0.map { $0 * m } } }
        }
        if draw.mortalityImprovementShift != 0 {
            s.mortality.improvementRate = min(0.1, max(-0.05, mortality.improvementRate + draw.mortalityImprovementShift))
        }
        if var schooling, case .rates(var rates) = schooling.method, !draw.enrollmentShift.isEmpty {
            for (key, shift) in draw.enrollmentShift { rates[key] = rates[key].shifted(by: shift, after: baseYear) }
            schooling.method = .rates(rates)
            s.schooling = schooling
        }
        return s
    }

    /// The TFR in `year`: the TFR path's where there is one, else the county schedule's (or the
    /// districts' weighted by the base year's women aged 15–49; `tfrScale`).
    public func tfr(year: Int) -> Double { fertility.tfrPath?.value(in: year) ?? referenceTFR(year: year) }
}

extension YearPath {
    /// Every value multiplied by `factor`.
    public func scaled(by factor: Double) -> YearPath {
        YearPath(points: Dictionary(uniqueKeysWithValues: zip(years, values.map { $0 * factor }))) ?? self
    }
}

extension RatePath {
    /// The path moved by `shift` after `year`, each value kept within 0 and the larger of 1 and itself.
    /// A path from the observed value keeps it and moves its anchors after `year` (the rate still starts
    /// where the statistics put it); any other path keeps its value in `year` and moves from `year + 1` on.
    public func shifted(by shift: Double, after year: Int) -> RatePath {
        guard let given, shift != 0 else { return self }
        func moved(_ v: Double) -> Double { min(max(1, v), max(0, v + shift)) }
        var points = Dictionary(uniqueKeysWithValues: zip(given.years, given.values).filter { $0.0 > year }.map { ($0, moved($1)) })
        if observedYear == nil {
            points[year] = given.value(in: year)
            points[year + 1] = moved(given.value(in: year + 1))
        } else {
            for (y, v) in zip(given.years, given.values) where y <= year { points[y] = v }
        }
        return RatePath(given: YearPath(points: points) ?? given, observedYear: observedYear)
    }
}
