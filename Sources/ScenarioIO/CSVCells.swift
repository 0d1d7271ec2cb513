/// The allowed range of a numeric cell, with the words used when a value falls outside it.
enum Bounds {
    case nonNegative
    case unitInterval
    /// A count of people (residents, pupils, households, migrants) in one cell: no county has more
    /// than 100 million, and the bound keeps every sum the pipeline forms far from overflow.
    case people
    case within(ClosedRange<Double>)

    /// The largest magnitude any number may have (money in yuan, areas in m²): 10¹⁵.
    static let largest = 1e15

    func contains(_ v: Double) -> Bool {
        switch self {
        case .nonNegative: return v >= 0 && v <= Self.largest
        case .unitInterval: return (0...1).contains(v)
        case .people: return (0...1e8).contains(v)
        case .within(let r): return r.contains(v)
        }
    }

    var requirement: String {
        switch self {
        case .nonNegative: return "≥ 0 (and at most 10¹⁵)"
        case .unitInterval: return "between 0 and 1"
        case .people: return "between 0 and 100,000,000"
        case .within(let r): return "between \(format(r.lowerBound)) and \(format(r.upperBound))"
        }
    }
}

/// A cell's text as a message shows it: control bytes written as `\u{0}`, quotes and backslashes
/// escaped (`\"`, `\\`), at most 40 characters.
func shown(_ text: some StringProtocol) -> String {
    var out = ""
    for (i, scalar) in text.unicodeScalars.enumerated() {
        if i == 40 { return out + "…" }
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default: out += scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
    }
    return out
}

/// A number as tables and YAML write it, parsed strictly: only digits, a sign, a decimal point and
/// an exponent (so no NUL or other byte after the number, no hexadecimal, no `inf` or `nan`), and
/// finite. Foundation's `Double(_:)` alone reads `1\u{0}2` as 1.
func decimalNumber(_ text: some StringProtocol) -> Double? {
    guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) || $0 == 43 || $0 == 45 || $0 == 46 || $0 == 69 || $0 == 101 }),
          let v = Double(String(text)), v.isFinite else { return nil }
    return v
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
            log.report(.emptyCell, at: Location(file, line: row.line, column: name))
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
        guard let v = decimalNumber(text) else {
            log.report(.notANumber(text: shown(text), what: what), at: Location(file, line: row.line, column: name))
            return nil
        }
        guard bounds.contains(v) else {
            log.report(.outOfRange(text: shown(text), what: what, requirement: bounds.requirement), at: Location(file, line: row.line, column: name))
            return nil
        }
        return v
    }

    /// A whole number within `range`, or nil after logging an error.
    func integer(_ row: Row, _ name: String, _ range: ClosedRange<Int>, _ what: String, log: inout DiagnosticLog) -> Int? {
        guard let text = text(row, name, log: &log) else { return nil }
        guard let v = Int(text) ?? decimalNumber(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else {
            log.report(.notAWholeNumber(text: shown(text), what: what), at: Location(file, line: row.line, column: name))
            return nil
        }
        guard range.contains(v) else {
            log.report(.outOfRange(text: String(v), what: what, requirement: "between \(range.lowerBound) and \(range.upperBound)"), at: Location(file, line: row.line, column: name))
            return nil
        }
        return v
    }
}
