/// The pupil groups the layout optimizer plans for: kindergarten, lower primary (grades 1–3, which
/// should not board), upper primary (4–6), junior, senior general and vocational.
public enum PupilGroup: String, CaseIterable, Sendable, Comparable {
    case kindergarten
    case lowerPrimary = "lower_primary"
    case upperPrimary = "upper_primary"
    case junior
    case senior
    case vocational

    public var nameZH: String {
        switch self {
        case .kindergarten: return "学前"
        case .lowerPrimary: return "小学低段(1–3年级)"
        case .upperPrimary: return "小学高段(4–6年级)"
        case .junior: return "初中"
        case .senior: return "普通高中"
        case .vocational: return "中职"
        }
    }

    /// The stage whose classrooms the group uses.
    public var stage: Stage {
        switch self {
        case .kindergarten: return .kindergarten
        case .lowerPrimary, .upperPrimary: return .primary
        case .junior: return .junior
        case .senior: return .senior
        case .vocational: return .vocational
        }
    }

    public var slots: [Slot] {
        switch self {
        case .lowerPrimary: return (1...3).map { Slot(.primary, Grade(number: $0)) }
        case .upperPrimary: return (4...6).map { Slot(.primary, Grade(number: $0)) }
        default: return stage.grades.map { Slot(stage, $0) }
        }
    }

    public var grades: [Grade] { slots.map(\.grade) }

    /// The group of a slot.
    public init(_ slot: Slot) {
        switch slot.stage {
        case .kindergarten: self = .kindergarten
        case .primary: self = slot.grade.number <= 3 ? .lowerPrimary : .upperPrimary
        case .junior: self = .junior
        case .senior: self = .senior
        case .vocational: self = .vocational
        }
    }

    private var rank: Int { PupilGroup.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: PupilGroup, rhs: PupilGroup) -> Bool { lhs.rank < rhs.rank }
}
