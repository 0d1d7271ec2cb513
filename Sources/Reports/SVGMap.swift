import Foundation
import ScenarioModel

/// The county on one page, as inline SVG: communities sized by their school-age children, grouped
/// into township outlines (the convex hull of each township's communities, widened by a margin), schools by kind and by how full they are, and a plan's closures, new schools and catchment
/// lines; township names, a north arrow and a scale bar. Labels are placed so that they do not
/// overlap (`LabelPlacement`), and the map carries its own styles, so it reads the same outside the
/// report (the notebooks show it as it is).
///
/// Projection: equirectangular about the county's mean latitude φ₀ (x = λ·cos φ₀, y = −φ), scaled to
/// the page; at county scale (≤ 100 km) its distortion is below 0.1%.
struct SVGMap {
    struct Place {
        let x: Double, y: Double
    }

    struct School {
        let name: String
        let district: AreaID
        let kind: SchoolKind
        let latitude: Double, longitude: Double
        /// Demand ÷ seats in the year shown; nil without seats.
        let utilisation: Double?
        var closes = false
        var isNew = false
    }

    struct Community {
        let name: String
        let district: AreaID
        let latitude: Double, longitude: Double
        let children: Double
    }

    let districts: [District]
    let communities: [Community]
    let schools: [School]
    /// Catchment lines of the plan's new schools: (from a community, to the school), as coordinates.
    let catchments: [(from: (lat: Double, lon: Double), to: (lat: Double, lon: Double))]

    static let width = 760.0, height = 560.0, margin = 36.0

    /// The map's styles, inside its own `<svg>`.
    static let style = """
        text{font-family:\(SVGChart.fontStack)}\(SVGChart.textStyle)\
        .township{stroke-linejoin:round}.township-name{font-size:12px;font-weight:bold;fill:#333}\
        .community{fill:#0072B2;fill-opacity:0.25;stroke:#0072B2;stroke-width:0.6}.school{stroke:#222;stroke-width:0.8}\
        .closure{stroke:#000;stroke-width:2}.catchment{stroke:#7b3294;stroke-width:0.8;stroke-dasharray:3 2}\
        .school-name{font-size:11px;fill:#7b3294;font-weight:bold;paint-order:stroke;stroke:#fff;stroke-width:3px}\
        .north{fill:#222}.scale{fill:none;stroke:#222;stroke-width:2}
        """

    /// Kilometres per degree of latitude (a sphere of radius 6,371 km).
    static let kmPerDegree = 6371.0 * Double.pi / 180

    func svg(title: String) -> String {
        let lats = communities.map(\.latitude) + schools.map(\.latitude)
        let lons = communities.map(\.longitude) + schools.map(\.longitude)
        guard let latMin = lats.min(), let latMax = lats.max(), let lonMin = lons.min(), let lonMax = lons.max() else { return "" }
        let cosPhi = cos((latMin + latMax) / 2 * Double.pi / 180)
        let spanX = max((lonMax - lonMin) * cosPhi, 1e-6), spanY = max(latMax - latMin, 1e-6)
        let top = Self.margin + 28
        let scale = min((Self.width - 2 * Self.margin) / spanX, (Self.height - top - Self.margin - 40) / spanY)  // pixels per degree of latitude
        func place(_ lat: Double, _ lon: Double) -> Place {
            Place(x: Self.margin + (lon - lonMin) * cosPhi * scale, y: top + (latMax - lat) * scale)
        }
        let n = SVGChart.n, esc = SVGChart.escape
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\" aria-label=\"\(esc(title))\">"
        s += "<style>\(Self.style)</style>"
        s += "<text x=\"\(n(Self.margin))\" y=\"22\" class=\"title\">\(esc(title))</text>"
        var labels = LabelPlacement(bounds: (0, top - 16, Self.width, Self.height - 30))
        var townshipLabels: [(name: String, at: [Place])] = []
        // Township outlines; their names after the markers are known.
        for (i, d) in districts.enumerated() {
            // The township's communities (its schools where it has none with coordinates).
            var points = communities.filter { $0.district == d.id }.map { place($0.latitude, $0.longitude) }
            if points.isEmpty { points = schools.filter { $0.district == d.id }.map { place($0.latitude, $0.longitude) } }
            guard !points.isEmpty else { continue }
            let hull = Self.widened(Self.convexHull(points), by: 14)
            let colour = SVGChart.palette[i % SVGChart.palette.count]
            s += "<polygon class=\"township\" points=\"\(hull.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.06\" stroke=\"\(colour)\" stroke-width=\"1.2\"/>"
            let cx = points.map(\.x).reduce(0, +) / Double(points.count), cy = points.map(\.y).reduce(0, +) / Double(points.count)
            let topY = hull.map(\.y).min() ?? points[0].y, bottomY = hull.map(\.y).max() ?? points[0].y
            // Above the outline, below it, or at its centre.
            townshipLabels.append((d.name, [Place(x: cx, y: topY - 4), Place(x: cx, y: bottomY + 14), Place(x: cx, y: cy)]))
        }
        // Catchment lines under the markers.
        for c in catchments {
            let a = place(c.from.lat, c.from.lon), b = place(c.to.lat, c.to.lon)
            s += "<line class=\"catchment\" x1=\"\(n(a.x))\" y1=\"\(n(a.y))\" x2=\"\(n(b.x))\" y2=\"\(n(b.y))\"/>"
        }
        // Communities: area ∝ children aged 3–17.
        let most = max(1, communities.map(\.children).max() ?? 1)
        for c in communities {
            let p = place(c.latitude, c.longitude)
            s += "<circle class=\"community\" cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(2 + 14 * (c.children / most).squareRoot()))\"><title>\(esc(c.name)): \(grouped(c.children))</title></circle>"
        }
        // Every marker is an obstacle for the labels.
        for school in schools {
            let p = place(school.latitude, school.longitude)
            labels.occupy(x: p.x - 6, y: p.y - 7, width: 12, height: 14)
        }
        for (name, candidates) in townshipLabels {
            let at = labels.place(name, size: 12, anchors: candidates.map { ($0.x, $0.y, .middle) })
            s += "<text x=\"\(n(at.x))\" y=\"\(n(at.y))\" class=\"township-name\" text-anchor=\"\(at.anchor.rawValue)\">\(esc(name))</text>"
        }
        for school in schools {
            let p = place(school.latitude, school.longitude)
            let fill = school.isNew ? "#7b3294" : Self.colour(school.utilisation)
            s += Self.marker(school.kind, at: p, fill: fill, title: esc(school.name) + (school.utilisation.map { " \(n($0 * 100))%" } ?? ""))
            if school.closes {
                s += "<path class=\"closure\" d=\"M\(n(p.x - 6)),\(n(p.y - 6))L\(n(p.x + 6)),\(n(p.y + 6))M\(n(p.x - 6)),\(n(p.y + 6))L\(n(p.x + 6)),\(n(p.y - 6))\"/>"
            }
            if school.isNew {
                // Right of the marker, left of it, above or below.
                let at = labels.place(school.name, size: 11, anchors: [(p.x + 8, p.y + 4, .start), (p.x - 8, p.y + 4, .end),
                                                                       (p.x, p.y - 10, .middle), (p.x, p.y + 18, .middle)])
                s += "<text x=\"\(n(at.x))\" y=\"\(n(at.y))\" class=\"school-name\" text-anchor=\"\(at.anchor.rawValue)\">\(esc(school.name))</text>"
            }
        }
        // North arrow and scale bar (a round number of km near a fifth of the width).
        let ax = Self.width - Self.margin, ay = top + 10
        s += "<path class=\"north\" d=\"M\(n(ax)),\(n(ay - 14))L\(n(ax - 7)),\(n(ay + 8))L\(n(ax)),\(n(ay + 3))L\(n(ax + 7)),\(n(ay + 8))Z\"/>"
        s += "<text x=\"\(n(ax))\" y=\"\(n(ay + 22))\" class=\"tick\" text-anchor=\"middle\">北 N</text>"
        let kmPerPixel = Self.kmPerDegree / scale
        let target = (Self.width / 5) * kmPerPixel
        let km = SVGChart.ticks(0, target).last(where: { $0 > 0 && $0 <= target }) ?? target
        let bar = km / kmPerPixel, by = Self.height - 18
        s += "<path class=\"scale\" d=\"M\(n(Self.margin)),\(n(by - 5))V\(n(by))H\(n(Self.margin + bar))V\(n(by - 5))\"/>"
        s += "<text x=\"\(n(Self.margin + bar + 6))\" y=\"\(n(by))\" class=\"tick\">\(n(km)) km 公里</text>"
        s += legend(y: by)
        return s + "</svg>"
    }

    /// Marker shapes by kind: square kindergarten, circle primary (and teaching point, smaller),
    /// triangle junior and nine-year, diamond senior, complete and vocational schools.
    static func marker(_ kind: SchoolKind, at p: Place, fill: String, title: String) -> String {
        let n = SVGChart.n
        let head = "class=\"school\" fill=\"\(fill)\""
        switch kind {
        case .kindergarten:
            return "<rect \(head) x=\"\(n(p.x - 4))\" y=\"\(n(p.y - 4))\" width=\"8\" height=\"8\"><title>\(title)</title></rect>"
        case .primary, .teachingPoint:
            return "<circle \(head) cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(kind == .teachingPoint ? 3 : 4.5)\"><title>\(title)</title></circle>"
        case .junior, .nineYear:
            return "<path \(head) d=\"M\(n(p.x)),\(n(p.y - 6))L\(n(p.x + 5.5)),\(n(p.y + 4))L\(n(p.x - 5.5)),\(n(p.y + 4))Z\"><title>\(title)</title></path>"
        case .senior, .completeSecondary, .twelveYear, .vocational:
            return "<path \(head) d=\"M\(n(p.x)),\(n(p.y - 7))L\(n(p.x + 6)),\(n(p.y))L\(n(p.x)),\(n(p.y + 7))L\(n(p.x - 6)),\(n(p.y))Z\"><title>\(title)</title></path>"
        }
    }

    /// Red over 100% full, amber from 85%, green below, grey without seats.
    static func colour(_ utilisation: Double?) -> String {
        guard let u = utilisation else { return "#999999" }
        return u > 1 ? "#d7301f" : u >= 0.85 ? "#fdae61" : "#1a9850"
    }

    private func legend(y: Double) -> String {
        let n = SVGChart.n
        var s = ""
        var x = 250.0
        for (kind, label) in [(SchoolKind.kindergarten, "幼儿园"), (.primary, "小学"), (.junior, "初中"), (.senior, "高中/中职")] {
            s += Self.marker(kind, at: Place(x: x, y: y - 4), fill: "#666666", title: label)
            s += "<text x=\"\(n(x + 9))\" y=\"\(n(y))\" class=\"legend\">\(SVGChart.escape(label))</text>"
            x += 70
        }
        for (u, label) in [(1.2, ">100%"), (0.9, "85–100%"), (0.5, "<85%")] as [(Double, String)] {
            s += "<rect x=\"\(n(x))\" y=\"\(n(y - 9))\" width=\"10\" height=\"10\" fill=\"\(Self.colour(u))\"/><text x=\"\(n(x + 14))\" y=\"\(n(y))\" class=\"legend\">\(SVGChart.escape(label))</text>"
            x += 68
        }
        return s
    }

    /// Andrew's monotone chain; a single point or a segment is returned as given.
    static func convexHull(_ points: [Place]) -> [Place] {
        let p = points.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard p.count > 2 else { return p }
        func cross(_ o: Place, _ a: Place, _ b: Place) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
        var lower: [Place] = [], upper: [Place] = []
        for q in p {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
            lower.append(q)
        }
        for q in p.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
            upper.append(q)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// The hull pushed `d` pixels outwards from its centre (a point or a segment becomes an octagon
    /// around it), so that markers on the edge stay inside.
    static func widened(_ hull: [Place], by d: Double) -> [Place] {
        let cx = hull.map(\.x).reduce(0, +) / Double(hull.count), cy = hull.map(\.y).reduce(0, +) / Double(hull.count)
        if hull.count < 3 {
            return (0..<8).map { k in
                let a = Double(k) * Double.pi / 4
                let reach = hull.map { hypot($0.x - cx, $0.y - cy) }.max() ?? 0
                return Place(x: cx + (reach + d) * cos(a), y: cy + (reach + d) * sin(a))
            }
        }
        return hull.map { p in
            let dx = p.x - cx, dy = p.y - cy, r = max(hypot(dx, dy), 1e-9)
            return Place(x: p.x + dx / r * d, y: p.y + dy / r * d)
        }
    }
}

/// Labels placed without overlapping one another or the markers: each label takes the first of its
/// candidate positions whose box meets no box taken so far and stays on the page, or else the one
/// that overlaps least (greedy, in the order asked; Imhof's rule of trying a few fixed positions
/// around the point). A label's box: its font size high, its width counted at one em a CJK
/// character and 0.6 em any other.
struct LabelPlacement {
    enum Anchor: String { case start, middle, end }

    struct Box {
        let x: Double, y: Double, width: Double, height: Double
        func overlap(_ o: Box) -> Double {
            max(0, min(x + width, o.x + o.width) - max(x, o.x)) * max(0, min(y + height, o.y + o.height) - max(y, o.y))
        }
    }

    let bounds: (x0: Double, y0: Double, x1: Double, y1: Double)
    private(set) var taken: [Box] = []

    init(bounds: (x0: Double, y0: Double, x1: Double, y1: Double)) { self.bounds = bounds }

    mutating func occupy(x: Double, y: Double, width: Double, height: Double) { taken.append(Box(x: x, y: y, width: width, height: height)) }

    static func width(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? size : 0.6 * size) }
    }

    /// The box of a label whose baseline starts, centres or ends at (x, y).
    static func box(_ text: String, size: Double, x: Double, y: Double, anchor: Anchor) -> Box {
        let w = width(text, size: size)
        let left = anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w
        return Box(x: left, y: y - size, width: w, height: size * 1.2)
    }

    mutating func place(_ text: String, size: Double, anchors: [(x: Double, y: Double, anchor: Anchor)]) -> (x: Double, y: Double, anchor: Anchor) {
        var best = anchors[0], bestCost = Double.infinity
        for a in anchors {
            let b = Self.box(text, size: size, x: a.x, y: a.y, anchor: a.anchor)
            let outside = b.x < bounds.x0 || b.y < bounds.y0 || b.x + b.width > bounds.x1 || b.y + b.height > bounds.y1
            let cost = taken.reduce(0) { $0 + $1.overlap(b) } + (outside ? b.width * b.height : 0)
            if cost < bestCost { (best, bestCost) = (a, cost) }
            if cost == 0 { break }
        }
        taken.append(Self.box(text, size: size, x: best.x, y: best.y, anchor: best.anchor))
        return best
    }
}
