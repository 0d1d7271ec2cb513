import Foundation
import ScenarioModel
import SeatMetrics

/// A cell of a report table.
public enum ReportCell: Sendable, Equatable {
    case text(String)
    /// A number and the decimals it is written with in CSV.
    case number(Double, places: Int)
    /// A share (0.92): four decimals in CSV, `92.0%` in the workbook.
    case share(Double)
    /// Money in yuan: whole yuan in CSV, 万元 (yuan / 10,000) with one decimal in the workbook, whose
    /// header says 万元.
    case money(Double)
    /// A year: written without a thousands separator.
    case year(Int)
    /// A key and its Chinese term: the key in CSV (`grades_1_3`), `小学1–3年级 grades_1_3` in the workbook.
    case term(String, zh: String)
    /// A seat warning: its key in CSV (`red`), `红 red` filled red in the workbook.
    case warning(Warning)
    /// A yes/no: `true`/`false` in CSV, `是 yes`/`否 no` in the workbook.
    case flag(Bool)
    case empty

    static func count(_ v: Double) -> ReportCell { .number(v, places: 3) }
    static func integer(_ v: Int) -> ReportCell { .number(Double(v), places: 0) }
    static func optional(_ v: Double?, places: Int) -> ReportCell { v.map { .number($0, places: places) } ?? .empty }
    static func stage(_ s: Stage) -> ReportCell { .term(s.rawValue, zh: s.nameZH) }
    static func optionalShare(_ v: Double?) -> ReportCell { v.map { .share($0) } ?? .empty }
    static func optionalFlag(_ v: Bool?) -> ReportCell { v.map { .flag($0) } ?? .empty }

    /// The cell as CSV text: fixed decimals, no exponent, `-0` written as `0`.
    var csvText: String {
        switch self {
        case .text(let s): return s
        case .year(let y): return String(y)
        case .term(let key, _): return key
        case .warning(let w): return w.rawValue
        case .flag(let b): return b ? "true" : "false"
        case .empty: return ""
        case .share(let v): return ReportCell.number(v, places: 4).csvText
        case .money(let v): return ReportCell.number(v, places: 0).csvText
        case .number(let v, let places):
            let scale = pow(10.0, Double(places))
            let r = (v * scale).rounded() / scale
            return String(format: "%.\(places)f", r == 0 ? 0 : r)
        }
    }
}

/// A table written both as a CSV file (English headers) and as a sheet of the workbook
/// (headers in Chinese and English). Columns for the reader of the workbook only (a name beside its
/// id) are left out of the CSV, whose columns stay those its readers parse.
public struct ReportTable: Sendable {
    /// CSV file name; nil for a table that appears only in the workbook.
    public let file: String?
    /// Sheet name; nil for a table that appears only as a CSV file.
    public let sheet: String?
    public let columns: [String]
    public let columnsZH: [String]
    /// The columns written to the CSV file, in order.
    let csvColumns: [Int]
    public var rows: [[ReportCell]] = []

    public init(file: String?, sheet: String?, columns: [(String, String)], workbookOnly: Set<String> = []) {
        self.file = file
        self.sheet = sheet
        self.columns = columns.map(\.0)
        self.columnsZH = columns.map(\.1)
        self.csvColumns = self.columns.indices.filter { !workbookOnly.contains(columns[$0].0) }
    }

    mutating func add(_ row: [ReportCell]) {
        precondition(row.count == columns.count, "\(sheet): a row of \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// The CSV file's bytes.
    public var csv: Data {
        var out = CSVOutput(header: csvColumns.map { columns[$0] })
        for row in rows { out.row(csvColumns.map { row[$0].csvText }) }
        return out.data
    }
}
