import EnrollmentDemand
import ScenarioModel

/// Sends each area's pupils to schools (划片招生、就近入学), slot by slot, by these rules in order:
///
/// 1. **Catchment**: `catchments.csv` names the school for an area and stage (a district's row holds
///    for its villages without their own); it takes the grades of the stage it teaches.
/// 2. **County-wide senior stage**: grades 10–12 (general and vocational) with no catchment are pooled
///    over the county and shared among the schools teaching the slot in proportion to their seats —
///    the county seat's high schools serve the whole county.
/// 3. **Nearest school** teaching the slot, by `TravelModel` minutes; ties go to the lower school id.
///    An area without a location goes to the lowest-id school teaching the slot in its district.
///
/// Pupils of a slot no school teaches (or none reachable by the rules) are `unserved`.
public enum CatchmentAllocation {
    public static func allocate(_ demand: Demand, scenario: Scenario, schooling: Schooling) -> Allocation {
        let schools = schooling.schools
        let years = demand.years
        if let recorded = demand.schoolPupils {
            return fromSchoolRecords(recorded, demand: demand, schools: schools, recordedOrder: demand.schools)
        }
        let travel = TravelModel(scenario: scenario, schooling: schooling)
        let areas = demand.areas
        let districtOf: [AreaID: AreaID] = Dictionary(uniqueKeysWithValues:
            scenario.communities.map { ($0.id, $0.district) } + scenario.districts.map { ($0.id, $0.id) })
        var catchment: [AreaID: [Stage: Int]] = [:]
        let schoolIndex = Dictionary(uniqueKeysWithValues: schools.enumerated().map { ($1.id, $0) })
        for c in schooling.catchments { catchment[c.area, default: [:]][c.stage] = schoolIndex[c.school] }

        var assignment = [Int?](repeating: nil, count: areas.count * Slot.count)
        var minutes = [Double?](repeating: nil, count: areas.count * Slot.count)
        var pooled = [Bool](repeating: false, count: areas.count * Slot.count)
        for (a, area) in areas.enumerated() {
            let district = districtOf[area] ?? area
            for slot in Slot.all {
                let k = a * Slot.count + slot.index
                let named = catchment[area]?[slot.stage] ?? catchment[district]?[slot.stage]
                if let s = named, schools[s].teaches(slot) {
                    assignment[k] = s
                } else if slot.stage == .senior || slot.stage == .vocational {
                    pooled[k] = true
                    continue
                } else {
                    assignment[k] = nearest(slot, from: area, district: district, schools: schools, travel: travel)
                }
                if let s = assignment[k] { minutes[k] = travel.minutes(from: area, to: schools[s]) }
            }
        }
        // Pool shares for county-wide slots: seats of each school teaching the slot.
        let poolShares: [[(school: Int, share: Double)]] = Slot.all.map { slot in
            let seats = schools.enumerated().compactMap { i, s -> (Int, Double)? in
                s.teaches(slot) ? (i, Double(s.classrooms[slot.stage] ?? 0) * Double(schooling.classSizes.standard(slot, kind: s.kind))) : nil
            }
            let total = seats.reduce(0) { $0 + $1.1 }
            if total > 0 { return seats.map { ($0.0, $0.1 / total) } }
            return seats.map { ($0.0, 1 / Double(seats.count)) }
        }

        var pupils = [Double](repeating: 0, count: years.count * schools.count * Slot.count)
        var population = [Double](repeating: 0, count: pupils.count)
        var unserved = [Double](repeating: 0, count: demand.pupils.count)
        for year in years {
            let y = year - years.lowerBound
            for a in areas.indices {
                let d = (y * areas.count + a) * Slot.count
                for slot in Slot.all {
                    let k = a * Slot.count + slot.index
                    let n = demand.pupils[d + slot.index], c = demand.schoolAgePopulation[d + slot.index]
                    let targets: [(school: Int, share: Double)] = pooled[k] ? poolShares[slot.index]
                        : assignment[k].map { [($0, 1.0)] } ?? []
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
        return Allocation(years: years, schools: schools, pupils: pupils, catchmentPopulation: population, demand: demand,
                          assignment: assignment, minutes: minutes, unserved: unserved)
    }

    /// The nearest school teaching `slot`; ties to the lower id.
    static func nearest(_ slot: Slot, from area: AreaID, district: AreaID, schools: [School], travel: TravelModel) -> Int? {
        var best: (index: Int, minutes: Double)?
        for (i, s) in schools.enumerated() where s.teaches(slot) {
            guard let m = travel.minutes(from: area, to: s) else { continue }
            if let b = best, m > b.minutes || (m == b.minutes && s.id > schools[b.index].id) { continue }
            best = (i, m)
        }
        if let best { return best.index }
        return schools.indices.filter { schools[$0].district == district && schools[$0].teaches(slot) }
            .min { schools[$0].id < schools[$1].id }
    }

    /// Grade progression: pupils are already at schools; only re-index them.
    private static func fromSchoolRecords(_ recorded: [Double], demand: Demand, schools: [School], recordedOrder: [SchoolID]) -> Allocation {
        let years = demand.years
        let position = Dictionary(uniqueKeysWithValues: recordedOrder.enumerated().map { ($1, $0) })
        var pupils = [Double](repeating: 0, count: years.count * schools.count * Slot.count)
        for y in 0..<years.count {
            for (s, school) in schools.enumerated() {
                guard let r = position[school.id] else { continue }
                for k in 0..<Slot.count {
                    pupils[(y * schools.count + s) * Slot.count + k] = recorded[(y * recordedOrder.count + r) * Slot.count + k]
                }
            }
        }
        return Allocation(years: years, schools: schools, pupils: pupils, catchmentPopulation: nil, demand: demand,
                          assignment: [], minutes: [], unserved: [Double](repeating: 0, count: demand.pupils.count))
    }
}
