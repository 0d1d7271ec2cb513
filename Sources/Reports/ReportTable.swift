import Foundation

/// A cell of a report table.
public enum ReportCell: Sendable, Equatable {
    case text(String)
    /// A number and the decimals it is written with in CSV.
    case number(Double, places: Int)
    case empty

    static func count(_ v: Double) -> ReportCell { .number(v, places: 3) }
    static func integer(_ v: Int) -> ReportCell { .number(Double(v), places: 0) }
    static func optional(_ v: Double?, places: Int) -> ReportCell { v.map { .number($0, places: places) } ?? .empty }
    static func flag(_ v: Bool?) -> ReportCell { v.map { .text($0 ? "true" : "false") } ?? .empty }

    /// The cell as CSV text: fixed decimals, no exponent, `-0` written as `0`.
    var csvText: String {
        switch self {
        case .text(let s): return s
        case .empty: return ""
        case .number(let v, let places):
            let scale = pow(10.0, Double(places))
            let r = (v * scale).rounded() / scale
            return String(format: "%.\(places)f", r == 0 ? 0 : r)
        }
    }
}

/// A table written both as a CSV file (English headers) and as a sheet of the workbook
/// (headers in Chinese and English).
public struct ReportTable: Sendable {
    /// CSV file name; nil for a table that appears only in the workbook.
    public let file: String?
    public let sheet: String
    public let columns: [String]
    public let columnsZH: [String]
    public var rows: [[ReportCell]] = []

    public init(file: String?, sheet: String, columns: [(String, String)]) {
        self.file = file
        self.sheet = sheet
        self.columns = columns.map(\.0)
        self.columnsZH = columns.map(\.1)
    }

    mutating func add(_ row: [ReportCell]) {
        precondition(row.count == columns.count, "\(sheet): a row of \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// The CSV file's bytes.
    public var csv: Data {
        var out = CSVOutput(header: columns)
        for row in rows { out.row(row.map(\.csvText)) }
        return out.data
    }
}
