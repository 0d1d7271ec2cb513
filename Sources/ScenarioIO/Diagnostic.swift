/// One problem (or note) found in a scenario, located as an editor shows it: the file, the line
/// (the header of a CSV file being line 1) and the column or key.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        /// The scenario cannot be run.
        case error
        /// The scenario runs, but probably not as the planner meant.
        case warning
        /// A default was applied or a harmless variation accepted.
        case note

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    /// Path of the file as the scenario names it (relative to the scenario folder).
    public let file: String
    /// 1-based line number; `nil` when the problem concerns the whole file.
    public let line: Int?
    /// CSV column name or YAML key path; `nil` when the problem concerns a whole row or file.
    public let column: String?
    public let message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line, column name: severity: message`, the form `seatplan validate` prints.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ", column \(column)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics while a scenario is read, so every problem is reported, not only the first.
struct DiagnosticLog {
    private(set) var items: [Diagnostic] = []

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    mutating func error(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        items.append(Diagnostic(.error, file: file, line: line, column: column, message))
    }

    mutating func warning(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        items.append(Diagnostic(.warning, file: file, line: line, column: column, message))
    }

    mutating func note(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        items.append(Diagnostic(.note, file: file, line: line, column: column, message))
    }

    mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }
}
