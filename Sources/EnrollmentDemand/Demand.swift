import ScenarioModel

/// Pupils by area, slot (stage × grade) and year — the output of the demand stage.
///
/// With the rate-based method the areas are the projection areas (villages, neighbourhoods or
/// districts) and pupils still have to be sent to schools (`CatchmentAllocation`); with the
/// grade-progression method pupils are already counted at schools (`schoolPupils`) and the areas
/// are the schools' locations.
public struct Demand: Sendable {
    public let years: ClosedRange<Int>
    public let areas: [AreaID]
    /// `years × areas × Slot.count`, year-major.
    public let pupils: [Double]
    /// Children of each slot's age (before rates), same layout; zero where unknown.
    public let schoolAgePopulation: [Double]
    /// Grade-progression only: the schools and `years × schools × Slot.count` pupils.
    public let schools: [SchoolID]
    public let schoolPupils: [Double]?

    public init(years: ClosedRange<Int>, areas: [AreaID], pupils: [Double], schoolAgePopulation: [Double],
                schools: [SchoolID] = [], schoolPupils: [Double]? = nil) {
        precondition(pupils.count == years.count * areas.count * Slot.count && schoolAgePopulation.count == pupils.count)
        precondition(schoolPupils == nil || schoolPupils?.count == years.count * schools.count * Slot.count)
        self.years = years
        self.areas = areas
        self.pupils = pupils
        self.schoolAgePopulation = schoolAgePopulation
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
}
