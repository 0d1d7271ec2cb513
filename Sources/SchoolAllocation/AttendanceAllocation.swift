import EnrollmentDemand
import SchoolNetwork
import ScenarioModel

/// Sends each area's pupils to the schools open each year by the attendance shares of
/// `AttendanceShares` (the base year's attendance, carried forward and moved by the plan):
/// ```
/// E(t, j, s) = Σ_i E(t, i, s) · S(t, i, s, j)        unserved(t, i, s) = E(t, i, s) · (1 − Σ_j S(t, i, s, j))
/// ```
/// In an observed base year every school of `schools.csv` holds its recorded pupils exactly.
/// With demand from school records (grade progression) the pupils are already at their schools;
/// those of a school a plan has closed are unserved.
public enum AttendanceAllocation {
    public static func allocate(_ demand: Demand, scenario: Scenario, schooling: Schooling, network: NetworkTimeline) -> Allocation {
        if let recorded = demand.schoolPupils { return fromSchoolRecords(recorded, demand: demand, network: network) }
        let schools = network.schools.count
        let years = demand.years
        let areas = demand.areas.count
        let table = AttendanceShares(demand: demand, scenario: scenario, schooling: schooling, network: network)
        var pupils = [Double](repeating: 0, count: years.count * schools * Slot.count)
        var population = [Double](repeating: 0, count: pupils.count)
        var unserved = [Double](repeating: 0, count: demand.pupils.count)
        var flows = [[Allocation.Flow]](repeating: [], count: demand.pupils.count)
        var shares: [[AttendanceShares.Share]] = []
        for year in years {
            let y = year - years.lowerBound
            if !network.unchanged(from: year) { shares = table.shares(in: year) }
            for a in 0..<areas {
                let d = (y * areas + a) * Slot.count
                for slot in Slot.all {
                    let k = d + slot.index
                    let n = demand.pupils[k], c = demand.schoolAgePopulation[k]
                    var placed = 0.0
                    var out: [Allocation.Flow] = []
                    for (s, share) in shares[a * Slot.count + slot.index] where share > 0 {
                        let o = (y * schools + s) * Slot.count + slot.index
                        pupils[o] += n * share
                        population[o] += c * share
                        placed += share
                        out.append(Allocation.Flow(school: s, pupils: n * share, minutes: table.minutes(area: a, school: s)))
                    }
                    flows[k] = out
                    unserved[k] = n * max(0, 1 - placed)
                }
            }
        }
        if demand.attendance != nil { holdStatistics(&pupils, schooling: schooling, network: network) }
        return Allocation(network: network, pupils: pupils, catchmentPopulation: population, demand: demand, flows: flows, unserved: unserved)
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
