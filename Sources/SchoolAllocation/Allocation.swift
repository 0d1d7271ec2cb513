import EnrollmentDemand
import ScenarioModel

/// Pupils sent to schools: the output of the allocation stage and the input of the metrics.
public struct Allocation: Sendable {
    public let years: ClosedRange<Int>
    public let schools: [School]
    /// `years × schools × Slot.count` pupils.
    public let pupils: [Double]
    /// Children of the slot's age living in the areas each school serves, same layout; nil when
    /// demand came from school records (grade progression).
    public let catchmentPopulation: [Double]?
    /// The demand that was allocated.
    public let demand: Demand
    /// For each demand area and slot (`areas × Slot.count`): the school index serving it, or nil when
    /// no school teaches that slot within reach (those pupils are `unserved`), and the travel minutes.
    public let assignment: [Int?]
    public let minutes: [Double?]
    /// `years × areas × Slot.count` pupils with no school.
    public let unserved: [Double]

    public init(years: ClosedRange<Int>, schools: [School], pupils: [Double], catchmentPopulation: [Double]?,
                demand: Demand, assignment: [Int?], minutes: [Double?], unserved: [Double]) {
        self.years = years
        self.schools = schools
        self.pupils = pupils
        self.catchmentPopulation = catchmentPopulation
        self.demand = demand
        self.assignment = assignment
        self.minutes = minutes
        self.unserved = unserved
    }

    @inlinable public func offset(year: Int, school: Int) -> Int {
        ((year - years.lowerBound) * schools.count + school) * Slot.count
    }

    /// Pupils of a school in a slot.
    public func pupils(year: Int, school: Int, slot: Slot) -> Double { pupils[offset(year: year, school: school) + slot.index] }

    /// Pupils of a school in a stage.
    public func pupils(year: Int, school: Int, stage: Stage) -> Double {
        stage.grades.reduce(0) { $0 + pupils(year: year, school: school, slot: Slot(stage, $1)) }
    }

    /// All pupils of a school.
    public func totalPupils(year: Int, school: Int) -> Double {
        let o = offset(year: year, school: school)
        return pupils[o..<(o + Slot.count)].reduce(0, +)
    }
}
