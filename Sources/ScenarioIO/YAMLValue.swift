import Foundation
import Demography
import ScenarioModel
import Yams

/// A node of `scenario.yaml` with its key path, read with diagnostics that give the file's line.
struct YAMLValue {
    let node: Node
    /// Dotted key path, e.g. `fertility.tfr`.
    let key: String
    let file: String
    /// Key paths set by an override (`ScenarioOverride`) → the name its diagnostics give as their file.
    var origins: [String: String] = [:]
    /// True for a value an override set (or inside one): an unknown key there is an error.
    var overridden = false

    init(node: Node, key: String, file: String, origins: [String: String] = [:], overridden: Bool = false) {
        self.node = node
        self.key = key
        self.file = origins[key] ?? file
        self.origins = origins
        self.overridden = overridden || origins[key] != nil
    }

    /// A YAML file that cannot be composed, reported where the problem is: a syntax error at the line
    /// where the construct it breaks begins (libyaml's context, else the point it stopped) and its
    /// column; a key given twice at its second occurrence (Yams reports only the mapping).
    static func report(_ error: Error, in text: String, file: String, log: inout DiagnosticLog) {
        switch error as? YamlError {
        case let .scanner(context, problem, mark, _)?, let .parser(context, problem, mark, _)?, let .composer(context, problem, mark, _)?:
            let at = context?.mark ?? mark
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            log.report(.notYAML(reason: "\(what) (noticed at line \(mark.line), column \(mark.column))"), at: Location(file, line: at.line, column: "\(at.column)"))
        case let .duplicatedKeysInMapping(duplicates, context)?:
            let lines = text.components(separatedBy: "\n")
            for key in duplicates.sorted() {
                // The key's occurrences from the mapping's first line, block (`key:`) or flow (`{…, key: …}`).
                let pattern = "(^|[\\s{,])\(NSRegularExpression.escapedPattern(for: key))\\s*:"
                let found = (max(0, context.mark.line - 1)..<lines.count).filter { lines[$0].range(of: pattern, options: .regularExpression) != nil }
                let second = found.count > 1 ? found[1] + 1 : (found.first.map { $0 + 1 } ?? context.mark.line)
                log.report(.keyGivenTwice(key: key, firstLine: found.first.map { $0 + 1 } ?? context.mark.line), at: Location(file, line: second, column: key))
            }
        default:
            log.report(.notYAML(reason: "\(error)"), at: Location(file))
        }
    }

    /// The line in `scenario.yaml`; none for a value given on the command line (`--set`).
    var line: Int? { file.hasPrefix("--set") ? nil : node.mark?.line }

    /// The scalar text, or nil for mappings and sequences.
    var scalarText: String? { node.scalar?.string }

    /// Entries of a mapping, or nil after logging an error.
    func mapping(log: inout DiagnosticLog) -> [(key: String, value: YAMLValue)]? {
        guard let mapping = node.mapping else {
            log.error(file, line: line, column: key, "expected a mapping of keys to values")
            return nil
        }
        return mapping.map { k, v in
            let name = k.scalar?.string ?? "?"
            return (name, YAMLValue(node: v, key: key.isEmpty ? name : "\(key).\(name)", file: file, origins: origins, overridden: overridden))
        }
    }

    /// Entries of a mapping whose keys name cases of `K` (a stage, a school kind…); any other key is
    /// logged as an error ("\"x\" is not a <what>") and skipped. Nil, after an error, if not a mapping.
    func keyedBy<K: RawRepresentable>(_: K.Type, _ what: String, log: inout DiagnosticLog) -> [(key: K, value: YAMLValue)]?
    where K.RawValue == String {
        mapping(log: &log)?.compactMap { text, value in
            guard let k = K(rawValue: text) else {
                log.error(value.file, line: value.line, column: value.key, "\"\(text)\" is not a \(what)")
                return nil
            }
            return (k, value)
        }
    }

    /// Logs a warning for each key not in `allowed` (probably a typo); an error when an override set it
    /// (a what-if on a key that does not exist would change nothing).
    static func warnUnknown(_ entries: [(key: String, value: YAMLValue)], allowed: Set<String>, log: inout DiagnosticLog) {
        for (k, v) in entries where !allowed.contains(k) {
            let known = allowed.sorted()
            if v.overridden {
                log.report(.overrideChangesNothing(key: k, known: known), at: Location(v.file, line: v.line, column: v.key))
            } else {
                log.report(.unknownKey(k, known: known), at: Location(v.file, line: v.line, column: v.key))
            }
        }
    }

    func string(log: inout DiagnosticLog) -> String? {
        guard let s = scalarText, !s.isEmpty else {
            log.error(file, line: line, column: key, "expected text")
            return nil
        }
        return s
    }

    func integer(_ range: ClosedRange<Int>, _ what: String, log: inout DiagnosticLog) -> Int? {
        guard let s = scalarText, let v = Int(s) else {
            log.report(.notAWholeNumber(text: shown(scalarText ?? "…"), what: what), at: Location(file, line: line, column: key))
            return nil
        }
        guard range.contains(v) else {
            log.report(.outOfRange(text: String(v), what: what, requirement: "between \(range.lowerBound) and \(range.upperBound)"), at: Location(file, line: line, column: key))
            return nil
        }
        return v
    }

    func number(_ bounds: Bounds, _ what: String, log: inout DiagnosticLog) -> Double? {
        guard let s = scalarText, let v = decimalNumber(s) else {
            log.report(.notANumber(text: shown(scalarText ?? "…"), what: what), at: Location(file, line: line, column: key))
            return nil
        }
        guard bounds.contains(v) else {
            log.report(.outOfRange(text: shown(s), what: what, requirement: bounds.requirement), at: Location(file, line: line, column: key))
            return nil
        }
        return v
    }

    /// A number (a constant) or a map `{year: value}` (a path by year, see `YearPath`) whose years lie
    /// within `years` (`ScenarioSettings.pathYears`: 30 years before the base year to 100 after it).
    func yearPath(_ bounds: Bounds, _ what: String, years: ClosedRange<Int> = 1900...2200, log: inout DiagnosticLog) -> YearPath? {
        if node.mapping == nil {
            return number(bounds, what, log: &log).map { YearPath(constant: $0) }
        }
        guard let entries = mapping(log: &log) else { return nil }
        var points: [Int: Double] = [:]
        var ok = true
        for (k, v) in entries {
            guard let year = Int(k), (1900...2200).contains(year) else {
                log.error(file, line: v.line, column: key, "\"\(k)\" is not a year; a path is written {2024: 0.88, 2027: 0.92}")
                ok = false
                continue
            }
            guard years.contains(year) else {
                log.error(file, line: v.line, column: key, "year \(year) is outside \(years.lowerBound)–\(years.upperBound): a path's years lie "
                          + "from 30 years before the base year to 100 after it")
                ok = false
                continue
            }
            if points[year] != nil {
                log.error(file, line: v.line, column: key, "year \(year) is given twice")
                ok = false
            }
            guard let value = v.number(bounds, what, log: &log) else { ok = false; continue }
            points[year] = value
        }
        guard ok else { return nil }
        guard let path = YearPath(points: points) else {
            log.error(file, line: line, column: key, "the path is empty; give a number or {year: value, …}")
            return nil
        }
        return path
    }

    /// A rate path: a number, `{year: value, …}`, or a map whose first year is the word `observed`
    /// (`{2024: observed, 2027: 0.92}`, see `RatePath`). `observed` is checked against the base year
    /// by the loader (`observedLine` gives its line).
    func ratePath(_ bounds: Bounds, _ what: String, log: inout DiagnosticLog) -> (path: RatePath, observedLine: Int?)? {
        if node.mapping == nil {
            if scalarText == "observed" {
                log.error(file, line: line, column: key, "write `{BASE_YEAR: observed}` (a map from the base year), not the bare word observed")
                return nil
            }
            return number(bounds, what, log: &log).map { (RatePath(YearPath(constant: $0)), nil) }
        }
        guard let entries = mapping(log: &log) else { return nil }
        var observed: (year: Int, line: Int?)?
        var numeric: [(key: String, value: YAMLValue)] = []
        for (k, v) in entries {
            if v.scalarText == "observed" {
                guard let year = Int(k) else {
                    log.error(file, line: v.line, column: key, "\"\(k)\" is not a year; a path is written {2024: observed, 2027: 0.92}")
                    return nil
                }
                if observed != nil {
                    log.error(file, line: v.line, column: key, "observed is given twice; it stands for the base year only")
                    return nil
                }
                observed = (year, v.line)
            } else {
                numeric.append((k, v))
            }
        }
        guard let observed else { return yearPath(bounds, what, log: &log).map { (RatePath($0), nil) } }
        var given: YearPath?
        if !numeric.isEmpty {
            let rest = YAMLValue(node: .mapping(Node.Mapping(numeric.map { (Node(stringLiteral: $0.key), $0.value.node) })), key: key, file: file,
                                 origins: origins, overridden: overridden)
            guard let path = rest.yearPath(bounds, what, log: &log) else { return nil }
            if path.years.contains(where: { $0 <= observed.year }) {
                log.error(file, line: observed.line, column: key, "observed stands for the base year \(observed.year): every other year of the path must come after it")
                return nil
            }
            given = path
        }
        return (RatePath(given: given, observedYear: observed.year), observed.line)
    }
}
