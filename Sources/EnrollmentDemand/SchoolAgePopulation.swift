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
                let block = projection.counts[o..<(o + Ages.perArea)]
                for (k, a) in ages.enumerated() { out[target + k] = children(block, age: a, phi: phi) }
            }
        }
        return out
    }

    /// `(1 − φ)·P(a) + φ·P(a + 1)`, both sexes, of one area's sex-major block (ages above 100 in 100+).
    public static func children(_ block: ArraySlice<Double>, age a: Int, phi: Double) -> Double {
        Sex.allCases.reduce(0.0) { sum, sex in
            sum + (1 - phi) * block[block.startIndex + Ages.index(sex, min(a, Ages.open))]
                + phi * block[block.startIndex + Ages.index(sex, min(a + 1, Ages.open))]
        }
    }
}
