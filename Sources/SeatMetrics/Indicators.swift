import Demography
import EnrollmentDemand
import SchoolAllocation
import ScenarioModel

/// The county's education indicators by their official definitions (口径), year by year.
///
/// With `E` pupils enrolled at the county's schools (all of them, public and private, whatever the
/// seats: uncapped), `O` residents studying outside the county (`out_of_county.csv`) and `C` the
/// children of the stage's ages (`SchoolAgePopulation`; K1–K3 at 3–5, grades 10–12 at 15–17 at the
/// school-year cut-off):
/// ```
/// 学前三年毛入园率   = (E_K + O_K) / C_K
/// 高中阶段毛入学率   = (E_senior + E_vocational + O_senior + O_vocational) / C_10–12
/// 毛入学率 (stage)   = (E + O) / C
/// 九年义务教育巩固率 = [E₉(t) / C₉(t)] ÷ [E₁(t−8) / C₁(t−8)]
/// 学位保障率 (stage) = Σ_schools min(E, seats) / (Σ E + unserved)      pupils with a standard seat
/// 公办园在园幼儿占比 = E_K in public kindergartens / E_K
/// 普惠性幼儿园覆盖率 = E_K in public or inclusive kindergartens / E_K
/// 大班额比例 (stage) = classes of big size / classes;   平均班额 = E / classes    (ClassFormation)
/// 超大班额班数       = super-big classes of primary, junior and general senior schools
/// 大校额学校数       = schools above their kind's size ceiling
/// 一乡一公办         = the fewest public kindergartens in any township
/// ```
/// The consolidation rate follows the cohort from grade 1 in year t−8 to grade 9 in year t, each as an
/// enrollment ratio, so children who die or move away are not counted as dropouts. Grade-1 pupils
/// before the base year come from `enrollment_history.csv` (county sum), and their cohort's children
/// from the base population counted back (the cohort's deaths and moves before the base year are
/// then not taken out, as in the official ratio of pupils to pupils). Without grade-1 pupils of year
/// t−8 the rate cannot be assessed.
public struct IndicatorRow: Sendable, Equatable {
    public let indicator: Indicator
    /// The stage for indicators given per stage.
    public let stage: Stage?
    public let year: Int
    public let value: Double?
    public let note: String?
}

/// The indicators `Indicators` computes.
public enum Indicator: String, CaseIterable, Sendable {
    case preschoolGrossEnrollment = "preschool_gross_enrollment"
    case highSchoolGrossEnrollment = "high_school_gross_enrollment"
    case grossEnrollment = "gross_enrollment"
    case compulsoryConsolidation = "compulsory_consolidation"
    case seatGuarantee = "seat_guarantee"
    case publicKindergartenShare = "public_kindergarten_share"
    case inclusiveKindergartenCoverage = "inclusive_kindergarten_coverage"
    case bigClassShare = "big_class_share"
    case averageClassSize = "average_class_size"
    case superBigClasses = "super_big_classes"
    case oversizedSchools = "oversized_schools"
    case publicKindergartensPerTownship = "public_kindergartens_per_township"

    /// The Chinese name, as the statistics print it.
    public func nameZH(_ stage: Stage?) -> String {
        let s = stage?.nameZH ?? ""
        switch self {
        case .preschoolGrossEnrollment: return "学前三年毛入园率"
        case .highSchoolGrossEnrollment: return "高中阶段毛入学率"
        case .grossEnrollment: return "\(s)毛入学率"
        case .compulsoryConsolidation: return "九年义务教育巩固率"
        case .seatGuarantee: return "\(s)学位保障率"
        case .publicKindergartenShare: return "公办园在园幼儿占比"
        case .inclusiveKindergartenCoverage: return "普惠性幼儿园覆盖率"
        case .bigClassShare: return stage == .kindergarten ? "学前大班额比例(超班额标准5人以上)" : "\(s)大班额比例(56人及以上)"
        case .averageClassSize: return "\(s)平均班额"
        case .superBigClasses: return "超大班额班数(66人及以上)"
        case .oversizedSchools: return "大校额学校数"
        case .publicKindergartensPerTownship: return "一乡一公办(每乡公办园数)"
        }
    }

    /// True for shares and rates (printed as %), false for counts and sizes.
    public var isRatio: Bool {
        switch self {
        case .averageClassSize, .superBigClasses, .oversizedSchools, .publicKindergartensPerTownship: return false
        default: return true
        }
    }
}

public enum Indicators {
    /// Stages whose classes count in 超大班额.
    static let superBigStages: [Stage] = [.primary, .junior, .senior]

    public static func compute(_ allocation: Allocation, rows: [SeatGapRow], scenario: Scenario, schooling: Schooling) -> [IndicatorRow] {
        let demand = allocation.demand
        var out: [IndicatorRow] = []
        let county = Dictionary(rows.filter { $0.level == .county }.map { ("\($0.stage.rawValue)|\($0.year)", $0) }, uniquingKeysWith: { a, _ in a })
        let townships = scenario.districts.filter { $0.kind == .township }
        let consolidation = Consolidation(allocation: allocation, scenario: scenario, schooling: schooling)
        for year in allocation.years {
            let open = allocation.network.open(in: year)
            func enrolled(_ stage: Stage, where include: (School) -> Bool = { _ in true }) -> Double {
                open.reduce(0) { include($1.school) ? $0 + allocation.pupils(year: year, school: $1.index, stage: stage) : $0 }
            }
            func children(_ stage: Stage) -> Double { demand.countyTotal(demand.schoolAgePopulation, year: year, stage: stage) }
            func outside(_ stage: Stage) -> Double { demand.countyTotal(demand.outOfCounty, year: year, stage: stage) }
            func add(_ i: Indicator, _ stage: Stage? = nil, _ value: Double?, note: String? = nil) {
                out.append(IndicatorRow(indicator: i, stage: stage, year: year, value: value, note: note))
            }
            add(.preschoolGrossEnrollment, nil, ratio(enrolled(.kindergarten) + outside(.kindergarten), children(.kindergarten)))
            add(.highSchoolGrossEnrollment, nil, ratio(enrolled(.senior) + enrolled(.vocational) + outside(.senior) + outside(.vocational),
                                                       children(.senior)))
            for stage in [Stage.kindergarten, .primary, .junior] {
                add(.grossEnrollment, stage, ratio(enrolled(stage) + outside(stage), children(stage)))
            }
            let rate = consolidation.rate(year)
            add(.compulsoryConsolidation, nil, rate, note: rate == nil ? "needs the grade-1 pupils of \(year - 8) (enrollment_history.csv)" : nil)
            for stage in Stage.allCases {
                let withSeat = open.reduce(0.0) { sum, e in
                    guard e.school.stages.contains(stage) else { return sum }
                    return sum + min(allocation.pupils(year: year, school: e.index, stage: stage), schooling.classSizes.seats(e.school, stage))
                }
                let unserved = demand.countyTotal(allocation.unserved, year: year, stage: stage)
                let all = enrolled(stage) + unserved
                if all > 0 { add(.seatGuarantee, stage, withSeat / all) }
            }
            let kindergarten = enrolled(.kindergarten)
            add(.publicKindergartenShare, nil, ratio(enrolled(.kindergarten) { $0.isPublic }, kindergarten))
            add(.inclusiveKindergartenCoverage, nil, ratio(enrolled(.kindergarten) { $0.isPublic || $0.isInclusive }, kindergarten))
            for stage in Stage.allCases {
                guard let row = county["\(stage.rawValue)|\(year)"], row.formation.classes > 0 else { continue }
                add(.bigClassShare, stage, row.bigClassShare)
                add(.averageClassSize, stage, row.averageClassSize)
            }
            add(.superBigClasses, nil, Double(superBigStages.reduce(0) { $0 + (county["\($1.rawValue)|\(year)"]?.formation.superBigClasses ?? 0) }))
            add(.oversizedSchools, nil, Double(open.filter { s, school in
                allocation.totalPupils(year: year, school: s) > Double(schooling.sizeCeilings[school.kind] ?? Int.max)
            }.count))
            if !townships.isEmpty {
                add(.publicKindergartensPerTownship, nil, Double(townships.map { d in
                    open.filter { $0.school.district == d.id && $0.school.isPublic && $0.school.stages.contains(.kindergarten) }.count
                }.min() ?? 0))
            }
        }
        return out
    }

    static func ratio(_ a: Double, _ b: Double) -> Double? { b > 0 ? a / b : nil }
}

/// 九年义务教育巩固率 from the cohorts (see `Indicators`).
struct Consolidation {
    let allocation: Allocation
    let scenario: Scenario
    let schooling: Schooling

    static let grade1 = Slot(.primary, Grade(number: 1))
    static let grade9 = Slot(.junior, Grade(number: 9))

    /// `[E₉(t)/C₉(t)] ÷ [E₁(t−8)/C₁(t−8)]`, nil when year t−8 has no grade-1 pupils.
    func rate(_ year: Int) -> Double? {
        guard let (e1, c1) = entrants(year - 8), e1 > 0, c1 > 0 else { return nil }
        let demand = allocation.demand
        let e9 = allocation.schools.indices.reduce(0.0) { $0 + allocation.pupils(year: year, school: $1, slot: Self.grade9) }
        let c9 = demand.areas.indices.reduce(0.0) { $0 + demand.schoolAgePopulation[demand.offset(year: year, area: $1) + Self.grade9.index] }
        guard c9 > 0 else { return nil }
        return (e9 / c9) / (e1 / c1)
    }

    /// Grade-1 pupils and children of grade-1 age in `year`: simulated from the base year on, else
    /// from the history and the base population counted back.
    private func entrants(_ year: Int) -> (pupils: Double, children: Double)? {
        let demand = allocation.demand
        if allocation.years.contains(year) {
            let e = allocation.schools.indices.reduce(0.0) { $0 + allocation.pupils(year: year, school: $1, slot: Self.grade1) }
            let c = demand.areas.indices.reduce(0.0) { $0 + demand.schoolAgePopulation[demand.offset(year: year, area: $1) + Self.grade1.index] }
            return (e, c)
        }
        let records = schooling.history.filter { $0.year == year && $0.grade == Self.grade1.grade }
        guard !records.isEmpty else { return nil }
        let base = allocation.years.lowerBound
        let shift = base - year
        // The cohort of grade 1 in `year` is `shift` years older in the base year: the children of
        // grade (1 + shift)'s age, on the base population's ages (φ as for every grade).
        let age = schooling.calendar.age(of: Self.grade1.grade) + shift
        let population = scenario.population
        let children = population.areas.indices.reduce(0.0) {
            $0 + SchoolAgePopulation.children(population.block($1), age: age, phi: schooling.calendar.shiftToNextAge)
        }
        return (records.reduce(0) { $0 + $1.pupils }, children)
    }
}
