import CXLSXWriter
import Foundation

/// Writes report tables as sheets of one Excel workbook with libxlsxwriter: a bold header row in
/// Chinese and English, frozen, with filters; numbers as numbers. The document's creation time is
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
        for table in tables {
            guard let sheet = workbook_add_worksheet(workbook, table.sheet) else { continue }
            for (c, (zh, en)) in zip(table.columnsZH, table.columns).enumerated() {
                worksheet_write_string(sheet, 0, lxw_col_t(c), zh.isEmpty ? en : "\(zh) \(en)", bold)
            }
            for (r, row) in table.rows.enumerated() {
                let rowIndex = lxw_row_t(r + 1)
                for (c, cell) in row.enumerated() {
                    switch cell {
                    case .text(let s): worksheet_write_string(sheet, rowIndex, lxw_col_t(c), s, nil)
                    case .number(let v, _): worksheet_write_number(sheet, rowIndex, lxw_col_t(c), v, nil)
                    case .empty: break
                    }
                }
            }
            worksheet_set_column(sheet, 0, lxw_col_t(max(0, table.columns.count - 1)), 16, nil)
            worksheet_freeze_panes(sheet, 1, 0)
            if !table.rows.isEmpty {
                worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.count), lxw_col_t(table.columns.count - 1))
            }
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { throw .cannotWrite(String(cString: lxw_strerror(status))) }
    }
}
