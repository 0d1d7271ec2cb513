import Foundation

/// Reads OR-Library capacitated warehouse location files (Beasley 1990, `cap41` … `capc`):
/// ```
/// m n
/// capacity_i fixed_cost_i        (m lines; capa/capb/capc write the word "capacity")
/// demand_j                       then for each client j
/// cost_1j … cost_mj              the cost of serving all of j's demand from each site (may wrap lines)
/// ```
public enum ORLibrary {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case malformed(String)
        case capacityNeeded

        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read \(path)"
            case .malformed(let what): return "not an OR-Library capacitated location file: \(what)"
            case .capacityNeeded: return "this file writes its capacities as the word \"capacity\": give --capacity (capa: 8000, 10000, 12000 or 14000)"
            }
        }
    }

    public static func read(_ url: URL, capacity: Double? = nil) throws(Failure) -> CapacitatedFacilityLocation {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw .unreadable(url.path) }
        return try parse(text, capacity: capacity)
    }

    public static func parse(_ text: String, capacity: Double? = nil) throws(Failure) -> CapacitatedFacilityLocation {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        var p = 0
        func next() throws(Failure) -> Substring {
            guard p < tokens.count else { throw .malformed("it ends after \(tokens.count) values, more were expected") }
            defer { p += 1 }
            return tokens[p]
        }
        func number() throws(Failure) -> Double {
            let t = try next()
            guard let v = Double(t) else { throw .malformed("value \(p) \"\(t)\" is not a number") }
            return v
        }
        let m = Int(try number()), n = Int(try number())
        guard m > 0, n > 0 else { throw .malformed("sizes \(m) × \(n)") }
        var capacities: [Double] = [], fixed: [Double] = []
        for _ in 0..<m {
            let t = try next()
            if let v = capacity {
                capacities.append(v)
            } else if let v = Double(t) {
                capacities.append(v)
            } else {
                throw .capacityNeeded
            }
            fixed.append(try number())
        }
        var demands: [Double] = []
        var costs = [Double](repeating: 0, count: m * n)
        for j in 0..<n {
            demands.append(try number())
            for i in 0..<m { costs[i * n + j] = try number() }
        }
        return CapacitatedFacilityLocation(capacities: capacities, fixedCosts: fixed, demands: demands, costs: costs)
    }
}
