import Demography
import PopulationProjection
import ScenarioModel

/// Grade-progression (cohort-survival) demand from school records, school by school — the method
/// school districts use when they trust their records more than population data.
///
/// For each school, from `enrollment_history.csv` (E = pupils by grade and year):
/// ```
/// R_g(t) = E(g+1, t+1) / E(g, t)          each grade g the school teaches with g+1 (progression)
/// Q_e(t) = E(e, t) / C(t, e)              each entry grade e (K1, 1, or a stage's first grade
///                                         at a school that starts there: 7, 10)
/// ```
/// where `C(t, e)` is the population of the entry grade's age in the school's district (the whole
/// county for grades 10–12), as `SchoolAgePopulation` counts it. Ratios are fitted over the history
/// years (`average`: their mean; `trend`: a least-squares line by year), and the school's pupils are
/// carried forward from its last recorded year `H`:
/// ```
/// E(e, t) = Q_e(t) · C(t, e),   E(g+1, t) = R_g(t−1) · E(g, t−1)     t > H
/// ```
/// For history years before the base year, `C(t, e)` is the base-year population of the same birth
/// cohort (aged `a + base − t`): children's deaths and moves between the two dates are ignored.
public enum GradeProgressionDemand {
    /// Fitted ratios of one school.
    public struct SchoolRatios: Sendable {
        public let school: SchoolID
        /// Entry ratios `Q_e` by entry grade.
        public let entry: [Grade: ProgressionRatio]
        /// Progression ratios `R_g` by the lower grade `g`.
        public let progression: [Grade: ProgressionRatio]
        public let lastYear: Int
    }

    /// Fits the ratios of every school with history. `base(school, grade, year)` is `C(t, e)`.
    public static func fit(history: [EnrollmentRecord], schools: [School], trend: Bool,
                           base: (School, Grade, Int) -> Double) -> [SchoolRatios] {
        let bySchool = Dictionary(grouping: history, by: \.school)
        return schools.compactMap { school in
            guard let records = bySchool[school.id], let last = records.map(\.year).max() else { return nil }
            var e: [Int: [Grade: Double]] = [:]
            for r in records { e[r.year, default: [:]][r.grade] = r.pupils }
            let years = e.keys.sorted()
            var entry: [Grade: ProgressionRatio] = [:]
            var progression: [Grade: ProgressionRatio] = [:]
            for g in school.grades {
                let previous = Grade.all.first { $0.ordinal == g.ordinal - 1 }
                if previous.map({ !school.grades.contains($0) }) ?? true {
                    let obs = years.compactMap { t -> (year: Int, ratio: Double)? in
                        guard let v = e[t]?[g] else { return nil }
                        let b = base(school, g, t)
                        return b > 0 ? (t, v / b) : nil
                    }
                    entry[g] = ProgressionRatio(observations: obs, trend: trend)
                }
                if let next = Grade.all.first(where: { $0.ordinal == g.ordinal + 1 }), school.grades.contains(next) {
                    let obs = years.compactMap { t -> (year: Int, ratio: Double)? in
                        guard let lower = e[t]?[g], lower > 0, let upper = e[t + 1]?[next] else { return nil }
                        return (t, upper / lower)
                    }
                    progression[g] = ProgressionRatio(observations: obs, trend: trend)
                }
            }
            return SchoolRatios(school: school.id, entry: entry, progression: progression, lastYear: last)
        }
    }

    public static func compute(_ projection: Projection, schooling: Schooling, settings: GradeProgressionSettings) -> Demand {
        let years = projection.years
        let population = SchoolAgePopulation.compute(projection, calendar: schooling.calendar)
        let areas = projection.areas.count
        let calendar = schooling.calendar
        // C(t, slot) summed over some projection areas, back-cast before the base year.
        func cohort(_ leaves: [Int], _ grade: Grade, _ year: Int) -> Double {
            let slot = Slot(grade.stage(), grade).index
            if year >= years.lowerBound {
                let y = min(year, years.upperBound) - years.lowerBound
                return leaves.reduce(0) { $0 + population[(y * areas + $1) * Slot.count + slot] }
            }
            let shift = years.lowerBound - year
            let age = calendar.age(of: grade) + shift
            return leaves.reduce(0.0) { $0 + SchoolAgePopulation.children(projection.block(year: years.lowerBound, area: $1), age: age,
                                                                         phi: calendar.shiftToNextAge) }
        }
        let districtLeaves = Dictionary(grouping: projection.areas.indices) { projection.areaDistricts[$0] }
        let allLeaves = Array(projection.areas.indices)
        func leaves(_ school: School, _ grade: Grade) -> [Int] {
            grade.number >= 10 && !grade.isKindergarten ? allLeaves : (districtLeaves[school.district] ?? [])
        }
        let schools = schooling.schools
        let history = records(schooling, baseYear: years.lowerBound)
        let ratios = fit(history: history, schools: schools, trend: settings.fit == .trend) { school, grade, year in
            cohort(leaves(school, grade), grade, year)
        }
        let ratioBySchool = Dictionary(uniqueKeysWithValues: ratios.map { ($0.school, $0) })
        var historyValue: [SchoolID: [Int: [Grade: Double]]] = [:]
        for r in history { historyValue[r.school, default: [:]][r.year, default: [:]][r.grade] = r.pupils }

        var schoolPupils = [Double](repeating: 0, count: years.count * schools.count * Slot.count)
        for (s, school) in schools.enumerated() {
            guard let r = ratioBySchool[school.id] else { continue }
            var current = historyValue[school.id]?[r.lastYear] ?? [:]
            var year = r.lastYear
            while year < years.upperBound {
                year += 1
                var next: [Grade: Double] = [:]
                for g in school.grades {
                    if let q = r.entry[g] {
                        next[g] = q.value(at: year) * cohort(leaves(school, g), g, year)
                    } else if let lower = Grade.all.first(where: { $0.ordinal == g.ordinal - 1 }), let p = r.progression[lower] {
                        next[g] = p.value(at: year - 1) * (current[lower] ?? 0)
                    }
                }
                current = historyValue[school.id]?[year] ?? next
                if years.contains(year) { store(current, school, s, year) }
            }
            for y in years where y <= r.lastYear {
                if let recorded = historyValue[school.id]?[y] { store(recorded, school, s, y) }
            }
        }
        func store(_ values: [Grade: Double], _ school: School, _ s: Int, _ year: Int) {
            let o = ((year - years.lowerBound) * schools.count + s) * Slot.count
            for slot in school.slots { schoolPupils[o + slot.index] = values[slot.grade] ?? 0 }
        }
        return aggregate(schoolPupils, schools: schools, projection: projection, population: population)
    }

    /// The history with the observed base year (`schools.csv`'s pupils by grade) as its base-year
    /// records, in place of any the history gives for that year.
    static func records(_ schooling: Schooling, baseYear: Int) -> [EnrollmentRecord] {
        let observed = schooling.schools.flatMap { school in
            (school.observed?.pupils ?? [:]).sorted { $0.key < $1.key }.map {
                EnrollmentRecord(school: school.id, year: baseYear, grade: $0.key, pupils: $0.value)
            }
        }
        let replaced = Set(observed.map(\.school))
        return schooling.history.filter { !($0.year == baseYear && replaced.contains($0.school)) } + observed
    }

    /// Area-level demand from school pupils: each school's pupils at its community (or district).
    private static func aggregate(_ schoolPupils: [Double], schools: [School], projection: Projection, population: [Double]) -> Demand {
        let years = projection.years
        var areaIDs: [AreaID] = []
        var index: [AreaID: Int] = [:]
        for school in schools {
            let id = school.community ?? school.district
            if index[id] == nil { index[id] = areaIDs.count; areaIDs.append(id) }
        }
        var pupils = [Double](repeating: 0, count: years.count * areaIDs.count * Slot.count)
        var ages = [Double](repeating: 0, count: pupils.count)
        for year in years {
            let y = year - years.lowerBound
            for (s, school) in schools.enumerated() {
                let a = index[school.community ?? school.district] ?? 0
                for k in 0..<Slot.count { pupils[(y * areaIDs.count + a) * Slot.count + k] += schoolPupils[(y * schools.count + s) * Slot.count + k] }
            }
            for (a, id) in areaIDs.enumerated() {
                let members = projection.areas.indices.filter { projection.areas[$0] == id || projection.areaDistricts[$0] == id }
                for i in members {
                    for k in 0..<Slot.count { ages[(y * areaIDs.count + a) * Slot.count + k] += population[(y * projection.areas.count + i) * Slot.count + k] }
                }
            }
        }
        return Demand(years: years, areas: areaIDs, pupils: pupils, schoolAgePopulation: ages,
                      schools: schools.map(\.id), schoolPupils: schoolPupils)
    }
}
