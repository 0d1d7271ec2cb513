import ScenarioModel

/// The school network year by year: every school that exists in some year, and how each stands in
/// each year (grades, classrooms, beds) or that it is closed or not yet built. The base network is
/// the same every year; a `Plan` changes it (`PlanApplication`).
public struct NetworkTimeline: Sendable {
    public let years: ClosedRange<Int>
    /// Existing schools first (in `schools.csv` order), then the plan's new schools.
    public let schools: [School]
    /// `states[year index][school]`: the school as it stands, nil when closed or not yet built.
    private let states: [[School?]]
    /// The plan's catchments (a catchment in force overrides the base year's attendance).
    public let planCatchments: [Catchment]
    /// A school merged into another by the plan (`merge_into`): its index → the receiver's index.
    public let mergeTargets: [Int: Int]
    /// The schools of `schools.csv` (the first ones); the rest are built by the plan.
    public let existingCount: Int

    public init(years: ClosedRange<Int>, schools: [School], states: [[School?]], planCatchments: [Catchment] = [],
                mergeTargets: [Int: Int] = [:], existingCount: Int) {
        precondition(states.count == years.count && states.allSatisfy { $0.count == schools.count })
        self.years = years
        self.schools = schools
        self.states = states
        self.planCatchments = planCatchments
        self.mergeTargets = mergeTargets
        self.existingCount = existingCount
    }

    /// The unchanged base network.
    public static func constant(_ schooling: Schooling, years: ClosedRange<Int>) -> NetworkTimeline {
        NetworkTimeline(years: years, schools: schooling.schools,
                        states: Array(repeating: schooling.schools.map { Optional($0) }, count: years.count),
                        existingCount: schooling.schools.count)
    }

    /// School `s` as it stands in `year` (nil: closed or not built).
    public func school(_ s: Int, in year: Int) -> School? { states[year - years.lowerBound][s] }

    /// The schools open in `year`, with their indices.
    public func open(in year: Int) -> [(index: Int, school: School)] {
        states[year - years.lowerBound].enumerated().compactMap { i, s in s.map { (i, $0) } }
    }

    /// True when `year` has the same schools and catchments as the year before (allocation can be reused).
    public func unchanged(from year: Int) -> Bool {
        guard year > years.lowerBound else { return false }
        let y = year - years.lowerBound
        guard states[y] == states[y - 1] else { return false }
        return !planCatchments.contains { $0.fromYear == year }
    }
}
