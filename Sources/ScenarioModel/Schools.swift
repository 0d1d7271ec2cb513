/// The id of a school, as written in `schools.csv`.
public struct SchoolID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: SchoolID, rhs: SchoolID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Kinds of school.
public enum SchoolKind: String, CaseIterable, Sendable {
    case kindergarten
    /// 教学点: a village teaching point, usually grades 1–2 or 1–3
    case teachingPoint = "teaching_point"
    case primary
    case junior
    /// 九年一贯制学校
    case nineYear = "nine_year"
    /// 完全中学 (junior + senior)
    case completeSecondary = "complete_secondary"
    case senior
    /// 十二年一贯制学校
    case twelveYear = "twelve_year"
    case vocational

    /// The stage of a grade at a school of this kind: grades 10–12 are vocational at a vocational school,
    /// general elsewhere.
    public func stage(of grade: Grade) -> Stage { grade.stage(vocational: self == .vocational) }

    /// The grades a school of this kind teaches when complete (a new school's, a converted one's at most).
    public var standardGrades: [Grade] {
        switch self {
        case .kindergarten: return Stage.kindergarten.grades
        case .teachingPoint: return (1...3).map { Grade(number: $0) }
        case .primary: return (1...6).map { Grade(number: $0) }
        case .junior: return (7...9).map { Grade(number: $0) }
        case .nineYear: return (1...9).map { Grade(number: $0) }
        case .completeSecondary: return (7...12).map { Grade(number: $0) }
        case .senior, .vocational: return (10...12).map { Grade(number: $0) }
        case .twelveYear: return (1...12).map { Grade(number: $0) }
        }
    }

    public var nameZH: String {
        switch self {
        case .kindergarten: return "幼儿园"
        case .teachingPoint: return "教学点"
        case .primary: return "小学"
        case .junior: return "初中"
        case .nineYear: return "九年一贯制学校"
        case .completeSecondary: return "完全中学"
        case .senior: return "高中"
        case .twelveYear: return "十二年一贯制学校"
        case .vocational: return "中职学校"
        }
    }
}

/// The seven resource indicators of the 优质均衡 evaluation, as school totals (divided by pupils
/// when checked): teachers with above-standard degrees, key teachers (county level and above), PE
/// and arts teachers, teaching and auxiliary room area (m²), sports ground area (m²), teaching
/// equipment value (yuan), networked multimedia classrooms.
public struct SchoolResources: Sendable, Equatable {
    public var values: [Double]

    public static let columns = ["degree_teachers", "key_teachers", "pe_arts_teachers", "room_area_m2",
                                 "sports_area_m2", "equipment_value_yuan", "multimedia_classrooms"]

    public init(values: [Double]) {
        precondition(values.count == 7, "seven indicators")
        self.values = values
    }
}

/// A school as it stands in the base year.
public struct School: Sendable, Equatable {
    public let id: SchoolID
    public let name: String
    public let district: AreaID
    /// The community it stands in, if known.
    public let community: AreaID?
    public let kind: SchoolKind
    /// Grades taught, ascending.
    public let grades: [Grade]
    /// Classrooms by stage (the school's classrooms shared among its stages).
    public let classrooms: [Stage: Int]
    public let latitude: Double?
    public let longitude: Double?
    public let boardingBeds: Int
    /// 公办 (public); private otherwise.
    public let isPublic: Bool
    /// 普惠 (inclusive) kindergarten: public, or private with the inclusive designation.
    public let isInclusive: Bool
    /// Pupils in the base year, when given (`pupils`, or the observed pupils' sum).
    public let currentPupils: Double?
    /// The base year's statistics (pupils and classes by grade), when `schools.csv` gives them.
    public let observed: ObservedEnrollment?
    /// Building floor area and site area, m², when given.
    public let floorArea: Double?
    public let siteArea: Double?
    /// 优质均衡 resources, when given.
    public let resources: SchoolResources?
    /// Never closed by the optimizer (`keep` column).
    public let keep: Bool
    /// Staff in the base year (教职工数, `staff` column), when given.
    public let staff: Double?
    /// A township's central school or kindergarten (乡镇中心校/中心园, `central` column): kept by the
    /// optimizer unless `optimizer.keep_central_schools` is false.
    public let isCentral: Bool

    public init(id: SchoolID, name: String, district: AreaID, community: AreaID?, kind: SchoolKind, grades: [Grade],
                classrooms: [Stage: Int], latitude: Double?, longitude: Double?, boardingBeds: Int = 0,
                isPublic: Bool = true, isInclusive: Bool? = nil, currentPupils: Double? = nil,
                observed: ObservedEnrollment? = nil, floorArea: Double? = nil, siteArea: Double? = nil,
                resources: SchoolResources? = nil, keep: Bool = false, staff: Double? = nil, isCentral: Bool = false) {
        self.id = id
        self.name = name
        self.district = district
        self.community = community
        self.kind = kind
        self.grades = grades.sorted()
        self.classrooms = classrooms
        self.latitude = latitude
        self.longitude = longitude
        self.boardingBeds = boardingBeds
        self.isPublic = isPublic
        self.isInclusive = isInclusive ?? isPublic
        self.currentPupils = currentPupils ?? observed?.total
        self.observed = observed
        self.floorArea = floorArea
        self.siteArea = siteArea
        self.resources = resources
        self.keep = keep
        self.staff = staff
        self.isCentral = isCentral
    }

    /// The slots the school teaches (see `SchoolKind.stage(of:)`).
    public var slots: [Slot] { grades.map { Slot(kind.stage(of: $0), $0) } }

    /// The stages the school teaches, in order.
    public var stages: [Stage] {
        var out: [Stage] = []
        for g in grades {
            let stage = kind.stage(of: g)
            if !out.contains(stage) { out.append(stage) }
        }
        return out.sorted()
    }

    public func teaches(_ slot: Slot) -> Bool { grades.contains(slot.grade) && kind.stage(of: slot.grade) == slot.stage }

    /// Total classrooms.
    public var totalClassrooms: Int { classrooms.values.reduce(0, +) }

    /// The stage that takes over the classrooms of a stage the school gives up (`restrict_grades`
    /// keeps them, never discards them): the kept stage nearest to it, the lower one on a tie (a
    /// complete secondary school's senior classrooms become junior ones).
    public static func receivingStage(of dropped: Stage, kept: [Stage]) -> Stage? {
        let order = Stage.allCases
        guard let i = order.firstIndex(of: dropped) else { return nil }
        return kept.filter { $0 != dropped }.min { a, b in
            let da = abs(order.firstIndex(of: a)! - i), db = abs(order.firstIndex(of: b)! - i)
            return (da, order.firstIndex(of: a)!) < (db, order.firstIndex(of: b)!)
        }
    }

    /// The classrooms by stage once the school teaches only `stages`: each given-up stage's
    /// classrooms join its receiving stage.
    public func classrooms(keeping stages: Set<Stage>) -> [Stage: Int] {
        var out = classrooms.filter { stages.contains($0.key) }
        let kept = stages.sorted()
        for (stage, rooms) in classrooms.sorted(by: { $0.key < $1.key }) where !stages.contains(stage) {
            if let to = Self.receivingStage(of: stage, kept: kept) { out[to, default: 0] += rooms }
        }
        return out
    }

    /// Shares `total` classrooms among `stages` in proportion to their number of grades (largest
    /// remainder; ties to the earlier stage). Used when `schools.csv` gives one classroom count.
    public static func splitClassrooms(_ total: Int, grades: [Grade], kind: SchoolKind) -> [Stage: Int] {
        let stages = Dictionary(grouping: grades) { kind.stage(of: $0) }.mapValues(\.count)
        let order = stages.keys.sorted()
        let gradeCount = grades.count
        guard gradeCount > 0 else { return [:] }
        let exact = order.map { Double(total) * Double(stages[$0] ?? 0) / Double(gradeCount) }
        var share = exact.map { Int($0.rounded(.down)) }
        var left = total - share.reduce(0, +)
        for i in order.indices.sorted(by: { (exact[$0] - Double(share[$0])) > (exact[$1] - Double(share[$1])) }) where left > 0 {
            share[i] += 1
            left -= 1
        }
        return Dictionary(uniqueKeysWithValues: zip(order, share))
    }
}
