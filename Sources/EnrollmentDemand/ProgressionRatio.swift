import CGSL
import Demography

/// A ratio observed in several years and fitted for projection: the mean of the observations, or a
/// least-squares line through them by year (GSL `gsl_fit_linear`), never below zero.
public struct ProgressionRatio: Sendable, Equatable {
    /// (year, ratio) observations.
    public let observations: [(year: Int, ratio: Double)]
    public let mean: Double
    public let intercept: Double
    public let slope: Double
    public let trend: Bool

    public init(observations: [(year: Int, ratio: Double)], trend: Bool) {
        self.observations = observations
        let n = observations.count
        _ = GSLRuntime.ready
        mean = n > 0 ? observations.reduce(0) { $0 + $1.ratio } / Double(n) : 0
        var c0 = mean, c1 = 0.0
        if trend, n >= 2 {
            let x = observations.map { Double($0.year) }, y = observations.map(\.ratio)
            var cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
            let status = gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
            if status != GSL_SUCCESS || !c0.isFinite || !c1.isFinite { c0 = mean; c1 = 0 }
        } else {
            c0 = mean
        }
        intercept = c0
        slope = c1
        self.trend = trend && n >= 2
    }

    /// The ratio to apply in `year` (the year of the lower grade, or of entry).
    public func value(at year: Int) -> Double { trend ? max(0, intercept + slope * Double(year)) : mean }

    public static func == (lhs: ProgressionRatio, rhs: ProgressionRatio) -> Bool {
        lhs.mean == rhs.mean && lhs.intercept == rhs.intercept && lhs.slope == rhs.slope && lhs.trend == rhs.trend
            && lhs.observations.map(\.year) == rhs.observations.map(\.year) && lhs.observations.map(\.ratio) == rhs.observations.map(\.ratio)
    }
}
