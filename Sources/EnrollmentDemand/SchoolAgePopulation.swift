import Demography
import PopulationProjection
import ScenarioModel

/// Children of each slot's age by projection area and year, both sexes:
///
/// ```
/// C(t, slot) = (1 − φ) · P(t, a) + φ · P(t, a + 1),   a = SchoolCalendar.age(of: grade)
/// ```
/// with `φ = SchoolCalendar.shiftToNextAge` (the share of the grade's cohort that has had its next
/// birthday by the population date). Senior and vocational slots hold the same cohort.
public enum SchoolAgePopulation {
    /// `years × areas × Slot.count`, in the projection's area order.
    public static func compute(_ projection: Projection, calendar: SchoolCalendar) -> [Double] {
        let areas = projection.areas.count
        var out = [Double](repeating: 0, count: projection.years.count * areas * Slot.count)
        let phi = calendar.shiftToNextAge
        let ages = Slot.all.map { calendar.age(of: $0.grade) }
        for year in projection.years {
            for i in 0..<areas {
                let o = projection.offset(year: year, area: i)
                let target = ((year - projection.years.lowerBound) * areas + i) * Slot.count
                for (k, a) in ages.enumerated() {
                    var c = 0.0
                    for sex in Sex.allCases {
                        let now = projection.counts[o + Ages.index(sex, min(a, Ages.open))]
                        let next = projection.counts[o + Ages.index(sex, min(a + 1, Ages.open))]
                        c += (1 - phi) * now + phi * next
                    }
                    out[target + k] = c
                }
            }
        }
        return out
    }
}
