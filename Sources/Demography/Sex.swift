import Foundation

/// Sex as population tables record it (`M`, `F`). The raw value is the index in sex-major arrays.
public enum Sex: Int, CaseIterable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case male = 0
    case female = 1

    /// The code used in CSV files.
    public var code: String { self == .male ? "M" : "F" }

    public init?(code: String) {
        switch code.trimmingCharacters(in: .whitespaces).uppercased() {
        case "M": self = .male
        case "F": self = .female
        default: return nil
        }
    }

    public var description: String { code }

    public static func < (lhs: Sex, rhs: Sex) -> Bool { lhs.rawValue < rhs.rawValue }
}
