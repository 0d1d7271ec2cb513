import EnrollmentDemand
import SchoolAllocation
import ScenarioModel

/// A seat warning (学位预警).
public enum Warning: String, Sendable, Comparable {
    case green, yellow, red

    public var nameZH: String { self == .red ? "红色" : self == .yellow ? "黄色" : "绿色" }

    private var rank: Int { self == .green ? 0 : self == .yellow ? 1 : 2 }
    public static func < (lhs: Warning, rhs: Warning) -> Bool { lhs.rank < rhs.rank }
}

/// One row of the seat-gap table: a school, district or the county, one stage, one year.
public struct SeatGapRow: Sendable, Equatable {
    public enum Level: String, Sendable { case school, district, county }

    public let level: Level
    public let id: String
    public let stage: Stage
    public let year: Int
    /// Children of the stage's ages (school: in the areas it serves; district: resident; nil when unknown).
    public let schoolAgePopulation: Double?
    public let demand: Double
    /// Pupils at the schools (`demand` less the residents without a school of the stage).
    public let enrolled: Double
    public let seats: Double
    public let classesNeeded: Int
    public let classrooms: Int
    public let formation: ClassFormation
    public let warning: Warning

    /// `demand − seats`: positive is a shortage.
    public var gap: Double { demand - seats }
    /// `demand ÷ seats`; nil without seats.
    public var utilisation: Double? { seats > 0 ? demand / seats : nil }
    /// `pupils at the schools ÷ classes` (平均班额); nil without classes.
    public var averageClassSize: Double? { formation.classes > 0 ? enrolled / Double(formation.classes) : nil }
    public var bigClassShare: Double? { formation.classes > 0 ? Double(formation.bigClasses) / Double(formation.classes) : nil }
}

/// The seat-gap table: demand against seats for every school, district and the county, by stage and
/// year.
///
/// For a school and stage, with grades g of standard class `s_g` (`ClassSizes`) and `C` classrooms:
/// ```
/// seats          = C · mean(s_g over the school's grades of the stage)
/// classes needed = Σ_g ⌈p_g / s_g⌉
/// gap            = demand − seats            utilisation = demand / seats
/// warning        = red if demand > seats, yellow if utilisation ≥ the yellow band (0.90), else green
/// ```
/// classes, big classes and the average class from `ClassFormation`: the statistics' classes in an
/// observed base year, the classes the classrooms form in other years. A district's row sums its
/// schools, adds its residents who have no school for the stage, and gives the resident school-age
/// population; the county sums all.
public enum SeatGapTable {
    public static func compute(_ allocation: Allocation, scenario: Scenario, schooling: Schooling) -> [SeatGapRow] {
        let years = allocation.years
        var rows: [SeatGapRow] = []
        let districtOf = scenario.districtOfArea
        let demand = allocation.demand
        for year in years {
            var byDistrict: [AreaID: [Stage: Accumulator]] = [:]
            var county: [Stage: Accumulator] = [:]
            for (s, school) in allocation.network.open(in: year) {
                for stage in school.stages {
                    let slots = school.slots.filter { $0.stage == stage }
                    let perGrade = slots.map { allocation.pupils(year: year, school: s, slot: $0) }
                    let standard = slots.map { schooling.classSizes.standard($0, kind: school.kind) }
                    let needed = ClassFormation.needed(pupils: perGrade, standard: standard).reduce(0, +)
                    let formation = classes(school, index: s, stage: stage, slots: slots, pupils: perGrade, year: year,
                                            allocation: allocation, schooling: schooling)
                    let population = allocation.catchmentPopulation.map { pop in
                        slots.reduce(0.0) { $0 + pop[allocation.offset(year: year, school: s) + $1.index] }
                    }
                    let row = Accumulator(population: population, demand: perGrade.reduce(0, +), seats: schooling.classSizes.seats(school, stage),
                                          classesNeeded: needed, classrooms: school.classrooms[stage] ?? 0, formation: formation)
                    rows.append(row.row(.school, school.id.rawValue, stage, year, schooling.warnings))
                    byDistrict[school.district, default: [:]][stage, default: Accumulator()].add(row, population: false)
                    county[stage, default: Accumulator()].add(row, population: false)
                }
            }
            // Residents: school-age population and pupils without a school, by district.
            for (a, area) in demand.areas.enumerated() {
                let district = districtOf[area] ?? area
                let o = demand.offset(year: year, area: a)
                for stage in Stage.allCases {
                    let slots = stage.grades.map { Slot(stage, $0).index }
                    let population = slots.reduce(0.0) { $0 + demand.schoolAgePopulation[o + $1] }
                    let unserved = slots.reduce(0.0) { $0 + allocation.unserved[o + $1] }
                    byDistrict[district, default: [:]][stage, default: Accumulator()].addResidents(population: population, unserved: unserved)
                    county[stage, default: Accumulator()].addResidents(population: population, unserved: unserved)
                }
            }
            for district in scenario.districts {
                for stage in Stage.allCases {
                    guard let acc = byDistrict[district.id]?[stage], acc.hasContent else { continue }
                    rows.append(acc.row(.district, district.id.rawValue, stage, year, schooling.warnings))
                }
            }
            for stage in Stage.allCases {
                guard let acc = county[stage], acc.hasContent else { continue }
                rows.append(acc.row(.county, "county", stage, year, schooling.warnings))
            }
        }
        return rows
    }

    /// A school stage's classes: the statistics' in the observed base year (for a school the plan
    /// leaves as it stands), else formed by the classrooms.
    static func classes(_ school: School, index s: Int, stage: Stage, slots: [Slot], pupils: [Double], year: Int,
                        allocation: Allocation, schooling: Schooling) -> ClassFormation {
        let sizes = schooling.classSizes
        let bands = slots.map { sizes.bands($0) }
        if year == allocation.years.lowerBound, s < allocation.network.existingCount, school == schooling.schools[s],
           let observed = school.observed, let classes = observed.classes[stage] {
            return .observed(pupils: pupils, classes: classes, grades: slots.map(\.grade), bands: bands,
                             bigClasses: observed.bigClasses[stage], superBigClasses: observed.superBigClasses[stage])
        }
        return .projected(pupils: pupils, standard: slots.map { sizes.standard($0, kind: school.kind) }, bands: bands,
                          classrooms: school.classrooms[stage] ?? 0)
    }

    /// Warning band of a demand against seats.
    public static func warning(demand: Double, seats: Double, thresholds: WarningThresholds) -> Warning {
        if demand > seats * thresholds.red + 1e-9 { return .red }
        if seats > 0 && demand / seats >= thresholds.yellow { return .yellow }
        return .green
    }
}

/// Sums of a seat-gap row's quantities.
struct Accumulator {
    var population: Double?
    var demand = 0.0
    var enrolled = 0.0
    var seats = 0.0
    var classesNeeded = 0
    var classrooms = 0
    var classes = 0
    var big = 0
    var superBig = 0
    var largest = 0

    init() {}

    init(population: Double?, demand: Double, seats: Double, classesNeeded: Int, classrooms: Int, formation: ClassFormation) {
        self.population = population
        self.demand = demand
        enrolled = demand
        self.seats = seats
        self.classesNeeded = classesNeeded
        self.classrooms = classrooms
        classes = formation.classes
        big = formation.bigClasses
        superBig = formation.superBigClasses
        largest = formation.largest
    }

    var hasContent: Bool { seats > 0 || demand > 0 || (population ?? 0) > 0 }

    mutating func add(_ other: Accumulator, population includePopulation: Bool) {
        if includePopulation, let p = other.population { population = (population ?? 0) + p }
        demand += other.demand
        enrolled += other.enrolled
        seats += other.seats
        classesNeeded += other.classesNeeded
        classrooms += other.classrooms
        classes += other.classes
        big += other.big
        superBig += other.superBig
        largest = max(largest, other.largest)
    }

    mutating func addResidents(population p: Double, unserved: Double) {
        population = (population ?? 0) + p
        demand += unserved
    }

    func row(_ level: SeatGapRow.Level, _ id: String, _ stage: Stage, _ year: Int, _ thresholds: WarningThresholds) -> SeatGapRow {
        SeatGapRow(level: level, id: id, stage: stage, year: year, schoolAgePopulation: population, demand: demand, enrolled: enrolled, seats: seats,
                   classesNeeded: classesNeeded, classrooms: classrooms,
                   formation: ClassFormation(classes: classes, bigClasses: big, superBigClasses: superBig, largest: largest),
                   warning: SeatGapTable.warning(demand: demand, seats: seats, thresholds: thresholds))
    }
}
