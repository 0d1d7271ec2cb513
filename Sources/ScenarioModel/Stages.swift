import Foundation

/// Stages of schooling, as written in every file.
public enum Stage: String, CaseIterable, Sendable, Comparable {
    /// 学前 (幼儿园), three years K1–K3
    case kindergarten
    /// 小学, grades 1–6
    case primary
    /// 初中, grades 7–9
    case junior
    /// 普通高中, grades 10–12
    case senior
    /// 中等职业教育, grades 10–12
    case vocational

    /// Position in `allCases`, for flat arrays by stage.
    public var index: Int {
        switch self {
        case .kindergarten: return 0
        case .primary: return 1
        case .junior: return 2
        case .senior: return 3
        case .vocational: return 4
        }
    }

    public var nameZH: String {
        switch self {
        case .kindergarten: return "学前"
        case .primary: return "小学"
        case .junior: return "初中"
        case .senior: return "普通高中"
        case .vocational: return "中职"
        }
    }

    /// Grades of the stage.
    public var grades: [Grade] {
        switch self {
        case .kindergarten: return [.k1, .k2, .k3]
        case .primary: return (1...6).map { Grade(number: $0) }
        case .junior: return (7...9).map { Grade(number: $0) }
        case .senior, .vocational: return (10...12).map { Grade(number: $0) }
        }
    }

    /// Compulsory education (义务教育): primary and junior.
    public var isCompulsory: Bool { self == .primary || self == .junior }

    public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.index < rhs.index }
}

/// A grade: `K1`–`K3` (小班/中班/大班) or `1`–`12`.
public struct Grade: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0, 1, 2 for K1–K3; 3 … 14 for grades 1 … 12.
    public let ordinal: Int

    public static let k1 = Grade(ordinal: 0)
    public static let k2 = Grade(ordinal: 1)
    public static let k3 = Grade(ordinal: 2)
    public static let all = (0...14).map { Grade(ordinal: $0) }

    private init(ordinal: Int) { self.ordinal = ordinal }

    /// School grade `n` (1 … 12).
    public init(number: Int) {
        precondition((1...12).contains(number), "grades are 1 … 12")
        ordinal = number + 2
    }

    /// Reads `K1`–`K3` or `1`–`12`.
    public init?(id: String) {
        let s = id.trimmingCharacters(in: .whitespaces).uppercased()
        if s.hasPrefix("K"), let k = Int(s.dropFirst()), (1...3).contains(k) { ordinal = k - 1; return }
        guard let n = Int(s), (1...12).contains(n) else { return nil }
        ordinal = n + 2
    }

    public var isKindergarten: Bool { ordinal < 3 }
    /// 1 … 12 for school grades; 1 … 3 for K1 … K3.
    public var number: Int { isKindergarten ? ordinal + 1 : ordinal - 2 }
    public var id: String { isKindergarten ? "K\(ordinal + 1)" : "\(ordinal - 2)" }
    public var description: String { id }

    /// Grades written as ranges: `[1, 2, 3, 5]` → `1-3;5`, `[K1, K2, K3]` → `K1-K3`.
    public static func rangeText(_ grades: [Grade]) -> String {
        var parts: [String] = []
        var i = 0
        let g = grades.sorted()
        while i < g.count {
            var j = i
            while j + 1 < g.count && g[j + 1].ordinal == g[j].ordinal + 1 && g[j + 1].isKindergarten == g[i].isKindergarten { j += 1 }
            parts.append(i == j ? g[i].id : "\(g[i].id)-\(g[j].id)")
            i = j + 1
        }
        return parts.joined(separator: ";")
    }

    /// The stage of the grade; grades 10–12 belong to `senior` unless `vocational`.
    public func stage(vocational: Bool = false) -> Stage {
        switch ordinal {
        case 0...2: return .kindergarten
        case 3...8: return .primary
        case 9...11: return .junior
        default: return vocational ? .vocational : .senior
        }
    }

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// A place in the school system: a stage and one of its grades. Grades 10–12 have two slots,
/// general (`senior`) and `vocational`. Demand and supply arrays are indexed by `Slot.index`.
public struct Slot: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let stage: Stage
    public let grade: Grade

    public init(_ stage: Stage, _ grade: Grade) {
        self.stage = stage
        self.grade = grade
    }

    /// All 18 slots: K1–K3, 1–6, 7–9, 10–12 general, 10–12 vocational.
    public static let all: [Slot] = Stage.allCases.flatMap { stage in stage.grades.map { Slot(stage, $0) } }
    public static let count = all.count

    /// Position in `Slot.all`.
    public var index: Int { stage == .vocational ? 15 + grade.ordinal - 12 : grade.ordinal }

    public var description: String { "\(stage.rawValue) \(grade.id)" }

    public static func < (lhs: Slot, rhs: Slot) -> Bool { lhs.index < rhs.index }
}
