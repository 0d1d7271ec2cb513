import ScenarioModel

/// Where a problem is, as an editor shows it: the file as the scenario names it, the 1-based line
/// (the header of a CSV file being line 1; nil for the whole file) and the CSV column or YAML key (the
/// character column for a YAML syntax error).
public struct Location: Sendable, Equatable {
    public let file: String
    public let line: Int?
    public let column: String?

    public init(_ file: String, line: Int? = nil, column: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// Every kind of problem a scenario or a plan can have, each recurring message written once here (the
/// model is swift-argument-parser's `ParserError`); a `Diagnostic` is a problem at its `Location`. The
/// families recur across the files — a cell that is not a number reads the same in every table and in
/// `scenario.yaml`; a check of one file's own rule carries its sentence in `rule` (an error),
/// `caution` (a warning) or `notice` (a note).
public enum ScenarioProblem: Sendable, Equatable {
    /// What an id names, with where such ids are listed.
    public enum IDKind: String, Sendable, Hashable {
        case district, community, area, school, site

        var listed: String {
            switch self {
            case .district: return "districts.csv"
            case .community: return "communities.csv"
            case .area: return "districts.csv or communities.csv"
            case .school: return "schools.csv"
            case .site: return "candidate_sites.csv"
            }
        }
    }

    // Files
    case fileNotFound(path: String)
    case notUTF8(csv: Bool)
    case emptyFile(csv: Bool)
    case notCSV(reason: String)
    case notYAML(reason: String)
    case keyGivenTwice(key: String, firstLine: Int)
    case openQuote(lines: Int)
    case beyondHeader(fields: Int, columns: Int, text: String)
    case requiredColumn(String, header: [String])
    case requiredKey(String, hint: String)
    case unknownKey(String, known: [String])
    case overrideChangesNothing(key: String, known: [String])
    // Cells and values
    case emptyCell
    case notANumber(text: String, what: String)
    case notAWholeNumber(text: String, what: String)
    case outOfRange(text: String, what: String, requirement: String)
    case notASex(String)
    // Ids and repeats
    case unknownID(IDKind, id: String, also: String)
    case duplicateID(IDKind, id: String, firstLine: Int)
    case givenTwice(what: String, firstLine: Int)
    /// A plan's action or catchment against the network (`PlanCheck`).
    case plan(PlanError)
    // One file's own checks
    case rule(String)
    case caution(String)
    case notice(String)
    /// The problems of one kind beyond those kept (`DiagnosticLog.keptPerKind`).
    case more(count: Int, like: String, severity: Diagnostic.Severity)

    public var severity: Diagnostic.Severity {
        switch self {
        case .unknownKey, .caution: return .warning
        case .notice: return .note
        case .more(_, _, let severity): return severity
        default: return .error
        }
    }

    public var message: String {
        switch self {
        case .fileNotFound(let path): return "file not found (looked for \(path))"
        case .notUTF8(let csv): return csv ? "the file is not UTF-8 text; in Excel or WPS save it as \"CSV UTF-8\"" : "the file is not UTF-8 text"
        case .emptyFile(let csv): return csv ? "the file is empty; it needs a header row and data rows" : "the file is empty"
        case .notCSV(let reason): return "cannot be read as CSV: \(reason)"
        case .notYAML(let reason): return "not valid YAML: \(reason)"
        case let .keyGivenTwice(key, first): return "\(key) is given twice in one mapping (first on line \(first))"
        case .openQuote(let lines):
            return "a quote opened here is not closed on its line (the cell runs over \(lines) lines); close it, or remove it"
        case let .beyondHeader(fields, columns, text):
            return "the row has \(fields) fields, the header \(columns) columns: \"\(text)\" is beyond the last column (a comma too many?)"
        case let .requiredColumn(name, header): return "required column \"\(name)\" is missing (header has: \(header.joined(separator: ", ")))"
        case let .requiredKey(key, hint): return "required key \"\(key)\" is missing\(hint.isEmpty ? "" : "; \(hint)")"
        case let .unknownKey(key, known): return "unknown key \"\(key)\" is ignored (known here: \(known.joined(separator: ", ")))"
        case let .overrideChangesNothing(key, known):
            return "there is no key \"\(key)\" here, so the override would change nothing (known here: \(known.joined(separator: ", ")))"
        case .emptyCell: return "empty cell; a value is required"
        case let .notANumber(text, what): return "\"\(text)\" is not a number (\(what))"
        case let .notAWholeNumber(text, what): return "\"\(text)\" is not a whole number (\(what))"
        case let .outOfRange(text, what, requirement): return "\(text) is out of range: \(what) must be \(requirement)"
        case .notASex(let text): return "\"\(shown(text))\" is not a sex; use M or F"
        case let .unknownID(kind, id, also): return "unknown \(kind.rawValue) id \(id) (not in \(kind.listed)\(also))"
        case let .duplicateID(kind, id, first): return "duplicate \(kind.rawValue) id \(id) (first on line \(first))"
        case let .givenTwice(what, first): return "\(what) is given twice (first on line \(first))"
        case .plan(let error): return error.description
        case .rule(let text), .caution(let text), .notice(let text): return text
        case let .more(count, like, _): return "… and \(grouped(Double(count))) more like this: \(like)"
        }
    }
}
