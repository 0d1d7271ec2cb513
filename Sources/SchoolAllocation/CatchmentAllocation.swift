import EnrollmentDemand
import SchoolNetwork
import ScenarioModel

/// Sends each area's pupils to the schools open that year (划片招生、就近入学), slot by slot, by these
/// rules in order:
///
/// 1. **Catchment**: the first catchment (a plan's, then `catchments.csv`) naming the area — or its
///    district — for the slot, in force that year, whose school is open and teaches the slot.
/// 2. **County-wide senior stage**: grades 10–12 (general and vocational) with no catchment are pooled
///    over the county and shared among the schools teaching the slot in proportion to their seats —
///    the county seat's high schools serve the whole county.
/// 3. **Nearest school** teaching the slot, by `TravelModel` minutes; ties go to the lower school id.
///    An area without a location goes to the lowest-id school teaching the slot in its district.
///
/// Pupils of a slot no school teaches (or none reachable by the rules) are `unserved`. With demand
/// from school records (grade progression) the pupils are already at their schools; those of a
/// school a plan has closed are unserved.
public enum CatchmentAllocation {
    public static func allocate(_ demand: Demand, scenario: Scenario, schooling: Schooling, network: NetworkTimeline) -> Allocation {
        if let recorded = demand.schoolPupils { return fromSchoolRecords(recorded, demand: demand, network: network) }
        let schools = network.schools
        let years = demand.years
        let areas = demand.areas
        let travel = TravelModel(scenario: scenario, schools: schools, travel: schooling.travel)
        let districtOf: [AreaID: AreaID] = Dictionary(uniqueKeysWithValues:
            scenario.communities.map { ($0.id, $0.district) } + scenario.districts.map { ($0.id, $0.id) })
        let perYear = areas.count * Slot.count
        var assignment = [Int?](repeating: nil, count: years.count * perYear)
        var minutes = [Double?](repeating: nil, count: years.count * perYear)
        var pupils = [Double](repeating: 0, count: years.count * schools.count * Slot.count)
        var population = [Double](repeating: 0, count: pupils.count)
        var unserved = [Double](repeating: 0, count: demand.pupils.count)
        var pooled = [Bool](repeating: false, count: perYear)
        var poolShares: [[(school: Int, share: Double)]] = []

        for year in years {
            let y = year - years.lowerBound
            if network.unchanged(from: year) {
                for k in 0..<perYear {
                    assignment[y * perYear + k] = assignment[(y - 1) * perYear + k]
                    minutes[y * perYear + k] = minutes[(y - 1) * perYear + k]
                }
            } else {
                let open = network.open(in: year)
                let isOpen = Set(open.map(\.index))
                let index = Dictionary(uniqueKeysWithValues: open.map { ($0.school.id, $0.index) })
                for (a, area) in areas.enumerated() {
                    let district = districtOf[area] ?? area
                    for slot in Slot.all {
                        let k = a * Slot.count + slot.index
                        let named = network.catchments.first { c in
                            (c.area == area || c.area == district) && c.covers(slot, year: year)
                                && (index[c.school].flatMap { network.school($0, in: year) }?.teaches(slot) ?? false)
                        }.flatMap { index[$0.school] }
                        var chosen: Int?
                        if let s = named {
                            chosen = s
                        } else if slot.stage == .senior || slot.stage == .vocational {
                            pooled[k] = true
                        } else {
                            chosen = nearest(slot, from: area, district: district, open: open, travel: travel)
                        }
                        if chosen != nil { pooled[k] = false }
                        assignment[y * perYear + k] = chosen
                        minutes[y * perYear + k] = chosen.flatMap { isOpen.contains($0) ? travel.minutes(from: area, to: schools[$0]) : nil }
                    }
                }
                poolShares = Slot.all.map { slot in
                    let seats = open.compactMap { i, s -> (Int, Double)? in
                        s.teaches(slot) ? (i, Double(s.classrooms[slot.stage] ?? 0) * Double(schooling.classSizes.standard(slot, kind: s.kind))) : nil
                    }
                    let total = seats.reduce(0) { $0 + $1.1 }
                    if total > 0 { return seats.map { ($0.0, $0.1 / total) } }
                    return seats.map { ($0.0, 1 / Double(seats.count)) }
                }
            }
            for a in areas.indices {
                let d = (y * areas.count + a) * Slot.count
                for slot in Slot.all {
                    let k = a * Slot.count + slot.index
                    let n = demand.pupils[d + slot.index], c = demand.schoolAgePopulation[d + slot.index]
                    let targets: [(school: Int, share: Double)] = pooled[k] ? poolShares[slot.index]
                        : assignment[y * perYear + k].map { [($0, 1.0)] } ?? []
                    if targets.isEmpty {
                        unserved[d + slot.index] += n
                        continue
                    }
                    for (s, share) in targets {
                        let o = (y * schools.count + s) * Slot.count + slot.index
                        pupils[o] += n * share
                        population[o] += c * share
                    }
                }
            }
        }
        return Allocation(network: network, pupils: pupils, catchmentPopulation: population, demand: demand,
                          assignment: assignment, minutes: minutes, unserved: unserved)
    }

    /// The nearest open school teaching `slot`; ties to the lower id.
    static func nearest(_ slot: Slot, from area: AreaID, district: AreaID, open: [(index: Int, school: School)], travel: TravelModel) -> Int? {
        var best: (index: Int, minutes: Double, id: SchoolID)?
        for (i, s) in open where s.teaches(slot) {
            guard let m = travel.minutes(from: area, to: s) else { continue }
            if let b = best, m > b.minutes || (m == b.minutes && s.id > b.id) { continue }
            best = (i, m, s.id)
        }
        if let best { return best.index }
        return open.filter { $0.school.district == district && $0.school.teaches(slot) }.min { $0.school.id < $1.school.id }?.index
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
        return Allocation(network: network, pupils: pupils, catchmentPopulation: nil, demand: demand,
                          assignment: [], minutes: [], unserved: unserved)
    }
}
