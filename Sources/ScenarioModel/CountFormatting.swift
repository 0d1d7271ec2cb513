/// A count with thousands separators, as planners' tables print it: 12345.6 → "12,346".
public func grouped(_ v: Double) -> String {
    guard v.isFinite, abs(v) < 1e15 else { return v.isNaN ? "—" : String(format: "%.3g", v) }
    let n = Int(v.rounded())
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}
