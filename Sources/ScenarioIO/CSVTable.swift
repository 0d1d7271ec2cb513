import CSV
import Foundation

/// A CSV file read for checking: its header and its rows, each row with the line on which it
/// starts (the header is line 1), as an editor shows it.
///
/// Parsing is CSV.swift's (RFC 4180 quoting); this type only adds what a planner's files need:
/// a UTF-8 byte-order mark (files saved from Excel or WPS) is dropped, CRLF line ends are accepted,
/// blank lines (and rows of empty cells, as spreadsheets leave) are skipped, and header names are
/// matched without regard to case or surrounding spaces.
struct CSVTable {
    struct Row {
        let line: Int
        let fields: [String]
    }

    /// The file's name as the scenario gives it, for messages.
    let file: String
    /// Header cells, trimmed and lower-cased.
    let header: [String]
    let rows: [Row]

    /// Reads `url`; on failure logs why (naming `file`) and returns nil.
    static func read(_ url: URL, file: String, log: inout DiagnosticLog) -> CSVTable? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.report(.fileNotFound(path: url.path), at: Location(file))
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            log.report(.notUTF8(csv: true), at: Location(file))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return parse(text, file: file, log: &log)
    }

    /// Parses CSV text (already decoded).
    static func parse(_ text: String, file: String, log: inout DiagnosticLog) -> CSVTable? {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            log.report(.notCSV(reason: "\(error)"), at: Location(file))
            return nil
        }
        var line = 1
        var header: [String]?
        var rows: [Row] = []
        while let fields = reader.next() {
            let startLine = line
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            // No table of a scenario has a line break inside a cell: one there is a quote left open,
            // and everything after it would be read as that cell.
            if let c = fields.firstIndex(where: { $0.contains("\n") || $0.contains("\r") }) {
                let name = header.flatMap { c < $0.count ? $0[c] : nil } ?? "field \(c + 1)"
                log.report(.openQuote(lines: line - startLine), at: Location(file, line: startLine, column: name))
                return nil
            }
            if let header {
                // Cells beyond the header's columns: empty ones are what spreadsheets leave; a value
                // there is a shifted row (a comma too many) and would be lost.
                if let extra = fields.indices.dropFirst(header.count).first(where: { !fields[$0].trimmingCharacters(in: .whitespaces).isEmpty }) {
                    log.report(.beyondHeader(fields: fields.count, columns: header.count, text: shown(fields[extra])),
                               at: Location(file, line: startLine, column: "field \(extra + 1)"))
                }
                rows.append(Row(line: startLine, fields: fields))
            } else {
                header = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            }
        }
        if let error = reader.error {
            log.report(.notCSV(reason: "\(error)"), at: Location(file, line: line))
            return nil
        }
        guard let header else {
            log.report(.emptyFile(csv: true), at: Location(file))
            return nil
        }
        return CSVTable(file: file, header: header, rows: rows)
    }

    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar?
        for s in field.unicodeScalars {
            if s == "\n" && previous != "\r" { count += 1 }
            if s == "\r" { count += 1 }
            previous = s
        }
        return count
    }

    /// Index of a column, or nil.
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// True when every named column is present; logs each missing one at line 1.
    func require(_ names: [String], log: inout DiagnosticLog) -> Bool {
        var ok = true
        for name in names where column(name) == nil {
            log.report(.requiredColumn(name, header: header), at: Location(file, line: 1, column: name))
            ok = false
        }
        return ok
    }

    /// The trimmed cell of `row` in `column`, or "" when the row is short or the column absent.
    func cell(_ row: Row, _ name: String) -> String {
        guard let c = column(name), c < row.fields.count else { return "" }
        return row.fields[c].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
