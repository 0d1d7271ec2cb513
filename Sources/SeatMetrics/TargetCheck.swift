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
    /// True for a share or rate (shown as %), false for a count.
    public let isRatio: Bool
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
/// norms on class and school size, which always apply), against the indicators by their official
/// definitions (`Indicators`) and the layout concentration targets:
/// ```
/// concentration = pupils of the grades in schools in the listed places ÷ all their pupils
/// ```
/// A target given as a path applies from its first year on; a number in every year.
public enum TargetCheck {
    public static func compute(_ allocation: Allocation, indicators: [IndicatorRow], scenario: Scenario, schooling: Schooling) -> [TargetRow] {
        let t = schooling.targets
        let years = allocation.years
        let lookup = Dictionary(indicators.map { ("\($0.indicator.rawValue)|\($0.stage?.rawValue ?? "")|\($0.year)", $0) },
                                uniquingKeysWith: { a, _ in a })
        var out: [TargetRow] = []
        func add(_ id: String, _ zh: String, _ path: YearPath?, _ cmp: TargetRow.Comparison, ratio: Bool = true, note: String? = nil,
                 _ achieved: (Int) -> (value: Double?, note: String?)) {
            guard let path else { return }
            let first = path.years.count == 1 ? years.lowerBound : max(years.lowerBound, path.years[0])
            guard first <= years.upperBound else { return }
            let required = path.sample(years: first...years.upperBound)
            for (i, year) in (first...years.upperBound).enumerated() {
                let a = achieved(year)
                out.append(TargetRow(target: id, nameZH: zh, year: year, required: required[i], comparison: cmp, isRatio: ratio, achieved: a.value,
                                     note: a.value == nil ? (a.note ?? note) : nil))
            }
        }
        func indicator(_ i: Indicator, _ stage: Stage? = nil, _ path: YearPath?, _ cmp: TargetRow.Comparison, id: String? = nil) {
            add(id ?? i.rawValue, i.nameZH(stage), path, cmp, ratio: i.isRatio) { y in
                let row = lookup["\(i.rawValue)|\(stage?.rawValue ?? "")|\(y)"]
                return (row?.value, row?.note)
            }
        }
        indicator(.preschoolGrossEnrollment, nil, t.preschoolGrossEnrollment, .atLeast)
        indicator(.compulsoryConsolidation, nil, t.compulsoryConsolidation, .atLeast)
        indicator(.highSchoolGrossEnrollment, nil, t.highSchoolGrossEnrollment, .atLeast)
        indicator(.publicKindergartenShare, nil, t.publicKindergartenShare, .atLeast)
        indicator(.inclusiveKindergartenCoverage, nil, t.inclusiveKindergartenCoverage, .atLeast)
        for (stage, path) in t.bigClassShare.sorted(by: { $0.key < $1.key }) {
            add("big_class_share.\(stage.rawValue)", Indicator.bigClassShare.nameZH(stage), path, .atMost) { y in
                // No classes is no big class.
                (lookup["\(Indicator.bigClassShare.rawValue)|\(stage.rawValue)|\(y)"]?.value ?? 0, nil)
            }
        }
        indicator(.superBigClasses, nil, t.superBigClasses ?? YearPath(constant: 0), .atMost)
        indicator(.oversizedSchools, nil, t.oversizedSchools ?? YearPath(constant: 0), .atMost)
        if scenario.districts.contains(where: { $0.kind == .township }) {
            indicator(.publicKindergartensPerTownship, nil, t.publicKindergartensPerTownship ?? YearPath(constant: 1), .atLeast)
        }
        add("disabled_children_enrollment", "残疾儿童少年入学率", t.disabledChildrenEnrollment, .atLeast,
            note: "not assessed: the scenario has no data on disabled children") { _ in (nil, nil) }
        let placeOf = SchoolPlaces(scenario)
        for c in t.concentration {
            add("concentration.\(c.label)", "布局集中度 \(c.label)", c.share, .atLeast) { y in
                var inside = 0.0, all = 0.0
                for (s, school) in allocation.network.open(in: y) {
                    let n = school.slots.filter { c.covers($0) }.reduce(0.0) { $0 + allocation.pupils(year: y, school: s, slot: $1) }
                    all += n
                    if !placeOf.places(of: school).isDisjoint(with: c.places) { inside += n }
                }
                return (all > 0 ? inside / all : nil, nil)
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
