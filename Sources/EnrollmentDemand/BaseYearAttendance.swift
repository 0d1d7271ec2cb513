import ScenarioModel

/// Who attends where in the base year (生源): for each projection area and slot, the pupils enrolled
/// at each school of the base network. Every school's pupils of each grade add up to its observed
/// enrollment exactly; each area's pupils are its recorded ones (`attendance.csv`) or, estimated, its
/// children of the grade's age at the county's in-county rate plus its migrant pupils
/// (`AttendanceCalibration`).
public struct BaseYearAttendance: Sendable {
    /// How the attendance was found.
    public enum Source: String, Sendable {
        /// From 学籍 records (`attendance.csv`), split into grades.
        case attendanceTable = "attendance.csv"
        /// Estimated by the doubly constrained gravity model.
        case gravity
    }

    /// One area's pupils of one slot at one school.
    public struct Flow: Sendable, Equatable {
        /// Index in `Schooling.schools`.
        public let school: Int
        public let pupils: Double
    }

    /// A row of the gravity model left short of its target (children with no school within reach).
    public struct Unmatched: Sendable, Equatable {
        public let area: Int
        public let slot: Slot
        public let pupils: Double
    }

    public let source: Source
    /// Number of projection areas.
    public let areaCount: Int
    /// `flows[area × Slot.count + slot.index]`: the area's pupils of the slot by school.
    public let flows: [[Flow]]
    /// In-county attendance rate of each area's resident children, `(Σ_j A − m) / C` (`ResidentRate`,
    /// within 0–2), by `area × Slot.count + slot.index`; where the area has fewer than half a child of
    /// the age, the county's.
    public let residentRate: [Double]
    /// Gravity rows that could not be filled (the balancing stopped short), with the pupils missing.
    public let unmatched: [Unmatched]

    public init(source: Source, areaCount: Int, flows: [[Flow]], residentRate: [Double], unmatched: [Unmatched]) {
        precondition(flows.count == areaCount * Slot.count && residentRate.count == flows.count)
        self.source = source
        self.areaCount = areaCount
        self.flows = flows
        self.residentRate = residentRate
        self.unmatched = unmatched
    }

    /// The flows of an area and slot.
    public func flows(area: Int, slot: Slot) -> [Flow] { flows[area * Slot.count + slot.index] }

    /// All pupils of an area and slot at the county's schools.
    public func pupils(area: Int, slot: Slot) -> Double { flows(area: area, slot: slot).reduce(0) { $0 + $1.pupils } }
}

/// The residents' enrollment rate of a stage or grade, the quantity a rate path gives:
/// ```
/// r = (pupils at the county's schools − migrant pupils + residents studying outside the county) / children
/// ```
/// nil without children.
public enum ResidentRate {
    public static func of(pupils: Double, migrants: Double, outOfCounty: Double, children: Double) -> Double? {
        children > 0 ? (pupils - migrants + outOfCounty) / children : nil
    }
}
