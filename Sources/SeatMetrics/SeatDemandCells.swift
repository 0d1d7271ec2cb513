import EnrollmentDemand
import SchoolAllocation
import ScenarioModel

/// Demand and seats of every school, district and the county by stage and year in flat arrays: the
/// `demand` and `seats` of `SeatGapTable` without its classes, for runs made by the thousand (the
/// uncertainty draws) and for the seats short of a plan.
/// ```
/// demand(j, σ, t) = Σ_{grades g of σ} pupils(t, j, g)          seats(j, σ, t) of school j as open in t (0 when closed)
/// demand(d, σ, t) = Σ_{j in d} demand(j, σ, t) + unserved residents of d      seats(d) = Σ_{j in d} seats(j)
/// demand(county)  = Σ_d demand(d, σ, t)                                       seats(county) = Σ_j seats(j)
/// short(σ, t)     = Σ_j max(0, demand(j, σ, t) − seats(j, σ, t)) + unserved(σ, t)   (seats short at the schools)
/// ```
/// Entities are the network's schools (existing, then built), the districts in scenario order, and
/// the county last; cells are indexed `((year − base) · entities + entity) · stages + stage`.
public struct SeatDemandCells: Sendable {
    public let years: ClosedRange<Int>
    public let schools: [SchoolID]
    public let districts: [AreaID]
    public let demand: [Double]
    public let seats: [Double]
    /// Residents without a school of the stage, county-wide, by `(year − base) · stages + stage`.
    public let unserved: [Double]

    public var entityCount: Int { schools.count + districts.count + 1 }
    public var county: Int { schools.count + districts.count }
    /// The stages, in `Stage.index` order.
    public static let stages = Stage.allCases

    @inlinable public func index(year: Int, entity: Int, stage: Int) -> Int {
        ((year - years.lowerBound) * entityCount + entity) * Self.stages.count + stage
    }

    /// A school's grade that adds its pupils to cells: pupils at `pupil` of `Allocation.pupils`, to the
    /// school's, its district's and the county's cells `(school, district, county)` (district −1 when
    /// the school's district is not in the scenario).
    struct Entry { let pupil: Int; let school: Int; let district: Int; let county: Int }
    /// By year: the entries of the schools open.
    private let entries: [[Entry]]
    /// Each area's district entity (−1 when unknown).
    private let areaDistrict: [Int]

    public init(_ allocation: Allocation, scenario: Scenario, schooling: Schooling) {
        years = allocation.years
        let schoolCount = allocation.schools.count
        schools = allocation.schools.map(\.id)
        districts = scenario.districts.map(\.id)
        let stageCount = Self.stages.count
        let entities = schoolCount + districts.count + 1
        let county = schoolCount + districts.count
        var seats = [Double](repeating: 0, count: years.count * entities * stageCount)
        let districtIndex = Dictionary(uniqueKeysWithValues: scenario.districts.enumerated().map { ($1.id, schoolCount + $0) })
        let districtOf = scenario.districtOfArea
        areaDistrict = allocation.demand.areas.map { districtIndex[districtOf[$0] ?? $0] ?? -1 }
        var entries: [[Entry]] = []
        for year in years {
            let base = (year - years.lowerBound) * entities * stageCount
            var list: [Entry] = []
            for (s, school) in allocation.network.open(in: year) {
                let d = districtIndex[school.district]
                for slot in school.slots {
                    let k = slot.stage.index
                    list.append(Entry(pupil: allocation.offset(year: year, school: s) + slot.index, school: base + s * stageCount + k,
                                      district: d.map { base + $0 * stageCount + k } ?? -1, county: base + county * stageCount + k))
                }
                for stage in school.stages {
                    let n = schooling.classSizes.seats(school, stage)
                    seats[base + s * stageCount + stage.index] = n
                    if let d { seats[base + d * stageCount + stage.index] += n }
                    seats[base + county * stageCount + stage.index] += n
                }
            }
            entries.append(list)
        }
        self.entries = entries
        self.seats = seats
        (demand, unserved) = Self.demand(allocation, entries: entries, areaDistrict: areaDistrict, years: years, cells: seats.count, county: county)
    }

    /// The same cells for another allocation on the same network and scenario (another draw): only the
    /// demand is counted again.
    public init(_ allocation: Allocation, layout: SeatDemandCells) {
        years = layout.years
        schools = layout.schools
        districts = layout.districts
        seats = layout.seats
        entries = layout.entries
        areaDistrict = layout.areaDistrict
        (demand, unserved) = Self.demand(allocation, entries: entries, areaDistrict: areaDistrict, years: years, cells: seats.count,
                                         county: layout.county)
    }

    private static func demand(_ allocation: Allocation, entries: [[Entry]], areaDistrict: [Int], years: ClosedRange<Int>, cells: Int,
                               county: Int) -> (demand: [Double], unserved: [Double]) {
        let stageCount = stages.count
        let entities = cells / (years.count * stageCount)
        var demand = [Double](repeating: 0, count: cells)
        var unserved = [Double](repeating: 0, count: years.count * stageCount)
        let stageOfSlot = Slot.all.map(\.stage.index)
        for (y, list) in entries.enumerated() {
            for e in list {
                let p = allocation.pupils[e.pupil]
                demand[e.school] += p
                if e.district >= 0 { demand[e.district] += p }
                demand[e.county] += p
            }
            let base = y * entities * stageCount
            for a in areaDistrict.indices {
                let o = allocation.demand.offset(year: years.lowerBound + y, area: a)
                for slot in 0..<Slot.count {
                    let u = allocation.unserved[o + slot]
                    guard u != 0 else { continue }
                    let k = stageOfSlot[slot]
                    if areaDistrict[a] >= 0 { demand[base + areaDistrict[a] * stageCount + k] += u }
                    demand[base + county * stageCount + k] += u
                    unserved[y * stageCount + k] += u
                }
            }
        }
        return (demand, unserved)
    }

    /// A school, district, county or stage is short when its demand exceeds its seats (or the seats short
    /// at its schools, `short`) by more than half a pupil: fractions of a pupil are projection, not children.
    public static func isShort(_ excess: Double) -> Bool { excess > 0.5 }

    /// Seats short at the schools of the stage with index `k` (`Stage.index`) in `year`, with the unserved.
    public func short(stage k: Int, year: Int) -> Double {
        var sum = unserved[(year - years.lowerBound) * Self.stages.count + k]
        for s in schools.indices {
            let i = index(year: year, entity: s, stage: k)
            sum += max(0, demand[i] - seats[i])
        }
        return sum
    }
}
