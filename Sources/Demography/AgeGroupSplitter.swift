import CGSL

/// An age group as population tables give it: single years (`7`), closed groups (`0-4`) or an open
/// group (`85+`).
public struct AgeGroup: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Lower age, inclusive.
    public let lower: Int
    /// Upper age, inclusive; `nil` for an open group.
    public let upper: Int?

    public init(lower: Int, upper: Int?) {
        self.lower = lower
        self.upper = upper
    }

    /// A single year of age.
    public static func single(_ age: Int) -> AgeGroup { AgeGroup(lower: age, upper: age) }

    public var isOpen: Bool { upper == nil }

    public var description: String {
        guard let upper else { return "\(lower)+" }
        return upper == lower ? "\(lower)" : "\(lower)-\(upper)"
    }

    public static func < (lhs: AgeGroup, rhs: AgeGroup) -> Bool { lhs.lower < rhs.lower }
}

/// Splits counts in age groups into single years of age 0 … `openAge` (the last being open).
///
/// Closed groups: the cumulative count `C(x) = Σ_{groups below x} N` is known at every group
/// boundary; it is interpolated at whole ages with Steffen's monotone cubic (GSL
/// `gsl_interp_steffen`, Steffen 1990, A&A 239:443) and single years are its differences,
/// `Nₓ = C(x+1) − C(x)`. The spline passes through every boundary, so each group keeps its total
/// exactly, and being monotone it never makes a negative count. With fewer than three boundaries the
/// interpolation is linear (an even split).
///
/// Open group `A+` with `A < openAge`: split over ages `A … openAge` in proportion to the life
/// table's person-years `Lₓ` (the stationary population), `Nₓ = N_{A+} · Lₓ / Σ_{y≥A} L_y`, where
/// the last weight is `T_ω`. Groups at or above `openAge` are added into the open group.
public enum AgeGroupSplitter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The groups leave ages uncovered or cover an age twice; `age` is the first such age.
        case notContiguous(age: Int)
        /// No group reaches to an open end.
        case noOpenGroup
        /// A closed group straddles `openAge`.
        case straddlesOpenAge(AgeGroup)

        public var description: String {
            switch self {
            case .notContiguous(let age): return "age groups must cover every age from 0 once; the problem starts at age \(age)"
            case .noOpenGroup: return "the last age group must be open (like 85+ or 100)"
            case .straddlesOpenAge(let g): return "age group \(g) crosses the open age"
            }
        }
    }

    /// - Parameters:
    ///   - counts: counts by group; groups must tile 0 … ∞ with the last one open.
    ///   - openAge: lower age of the output's open group (100 in scenarios).
    ///   - openGroupWeights: `Lₓ` for ages 0 … `openAge` (last = `T_ω`), used to split an open group
    ///     that starts below `openAge`.
    /// - Returns: `openAge + 1` single-year counts.
    public static func split(_ counts: [(group: AgeGroup, count: Double)], openAge: Int,
                             openGroupWeights: [Double]) throws(Failure) -> [Double] {
        let sorted = counts.sorted { $0.group.lower < $1.group.lower }
        var expected: Int? = 0          // the lower age the next group must start at; nil after an open group
        var boundaries: [Double] = [0]  // group boundaries below the open part
        var cumulative: [Double] = [0]  // counts below each boundary
        var openStart: Int?
        var openCount = 0.0
        for (group, count) in sorted {
            guard let lower = expected, group.lower == lower else {
                throw .notContiguous(age: min(group.lower, expected ?? group.lower))
            }
            if group.lower >= openAge || group.isOpen {
                openStart = openStart ?? min(group.lower, openAge)
                openCount += count
                expected = group.upper.map { $0 + 1 }
                continue
            }
            guard let upper = group.upper, upper < openAge else { throw .straddlesOpenAge(group) }
            boundaries.append(Double(upper + 1))
            cumulative.append(cumulative[cumulative.count - 1] + count)
            expected = upper + 1
        }
        guard expected == nil, let start = openStart else {
            if let e = expected, e < openAge { throw .notContiguous(age: e) }
            throw .noOpenGroup
        }
        var singles = [Double](repeating: 0, count: openAge + 1)
        // Closed groups: differences of the interpolated cumulative at whole ages.
        if start > 0 {
            let c = interpolateCumulative(boundaries: boundaries, cumulative: cumulative, ages: start)
            for x in 0..<start { singles[x] = max(0, c[x + 1] - c[x]) }
        }
        // Open group: stationary-population weights.
        let weights = Array(openGroupWeights[start...openAge])
        let total = weights.reduce(0, +)
        for x in start...openAge {
            singles[x] = total > 0 ? openCount * weights[x - start] / total
                                   : (x == openAge ? openCount : 0)
        }
        return singles
    }

    /// `C(0) … C(ages)` interpolated through the boundary points.
    private static func interpolateCumulative(boundaries: [Double], cumulative: [Double], ages: Int) -> [Double] {
        let n = boundaries.count
        if n == ages + 1 { return cumulative }  // already single years: the knots are the answer
        if n == 2 { return (0...ages).map { cumulative[1] * Double($0) / Double(ages) } }  // one group: even split
        _ = GSLRuntime.ready
        guard let interp = gsl_interp_alloc(seatplan_interp_steffen(), n), let accel = gsl_interp_accel_alloc() else {
            preconditionFailure("GSL could not allocate an interpolation of \(n) points")
        }
        defer {
            gsl_interp_free(interp)
            gsl_interp_accel_free(accel)
        }
        return boundaries.withUnsafeBufferPointer { x in
            cumulative.withUnsafeBufferPointer { y in
                _ = gsl_interp_init(interp, x.baseAddress, y.baseAddress, n)
                return (0...ages).map { age in
                    var v = 0.0
                    let status = gsl_interp_eval_e(interp, x.baseAddress, y.baseAddress, Double(age), accel, &v)
                    precondition(status == GSL_SUCCESS, "age \(age) lies inside the interpolated range")
                    return v
                }
            }
        }
    }
}
