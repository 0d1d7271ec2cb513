import Demography
import EnrollmentDemand
import SchoolAllocation
import ScenarioModel

/// One target in one year: what the plan requires and what the simulated network achieves.
public struct TargetRow: Sendable, Equatable {
    public enum Comparison: String, Sendable { case atLeast = ">=", atMost = "<=" }

    public let target: String
    public let nameZH: String
    public let year: Int
    public let required: Double
    public let comparison: Comparison
    /// nil when it cannot be assessed (a note says why).
    public let achieved: Double?
    public let note: String?

    public var met: Bool? {
        guard let achieved else { return nil }
        switch comparison {
        case .atLeast: return achieved >= required - 1e-9
        case .atMost: return achieved <= required + 1e-9
        }
    }
}

/// Checks every target of the plan, year by year (`targets:` in `scenario.yaml`, plus the national
/// norms on class and school size, which always apply).
///
/// Enrollment-rate targets count the pupils the seats can take: at each school and stage,
/// `served = min(pupils, seats)` — children who find a seat at the school that serves them.
/// ```
/// 学前三年毛入园率   = Σ served (kindergarten) ÷ children of K1–K3 age
/// 高中阶段毛入学率   = Σ served (senior + vocational) ÷ children of grade 10–12 age
/// 九年义务教育巩固率 = [E₉(t) / C₉(t)] ÷ [E₁(t−8) / C₁(t−8)]   (from base + 8 on)
/// 公办园在园幼儿占比 = served in public kindergartens ÷ all served
/// 普惠性幼儿园覆盖率 = served in public or inclusive kindergartens ÷ all served
/// 大班额比例 (per compulsory stage) = classes of 56+ ÷ classes (ClassFormation)
/// 超大班额 = classes of 66+ (all stages);  大校额 = schools above their size ceiling
/// 一乡一公办 = the fewest public kindergartens in any township
/// ```
/// The consolidation rate compares the cohort's enrollment ratio in grade 9 with its ratio in grade 1
/// eight years earlier (E pupils, C children of the grade's age), so that children who move away or
/// die are not counted as dropouts; with the rate-based method it returns the consolidation input.
/// ```
/// concentration = pupils of the grades in schools in the listed places ÷ all their pupils
/// ```
public enum TargetCheck {
    public static func compute(_ allocation: Allocation, rows: [SeatGapRow], scenario: Scenario, schooling: Schooling) -> [TargetRow] {
        let t = schooling.targets
        let years = allocation.years
        var out: [TargetRow] = []
        func add(_ id: String, _ zh: String, _ path: YearPath?, _ cmp: TargetRow.Comparison, default value: Double? = nil,
                 note: String? = nil, _ achieved: (Int) -> Double?) {
            guard let path = path ?? value.map({ YearPath(constant: $0) }) else { return }
            let first = path.years.count == 1 ? years.lowerBound : max(years.lowerBound, path.years[0])
            guard first <= years.upperBound else { return }
            let required = path.sample(years: first...years.upperBound)
            for (i, year) in (first...years.upperBound).enumerated() {
                out.append(TargetRow(target: id, nameZH: zh, year: year, required: required[i], comparison: cmp,
                                     achieved: achieved(year), note: note))
            }
        }
        let served = Served(allocation, schooling)
        let demand = allocation.demand
        func cohort(_ slot: Slot, _ year: Int) -> Double {
            demand.areas.indices.reduce(0) { $0 + demand.schoolAgePopulation[demand.offset(year: year, area: $1) + slot.index] }
        }
        func cohort(_ stage: Stage, _ year: Int) -> Double { stage.grades.reduce(0) { $0 + cohort(Slot(stage, $1), year) } }
        func ratio(_ a: Double, _ b: Double) -> Double? { b > 0 ? a / b : nil }

        add("preschool_gross_enrollment", "学前三年毛入园率", t.preschoolGrossEnrollment, .atLeast) { y in
            ratio(served.total(y, [.kindergarten]), cohort(.kindergarten, y))
        }
        add("compulsory_consolidation", "九年义务教育巩固率", t.compulsoryConsolidation, .atLeast,
            note: "assessable from the base year + 8 (grade 1 eight years before grade 9)") { y in
            guard years.contains(y - 8) else { return nil }
            let g9 = Slot(.junior, Grade(number: 9)), g1 = Slot(.primary, Grade(number: 1))
            guard let rate9 = ratio(served.grade(y, g9), cohort(g9, y)), let rate1 = ratio(served.grade(y - 8, g1), cohort(g1, y - 8)) else { return nil }
            return ratio(rate9, rate1)
        }
        add("high_school_gross_enrollment", "高中阶段毛入学率", t.highSchoolGrossEnrollment, .atLeast) { y in
            ratio(served.total(y, [.senior, .vocational]), cohort(.senior, y))
        }
        add("public_kindergarten_share", "公办园在园幼儿占比", t.publicKindergartenShare, .atLeast) { y in
            ratio(served.total(y, [.kindergarten]) { $0.isPublic }, served.total(y, [.kindergarten]))
        }
        add("inclusive_kindergarten_coverage", "普惠性幼儿园覆盖率", t.inclusiveKindergartenCoverage, .atLeast) { y in
            ratio(served.total(y, [.kindergarten]) { $0.isPublic || $0.isInclusive }, served.total(y, [.kindergarten]))
        }
        for stage in [Stage.primary, .junior] {
            add("big_class_share.\(stage.rawValue)", "\(stage.nameZH)大班额比例(56人及以上)", t.bigClassShare, .atMost, default: 0.05) { y in
                rows.first { $0.level == .county && $0.stage == stage && $0.year == y }?.bigClassShare ?? 0
            }
        }
        add("super_big_classes", "超大班额班数(66人及以上)", t.superBigClasses, .atMost, default: 0) { y in
            Double(rows.filter { $0.level == .county && $0.year == y }.reduce(0) { $0 + $1.formation.superBigClasses })
        }
        add("oversized_schools", "大校额学校数", t.oversizedSchools, .atMost, default: 0) { y in
            Double(allocation.network.open(in: y).filter { s, school in
                allocation.totalPupils(year: y, school: s) > Double(schooling.sizeCeilings[school.kind] ?? Int.max)
            }.count)
        }
        let townships = scenario.districts.filter { $0.kind == .township }
        if !townships.isEmpty {
            add("public_kindergartens_per_township", "一乡一公办(每乡公办园数)", t.publicKindergartensPerTownship, .atLeast, default: 1) { y in
                let open = allocation.network.open(in: y).map(\.school)
                return Double(townships.map { d in
                    open.filter { $0.district == d.id && $0.isPublic && $0.stages.contains(.kindergarten) }.count
                }.min() ?? 0)
            }
        }
        add("disabled_children_enrollment", "残疾儿童少年入学率", t.disabledChildrenEnrollment, .atLeast,
            note: "not assessed: the scenario has no data on disabled children") { _ in nil }
        let placeOf = SchoolPlaces(scenario)
        for c in t.concentration {
            add("concentration.\(c.label)", "布局集中度 \(c.label)", c.share, .atLeast) { y in
                var inside = 0.0, all = 0.0
                for (s, school) in allocation.network.open(in: y) {
                    let n = school.slots.filter { c.covers($0) }.reduce(0.0) { $0 + allocation.pupils(year: y, school: s, slot: $1) }
                    all += n
                    if !placeOf.places(of: school).isDisjoint(with: c.places) { inside += n }
                }
                return ratio(inside, all)
            }
        }
        return out
    }
}

/// The place kinds a school stands in: its district's kind and its community's kind.
public struct SchoolPlaces {
    private let districtKind: [AreaID: DistrictKind]
    private let communityKind: [AreaID: CommunityKind]

    public init(_ scenario: Scenario) {
        districtKind = Dictionary(uniqueKeysWithValues: scenario.districts.map { ($0.id, $0.kind) })
        communityKind = Dictionary(uniqueKeysWithValues: scenario.communities.map { ($0.id, $0.kind) })
    }

    public func places(of school: School) -> Set<String> {
        var p: Set<String> = []
        if let d = districtKind[school.district] { p.insert(d.rawValue) }
        if let c = school.community.flatMap({ communityKind[$0] }) { p.insert(c.rawValue) }
        return p
    }
}

/// Pupils who find a seat: `min(pupils, seats)` per school and stage.
struct Served {
    let allocation: Allocation
    let schooling: Schooling

    init(_ allocation: Allocation, _ schooling: Schooling) {
        self.allocation = allocation
        self.schooling = schooling
    }

    func seats(_ school: School, _ stage: Stage) -> Double {
        let slots = school.slots.filter { $0.stage == stage }
        guard !slots.isEmpty else { return 0 }
        let mean = slots.reduce(0.0) { $0 + Double(schooling.classSizes.standard($1, kind: school.kind)) } / Double(slots.count)
        return Double(school.classrooms[stage] ?? 0) * mean
    }

    func total(_ year: Int, _ stages: [Stage], where include: (School) -> Bool = { _ in true }) -> Double {
        allocation.network.open(in: year).reduce(0) { sum, e in
            guard include(e.school) else { return sum }
            return stages.reduce(sum) { s, stage in
                s + min(allocation.pupils(year: year, school: e.index, stage: stage), seats(e.school, stage))
            }
        }
    }

    /// Pupils of one slot county-wide (uncapped: a cohort ratio, not a seat count).
    func grade(_ year: Int, _ slot: Slot) -> Double {
        allocation.schools.indices.reduce(0) { $0 + allocation.pupils(year: year, school: $1, slot: slot) }
    }
}
