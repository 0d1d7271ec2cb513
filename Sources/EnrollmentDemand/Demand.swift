import ScenarioModel

/// Pupils by area, slot (stage × grade) and year — the output of the demand stage.
///
/// With the rate-based method the areas are the projection areas (villages, neighbourhoods or
/// districts) and pupils still have to be sent to schools (`SchoolAllocation`); with the
/// grade-progression method pupils are already counted at schools (`schoolPupils`) and the areas
/// are the schools' locations.
public struct Demand: Sendable {
    public let years: ClosedRange<Int>
    public let areas: [AreaID]
    /// `years × areas × Slot.count`, year-major: pupils living in the area (and migrant pupils placed
    /// there) who attend the county's schools.
    public let pupils: [Double]
    /// Children of each slot's age (before rates), same layout; zero where unknown.
    public let schoolAgePopulation: [Double]
    /// Resident pupils studying outside the county (`out_of_county.csv`), same layout.
    public let outOfCounty: [Double]
    /// Migrant pupils from outside the resident population (`migrant_children.csv`), same layout;
    /// included in `pupils`.
    public let migrantPupils: [Double]
    /// The base year's attendance, when the base year is observed (rates method).
    public let attendance: BaseYearAttendance?
    /// The base year's county rates by rate path, when the base year is observed: what `observed`
    /// stands for in `scenario.yaml`.
    public let observedRates: [EnrollmentRates.Key: Double]
    /// Grade-progression only: the schools and `years × schools × Slot.count` pupils.
    public let schools: [SchoolID]
    public let schoolPupils: [Double]?

    public init(years: ClosedRange<Int>, areas: [AreaID], pupils: [Double], schoolAgePopulation: [Double], outOfCounty: [Double]? = nil,
                migrantPupils: [Double]? = nil, attendance: BaseYearAttendance? = nil, observedRates: [EnrollmentRates.Key: Double] = [:],
                schools: [SchoolID] = [], schoolPupils: [Double]? = nil) {
        precondition(pupils.count == years.count * areas.count * Slot.count && schoolAgePopulation.count == pupils.count)
        precondition(schoolPupils == nil || schoolPupils?.count == years.count * schools.count * Slot.count)
        self.years = years
        self.areas = areas
        self.pupils = pupils
        self.schoolAgePopulation = schoolAgePopulation
        self.outOfCounty = outOfCounty ?? [Double](repeating: 0, count: pupils.count)
        self.migrantPupils = migrantPupils ?? [Double](repeating: 0, count: pupils.count)
        self.attendance = attendance
        self.observedRates = observedRates
        self.schools = schools
        self.schoolPupils = schoolPupils
    }

    @inlinable public func offset(year: Int, area: Int) -> Int {
        ((year - years.lowerBound) * areas.count + area) * Slot.count
    }

    public func pupils(year: Int, area: Int, slot: Slot) -> Double { pupils[offset(year: year, area: area) + slot.index] }

    /// County total of a slot.
    public func total(year: Int, slot: Slot) -> Double {
        areas.indices.reduce(0) { $0 + pupils(year: year, area: $1, slot: slot) }
    }

    /// County total of a stage.
    public func total(year: Int, stage: Stage) -> Double {
        stage.grades.reduce(0) { $0 + total(year: year, slot: Slot(stage, $1)) }
    }

    /// A county total of `values` (this layout) over a stage's slots.
    public func countyTotal(_ values: [Double], year: Int, stage: Stage) -> Double {
        let slots = stage.grades.map { Slot(stage, $0).index }
        return areas.indices.reduce(0.0) { sum, a in
            let o = offset(year: year, area: a)
            return slots.reduce(sum) { $0 + values[o + $1] }
        }
    }
}
