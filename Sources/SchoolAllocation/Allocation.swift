import EnrollmentDemand
import SchoolNetwork
import ScenarioModel

/// Pupils sent to schools: the output of the allocation stage and the input of the metrics.
public struct Allocation: Sendable {
    public let years: ClosedRange<Int>
    /// The network the pupils were sent to, year by year.
    public let network: NetworkTimeline
    /// `years × network.schools × Slot.count` pupils.
    public let pupils: [Double]
    /// Children of the slot's age living in the areas each school serves, same layout; nil when
    /// demand came from school records (grade progression).
    public let catchmentPopulation: [Double]?
    /// The demand that was allocated.
    public let demand: Demand
    /// For each year, demand area and slot (`years × areas × Slot.count`): the school index serving it,
    /// or nil when pupils are pooled county-wide or have no school; empty with grade progression.
    public let assignment: [Int?]
    /// Travel minutes to the assigned school, same layout.
    public let minutes: [Double?]
    /// `years × areas × Slot.count` pupils with no school.
    public let unserved: [Double]

    public init(network: NetworkTimeline, pupils: [Double], catchmentPopulation: [Double]?, demand: Demand,
                assignment: [Int?], minutes: [Double?], unserved: [Double]) {
        self.years = network.years
        self.network = network
        self.pupils = pupils
        self.catchmentPopulation = catchmentPopulation
        self.demand = demand
        self.assignment = assignment
        self.minutes = minutes
        self.unserved = unserved
    }

    /// Every school that exists in some year (closed and future ones included).
    public var schools: [School] { network.schools }

    @inlinable public func offset(year: Int, school: Int) -> Int {
        ((year - years.lowerBound) * network.schools.count + school) * Slot.count
    }

    /// Position of (year, area) in `assignment`, `minutes` and `unserved`.
    public func areaOffset(year: Int, area: Int) -> Int { ((year - years.lowerBound) * demand.areas.count + area) * Slot.count }

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
