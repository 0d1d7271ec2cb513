import ScenarioModel

/// The first year each school, district and the county turns yellow and red, per stage — the early
/// warning a bureau publishes ahead of the intake (学位预警).
public struct WarningSummary: Sendable, Equatable {
    public let level: SeatGapRow.Level
    public let id: String
    public let stage: Stage
    public let firstYellow: Int?
    public let firstRed: Int?
    /// The warning in the base year and the worst over the horizon.
    public let now: Warning
    public let worst: Warning

    public static func compute(_ rows: [SeatGapRow]) -> [WarningSummary] {
        var order: [String] = []
        var groups: [String: [SeatGapRow]] = [:]
        for r in rows {
            let key = "\(r.level.rawValue)|\(r.id)|\(r.stage.rawValue)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        return order.compactMap { key in
            guard let g = groups[key]?.sorted(by: { $0.year < $1.year }), let first = g.first else { return nil }
            return WarningSummary(level: first.level, id: first.id, stage: first.stage,
                                  firstYellow: g.first { $0.warning >= .yellow }?.year,
                                  firstRed: g.first { $0.warning == .red }?.year,
                                  now: first.warning, worst: g.map(\.warning).max() ?? .green)
        }
    }
}
