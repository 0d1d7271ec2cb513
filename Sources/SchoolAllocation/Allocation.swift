import EnrollmentDemand
import SchoolNetwork
import ScenarioModel

/// Pupils sent to schools: the output of the allocation stage and the input of the metrics.
public struct Allocation: Sendable {
    /// Pupils of one area and slot at one school in one year.
    public struct Flow: Sendable, Equatable {
        /// Index in `network.schools`.
        public let school: Int
        public let pupils: Double
        /// One-way travel minutes from the area; nil when unknown.
        public let minutes: Double?
    }

    public let years: ClosedRange<Int>
    /// The network the pupils were sent to, year by year.
    public let network: NetworkTimeline
    /// `years × network.schools × Slot.count` pupils.
    public let pupils: [Double]
    /// Children of the slot's age living in the areas each school serves (in proportion to the
    /// share of their pupils it takes), same layout; nil when demand came from school records.
    public let catchmentPopulation: [Double]?
    /// The demand that was allocated.
    public let demand: Demand
    /// `flows[areaOffset(year:area:) + slot.index]`: where an area's pupils of a slot go; empty
    /// everywhere with grade progression (pupils are counted at schools).
    public let flows: [[Flow]]
    /// `years × areas × Slot.count` pupils with no school.
    public let unserved: [Double]

    public init(network: NetworkTimeline, pupils: [Double], catchmentPopulation: [Double]?, demand: Demand,
                flows: [[Flow]], unserved: [Double]) {
        self.years = network.years
        self.network = network
        self.pupils = pupils
        self.catchmentPopulation = catchmentPopulation
        self.demand = demand
        self.flows = flows
        self.unserved = unserved
    }

    /// True when pupils were sent from areas to schools (rates), false when counted at schools.
    public var hasFlows: Bool { !flows.isEmpty }

    /// Every school that exists in some year (closed and future ones included).
    public var schools: [School] { network.schools }

    @inlinable public func offset(year: Int, school: Int) -> Int {
        ((year - years.lowerBound) * network.schools.count + school) * Slot.count
    }

    /// Position of (year, area) in `flows` and `unserved`.
    public func areaOffset(year: Int, area: Int) -> Int { ((year - years.lowerBound) * demand.areas.count + area) * Slot.count }

    /// Where an area's pupils of a slot go in a year.
    public func flows(year: Int, area: Int, slot: Slot) -> [Flow] {
        hasFlows ? flows[areaOffset(year: year, area: area) + slot.index] : []
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
