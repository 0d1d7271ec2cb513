import CGSL

/// A quantity given for some years and needed for every year: a rate target, a TFR, an
/// urbanization rate, a sex ratio at birth.
///
/// Between two anchor years the value is interpolated linearly (GSL `gsl_interp_linear`);
/// before the first anchor it is held at the first value, after the last anchor at the last:
///
/// ```
/// v(t) = v(t₁)                                            t ≤ t₁
/// v(t) = v(tₖ) + (t − tₖ)/(tₖ₊₁ − tₖ) · (v(tₖ₊₁) − v(tₖ))     tₖ ≤ t ≤ tₖ₊₁
/// v(t) = v(tₘ)                                            t ≥ tₘ
/// ```
/// A path with one anchor is a constant. In `scenario.yaml` a number is a constant path and a map
/// `{2024: 0.88, 2027: 0.92}` is a path by year.
public struct YearPath: Sendable, Equatable, CustomStringConvertible {
    /// Anchor years, strictly increasing, at least one.
    public let years: [Int]
    /// Values at the anchor years.
    public let values: [Double]

    /// A path that is the same in every year.
    public init(constant value: Double) {
        years = [0]
        values = [value]
    }

    /// A path through the given anchor points; `nil` when `points` is empty.
    public init?(points: [Int: Double]) {
        guard !points.isEmpty else { return nil }
        let sorted = points.sorted { $0.key < $1.key }
        years = sorted.map(\.key)
        values = sorted.map(\.value)
    }

    /// The value in one year.
    public func value(in year: Int) -> Double { sample(years: year...year)[0] }

    /// The values in each year of `years`, in order.
    public func sample(years requested: ClosedRange<Int>) -> [Double] {
        if self.years.count == 1 { return Array(repeating: values[0], count: requested.count) }
        _ = GSLRuntime.ready
        let xs = self.years.map(Double.init)
        let n = xs.count
        guard let interp = gsl_interp_alloc(seatplan_interp_linear(), n) else {
            preconditionFailure("GSL could not allocate an interpolation of \(n) points")
        }
        defer { gsl_interp_free(interp) }
        let accel = gsl_interp_accel_alloc()
        defer { gsl_interp_accel_free(accel) }
        xs.withUnsafeBufferPointer { x in
            values.withUnsafeBufferPointer { y in
                _ = gsl_interp_init(interp, x.baseAddress, y.baseAddress, n)
            }
        }
        return requested.map { year in
            if year <= self.years[0] { return values[0] }
            if year >= self.years[n - 1] { return values[n - 1] }
            var out = 0.0
            let status = xs.withUnsafeBufferPointer { x in
                values.withUnsafeBufferPointer { y in
                    gsl_interp_eval_e(interp, x.baseAddress, y.baseAddress, Double(year), accel, &out)
                }
            }
            precondition(status == GSL_SUCCESS, "interpolation inside the anchor range failed")
            return out
        }
    }

    public var description: String {
        if years.count == 1 { return "\(values[0])" }
        return "{" + zip(years, values).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
    }
}
