import ScenarioModel

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

    /// What the problem is (its message written once, in `ScenarioProblem`) and where.
    public let problem: ScenarioProblem
    public let location: Location

    public init(_ problem: ScenarioProblem, at location: Location) {
        self.problem = problem
        self.location = location
    }

    public var severity: Severity { problem.severity }
    /// Path of the file as the scenario names it (relative to the scenario folder).
    public var file: String { location.file }
    /// 1-based line number; `nil` when the problem concerns the whole file.
    public var line: Int? { location.line }
    /// CSV column name or YAML key path (a character column for a YAML syntax error); `nil` when the
    /// problem concerns a whole row or file.
    public var column: String? { location.column }
    public var message: String { problem.message }
    /// How many problems the line stands for: 1, or the number a "… and N more like this" line counts.
    public var count: Int { if case .more(let n, _, _) = problem { return n } else { return 1 } }

    /// `file:line, column name: severity: message`, the form `seatplan validate` prints.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ", column \(column)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics while a scenario is read, so every problem is reported, not only the first —
/// but at most `keptPerKind` of each kind (a message with its quoted texts and numbers masked, in one
/// file), the rest counted in one line ("… and 1,799,990 more like this"), so that a file of a million
/// bad rows gives a screenful, not a gigabyte.
struct DiagnosticLog {
    static let keptPerKind = 10

    private var kept: [Diagnostic] = []
    private var perKind: [String: Int] = [:]
    /// Kinds beyond the cap, in order of their first drop: an example and the count dropped.
    private var dropped: [(kind: String, example: Diagnostic, count: Int)] = []
    private var droppedIndex: [String: Int] = [:]
    /// Errors reported so far, kept or not.
    private(set) var errorCount = 0
    var hasErrors: Bool { errorCount > 0 }

    /// The diagnostics kept, then one line per kind with the count of the rest.
    var items: [Diagnostic] {
        kept + dropped.map { Diagnostic(.more(count: $0.count, like: $0.kind, severity: $0.example.severity), at: Location($0.example.file)) }
    }

    /// Records a problem at its location.
    mutating func report(_ problem: ScenarioProblem, at location: Location) {
        let d = Diagnostic(problem, at: location)
        if d.severity == .error { errorCount += 1 }
        let kind = Self.kind(of: d.message)
        let key = "\(d.severity.rawValue)|\(d.file)|\(kind)"
        let n = perKind[key, default: 0]
        perKind[key] = n + 1
        if n < Self.keptPerKind { return kept.append(d) }
        if let i = droppedIndex[key] { dropped[i].count += 1 } else {
            droppedIndex[key] = dropped.count
            dropped.append((kind, d, 1))
        }
    }

    /// A message with what varies between its instances masked: quoted texts (in which `\"` is a
    /// quote of the text, as `shown` writes it) and digits.
    static func kind(of message: String) -> String {
        var out = ""
        var quoted = false
        var lastDigit = false
        var escaped = false
        for ch in message {
            defer { escaped = ch == "\\" && !escaped }
            if ch == "\"" && !escaped {
                if !quoted { out += "\"…\"" }
                quoted.toggle()
                lastDigit = false
            } else if quoted {
                continue
            } else if ch.isNumber {
                if !lastDigit { out += "#" }
                lastDigit = true
            } else {
                out.append(ch)
                lastDigit = false
            }
        }
        return out
    }

    /// A check's own sentence: an error (`ScenarioProblem.rule`), a warning (`caution`) or a note (`notice`).
    mutating func error(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        report(.rule(message), at: Location(file, line: line, column: column))
    }

    mutating func warning(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        report(.caution(message), at: Location(file, line: line, column: column))
    }

    mutating func note(_ file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        report(.notice(message), at: Location(file, line: line, column: column))
    }

    // One error per root cause: a row rejected with an error, or a table that could not be read, is
    // not reported again at every reference to its id.

    typealias IDKind = ScenarioProblem.IDKind

    private var rejectedIDs: [IDKind: Set<String>] = [:]
    private var unreadable: Set<IDKind> = []

    /// An id whose own row was rejected with an error.
    mutating func rejected(_ kind: IDKind, _ id: String) { rejectedIDs[kind, default: []].insert(id) }

    /// A table of ids that could not be read (missing, or without its required columns).
    mutating func unreadable(_ kind: IDKind) { unreadable.insert(kind) }

    /// True when a reference to `id` fails because of an error already reported.
    func alreadyReported(_ kind: IDKind, _ id: String) -> Bool {
        let kinds: [IDKind] = kind == .area ? [.area, .district, .community] : kind == .district ? [.district] : [kind]
        return kinds.contains { unreadable.contains($0) || rejectedIDs[$0]?.contains(id) == true }
    }

    /// True when some row of the ids' table (or the table) was rejected: what is missing from it may
    /// be that row's.
    func anyRejected(_ kind: IDKind) -> Bool { unreadable.contains(kind) || !(rejectedIDs[kind]?.isEmpty ?? true) }

    /// A reference to an id that is not listed: "unknown school id X (not in schools.csv)", unless
    /// the id's own row or table was already reported.
    mutating func unknownID(_ kind: IDKind, _ id: String, file: String, line: Int?, column: String?, also: String = "") {
        guard !alreadyReported(kind, id) else { return }
        report(.unknownID(kind, id: id, also: also), at: Location(file, line: line, column: column))
    }
}
