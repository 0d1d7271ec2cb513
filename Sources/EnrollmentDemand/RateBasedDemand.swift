import Foundation
import Demography
import PopulationProjection
import ScenarioModel

/// Rate-based demand: pupils = school-age population × enrollment rate, starting from the observed
/// base year when `schools.csv` gives it.
///
/// Rates are rates of the resident children of the stage's ages (wherever they study). For each
/// rate group σ — kindergarten, primary, junior, senior general, vocational — and year t:
/// ```
/// R_σ(t) = r_σ(t) · C_σ(t)          r_K, r_P, r_J;  senior r_H·(1 − v);  vocational r_H·v
/// I_σ(t) = max(0, R_σ(t) − O_σ(t))  O: residents studying outside the county (out_of_county.csv)
/// w_is(t) = ρ_is · C_is(t) · (c(t) / c₀)^((g − 1)/8)     (the last factor for grades 1–9 only)
/// E_is(t) = I_σ(t) · w_is / Σ w + m_is(t)               m: migrant pupils (MigrantPupils)
/// ```
/// `C_is` are the children of slot s's age in area i (`SchoolAgePopulation`), `c` the consolidation
/// rate (九年义务教育巩固率) shaping the compulsory grades as a retention `c^(1/8)` a grade.
///
/// **Observed base year**: `ρ_is` is area i's own in-county attendance rate of the slot and
/// `c₀ = c(base)` (`AttendanceCalibration`); the base year's pupils are the observed ones, and a
/// path `{base: observed, …}` starts at the county's observed rate:
/// ```
/// r_obs = (Σ E − Σ m + O) / C       v_obs = (E_voc − m_voc + O_voc) / (E_H − m_H + O_H)
/// ```
/// **Without it**, `ρ_is = 1` and `c₀ = 1`: the grades of an area follow its children and the
/// retention profile. Either way the county's resident rate of each group equals its path exactly.
public enum RateBasedDemand {
    /// The rate groups: the slots whose pupils one rate governs.
    enum Group: CaseIterable {
        case kindergarten, primary, junior, senior, vocational

        var stage: Stage {
            switch self {
            case .kindergarten: return .kindergarten
            case .primary: return .primary
            case .junior: return .junior
            case .senior: return .senior
            case .vocational: return .vocational
            }
        }

        var slots: [Slot] { stage.grades.map { Slot(stage, $0) } }
    }

    /// - Parameter known: the base year's attendance when already calibrated (it depends on the base
    ///   year's population and the statistics only, so every projection of one scenario shares it).
    public static func compute(_ projection: Projection, scenario: Scenario, schooling: Schooling, rates: EnrollmentRates,
                               attendance known: BaseYearAttendance? = nil) -> Demand {
        let years = projection.years
        let areas = projection.areas.count
        let population = SchoolAgePopulation.compute(projection, calendar: schooling.calendar)
        let migrants = MigrantPupils.place(schooling.migrantChildren, projection: projection, districtOf: scenario.districtOfArea, population: population)
        let attendance = schooling.hasObservedBaseYear
            ? known ?? AttendanceCalibration.calibrate(scenario: scenario, schooling: schooling, projection: projection,
                                                       population: population, migrants: migrants)
            : nil
        let observed = attendance.map { observedRates($0, population: population, migrants: migrants, schooling: schooling, year: years.lowerBound) } ?? [:]
        var sampled: [EnrollmentRates.Key: [Double]] = [:]
        for key in EnrollmentRates.Key.allCases { sampled[key] = rates[key].resolved(observed: observed[key]).sample(years: years) }
        let consolidation = rates.consolidation.sample(years: years)
        let reference = attendance == nil ? 1 : consolidation[0]

        var pupils = [Double](repeating: 0, count: population.count)
        var outside = [Double](repeating: 0, count: population.count)
        for year in years {
            let y = year - years.lowerBound
            let retention = consolidation[y] / reference
            for group in Group.allCases {
                let rate = groupRate(group, sampled, y)
                let slots = group.slots
                var cohort = 0.0
                var weights = [Double](repeating: 0, count: areas * slots.count)
                for i in 0..<areas {
                    for (n, slot) in slots.enumerated() {
                        let k = (y * areas + i) * Slot.count + slot.index
                        cohort += population[k]
                        let rho = attendance?.residentRate[i * Slot.count + slot.index] ?? 1
                        let grade = slot.stage.isCompulsory ? Double(slot.grade.number - 1) / 8 : 0
                        weights[i * slots.count + n] = rho * population[k] * pow(retention, grade)
                    }
                }
                var total = weights.reduce(0, +)
                if total <= 0 {
                    weights = (0..<(areas * slots.count)).map { population[(y * areas + $0 / slots.count) * Slot.count + slots[$0 % slots.count].index] }
                    total = weights.reduce(0, +)
                }
                let out = schooling.outOfCounty(group.stage, in: year)
                let inCounty = max(0, rate * cohort - out)
                for i in 0..<areas {
                    for (n, slot) in slots.enumerated() {
                        let k = (y * areas + i) * Slot.count + slot.index
                        let share = total > 0 ? weights[i * slots.count + n] / total : 0
                        outside[k] = out * share
                        if y == 0, let attendance {
                            pupils[k] = attendance.pupils(area: i, slot: slot)
                        } else {
                            pupils[k] = inCounty * share + migrants[k]
                        }
                    }
                }
            }
        }
        return Demand(years: years, areas: projection.areas, pupils: pupils, schoolAgePopulation: population, outOfCounty: outside,
                      migrantPupils: migrants, attendance: attendance, observedRates: observed)
    }

    /// `r_σ(t)` from the sampled paths.
    private static func groupRate(_ group: Group, _ sampled: [EnrollmentRates.Key: [Double]], _ y: Int) -> Double {
        func value(_ key: EnrollmentRates.Key) -> Double { sampled[key]?[y] ?? 1 }
        switch group {
        case .kindergarten: return value(.kindergarten)
        case .primary: return value(.primary)
        case .junior: return value(.junior)
        case .senior: return value(.senior) * (1 - value(.vocationalShare))
        case .vocational: return value(.senior) * value(.vocationalShare)
        }
    }

    /// The county's base-year resident rates, what `observed` stands for.
    static func observedRates(_ attendance: BaseYearAttendance, population: [Double], migrants: [Double], schooling: Schooling,
                              year: Int) -> [EnrollmentRates.Key: Double] {
        // Residents of the group enrolled anywhere, and children.
        func residents(_ stage: Stage) -> (pupils: Double, migrants: Double, children: Double) {
            var pupils = 0.0, migrant = 0.0, children = 0.0
            for i in 0..<attendance.areaCount {
                for g in stage.grades {
                    let slot = Slot(stage, g)
                    let k = i * Slot.count + slot.index
                    pupils += attendance.pupils(area: i, slot: slot)
                    migrant += migrants[k]
                    children += population[k]
                }
            }
            return (pupils, migrant, children)
        }
        func rate(_ r: (pupils: Double, migrants: Double, children: Double), _ stage: Stage) -> Double? {
            ResidentRate.of(pupils: r.pupils, migrants: r.migrants, outOfCounty: schooling.outOfCounty(stage, in: year), children: r.children)
        }
        var out: [EnrollmentRates.Key: Double] = [:]
        for (key, stage) in [(EnrollmentRates.Key.kindergarten, Stage.kindergarten), (.primary, .primary), (.junior, .junior)] {
            out[key] = rate(residents(stage), stage)
        }
        let general = residents(.senior), vocational = residents(.vocational)
        // The senior stage's children are counted once (general and vocational slots hold the same cohort).
        let generalRate = rate(general, .senior) ?? 0, vocationalRate = rate(vocational, .vocational) ?? 0
        if general.children > 0 {
            out[.senior] = generalRate + vocationalRate
            out[.vocationalShare] = generalRate + vocationalRate > 0 ? vocationalRate / (generalRate + vocationalRate) : nil
        }
        return out
    }
}
