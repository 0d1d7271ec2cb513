import ScenarioModel

/// A named figure of a plan's comparison rows, for `seatplan sweep --metric`:
/// `INDICATOR[.STAGE][.YEAR | .FROM-TO]` — `seat_gap.primary.2030`, `seats_short.kindergarten.2027`,
/// `capital.2025-2027` (a range sums the yearly values), `lifetime_cost`,
/// `target.preschool_gross_enrollment.2027`, `travel_mean_minutes.upper_primary.2030`. The indicator is
/// any of `comparison.csv`; the stage a stage or pupil group.
public struct ComparisonMetric: Sendable, Equatable, CustomStringConvertible {
    public let indicator: String
    public let stage: String
    public let years: ClosedRange<Int>?
    public let text: String

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unknown(String, known: [String])
        case noValue(String)

        public var description: String {
            switch self {
            case .malformed(let t): return "--metric \(t): write INDICATOR[.STAGE][.YEAR or .FROM-TO], e.g. seat_gap.primary.2030 or capital.2025-2027"
            case let .unknown(t, known): return "--metric \(t): no such indicator; known: \(known.joined(separator: ", "))"
            case .noValue(let t): return "--metric \(t): the comparison has no value for it (check the stage and the years)"
            }
        }
    }

    /// Parses `text`; the year, or range, is the last segment when numeric, the stage the one before
    /// it when it names a stage or pupil group.
    public init(_ text: String) throws(Failure) {
        var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { throw .malformed(text) }
        var years: ClosedRange<Int>?
        if let last = parts.last, last.first?.isNumber == true {
            let bounds = last.split(separator: "-").map { Int($0) }
            guard (1...2).contains(bounds.count), let a = bounds.first ?? nil, let b = bounds.last ?? nil, a <= b else { throw .malformed(text) }
            years = a...b
            parts.removeLast()
        }
        var stage = ""
        if parts.count > 1, let last = parts.last, Stage(rawValue: last) != nil || PupilGroup(rawValue: last) != nil {
            stage = last
            parts.removeLast()
        }
        guard !parts.isEmpty else { throw .malformed(text) }
        indicator = parts.joined(separator: ".")
        self.stage = stage
        self.years = years
        self.text = text
    }

    public var description: String { text }

    /// The metric's value for `plan`: the row without a year, the row of the year, or the sum over the range.
    public func value(in rows: [ComparisonRow], plan: String) throws(Failure) -> Double {
        let mine = rows.filter { $0.plan == plan && $0.indicator == indicator }
        guard !mine.isEmpty else {
            throw .unknown(text, known: Array(Set(rows.map(\.indicator))).filter { !$0.hasPrefix("target.") && !$0.hasPrefix("target_met.") }.sorted()
                           + ["target.<key>", "target_met.<key>"])
        }
        let matching = mine.filter { r in r.stage == stage && (years.map { y in r.year.map(y.contains) ?? false } ?? (r.year == nil)) }
        guard !matching.isEmpty else { throw .noValue(text) }
        return matching.reduce(0) { $0 + $1.value }
    }
}
