/// The allowed range of a numeric cell, with the words used when a value falls outside it.
enum Bounds {
    case any
    case nonNegative
    case positive
    case unitInterval
    case within(ClosedRange<Double>)

    func contains(_ v: Double) -> Bool {
        switch self {
        case .any: return true
        case .nonNegative: return v >= 0
        case .positive: return v > 0
        case .unitInterval: return (0...1).contains(v)
        case .within(let r): return r.contains(v)
        }
    }

    var requirement: String {
        switch self {
        case .any: return "any number"
        case .nonNegative: return "≥ 0"
        case .positive: return "> 0"
        case .unitInterval: return "between 0 and 1"
        case .within(let r): return "between \(format(r.lowerBound)) and \(format(r.upperBound))"
        }
    }
}

/// A number as a planner would write it: integers without ".0".
func format(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
}

extension CSVTable {
    /// The non-empty text of a cell, or nil after logging an error.
    func text(_ row: Row, _ name: String, log: inout DiagnosticLog) -> String? {
        let v = cell(row, name)
        if v.isEmpty {
            log.error(file, line: row.line, column: name, "empty cell; a value is required")
            return nil
        }
        return v
    }

    /// A finite number within `bounds`, or nil after logging an error. `what` names the quantity.
    func number(_ row: Row, _ name: String, _ bounds: Bounds, _ what: String, log: inout DiagnosticLog) -> Double? {
        guard let text = text(row, name, log: &log) else { return nil }
        return Self.number(text, row: row, name: name, bounds, what, file: file, log: &log)
    }

    /// A number if the cell is filled, nil (without an error) when it is empty.
    func optionalNumber(_ row: Row, _ name: String, _ bounds: Bounds, _ what: String, log: inout DiagnosticLog) -> Double?? {
        let text = cell(row, name)
        if text.isEmpty { return .some(nil) }
        guard let v = Self.number(text, row: row, name: name, bounds, what, file: file, log: &log) else { return nil }
        return .some(v)
    }

    private static func number(_ text: String, row: Row, name: String, _ bounds: Bounds, _ what: String,
                               file: String, log: inout DiagnosticLog) -> Double? {
        guard let v = Double(text), v.isFinite, !text.lowercased().hasPrefix("0x") else {
            log.error(file, line: row.line, column: name, "\"\(text)\" is not a number (\(what))")
            return nil
        }
        guard bounds.contains(v) else {
            log.error(file, line: row.line, column: name, "\(text) is out of range: \(what) must be \(bounds.requirement)")
            return nil
        }
        return v
    }

    /// A whole number within `range`, or nil after logging an error.
    func integer(_ row: Row, _ name: String, _ range: ClosedRange<Int>, _ what: String, log: inout DiagnosticLog) -> Int? {
        guard let text = text(row, name, log: &log) else { return nil }
        guard let v = Int(text) ?? Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else {
            log.error(file, line: row.line, column: name, "\"\(text)\" is not a whole number (\(what))")
            return nil
        }
        guard range.contains(v) else {
            log.error(file, line: row.line, column: name, "\(v) is out of range: \(what) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return v
    }
}
