import EnrollmentDemand
import SchoolNetwork
import ScenarioModel

/// Sends each area's pupils to the schools open each year by the attendance shares of
/// `AttendanceShares` (the base year's attendance, carried forward and moved by the plan;
/// `AttendanceShareTable`):
/// ```
/// E(t, j, s) = Σ_i E(t, i, s) · S(t, i, s, j)        unserved(t, i, s) = E(t, i, s) · (1 − Σ_j S(t, i, s, j))
/// ```
/// In an observed base year every school of `schools.csv` holds its recorded pupils exactly.
/// With demand from school records (grade progression) the pupils are already at their schools;
/// those of a school a plan has closed are unserved.
public enum AttendanceAllocation {
    /// - Parameters:
    ///   - pupilsOnly: only the schools' pupils and the unserved — no flows (`Allocation.flows`: travel,
    ///     pupils relocated) and no catchment population — for runs made by the thousand (the draws).
    ///   - shares: the network's shares when already computed (`AttendanceShareTable`).
    public static func allocate(_ demand: Demand, scenario: Scenario, schooling: Schooling, network: NetworkTimeline,
                                pupilsOnly: Bool = false, shares known: AttendanceShareTable? = nil) -> Allocation {
        if let recorded = demand.schoolPupils { return fromSchoolRecords(recorded, demand: demand, network: network) }
        let table = known ?? AttendanceShareTable(demand: demand, scenario: scenario, schooling: schooling, network: network)
        let schools = network.schools.count
        let years = demand.years
        let areas = demand.areas.count
        var pupils = [Double](repeating: 0, count: years.count * schools * Slot.count)
        var population = [Double](repeating: 0, count: pupilsOnly ? 0 : pupils.count)
        var unserved = [Double](repeating: 0, count: demand.pupils.count)
        var flows = [[Allocation.Flow]](repeating: [], count: pupilsOnly ? 0 : demand.pupils.count)
        for year in years {
            let y = year - years.lowerBound
            let shares = table.shares[table.yearIndex[y]]
            for a in 0..<areas {
                let d = (y * areas + a) * Slot.count
                for slot in Slot.all {
                    let k = d + slot.index
                    let n = demand.pupils[k]
                    let list = shares[a * Slot.count + slot.index]
                    var placed = 0.0
                    for (s, share) in list {
                        let o = (y * schools + s) * Slot.count + slot.index
                        pupils[o] += n * share
                        placed += share
                    }
                    unserved[k] = n * max(0, 1 - placed)
                    if !pupilsOnly {
                        let c = demand.schoolAgePopulation[k]
                        for (s, share) in list { population[(y * schools + s) * Slot.count + slot.index] += c * share }
                        flows[k] = list.map { Allocation.Flow(school: $0.school, pupils: n * $0.share, minutes: table.minutes(area: a, school: $0.school)) }
                    }
                }
            }
        }
        if demand.attendance != nil { holdStatistics(&pupils, schooling: schooling, network: network) }
        return Allocation(network: network, pupils: pupils, catchmentPopulation: pupilsOnly ? nil : population, demand: demand, flows: flows,
                          unserved: unserved)
    }

    /// The observed base year is the statistics themselves: each school of `schools.csv` the plan leaves
    /// as it is in the base year holds exactly its recorded pupils (the attendance adds up to them up to
    /// rounding in the last bits).
    private static func holdStatistics(_ pupils: inout [Double], schooling: Schooling, network: NetworkTimeline) {
        let year = network.years.lowerBound
        for (s, school) in schooling.schools.enumerated() where network.school(s, in: year) == school {
            guard let observed = school.observed else { continue }
            for slot in school.slots {
                let o = s * Slot.count + slot.index
                if abs(pupils[o] - observed.pupils(slot)) <= 1e-6 * max(1, observed.pupils(slot)) { pupils[o] = observed.pupils(slot) }
            }
        }
    }

    /// Grade progression: pupils are already at schools; re-index them, and count those of schools
    /// closed in a year as unserved (at the school's area).
    private static func fromSchoolRecords(_ recorded: [Double], demand: Demand, network: NetworkTimeline) -> Allocation {
        let years = demand.years
        let schools = network.schools
        let position = Dictionary(uniqueKeysWithValues: demand.schools.enumerated().map { ($1, $0) })
        let areaIndex = Dictionary(uniqueKeysWithValues: demand.areas.enumerated().map { ($1, $0) })
        var pupils = [Double](repeating: 0, count: years.count * schools.count * Slot.count)
        var unserved = [Double](repeating: 0, count: demand.pupils.count)
        for year in years {
            let y = year - years.lowerBound
            for (s, school) in schools.enumerated() {
                guard let r = position[school.id] else { continue }
                let source = (y * demand.schools.count + r) * Slot.count
                if network.school(s, in: year) != nil {
                    for k in 0..<Slot.count { pupils[(y * schools.count + s) * Slot.count + k] = recorded[source + k] }
                } else if let a = areaIndex[school.community ?? school.district] {
                    for k in 0..<Slot.count { unserved[(y * demand.areas.count + a) * Slot.count + k] += recorded[source + k] }
                }
            }
        }
        return Allocation(network: network, pupils: pupils, catchmentPopulation: nil, demand: demand, flows: [], unserved: unserved)
    }
}

/// The attendance shares of a network in every year (`AttendanceShares`), computed when the network
/// changes. Runs that share the base year's attendance and differ in their projection only (the
/// uncertainty draws) share the table when the network builds no school: a new school's catchment is
/// drawn with its opening year's pupils, which differ from run to run (`reusable`).
public struct AttendanceShareTable: Sendable {
    /// Shares by area × Slot.count + slot, one list per distinct network.
    let shares: [[[(school: Int, share: Double)]]]
    /// For each year, the index of its shares.
    let yearIndex: [Int]
    /// Minutes from area to school, `areas × schools`; nil where unknown.
    private let minutes: [Double?]
    private let schoolCount: Int
    /// False when the shares depend on the run's pupils (the network builds a school).
    public let reusable: Bool

    public init(demand: Demand, scenario: Scenario, schooling: Schooling, network: NetworkTimeline) {
        let table = AttendanceShares(demand: demand, scenario: scenario, schooling: schooling, network: network)
        var shares: [[[(school: Int, share: Double)]]] = []
        var index: [Int] = []
        for year in network.years {
            if !network.unchanged(from: year) { shares.append(table.shares(in: year)) }
            index.append(shares.count - 1)
        }
        self.shares = shares
        yearIndex = index
        minutes = table.minutes
        schoolCount = network.schools.count
        reusable = network.existingCount == network.schools.count
    }

    func minutes(area: Int, school: Int) -> Double? { minutes[area * schoolCount + school] }
}
