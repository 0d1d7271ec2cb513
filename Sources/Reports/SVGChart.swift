import Foundation
import ScenarioModel

/// Charts drawn as inline SVG for the leadership report: no script, no network, the same bytes for
/// the same figures. Text is escaped; numbers are written with at most one decimal.
enum SVGChart {
    /// A series of a line chart.
    struct Series {
        let name: String
        let points: [(x: Int, y: Double)]
        var dashed = false
    }

    /// A shaded band of a line chart (an uncertainty fan: P10 to P90), drawn under the lines in the
    /// colour of the series with the same index.
    struct Band {
        let name: String
        let points: [(x: Int, low: Double, high: Double)]
    }

    /// The CJK-capable font stack (Debian's fonts-noto-cjk first), for the report's page and the map's own styles.
    static let fontStack = "\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",\"WenQuanYi Zen Hei\",sans-serif"

    /// The charts' title, legend and tick text, for the report's page and the map's own styles.
    static let textStyle = ".title{font-size:14px;font-weight:bold}.legend,.tick{font-size:11px;fill:#333}"

    /// Colours by series index (colour-blind safe, Okabe–Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (min(max(v, -1e12), 1e12) * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// Round tick values covering `lo…hi` (the last at or above `hi`): 1, 2 or 5 × 10ᵏ apart, about five.
    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        guard hi > lo else { return [lo] }
        let raw = (hi - lo) / 5
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        var out: [Double] = []
        var t = (lo / step).rounded(.down) * step
        while true {
            out.append(t)
            if t >= hi - step * 1e-9 { return out }
            t += step
        }
    }

    /// A tick label: 万 from ten thousand on, as Chinese tables count.
    static func label(_ v: Double) -> String { abs(v) >= 10_000 ? "\(n(v / 10_000))万" : grouped(v) }

    /// A line chart: years on x, `unit` on y, a legend under the title; bands shaded beneath the lines.
    static func lines(_ title: String, unit: String, series: [Series], bands: [Band] = [], width: Double = 640, height: Double = 300) -> String {
        let all = series.flatMap(\.points) + bands.flatMap { $0.points.flatMap { [($0.x, $0.low), ($0.x, $0.high)] } }
        guard let x0 = all.map(\.x).min(), let x1 = all.map(\.x).max() else { return "" }
        let ys = all.map(\.y).filter(\.isFinite)
        var lo = min(0, ys.min() ?? 0), hi = max(ys.max() ?? 1, lo + 1)
        let yTicks = ticks(lo, hi)
        lo = min(lo, yTicks.first ?? lo)
        hi = max(hi, yTicks.last ?? hi)
        let entries = series.count + bands.count
        let left = 64.0, right = 16.0, top = 46.0 + 16 * Double((entries + 2) / 3), bottom = 36.0
        let h = height + top - 46
        func px(_ x: Int) -> Double { left + (x1 == x0 ? 0 : Double(x - x0) / Double(x1 - x0)) * (width - left - right) }
        func py(_ y: Double) -> Double { h - bottom - (y - lo) / (hi - lo) * (h - top - bottom) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(h))\" role=\"img\" aria-label=\"\(escape(title))\">"
        s += "<text x=\"\(n(left))\" y=\"18\" class=\"title\">\(escape(title))</text>"
        for (i, series) in series.enumerated() {
            let lx = left + Double(i % 3) * 190, ly = 36 + Double(i / 3) * 16
            s += "<line x1=\"\(n(lx))\" y1=\"\(n(ly - 4))\" x2=\"\(n(lx + 18))\" y2=\"\(n(ly - 4))\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2.5\"\(series.dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
            s += "<text x=\"\(n(lx + 24))\" y=\"\(n(ly))\" class=\"legend\">\(escape(series.name))</text>"
        }
        for (i, band) in bands.enumerated() {
            let e = series.count + i, lx = left + Double(e % 3) * 190, ly = 36 + Double(e / 3) * 16
            s += "<rect x=\"\(n(lx))\" y=\"\(n(ly - 10))\" width=\"18\" height=\"10\" fill=\"\(palette[i % palette.count])\" fill-opacity=\"0.25\"/>"
            s += "<text x=\"\(n(lx + 24))\" y=\"\(n(ly))\" class=\"legend\">\(escape(band.name))</text>"
        }
        for t in yTicks {
            s += "<line x1=\"\(n(left))\" y1=\"\(n(py(t)))\" x2=\"\(n(width - right))\" y2=\"\(n(py(t)))\" class=\"grid\"/>"
            s += "<text x=\"\(n(left - 6))\" y=\"\(n(py(t) + 4))\" class=\"tick\" text-anchor=\"end\">\(label(t))</text>"
        }
        let years = Array(stride(from: x0, through: x1, by: max(1, (x1 - x0 + 7) / 8)))
        for x in years {
            s += "<text x=\"\(n(px(x)))\" y=\"\(n(h - bottom + 16))\" class=\"tick\" text-anchor=\"middle\">\(x)</text>"
        }
        s += "<text x=\"14\" y=\"\(n((top + h - bottom) / 2))\" class=\"axis\" transform=\"rotate(-90 14 \(n((top + h - bottom) / 2)))\" text-anchor=\"middle\">\(escape(unit))</text>"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(h - bottom))\" x2=\"\(n(width - right))\" y2=\"\(n(h - bottom))\" class=\"axisline\"/>"
        for (i, band) in bands.enumerated() where !band.points.isEmpty {
            let sorted = band.points.sorted { $0.x < $1.x }
            let outline = sorted.map { (x: $0.x, y: $0.high) } + sorted.reversed().map { (x: $0.x, y: $0.low) }
            s += "<polygon class=\"band\" fill=\"\(palette[i % palette.count])\" fill-opacity=\"0.25\" stroke=\"none\" points=\""
                + outline.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ") + "\"/>"
        }
        for (i, series) in series.enumerated() where !series.points.isEmpty {
            let d = series.points.sorted { $0.x < $1.x }.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
            s += "<polyline class=\"series\" fill=\"none\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2.5\"\(series.dashed ? " stroke-dasharray=\"5 3\"" : "") points=\"\(d)\"/>"
        }
        return s + "</svg>"
    }

    /// A heat map of seat gaps: rows (townships) by columns (years), red for a shortage, blue for
    /// spare seats, each cell with its value.
    static func heatMap(_ title: String, rows: [String], columns: [Int], values: [[Double]], unit: String) -> String {
        let cell = 44.0, rowHeight = 22.0, left = 150.0, top = 52.0
        let width = left + cell * Double(columns.count) + 16, height = top + rowHeight * Double(rows.count) + 30
        let scale = max(1, values.flatMap { $0 }.map(abs).max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        s += "<text x=\"8\" y=\"18\" class=\"title\">\(escape(title))</text>"
        s += "<text x=\"8\" y=\"36\" class=\"legend\">\(escape(unit))</text>"
        for (j, year) in columns.enumerated() where j % max(1, columns.count / 9) == 0 || j == columns.count - 1 {
            s += "<text x=\"\(n(left + cell * (Double(j) + 0.5)))\" y=\"\(n(top - 4))\" class=\"tick\" text-anchor=\"middle\">\(year)</text>"
        }
        for (i, name) in rows.enumerated() {
            let y = top + rowHeight * Double(i)
            s += "<text x=\"\(n(left - 6))\" y=\"\(n(y + 15))\" class=\"tick\" text-anchor=\"end\">\(escape(name))</text>"
            for (j, v) in values[i].enumerated() {
                let a = min(1, abs(v) / scale)
                let colour = v > 0.5 ? "rgba(213,94,0,\(n(0.15 + 0.85 * a)))" : v < -0.5 ? "rgba(0,114,178,\(n(0.1 + 0.5 * a)))" : "#f4f4f4"
                s += "<rect class=\"cell\" x=\"\(n(left + cell * Double(j)))\" y=\"\(n(y))\" width=\"\(n(cell - 1))\" height=\"\(n(rowHeight - 1))\" fill=\"\(colour)\"><title>\(escape(name)) \(columns[j]): \(grouped(v))</title></rect>"
                if columns.count <= 20 {
                    s += "<text x=\"\(n(left + cell * (Double(j) + 0.5)))\" y=\"\(n(y + 15))\" class=\"cellvalue\" text-anchor=\"middle\">\(grouped(v))</text>"
                }
            }
        }
        return s + "</svg>"
    }

    /// A scatter of plans: x and y with their labels and units.
    static func scatter(_ title: String, points: [(label: String, x: Double, y: Double)], xUnit: String, yUnit: String) -> String {
        guard !points.isEmpty else { return "" }
        let width = 640.0, height = 320.0, left = 70.0, right = 24.0, top = 36.0, bottom = 44.0
        let xs = points.map(\.x), ys = points.map(\.y)
        let xt = ticks(xs.min()! * 0.98, xs.max()! * 1.02 + 1e-9), yt = ticks(min(0, ys.min()!), max(ys.max()! * 1.1, 1))
        let x0 = xt.first!, x1 = max(xt.last!, x0 + 1e-9), y0 = yt.first!, y1 = max(yt.last!, y0 + 1e-9)
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        s += "<text x=\"\(n(left))\" y=\"18\" class=\"title\">\(escape(title))</text>"
        for t in yt { s += "<line x1=\"\(n(left))\" y1=\"\(n(py(t)))\" x2=\"\(n(width - right))\" y2=\"\(n(py(t)))\" class=\"grid\"/><text x=\"\(n(left - 6))\" y=\"\(n(py(t) + 4))\" class=\"tick\" text-anchor=\"end\">\(grouped(t))</text>" }
        for t in xt { s += "<text x=\"\(n(px(t)))\" y=\"\(n(height - bottom + 16))\" class=\"tick\" text-anchor=\"middle\">\(grouped(t))</text>" }
        s += "<text x=\"\(n((left + width - right) / 2))\" y=\"\(n(height - 6))\" class=\"axis\" text-anchor=\"middle\">\(escape(xUnit))</text>"
        s += "<text x=\"14\" y=\"\(n((top + height - bottom) / 2))\" class=\"axis\" transform=\"rotate(-90 14 \(n((top + height - bottom) / 2)))\" text-anchor=\"middle\">\(escape(yUnit))</text>"
        for (i, p) in points.enumerated() {
            s += "<circle class=\"point\" cx=\"\(n(px(p.x)))\" cy=\"\(n(py(p.y)))\" r=\"6\" fill=\"\(palette[i % palette.count])\"/>"
            let right = px(p.x) > width * 0.6  // labels of points on the right side go to their left
            s += "<text x=\"\(n(px(p.x) + (right ? -9 : 9)))\" y=\"\(n(py(p.y) - 8))\" class=\"legend\"\(right ? " text-anchor=\"end\"" : "")>\(escape(p.label))</text>"
        }
        return s + "</svg>"
    }
}
