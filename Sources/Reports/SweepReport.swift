import Foundation
import ScenarioModel

/// `seatplan sweep`'s table: one row per value of the swept input, one column per metric.
public enum SweepReport {
    /// `sweep.csv`: `key,value,<metric>…`.
    public static func csv(key: String, values: [String], metrics: [String], table: [[Double]]) -> Data {
        var out = CSVOutput(header: ["key", "value"] + metrics)
        for (value, row) in zip(values, table) { out.row([key, value] + row.map { ReportCell.number($0, places: 4).csvText }) }
        return out.data
    }

    /// The terminal table; a column of rates and shares (all below 2 in size) with four decimals, one of
    /// counts or money grouped by thousands.
    public static func render(key: String, values: [String], metrics: [String], table: [[Double]]) -> String {
        var t = TextTable(header: [key] + metrics)
        let small = metrics.indices.map { c in table.allSatisfy { abs($0[c]) < 2 } }
        for (value, row) in zip(values, table) {
            t.add([value] + row.enumerated().map { c, v in small[c] ? ReportCell.number(v, places: 4).csvText : grouped(v) })
        }
        return t.render()
    }
}
