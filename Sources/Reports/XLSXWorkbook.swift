import CXLSXWriter
import ScenarioModel
import SeatMetrics
import Foundation

/// Writes report tables as sheets of one Excel workbook with libxlsxwriter: a bold header row in
/// Chinese and English, frozen, with filters; numbers as numbers in the format their decimals give
/// (people and whole numbers with thousands separators), shares as %, money in 万元; columns as wide as their contents; warnings
/// filled 红/黄/绿 with the Chinese word; flags 是/否; printed A4 landscape, one page wide, the header
/// on every page. The document's creation time is
/// fixed (`created`), so the same tables give the same bytes on every run.
public enum XLSXWorkbook {
    /// 1 January 2000 00:00 UTC: libxlsxwriter would otherwise stamp the current time.
    static let created: time_t = 946_684_800

    public enum Failure: Error, CustomStringConvertible {
        case cannotWrite(String)
        public var description: String {
            switch self { case .cannotWrite(let why): return "cannot write the workbook: \(why)" }
        }
    }

    /// Display width of a text in Excel's character units: a CJK character counts two.
    static func width(_ text: String) -> Double {
        Double(text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) })
    }

    /// Writes the workbook to `url`; libxlsxwriter's temporary files go into the same folder (an
    /// output folder's staging folder), never into `$TMPDIR`.
    public static func write(_ tables: [ReportTable], to url: URL) throws(Failure) {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        let workbook: UnsafeMutablePointer<lxw_workbook>? = folder.withCString { dir in
            var options = lxw_workbook_options()
            options.tmpdir = UnsafeMutablePointer(mutating: dir)
            return workbook_new_opt(path, &options)
        }
        guard let workbook else { throw .cannotWrite("libxlsxwriter could not create \(path)") }
        var properties = lxw_doc_properties()
        properties.created = Self.created
        workbook_set_properties(workbook, &properties)
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        format_set_text_wrap(bold)
        // Numbers as their decimals say: whole numbers and counts of people with thousands separators.
        let numberFormats = ["#,##0", "#,##0.0", "#,##0.00", "#,##0", "0.0000"].map { pattern -> UnsafeMutablePointer<lxw_format>? in
            let f = workbook_add_format(workbook)
            format_set_num_format(f, pattern)
            return f
        }
        let shareFormat = workbook_add_format(workbook), moneyFormat = workbook_add_format(workbook), yearFormat = workbook_add_format(workbook)
        format_set_num_format(yearFormat, "0")
        format_set_num_format(shareFormat, "0.0%")
        format_set_num_format(moneyFormat, "#,##0.0")
        // Warnings filled as the bureau's 红黄绿 with the Chinese word beside the key.
        let fills: [Warning: UnsafeMutablePointer<lxw_format>?] = Dictionary(uniqueKeysWithValues: [
            (Warning.red, 0xF4B6B0 as UInt32), (.yellow, 0xFFE699), (.green, 0xC6E0B4),
        ].map { warning, colour in
            let f = workbook_add_format(workbook)
            format_set_bg_color(f, colour)
            return (warning, f)
        })
        for table in tables {
            guard let name = table.sheet else { continue }
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                workbook_close(workbook)
                throw .cannotWrite("libxlsxwriter refused the sheet name \(name) (taken, or longer than 31 characters)")
            }
            var widths = [Double](repeating: 6, count: table.columns.count)
            for (c, (zh, en)) in zip(table.columnsZH, table.columns).enumerated() {
                let header = zh.isEmpty ? en : "\(zh) \(en)"
                worksheet_write_string(sheet, 0, lxw_col_t(c), header, bold)
                widths[c] = max(widths[c], min(Self.width(header), 24))
            }
            for (r, row) in table.rows.enumerated() {
                let rowIndex = lxw_row_t(r + 1)
                for (c, cell) in row.enumerated() {
                    func text(_ text: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
                        worksheet_write_string(sheet, rowIndex, lxw_col_t(c), text, format)
                        widths[c] = max(widths[c], Self.width(text))
                    }
                    switch cell {
                    case .text(let s): text(s)
                    case .term(let key, let zh): text("\(zh) \(key)")
                    case .warning(let w): text("\(w.nameZH.prefix(1)) \(w.rawValue)", fills[w] ?? nil)
                    case .flag(let b): text(b ? "是 yes" : "否 no")
                    case .number(let v, let places):
                        worksheet_write_number(sheet, rowIndex, lxw_col_t(c), v, numberFormats[min(places, 4)])
                        widths[c] = max(widths[c], Double(cell.csvText.count) + 2)
                    case .year(let y):
                        worksheet_write_number(sheet, rowIndex, lxw_col_t(c), Double(y), yearFormat)
                        widths[c] = max(widths[c], 6)
                    case .share(let v):
                        worksheet_write_number(sheet, rowIndex, lxw_col_t(c), v, shareFormat)
                        widths[c] = max(widths[c], 8)
                    case .money(let v):
                        worksheet_write_number(sheet, rowIndex, lxw_col_t(c), v / 10_000, moneyFormat)
                        widths[c] = max(widths[c], Double(grouped(v / 10_000).count) + 4)
                    case .empty: break
                    }
                }
            }
            for (c, w) in widths.enumerated() { worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), min(w + 1, 50), nil) }
            worksheet_freeze_panes(sheet, 1, 0)
            if !table.rows.isEmpty {
                worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.count), lxw_col_t(table.columns.count - 1))
            }
            // Printed on A4 landscape, one page wide, the header row on every page.
            worksheet_set_landscape(sheet)
            worksheet_set_paper(sheet, 9)
            worksheet_fit_to_pages(sheet, 1, 0)
            worksheet_repeat_rows(sheet, 0, 0)
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { throw .cannotWrite(String(cString: lxw_strerror(status))) }
    }
}
