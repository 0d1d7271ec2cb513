import Foundation

/// A CSV file built in memory: UTF-8, LF line ends, fields quoted by RFC 4180 (a field holding a
/// comma, a double quote, CR or LF is enclosed in double quotes, its quotes doubled).
///
/// Reading goes through CSV.swift; writing does not, because its writer issues one stream call per
/// byte (2.9 s for the default scenario's 6.8 MB `population.csv`, release build) where appending
/// to a byte buffer takes a small fraction of that.
struct CSVOutput {
    private var bytes: [UInt8] = []

    init(header: [String]) {
        bytes.reserveCapacity(1 << 20)
        row(header)
    }

    /// Appends one row of text fields.
    mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            append(field: field)
        }
        bytes.append(0x0A)
    }

    /// Appends one row whose leading fields are text and whose last field is a count written with
    /// three decimals (see `decimal`).
    mutating func row(_ fields: [String], count: Double) {
        for field in fields {
            append(field: field)
            bytes.append(0x2C)
        }
        appendDecimal(count)
        bytes.append(0x0A)
    }

    private mutating func append(field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for b in utf8 {
            if b == 0x22 { bytes.append(0x22) }
            bytes.append(b)
        }
        bytes.append(0x22)
    }

    /// `v` rounded to three decimals, fixed point, `-0.000` written as `0.000`.
    private mutating func appendDecimal(_ v: Double) {
        var thousandths = Int64((v * 1000).rounded())
        if thousandths < 0 {
            bytes.append(0x2D)
            thousandths = -thousandths
        }
        bytes.append(contentsOf: String(thousandths / 1000).utf8)
        bytes.append(0x2E)
        let fraction = thousandths % 1000
        bytes.append(UInt8(0x30 + fraction / 100))
        bytes.append(UInt8(0x30 + fraction / 10 % 10))
        bytes.append(UInt8(0x30 + fraction % 10))
    }

    var data: Data { Data(bytes) }
}
